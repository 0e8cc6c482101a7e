import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  notPresent,
  requireArray,
  requireObject,
} from "../validation.ts";
import { CREATABLE_BLOCK_TYPES, MAX_CHILDREN_PER_ARRAY, isCreatableType } from "./catalogue.ts";
import { specFor } from "./registry.ts";
import type { BlockSpec, ChildRule } from "./spec.ts";
import type { NestingBudget, NewBlock } from "./types.ts";

/** The existing block (or page) a request appends to, when the caller knows it. */
export interface ParentContext {
  /** A block type, or anything else (e.g. "page") for a parent that is not a block. */
  type: string;
  content?: JsonObject;
}

/**
 * Validates an array of block requests (`children` of POST /pages or PATCH /blocks/{id}/children) and
 * returns the blocks as stored. `budget` is how many levels of `children` its items may still carry:
 * the SDK's request types allow two below the top-level array. Given `parent`, the items must also fit
 * under it (only columns in a column_list, rows of the right width in a table, no rows on a page).
 */
export function parseBlockChildren(
  value: unknown,
  path: string,
  budget: NestingBudget,
  parent?: ParentContext,
): NewBlock[] {
  const items = requireArray(value, path, MAX_CHILDREN_PER_ARRAY);
  if (!parent) return parseItems(items, path, budget, CREATABLE_BLOCK_TYPES);
  const spec = specFor(parent.type);
  const content = parent.content ?? {};
  const blocks = parseItems(items, path, budget, childTypes(parent.type, spec?.children(content)));
  spec?.checkChildren?.(content, blocks, path);
  return blocks;
}

function parseItems(
  items: unknown[],
  path: string,
  budget: NestingBudget,
  allowed: readonly string[],
): NewBlock[] {
  return items.map((item, i) => parseBlock(item, `${path}[${i}]`, budget, allowed));
}

function parseBlock(
  value: unknown,
  path: string,
  budget: NestingBudget,
  allowed: readonly string[],
): NewBlock {
  const input = requireObject(value, path);
  if (input.object !== undefined && input.object !== "block") {
    fail(`${path}.object`, '`"block"`', input.object);
  }
  const type = pickType(input, path, allowed);
  const spec = specFor(type);
  if (!spec) missingType(path, allowed);
  const typePath = `${path}.${type}`;
  const body = requireObject(input[type], typePath);
  for (const key of Object.keys(input)) {
    if (key !== type && isCreatableType(key)) notPresent(input[key], `${path}.${key}`);
  }
  const content = spec.create(body, typePath);
  const children = parseNested(spec, type, content, body.children, `${typePath}.children`, budget);
  return { type, content, children };
}

function parseNested(
  spec: BlockSpec,
  type: string,
  content: JsonObject,
  raw: unknown,
  path: string,
  budget: NestingBudget,
): NewBlock[] {
  const rule = spec.children(content);
  if (!rule.allowed || budget === 0) notPresent(raw, path);
  const min = rule.minOnlyWhenNestable && budget === 0 ? 0 : (rule.min ?? 0);
  if (raw === undefined) {
    if (min > 0) fail(path, "defined", raw);
    return [];
  }
  const items = requireArray(raw, path, MAX_CHILDREN_PER_ARRAY);
  if (items.length < min) fail(`${path}.length`, `≥ \`${min}\``, items.length);
  const childBudget = rule.transparent ? budget : lower(budget);
  const children = parseItems(items, path, childBudget, childTypes(type, rule));
  spec.checkChildren?.(content, children, path);
  return children;
}

function lower(budget: NestingBudget): NestingBudget {
  return budget === 2 ? 1 : 0;
}

/** The types allowed under a parent: its own restriction if it has one, else every type that may sit there. */
function childTypes(parentType: string, rule: ChildRule | undefined): readonly string[] {
  if (rule?.only !== undefined) return [rule.only];
  return CREATABLE_BLOCK_TYPES.filter((type) => {
    const parents = specFor(type)?.parents;
    return parents === undefined || parents.includes(parentType);
  });
}

/** The explicit `type`, else the first allowed block type key present. */
function pickType(input: JsonObject, path: string, allowed: readonly string[]): string {
  const declared = input.type;
  let type: string | undefined;
  if (declared !== undefined) {
    if (typeof declared === "string" && allowed.includes(declared)) type = declared;
    else if (allowed.length === 1) fail(`${path}.type`, `\`"${allowed[0] ?? ""}"\``, declared);
  } else {
    type = Object.keys(input).find((key) => allowed.includes(key));
  }
  if (type === undefined) missingType(path, allowed);
  return type;
}

function missingType(path: string, allowed: readonly string[]): never {
  const [first] = allowed;
  if (allowed.length === 1 && first !== undefined) fail(`${path}.${first}`, "defined", undefined);
  failOneOf(
    path,
    allowed.map((type) => expectation(`${path}.${type}`, "defined", undefined)),
  );
}
