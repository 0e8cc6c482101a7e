import { FormulaError } from "../errors.ts";
import { arithmetic, operatorType, plus, type ArithmeticOperator } from "../operators.ts";
import type { Kind } from "../types.ts";
import { EMPTY, number, typeName, type FormulaValue } from "../values.ts";
import { numberArg, optionalNumberArg, type FunctionDef, type FunctionTable } from "./define.ts";

const NUMBER: readonly Kind[] = ["number"];
const NUMBERS: readonly Kind[] = ["number", "list"];

function unary(fn: string, op: (n: number) => number): FunctionDef {
  return { params: [NUMBER], returns: "number", call: (args) => number(op(numberArg(args, 0, fn))) };
}

function binary(operator: ArithmeticOperator): FunctionDef {
  return {
    params: [NUMBER, NUMBER],
    acceptsEmpty: true,
    returns: "number",
    call: ([a, b]) => arithmetic(operator, a ?? EMPTY, b ?? EMPTY),
  };
}

/** `sum`, `mean` … take numbers and lists of numbers, mixed: `sum([1, 2, 3], 4, 5)` is 15. */
function numbersOf(args: readonly FormulaValue[], fn: string): number[] {
  const out: number[] = [];
  const visit = (value: FormulaValue): void => {
    if (value.type === "list") value.items.forEach(visit);
    else if (value.type === "number") out.push(value.value);
    else if (value.type !== "empty")
      throw new FormulaError(`${fn}() takes numbers, but got ${typeName(value)}.`);
  };
  args.forEach(visit);
  return out;
}

function aggregate(fn: string, op: (values: number[]) => number): FunctionDef {
  return {
    params: [NUMBERS],
    variadic: true,
    acceptsEmpty: true,
    returns: "number",
    call: (args) => {
      const values = numbersOf(args, fn);
      return values.length === 0 && fn !== "sum" ? EMPTY : number(op(values));
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? NaN) + upper) / 2;
}

/** `round(1.005, 2)` is 1.01: shifting through the decimal exponent avoids binary rounding error. */
function roundTo(value: number, places: number): number {
  if (places === 0) return Math.round(value);
  const shifted = Math.round(Number(`${value}e${places}`));
  return Number(`${shifted}e${-places}`);
}

/** Notion's `toNumber`: text is parsed, booleans are 1/0, a date is its timestamp. */
export function toNumber(value: FormulaValue): FormulaValue {
  switch (value.type) {
    case "number":
      return value;
    case "boolean":
      return number(value.value ? 1 : 0);
    case "date":
      return number(value.start);
    case "text": {
      const trimmed = value.value.trim();
      if (trimmed === "") return EMPTY;
      const whole = Number(trimmed);
      // Leading digits are read as JavaScript's parseFloat does ("42 apples" → 42).
      return number(Number.isNaN(whole) ? parseFloat(trimmed) : whole);
    }
    default:
      return EMPTY;
  }
}

export const mathFunctions: FunctionTable = {
  add: {
    params: [["any"], ["any"]],
    acceptsEmpty: true,
    returns: ([a, b]) => operatorType("+", a ?? "any", b ?? "any"),
    call: ([a, b], ctx) => plus(a ?? EMPTY, b ?? EMPTY, ctx.timeZone),
  },
  subtract: binary("-"),
  multiply: binary("*"),
  divide: binary("/"),
  mod: binary("%"),
  pow: binary("^"),
  abs: unary("abs", Math.abs),
  ceil: unary("ceil", Math.ceil),
  floor: unary("floor", Math.floor),
  sqrt: unary("sqrt", Math.sqrt),
  cbrt: unary("cbrt", Math.cbrt),
  exp: unary("exp", Math.exp),
  ln: unary("ln", Math.log),
  log10: unary("log10", Math.log10),
  log2: unary("log2", Math.log2),
  sign: unary("sign", Math.sign),
  round: {
    params: [NUMBER, NUMBER],
    optional: 1,
    returns: "number",
    call: (args) => {
      const places = Math.trunc(optionalNumberArg(args, 1, "round") ?? 0);
      return number(roundTo(numberArg(args, 0, "round"), places));
    },
  },
  min: aggregate("min", (values) => values.reduce((a, b) => Math.min(a, b))),
  max: aggregate("max", (values) => values.reduce((a, b) => Math.max(a, b))),
  sum: aggregate("sum", (values) => values.reduce((total, n) => total + n, 0)),
  mean: aggregate("mean", (values) => values.reduce((total, n) => total + n, 0) / values.length),
  median: aggregate("median", median),
  pi: { params: [], returns: "number", call: () => number(Math.PI) },
  e: { params: [], returns: "number", call: () => number(Math.E) },
  toNumber: {
    params: [["text", "number", "boolean", "date"]],
    acceptsEmpty: true,
    returns: "number",
    call: ([value]) => toNumber(value ?? EMPTY),
  },
};
