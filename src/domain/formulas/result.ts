import { formatDate } from "./format-date.ts";
import { parseIsoDate } from "./time.ts";
import type { FormulaType } from "./types.ts";
import { EMPTY, date, displayText, type FormulaValue } from "./values.ts";

/** The `formula` property value Notion serves: one of four result types. */
export type FormulaResult =
  | { type: "string"; string: string | null }
  | { type: "number"; number: number | null }
  | { type: "boolean"; boolean: boolean | null }
  | { type: "date"; date: { start: string; end: string | null; time_zone: null } | null };

export type FormulaResultType = FormulaResult["type"];

export interface ResultOptions {
  /** Zone in which date results are written; UTC when absent. */
  readonly timeZone?: string;
  /** The formula's static type, so an empty value is served as the right kind of null. */
  readonly type?: FormulaType;
}

/** Lists, people and pages are served as the text Notion shows for them. */
export function resultTypeOf(type: FormulaType): FormulaResultType {
  if (type === "number" || type === "boolean" || type === "date") return type;
  return "string";
}

function isoDate(ms: number, dateOnly: boolean, timeZone: string): string {
  return formatDate(ms, dateOnly ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:mm:ss.SSSZ", timeZone);
}

export function toFormulaResult(value: FormulaValue, options: ResultOptions = {}): FormulaResult {
  const timeZone = options.timeZone ?? "UTC";
  switch (value.type) {
    case "number":
      // NaN never gets here (it is the empty value); ±Infinity (1 / 0) has no JSON form.
      return { type: "number", number: Number.isFinite(value.value) ? value.value : null };
    case "boolean":
      return { type: "boolean", boolean: value.value };
    case "date":
      return {
        type: "date",
        date: {
          start: isoDate(value.start, value.dateOnly, timeZone),
          end: value.end === null ? null : isoDate(value.end, value.dateOnly, timeZone),
          time_zone: null,
        },
      };
    case "empty":
      switch (resultTypeOf(options.type ?? "text")) {
        case "number":
          return { type: "number", number: null };
        case "boolean":
          return { type: "boolean", boolean: null };
        case "date":
          return { type: "date", date: null };
        case "string":
          return { type: "string", string: null };
      }
      break;
    default:
      return { type: "string", string: displayText(value, timeZone) };
  }
}

/** A Notion date property value (`{start, end}`) as a formula value; empty when it does not parse. */
export function dateFromNotion(
  value: { start: string; end?: string | null } | null | undefined,
  timeZone = "UTC",
): FormulaValue {
  if (value === null || value === undefined) return EMPTY;
  const start = parseIsoDate(value.start, timeZone);
  if (start === undefined) return EMPTY;
  const end = value.end === null || value.end === undefined ? undefined : parseIsoDate(value.end, timeZone);
  return date(start.ms, end?.ms ?? null, start.dateOnly);
}
