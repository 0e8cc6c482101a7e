import { formatDate } from "./format-date.ts";

/**
 * A formula value. Dates are epoch milliseconds: a date-only value is midnight in the evaluation's time
 * zone and keeps `dateOnly` so it prints without a time; `end` is set for a range.
 */
export type FormulaValue =
  | { type: "number"; value: number }
  | { type: "text"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "date"; start: number; end: number | null; dateOnly: boolean }
  | { type: "list"; items: FormulaValue[] }
  | { type: "person"; id: string; name: string; email?: string | null }
  | { type: "page"; id: string; title: string }
  | { type: "empty" };

export type ValueOf<T extends FormulaValue["type"]> = Extract<FormulaValue, { type: T }>;

export const EMPTY: FormulaValue = Object.freeze({ type: "empty" });

/** NaN (sqrt(-1), toNumber("abc")) is Notion's empty value, not a number; -0 (ceil(-0.6)) is 0. */
export function number(value: number): FormulaValue {
  return Number.isNaN(value) ? EMPTY : { type: "number", value: value + 0 };
}

export function text(value: string): FormulaValue {
  return { type: "text", value };
}

export function boolean(value: boolean): FormulaValue {
  return { type: "boolean", value };
}

export function list(items: FormulaValue[]): FormulaValue {
  return { type: "list", items };
}

export function date(start: number, end: number | null = null, dateOnly = false): FormulaValue {
  if (Number.isNaN(start)) return EMPTY;
  return { type: "date", start, end: end === null || Number.isNaN(end) ? null : end, dateOnly };
}

/** Notion: "0, "", and [] are considered empty" — and so are false and the empty value itself. */
export function isEmptyValue(value: FormulaValue): boolean {
  switch (value.type) {
    case "empty":
      return true;
    case "number":
      return value.value === 0;
    case "text":
      return value.value === "";
    case "boolean":
      return !value.value;
    case "list":
      return value.items.length === 0;
    default:
      return false;
  }
}

export function equalValues(a: FormulaValue, b: FormulaValue): boolean {
  switch (a.type) {
    case "empty":
      return b.type === "empty";
    case "number":
    case "text":
    case "boolean":
      return b.type === a.type && b.value === a.value;
    case "date":
      return b.type === "date" && a.start === b.start && a.end === b.end;
    case "person":
    case "page":
      return b.type === a.type && a.id === b.id;
    case "list":
      return (
        b.type === "list" &&
        a.items.length === b.items.length &&
        a.items.every((item, i) => {
          const other = b.items[i];
          return other !== undefined && equalValues(item, other);
        })
      );
  }
}

/**
 * Ordering for `<`, `sort`, `min`/`max`: numbers, text (by code unit, as JavaScript compares strings),
 * booleans (false first) and dates (by start). Returns undefined when the two cannot be ordered.
 */
export function compareValues(a: FormulaValue, b: FormulaValue): number | undefined {
  if (a.type === "number" && b.type === "number") return a.value - b.value;
  if (a.type === "text" && b.type === "text") return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.type === "boolean" && b.type === "boolean") return Number(a.value) - Number(b.value);
  if (a.type === "date" && b.type === "date") return a.start - b.start;
  return undefined;
}

/** How Notion prints a number: integers plainly, other values with JavaScript's shortest round-trip. */
export function formatNumber(n: number): string {
  return String(n);
}

// Notion's default date display ("August 30, 2023" / "August 30, 2023 17:55").
const DATE_DISPLAY = "MMMM D, YYYY";
const DATE_TIME_DISPLAY = "MMMM D, YYYY HH:mm";

export function formatDateValue(value: ValueOf<"date">, timeZone: string): string {
  const pattern = value.dateOnly ? DATE_DISPLAY : DATE_TIME_DISPLAY;
  const start = formatDate(value.start, pattern, timeZone);
  return value.end === null ? start : `${start} → ${formatDate(value.end, pattern, timeZone)}`;
}

/** `format(value)`: the text Notion shows for a value. Lists are joined with ", ". */
export function displayText(value: FormulaValue, timeZone: string): string {
  switch (value.type) {
    case "empty":
      return "";
    case "number":
      return formatNumber(value.value);
    case "text":
      return value.value;
    case "boolean":
      return value.value ? "true" : "false";
    case "date":
      return formatDateValue(value, timeZone);
    case "person":
      return value.name;
    case "page":
      return value.title;
    case "list":
      return value.items.map((item) => displayText(item, timeZone)).join(", ");
  }
}

export function typeName(value: FormulaValue): string {
  return value.type === "empty" ? "empty" : value.type;
}
