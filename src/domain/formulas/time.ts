/**
 * Formula date arithmetic on epoch milliseconds, in the zone the caller picks per evaluation (default
 * UTC): Notion evaluates date functions in the viewer's zone, and Quire has no viewer. The zone
 * arithmetic itself is domain/time-zones.ts.
 */

import {
  DAY_MS,
  addCalendar,
  daysInMonth,
  instantOf,
  offsetMs,
  utcMs,
  wallClock,
  weekday,
  type WallClock,
} from "../time-zones.ts";

/** A wall clock and its day of the week, which date formats and `day()` read. */
export interface WeekdayClock extends WallClock {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function weekdayClock(ms: number, timeZone: string): WeekdayClock {
  const { year, month, day, hour, minute, second, millisecond } = wallClock(ms, timeZone);
  return { year, month, day, hour, minute, second, millisecond, weekday: weekday(year, month, day) };
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
  if (unit === "days" || unit === "weeks") {
    return addCalendar(ms, { days: Math.round(unit === "weeks" ? amount * 7 : amount) }, timeZone);
  }
  const months = Math.round(amount * (unit === "years" ? 12 : unit === "quarters" ? 3 : 1));
  return addCalendar(ms, { months }, timeZone);
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
export function isoWeek(clock: WeekdayClock): { week: number; year: number } {
  const isoWeekday = clock.weekday === 0 ? 7 : clock.weekday;
  const thursday = new Date(utcMs(clock.year, clock.month, clock.day + 4 - isoWeekday));
  const year = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - utcMs(year, 1, 1)) / DAY_MS;
  return { week: Math.floor(dayOfYear / 7) + 1, year };
}

/** US locale week (moment's `w`): weeks start on Sunday; week 1 holds January 1. */
export function localeWeek(clock: WeekdayClock): { week: number; year: number } {
  const saturday = new Date(utcMs(clock.year, clock.month, clock.day + 6 - clock.weekday));
  const year = saturday.getUTCFullYear();
  const dayOfYear = (saturday.getTime() - utcMs(year, 1, 1)) / DAY_MS;
  return { week: Math.floor(dayOfYear / 7) + 1, year };
}

export function dayOfYear(clock: WallClock): number {
  return (utcMs(clock.year, clock.month, clock.day) - utcMs(clock.year, 1, 1)) / DAY_MS + 1;
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
  if (zone === undefined) return { ms: instantOf(clock, timeZone), dateOnly };
  const local = instantOf(clock, "UTC");
  if (zone.toUpperCase() === "Z") return { ms: local, dateOnly };
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  return { ms: local - sign * offset, dateOnly };
}
