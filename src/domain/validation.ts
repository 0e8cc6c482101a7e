import { validationError } from "../errors.ts";
import { parseId } from "./ids.ts";

/**
 * Request checks that fail with Notion's validation messages, e.g.
 * "body failed validation: body.parent.page_id should be defined, instead was `undefined`."
 * A JSON-schema validator could check the same shapes, but Notion's messages (and its "Fix one:" lists
 * for unions) are part of the contract, so the checks are written against the message format directly.
 */
export type JsonObject = Record<string, unknown>;

/** At most this many characters of a client's value appear in a message, however large the value. */
const EXCERPT_CHARS = 200;

/** A value as JSON, cut to a short excerpt: messages name what was sent without echoing all of it. */
export function show(value: unknown): string {
  if (value === undefined) return "undefined";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Only a value nested past the stack (request bodies are capped well before that) gets here.
    text = Array.isArray(value) ? "[…]" : "{…}";
  }
  return excerpt(text);
}

/** Raw text (an id, a name, a cursor) cut to a short excerpt for a message. */
export function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 3)}...` : text;
}

function rootOf(path: string): string {
  return /^[a-z_]+/i.exec(path)?.[0] ?? "body";
}

export function expectation(path: string, expected: string, actual: unknown): string {
  return `${path} should be ${expected}, instead was \`${show(actual)}\`.`;
}

export function fail(path: string, expected: string, actual: unknown): never {
  throw validationError(`${rootOf(path)} failed validation: ${expectation(path, expected, actual)}`);
}

/** Notion's message when none of several alternatives matched. */
export function failOneOf(path: string, alternatives: string[]): never {
  throw validationError(`${rootOf(path)} failed validation. Fix one:\n${alternatives.join("\n")}`);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, path: string): JsonObject {
  if (value === undefined) fail(path, "defined", value);
  if (!isObject(value)) fail(path, "an object", value);
  return value;
}

export function optionalObject(value: unknown, path: string): JsonObject | undefined {
  return value === undefined ? undefined : requireObject(value, path);
}

export function requireString(value: unknown, path: string, maxLength?: number): string {
  if (value === undefined) fail(path, "defined", value);
  if (typeof value !== "string") fail(path, "a string", value);
  if (maxLength !== undefined && value.length > maxLength) {
    fail(`${path}.length`, `≤ \`${maxLength}\``, value.length);
  }
  return value;
}

export function optionalString(value: unknown, path: string, maxLength?: number): string | undefined {
  return value === undefined ? undefined : requireString(value, path, maxLength);
}

export function requireNonEmptyString(value: unknown, path: string, maxLength?: number): string {
  const text = requireString(value, path, maxLength);
  if (text.length === 0) fail(`${path}.length`, "≥ `1`", 0);
  return text;
}

export function requireBoolean(value: unknown, path: string): boolean {
  if (value === undefined) fail(path, "defined", value);
  if (typeof value !== "boolean") fail(path, "a boolean", value);
  return value;
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  return value === undefined ? undefined : requireBoolean(value, path);
}

export function requireNumber(value: unknown, path: string): number {
  if (value === undefined) fail(path, "defined", value);
  if (typeof value !== "number" || !Number.isFinite(value)) fail(path, "a number", value);
  return value;
}

export function requireArray(value: unknown, path: string, maxItems?: number): unknown[] {
  if (value === undefined) fail(path, "defined", value);
  if (!Array.isArray(value)) fail(path, "an array", value);
  if (maxItems !== undefined && value.length > maxItems) {
    fail(`${path}.length`, `≤ \`${maxItems}\``, value.length);
  }
  return value;
}

export function optionalArray(value: unknown, path: string, maxItems?: number): unknown[] | undefined {
  return value === undefined ? undefined : requireArray(value, path, maxItems);
}

export function requireEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (value === undefined) fail(path, "defined", value);
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((v) => `\`"${v}"\``);
    const expected = list.length > 1 ? `${list.slice(0, -1).join(", ")}, or ${list.at(-1)}` : (list[0] ?? "");
    fail(path, expected, value);
  }
  return value as T;
}

export function optionalEnum<T extends string>(
  value: unknown,
  path: string,
  allowed: readonly T[],
): T | undefined {
  return value === undefined ? undefined : requireEnum(value, path, allowed);
}

export function requireUuid(value: unknown, path: string): string {
  const text = requireString(value, path);
  const id = parseId(text);
  if (!id) fail(path, "a valid uuid", value);
  return id;
}

export function notPresent(value: unknown, path: string): void {
  if (value !== undefined) fail(path, "not present", value);
}

export function requireUrl(value: unknown, path: string): string {
  const url = requireString(value, path, 2000);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) fail(path, "a valid URL", value);
  return url;
}
