/**
 * Calendar arithmetic in an IANA time zone, on epoch milliseconds. Notion evaluates date functions in
 * the viewer's zone; Quire has no viewer, so the caller picks one zone (default UTC) per evaluation.
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClock(ms: number, timeZone: string): WallClock {
  const local = ms + offsetMs(ms, timeZone);
  const d = new Date(local);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

// formatToParts costs microseconds, and a data source evaluates the same few dates again and again.
// Zone transitions fall on quarter hours (since 1900), so the offset is cached per quarter hour.
const QUARTER_HOUR = 900_000;
const MAX_CACHED_OFFSETS = 10_000;
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
export function offsetMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  let cache = offsetCache.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const offset = computeOffset(bucket * QUARTER_HOUR, timeZone);
  if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

function computeOffset(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts["year"] ?? 1970,
    (parts["month"] ?? 1) - 1,
    parts["day"] ?? 1,
    parts["hour"] ?? 0,
    parts["minute"] ?? 0,
    parts["second"] ?? 0,
  );
  return asUtc - ms;
}

/** The instant that shows the given wall-clock time in the zone; overflowing fields roll over. */
export function fromWallClock(clock: Omit<WallClock, "weekday">, timeZone: string): number {
  const local = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
    clock.millisecond,
  );
  const first = local - offsetMs(local, timeZone);
  const second = offsetMs(first, timeZone);
  return local - second;
}

export function startOfDay(ms: number, timeZone: string): number {
  const c = wallClock(ms, timeZone);
  return fromWallClock({ ...c, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

export type DateUnit =
  "years" | "quarters" | "months" | "weeks" | "days" | "hours" | "minutes" | "seconds" | "milliseconds";

const UNITS: readonly DateUnit[] = [
  "years",
  "quarters",
  "months",
  "weeks",
  "days",
  "hours",
  "minutes",
  "seconds",
  "milliseconds",
];

/** Notion documents the plural names; the singular is accepted too, as moment.js (its origin) does. */
export function parseDateUnit(name: string): DateUnit | undefined {
  const plural = name.endsWith("s") ? name : `${name}s`;
  return UNITS.find((unit) => unit === plural);
}

const FIXED_MS: Partial<Record<DateUnit, number>> = {
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
};

/**
 * Calendar units move the wall clock (so adding a day across a DST change keeps the time of day) and
 * clamp the day of month (January 31 + 1 month = February 28), as moment.js and date-fns do.
 */
export function addUnits(ms: number, amount: number, unit: DateUnit, timeZone: string): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return ms + amount * fixed;
  const c = wallClock(ms, timeZone);
  if (unit === "days" || unit === "weeks") {
    const days = Math.round(unit === "weeks" ? amount * 7 : amount);
    return fromWallClock({ ...c, day: c.day + days }, timeZone);
  }
  const months = Math.round(amount * (unit === "years" ? 12 : unit === "quarters" ? 3 : 1));
  const total = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(c.day, daysInMonth(year, month));
  return fromWallClock({ ...c, year, month, day }, timeZone);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * `a − b` in whole units, truncated toward zero: moment.js's `diff`, which Notion's `dateBetween`
 * follows (June 23 to December 25 is −6 months, not −7).
 */
export function diffUnits(a: number, b: number, unit: DateUnit, timeZone: string): number {
  const fixed = FIXED_MS[unit];
  let value: number;
  if (fixed !== undefined) value = (a - b) / fixed;
  else if (unit === "days" || unit === "weeks") {
    // Whole days are counted on the wall clock, so a DST change does not turn 7 days into 6.958.
    const days = (a + offsetMs(a, timeZone) - (b + offsetMs(b, timeZone))) / DAY_MS;
    value = unit === "weeks" ? days / 7 : days;
  } else {
    const months = monthDiff(a, b, timeZone);
    value = unit === "years" ? months / 12 : unit === "quarters" ? months / 3 : months;
  }
  return Math.trunc(value) + 0;
}

/** moment.js's monthDiff: whole months plus the fraction of the month in which `b` falls, negated. */
function monthDiff(a: number, b: number, timeZone: string): number {
  const ca = wallClock(a, timeZone);
  const cb = wallClock(b, timeZone);
  if (ca.day < cb.day) return -monthDiff(b, a, timeZone);
  const whole = (cb.year - ca.year) * 12 + (cb.month - ca.month);
  const anchor = addUnits(a, whole, "months", timeZone);
  let adjust: number;
  if (b - anchor < 0) {
    const before = addUnits(a, whole - 1, "months", timeZone);
    adjust = (b - anchor) / (anchor - before);
  } else {
    const after = addUnits(a, whole + 1, "months", timeZone);
    adjust = (b - anchor) / (after - anchor);
  }
  return -(whole + adjust) || 0;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(clock: WallClock): { week: number; year: number } {
  const isoWeekday = clock.weekday === 0 ? 7 : clock.weekday;
  const thursday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + 4 - isoWeekday));
  const year = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS;
  return { week: Math.floor(dayOfYear / 7) + 1, year };
}

/** US locale week (moment's `w`): weeks start on Sunday; week 1 holds January 1. */
export function localeWeek(clock: WallClock): { week: number; year: number } {
  const saturday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + 6 - clock.weekday));
  const year = saturday.getUTCFullYear();
  const dayOfYear = (saturday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS;
  return { week: Math.floor(dayOfYear / 7) + 1, year };
}

export function dayOfYear(clock: WallClock): number {
  return (Date.UTC(clock.year, clock.month - 1, clock.day) - Date.UTC(clock.year, 0, 1)) / DAY_MS + 1;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO 8601 date or date-time, as Notion's `parseDate` and the API's date values use. A
 * date-only value stands for midnight in `timeZone`; a date-time without an offset is wall-clock time
 * in `timeZone`.
 */
export function parseIsoDate(text: string, timeZone: string): { ms: number; dateOnly: boolean } | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const clock = {
    year,
    month,
    day,
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000),
  };
  if (clock.hour > 23 || clock.minute > 59 || clock.second > 59) return undefined;
  const dateOnly = h === undefined;
  if (zone === undefined) return { ms: fromWallClock(clock, timeZone), dateOnly };
  const local = Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second, clock.millisecond);
  if (zone.toUpperCase() === "Z") return { ms: local, dateOnly };
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  return { ms: local - sign * offset, dateOnly };
}
