import { fail, requireObject, requireString } from "../validation.ts";
import {
  DATE_COMPARE_OPS,
  DATE_RANGE_OPS,
  RELATIVE_DATES,
  type Condition,
  type DateCompareOp,
  type DateOperand,
  type DateRangeOp,
  type RelativeDate,
} from "./ast.ts";
import { pickOperator } from "./parse-conditions.ts";
import { daysInMonth, utcMs } from "../time-zones.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Minutes east of UTC for "Z", "+07:00" or "-0330". */
function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone.startsWith("-") ? -minutes : minutes;
}

/**
 * An ISO-8601 date or datetime, or null. Parsed by hand because `Date.parse` reads a datetime
 * without an offset as local time, while Notion reads it as UTC ("If no timezone is provided, then
 * the timezone defaults to UTC", reference/filter-data-source-entries).
 */
export function parseIsoOperand(text: string): DateOperand | null {
  const date = DATE.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return validDay(year, month, day) ? { kind: "day", year, month, day } : null;
  }
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = Number(m[6] ?? 0);
  // Millisecond precision (same page): further digits are dropped, not rounded.
  const millis = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (hour === undefined || minute === undefined) return null;
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8] ?? "Z";
  const ms = utcMs(year, month, day, hour, minute, second, millis) - offsetMinutes(zone) * 60_000;
  return { kind: "instant", ms };
}

function parseOperand(value: unknown, path: string): DateOperand {
  const text = requireString(value, path);
  if ((RELATIVE_DATES as readonly string[]).includes(text)) {
    return { kind: "relative", value: text as RelativeDate };
  }
  const operand = parseIsoOperand(text);
  if (!operand) fail(path, "a valid ISO 8601 date string", value);
  return operand;
}

const ALL_OPS = [...DATE_COMPARE_OPS, ...DATE_RANGE_OPS, "is_empty", "is_not_empty"] as const;

/** date, created_time, last_edited_time, and the date branches of formula and rollup. */
export function parseDateCondition(input: unknown, path: string): Condition {
  const { op, value, path: at } = pickOperator(input, path, ALL_OPS);
  if (op === "is_empty" || op === "is_not_empty") {
    if (value !== true) fail(at, "`true`", value);
    return { kind: "date", op };
  }
  if ((DATE_RANGE_OPS as readonly string[]).includes(op)) {
    // S5 types these as `EmptyObject`.
    requireObject(value, at);
    return { kind: "date", op: op as DateRangeOp };
  }
  return { kind: "date", op: op as DateCompareOp, value: parseOperand(value, at) };
}
