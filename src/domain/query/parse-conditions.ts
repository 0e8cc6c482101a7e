import { parseId } from "../ids.ts";
import {
  expectation,
  fail,
  failOneOf,
  requireArray,
  requireBoolean,
  requireEnum,
  requireNumber,
  requireObject,
  requireString,
} from "../validation.ts";
import { ME, NUMBER_OPS, TEXT_OPS, type Condition, type ExistenceOp } from "./ast.ts";

/** Notion's array limit (reference/request-limits: "any array … ≤ 100 elements"). */
export const MAX_ARRAY_ITEMS = 100;

const EXISTENCE: readonly ExistenceOp[] = ["is_empty", "is_not_empty"];

/**
 * A condition object holds exactly one operator (S5 `TextPropertyFilter` etc. are unions of one-key
 * objects). None of the allowed keys: Notion's "Fix one" list; a second key: rejected rather than
 * silently ignored, since whichever one we picked would surprise someone.
 */
export function pickOperator<T extends string>(
  input: unknown,
  path: string,
  ops: readonly T[],
): { op: T; value: unknown; path: string } {
  const object = requireObject(input, path);
  const present = ops.filter((op) => object[op] !== undefined);
  const [op, second] = present;
  if (op === undefined)
    failOneOf(
      path,
      ops.map((o) => expectation(`${path}.${o}`, "defined", undefined)),
    );
  if (second !== undefined) fail(`${path}.${second}`, "not present", object[second]);
  return { op, value: object[op], path: `${path}.${op}` };
}

function isExistence(op: string): op is ExistenceOp {
  return op === "is_empty" || op === "is_not_empty";
}

/** `is_empty`/`is_not_empty` take only `true` (S5 `ExistencePropertyFilter`). */
function requireTrue(value: unknown, path: string): void {
  if (value !== true) fail(path, "`true`", value);
}

export function parseTextCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, [...TEXT_OPS, ...EXISTENCE]);
  if (isExistence(op)) {
    requireTrue(value, at);
    return { kind: "text", op };
  }
  return { kind: "text", op, value: requireString(value, at) };
}

export function parseNumberCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, [...NUMBER_OPS, ...EXISTENCE]);
  if (isExistence(op)) {
    requireTrue(value, at);
    return { kind: "number", op };
  }
  return { kind: "number", op, value: requireNumber(value, at) };
}

export function parseCheckboxCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, ["equals", "does_not_equal"]);
  return { kind: "checkbox", op, value: requireBoolean(value, at) };
}

/**
 * A string, or (SDK 5.18 `StringOrStringArray`) an array of them meaning "any of". An empty list names
 * no option, so "contains any of none" has no meaning; it is refused here, by the value's shape, before
 * a compiler could turn it into SQL (an empty `in ()` is a syntax error on PostgreSQL).
 */
function stringOrStrings(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) return [requireString(value, path)];
  const items = requireArray(value, path, MAX_ARRAY_ITEMS);
  if (items.length === 0) fail(`${path}.length`, "≥ `1`", 0);
  return items.map((item, i) => requireString(item, `${path}[${i}]`));
}

/** select and status. */
export function parseOptionCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, ["equals", "does_not_equal", ...EXISTENCE]);
  if (isExistence(op)) {
    requireTrue(value, at);
    return { kind: "option", op };
  }
  return { kind: "option", op, values: stringOrStrings(value, at) };
}

export function parseMultiSelectCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, ["contains", "does_not_contain", ...EXISTENCE]);
  if (isExistence(op)) {
    requireTrue(value, at);
    return { kind: "membership", op };
  }
  return { kind: "membership", op, values: stringOrStrings(value, at) };
}

function requireId(value: unknown, path: string, allowMe: boolean): string {
  const text = requireString(value, path);
  if (allowMe && text === ME) return ME;
  const id = parseId(text);
  if (!id) fail(path, "a valid uuid", value);
  return id;
}

/** people, created_by, last_edited_by (user id or "me", SDK 5.16) and relation (page id). */
export function parseIdMembershipCondition(input: unknown, path: string, allowMe: boolean): Condition {
  const { op, value, path: at } = pickOperator(input, path, ["contains", "does_not_contain", ...EXISTENCE]);
  if (isExistence(op)) {
    requireTrue(value, at);
    return { kind: "membership", op };
  }
  return { kind: "membership", op, values: [requireId(value, at, allowMe)] };
}

export function parseFilesCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, EXISTENCE);
  requireTrue(value, at);
  return { kind: "files", op };
}

/** S5 `VerificationPropertyStatusFilter` / `VerificationPropertyDoesNotEqualFilter` (5.25.2). */
export function parseVerificationCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, ["status", "does_not_equal"]);
  return { kind: "verification", op, value: requireEnum(value, at, ["verified", "expired", "none"]) };
}
