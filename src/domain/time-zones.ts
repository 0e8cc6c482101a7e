/**
 * Calendar arithmetic in an IANA time zone with nothing but `Intl` (no date library in the dependency
 * list), on epoch milliseconds. Formulas, relative date filters and zoned property values all read and
 * set wall clocks through this module, so they agree on day boundaries and on DST changes.
 */

/** A time of day on a calendar date, as a clock on the wall shows it; fields overflow like `Date.UTC`. */
export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const DAY_MS = 86_400_000;

/** `Date.UTC` without its two-digit-year quirk (years 0–99 would become 1900–1999). */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  if (year >= 100 || year <= -1) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

function clockMs(clock: WallClock): number {
  const { year, month, day, hour, minute, second, millisecond } = clock;
  return utcMs(year, month, day, hour, minute, second, millisecond);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekday(year: number, month: number, day: number): number {
  return new Date(utcMs(year, month, day)).getUTCDay();
}

// Zone names come from requests; the cap keeps made-up spellings ("europe/PARIS"…) from piling up.
const MAX_CACHED_ZONES = 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset at `ms`, read from `Intl` (which resolves whole seconds). */
function computeOffset(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  const year = Number(parts["year"]);
  const local = utcMs(
    parts["era"] === "BC" ? 1 - year : year,
    Number(parts["month"]),
    Number(parts["day"]),
    Number(parts["hour"]),
    Number(parts["minute"]),
    Number(parts["second"]),
  );
  return local - (ms - (((ms % 1000) + 1000) % 1000));
}

// formatToParts costs microseconds, and a data source evaluates the same few dates again and again, so
// offsets are cached per zone and quarter hour. A quarter hour whose two ends disagree holds a
// transition (not every one falls on a quarter hour: Abidjan's of 1912 came at 00:16:08 UTC) and
// is computed exactly each time (NaN marks it).
const QUARTER_HOUR = 900_000;
const MAX_CACHED_OFFSETS = 10_000;
const MAX_DATE_MS = 8.64e15;
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
export function offsetMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  let cache = offsetCache.get(timeZone);
  if (cache === undefined) {
    if (offsetCache.size >= MAX_CACHED_ZONES) offsetCache.clear();
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR;
    const end = start + QUARTER_HOUR - 1000;
    offset = computeOffset(start, timeZone);
    if (end <= MAX_DATE_MS && computeOffset(end, timeZone) !== offset) offset = NaN;
    if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? computeOffset(ms, timeZone) : offset;
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const d = new Date(ms + offsetMs(ms, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/**
 * The instant a wall-clock time names in `timeZone` (overflowing fields roll over). In an overlap
 * (clocks set back) it is the first of the two; in a gap (a time that does not exist, e.g. midnight on
 * a DST day in Santiago) it is shifted forward by the gap's length, so a day always starts at its first
 * existing instant. This is the "compatible" disambiguation of Temporal and RFC 5545.
 */
export function instantOf(clock: WallClock, timeZone: string): number {
  const local = clockMs(clock);
  if (timeZone === "UTC") return local;
  // No zone changes its offset twice within two days (the closest changes in the tz database are four
  // days apart), so the offsets a day either side are the only candidates.
  const before = offsetMs(local - DAY_MS, timeZone);
  const after = offsetMs(local + DAY_MS, timeZone);
  const underBefore = local - before;
  if (before === after) return underBefore;
  const underAfter = local - after;
  // The earlier offset wins unless the clock reads `local` only under the later one. In an overlap both
  // read it and the earlier offset gives the first instant; in a gap neither does and it gives the
  // later one.
  const beforeReads = offsetMs(underBefore, timeZone) === before;
  const afterReads = offsetMs(underAfter, timeZone) === after;
  return !beforeReads && afterReads ? underAfter : underBefore;
}

/** Start of a calendar day (local midnight, or the first instant after a gap) in `timeZone`. */
export function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

export interface CalendarStep {
  days?: number;
  months?: number;
}

/**
 * Calendar addition on a wall clock, months first: month and year steps clamp the day (January 31 +
 * 1 month = February 28/29, as moment.js and date-fns do), day steps roll over into the next month.
 */
export function addToClock(clock: WallClock, step: CalendarStep): WallClock {
  const months = clock.year * 12 + (clock.month - 1) + (step.months ?? 0);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const shifted = new Date(
    utcMs(year, month, Math.min(clock.day, daysInMonth(year, month)) + (step.days ?? 0)),
  );
  // Fields are listed rather than spread: spreading is several times slower, and formulas do this a lot.
  const { hour, minute, second, millisecond } = clock;
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour,
    minute,
    second,
    millisecond,
  };
}

/**
 * Calendar addition to an instant: it moves the wall clock, so adding a day across a DST change keeps
 * the time of day.
 */
export function addCalendar(ms: number, step: CalendarStep, timeZone: string): number {
  return instantOf(addToClock(wallClock(ms, timeZone), step), timeZone);
}
