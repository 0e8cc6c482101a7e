import { FormulaError } from "../errors.ts";
import type { FormulaType, Kind } from "../types.ts";
import { displayText, typeName, type FormulaValue, type ValueOf } from "../values.ts";

export interface CallContext {
  readonly timeZone: string;
  /** Epoch milliseconds of `now()`, injected so tests and Quire's controllable clock agree. */
  readonly now: number;
  readonly pageId: string;
  /** For functions with a `lambda` parameter: evaluates it for one list item (`current`, `index`). */
  readonly lambda?: (item: FormulaValue, index: number) => FormulaValue;
}

export interface FunctionDef {
  /** Accepted kinds per parameter; with `variadic`, the last entry repeats. */
  readonly params: readonly (readonly Kind[])[];
  /** How many trailing parameters may be left out. */
  readonly optional?: number;
  readonly variadic?: boolean;
  /**
   * Position of a parameter evaluated per list item with `current` and `index` bound (`map`,
   * `filter` …). `call` receives the other arguments, in order, and the parameter as `ctx.lambda`.
   */
  readonly lambda?: number;
  /** Unless set, an empty argument makes the result empty without calling the function. */
  readonly acceptsEmpty?: boolean;
  /** Result type, from the argument types (the lambda's position holds its body's type). */
  readonly returns: FormulaType | ((args: readonly FormulaType[]) => FormulaType);
  /** Compile-time checks of arguments written as literals (regular expressions, date units). */
  readonly checkLiterals?: (args: readonly (FormulaValue | undefined)[]) => void;
  readonly call: (args: readonly FormulaValue[], ctx: CallContext) => FormulaValue;
}

export type FunctionTable = Readonly<Record<string, FunctionDef>>;

function mismatch(fn: string, index: number, expected: string, got: FormulaValue): FormulaError {
  return new FormulaError(`Argument ${index + 1} of ${fn}() must be ${expected}, but got ${typeName(got)}.`);
}

function arg(args: readonly FormulaValue[], index: number): FormulaValue {
  return args[index] ?? { type: "empty" };
}

export function numberArg(args: readonly FormulaValue[], index: number, fn: string): number {
  const value = arg(args, index);
  if (value.type !== "number") throw mismatch(fn, index, "a number", value);
  return value.value;
}

export function optionalNumberArg(
  args: readonly FormulaValue[],
  index: number,
  fn: string,
): number | undefined {
  return args[index] === undefined || args[index].type === "empty" ? undefined : numberArg(args, index, fn);
}

/** Text parameters take numbers, booleans and dates too, printed as `format()` prints them. */
export function textArg(args: readonly FormulaValue[], index: number, fn: string, ctx: CallContext): string {
  const value = arg(args, index);
  if (value.type === "text") return value.value;
  if (value.type === "list") throw mismatch(fn, index, "text", value);
  return displayText(value, ctx.timeZone);
}

export function dateArg(args: readonly FormulaValue[], index: number, fn: string): ValueOf<"date"> {
  const value = arg(args, index);
  if (value.type !== "date") throw mismatch(fn, index, "a date", value);
  return value;
}

export function listArg(args: readonly FormulaValue[], index: number, fn: string): FormulaValue[] {
  const value = arg(args, index);
  if (value.type === "empty") return [];
  if (value.type !== "list") throw mismatch(fn, index, "a list", value);
  return value.items;
}

/** Notion's conditions are booleans; the empty value counts as false. */
export function truthy(value: FormulaValue): boolean {
  if (value.type === "boolean") return value.value;
  if (value.type === "empty") return false;
  throw new FormulaError(`Expected a boolean, but got ${typeName(value)}.`);
}

/** Compiles a pattern given as text, reporting Notion-style errors for invalid ones. */
export function regex(pattern: string, flags = ""): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch {
    throw new FormulaError(`Invalid regular expression: "${pattern}".`);
  }
}
