import { isTimeZone } from "./time-zones.ts";
import { fail, isObject, optionalString, requireObject, requireString } from "./validation.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface DateValue {
  start: string;
  end: string | null;
  time_zone: string | null;
}

export function isIsoDate(value: string): boolean {
  return (DATE.test(value) || DATE_TIME.test(value)) && !Number.isNaN(Date.parse(value.slice(0, 10)));
}

function requireIsoDate(value: unknown, path: string): string {
  const text = requireString(value, path);
  if (!isIsoDate(text)) fail(path, "a valid ISO 8601 date string", value);
  return text;
}

/** A date request (`{start, end?, time_zone?}`), as used by date mentions and date properties. */
export function parseDate(value: unknown, path: string): DateValue {
  const input = requireObject(value, path);
  const start = requireIsoDate(input.start, `${path}.start`);
  const end = input.end === undefined || input.end === null ? null : requireIsoDate(input.end, `${path}.end`);
  const timeZone =
    input.time_zone === null ? undefined : optionalString(input.time_zone, `${path}.time_zone`);
  if (timeZone !== undefined && !isTimeZone(timeZone))
    fail(`${path}.time_zone`, "a valid IANA time zone", timeZone);
  return { start, end, time_zone: timeZone ?? null };
}

export function formatDateText(date: unknown): string {
  if (!isObject(date) || typeof date.start !== "string") return "";
  return typeof date.end === "string" ? `${date.start} → ${date.end}` : date.start;
}
