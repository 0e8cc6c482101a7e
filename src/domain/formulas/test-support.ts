import { FormulaError } from "./errors.ts";
import { compileFormula, type CompileOptions, type FormulaEnv } from "./index.ts";
import { toFormulaResult } from "./result.ts";
import type { FormulaValue } from "./values.ts";

/** Helpers for this folder's tests: evaluate an expression and compare plain JavaScript values. */

// Notion's help page computes its `now()` examples at August 30, 2023 17:55.
export const NOW = new Date("2023-08-30T17:55:00Z");

export type Plain = number | string | boolean | null | Plain[];

/** Numbers, text and booleans as themselves, lists as arrays, dates as ISO text, empty as null. */
export function plain(value: FormulaValue, timeZone = "UTC"): Plain {
  switch (value.type) {
    case "number":
    case "text":
    case "boolean":
      return value.value;
    case "list":
      return value.items.map((item) => plain(item, timeZone));
    case "empty":
      return null;
    case "person":
      return value.name;
    case "page":
      return value.title;
    case "date": {
      const result = toFormulaResult(value, { timeZone });
      if (result.type !== "date" || result.date === null) return null;
      return result.date.end === null ? result.date.start : `${result.date.start}/${result.date.end}`;
    }
  }
}

export function env(
  props: Record<string, FormulaValue> = {},
  overrides: Partial<FormulaEnv> = {},
): FormulaEnv {
  return { prop: (name) => props[name] ?? { type: "empty" }, now: NOW, pageId: "page-1", ...overrides };
}

export function run(
  expression: string,
  props: Record<string, FormulaValue> = {},
  overrides: Partial<FormulaEnv> = {},
  options: CompileOptions = {},
): Plain {
  const environment = env(props, overrides);
  return plain(compileFormula(expression, options).evaluateStrict(environment), environment.timeZone);
}

/** The FormulaError message `fn` throws (fails the test if it throws anything else or nothing). */
export function formulaError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof FormulaError) return error.message;
    throw error;
  }
  throw new Error("expected a FormulaError");
}
