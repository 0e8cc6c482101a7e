import { validationError } from "../errors.ts";
import { fail } from "./validation.ts";

/**
 * The deepest nesting a request body may have. Notion documents no number; its deepest real request (a
 * block appended with two levels of children, each with rich text and a link) is about 15 levels, a
 * harness seed of nested pages adds two per page level. Past this a body is refused before anything
 * walks it recursively (a 5,000-deep array overflowed the stack while a message was being built).
 */
export const MAX_JSON_DEPTH = 100;

/**
 * U+0000 and unpaired surrogates: JSON text may spell both (`"\u0000"`, `"\ud800"`), but neither is a
 * Unicode scalar value that UTF-8 can encode, PostgreSQL's `text`/`jsonb` refuse NUL, and a client
 * reading the value back would get something other than what it sent. Notion documents no behaviour
 * for them, so both engines refuse them the same way, naming where they were.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

const STORABLE_TEXT = "text without NUL (U+0000) or unpaired surrogate characters";

function pathOf(root: string, keys: ReadonlyArray<string | number>): string {
  let path = root;
  for (const key of keys) path += typeof key === "number" ? `[${key}]` : `.${key}`;
  return path;
}

/** The nesting depth of JSON text, counted over brackets outside strings; only used to report it. */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Walks a parsed request value (`root` is `body`, `query` or `path`): false when it is nested deeper
 * than `maxDepth`; throws for unstorable text, keys included. Recursion stops at `maxDepth`, so no input
 * can exhaust the stack.
 */
function walk(
  value: unknown,
  root: string,
  maxDepth: number,
  depth: number,
  keys: Array<string | number>,
): boolean {
  if (typeof value === "string") {
    if (!isStorableText(value)) fail(pathOf(root, keys), STORABLE_TEXT, value);
    return true;
  }
  if (typeof value !== "object" || value === null) return true;
  if (depth >= maxDepth) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      keys.push(i);
      if (!walk(value[i], root, maxDepth, depth + 1, keys)) return false;
      keys.pop();
    }
    return true;
  }
  for (const key in value) {
    if (!isStorableText(key)) fail(pathOf(root, keys), `an object whose keys are ${STORABLE_TEXT}`, key);
    keys.push(key);
    if (!walk((value as Record<string, unknown>)[key], root, maxDepth, depth + 1, keys)) return false;
    keys.pop();
  }
  return true;
}

/**
 * Refuses a request value Quire could not store faithfully: nested deeper than `maxDepth` (the message
 * gives the depth found in `text` when the raw JSON is at hand) or holding unstorable text.
 */
export function checkRequestValue(
  value: unknown,
  root: string,
  text?: string,
  maxDepth: number = MAX_JSON_DEPTH,
): void {
  if (walk(value, root, maxDepth, 0, [])) return;
  const found = text === undefined ? `more than \`${maxDepth}\`` : `\`${jsonTextDepth(text)}\``;
  throw validationError(
    `${root} failed validation: ${root} should be nested at most \`${maxDepth}\` levels deep, instead was ${found}.`,
  );
}
