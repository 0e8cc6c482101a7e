import type { BinaryOperator } from "./ast.ts";
import { FormulaError } from "./errors.ts";
import { compatible, typeLabel, type FormulaType } from "./types.ts";
import {
  EMPTY,
  boolean,
  compareValues,
  displayText,
  equalValues,
  number,
  text,
  typeName,
  type FormulaValue,
} from "./values.ts";

/** Operators shared by the operator syntax and its function forms (`add`, `equal`, `pow` …). */

export type ArithmeticOperator = "-" | "*" | "/" | "%" | "^";
export type ComparisonOperator = ">" | ">=" | "<" | "<=";

const VERBS: Partial<Record<BinaryOperator, string>> = {
  "+": "add",
  "-": "subtract",
  "*": "multiply",
  "/": "divide",
  "%": "take the remainder of",
  "^": "raise",
};

function cannot(operator: BinaryOperator, a: string, b: string): FormulaError {
  if (operator in VERBS) return new FormulaError(`Cannot ${VERBS[operator] ?? operator} ${a} and ${b}.`);
  return new FormulaError(`Cannot compare ${a} and ${b} with ${operator}.`);
}

/** `+` adds numbers, and joins text with anything printable: `"Total: " + 5` is "Total: 5". */
export function plus(a: FormulaValue, b: FormulaValue, timeZone: string): FormulaValue {
  if (a.type === "number" && b.type === "number") return number(a.value + b.value);
  if ((a.type === "text" || b.type === "text") && a.type !== "list" && b.type !== "list") {
    return text(displayText(a, timeZone) + displayText(b, timeZone));
  }
  if (a.type === "empty" || b.type === "empty") return EMPTY;
  throw cannot("+", typeName(a), typeName(b));
}

export function arithmetic(operator: ArithmeticOperator, a: FormulaValue, b: FormulaValue): FormulaValue {
  if (a.type === "empty" || b.type === "empty") return EMPTY;
  if (a.type !== "number" || b.type !== "number") throw cannot(operator, typeName(a), typeName(b));
  switch (operator) {
    case "-":
      return number(a.value - b.value);
    case "*":
      return number(a.value * b.value);
    case "/":
      return number(a.value / b.value);
    case "%":
      // JavaScript's remainder, as Notion documents: mod(-5, 3) = -2.
      return number(a.value % b.value);
    case "^":
      return number(a.value ** b.value);
  }
}

export function equality(operator: "==" | "!=", a: FormulaValue, b: FormulaValue): FormulaValue {
  const equal = equalValues(a, b);
  return boolean(operator === "==" ? equal : !equal);
}

/** Ordering of values that cannot be ordered (different types, the empty value) is false. */
export function comparison(operator: ComparisonOperator, a: FormulaValue, b: FormulaValue): FormulaValue {
  const order = compareValues(a, b);
  if (order === undefined) {
    if (a.type === "empty" || b.type === "empty") return boolean(false);
    throw cannot(operator, typeName(a), typeName(b));
  }
  switch (operator) {
    case ">":
      return boolean(order > 0);
    case ">=":
      return boolean(order >= 0);
    case "<":
      return boolean(order < 0);
    case "<=":
      return boolean(order <= 0);
  }
}

const ORDERED: readonly FormulaType[] = ["number", "text", "boolean", "date"];

/** Result type of a binary operator, or a compile-time error when the operand types cannot work. */
export function operatorType(operator: BinaryOperator, a: FormulaType, b: FormulaType): FormulaType {
  const known = a !== "any" && b !== "any";
  switch (operator) {
    case "+":
      if (a === "number" && b === "number") return "number";
      if (typeof a === "object" || typeof b === "object" || (known && a !== "text" && b !== "text")) {
        throw cannot("+", typeLabel(a), typeLabel(b));
      }
      if (a === "text" || b === "text") return "text";
      // One side is unknown: with a number it may be a sum or a concatenation; with anything else only
      // text can make it work.
      if (a === "number" || b === "number" || (!known && a === b)) return "any";
      return "text";
    case "-":
    case "*":
    case "/":
    case "%":
    case "^":
      if ((a !== "any" && a !== "number") || (b !== "any" && b !== "number")) {
        throw cannot(operator, typeLabel(a), typeLabel(b));
      }
      return "number";
    case "==":
    case "!=":
      if (!compatible(a, b)) throw cannot(operator, typeLabel(a), typeLabel(b));
      return "boolean";
    case ">":
    case ">=":
    case "<":
    case "<=":
      if (
        (a !== "any" && !ORDERED.includes(a)) ||
        (b !== "any" && !ORDERED.includes(b)) ||
        (known && a !== b)
      ) {
        throw cannot(operator, typeLabel(a), typeLabel(b));
      }
      return "boolean";
    case "and":
    case "or":
      for (const side of [a, b]) {
        if (side !== "any" && side !== "boolean") {
          throw new FormulaError(`Cannot use ${operator} with ${typeLabel(side)}; it needs booleans.`);
        }
      }
      return "boolean";
  }
}
