/**
 * Calendar arithmetic in an IANA time zone with nothing but `Intl` (no date library in the
 * dependency list). Relative date filters ("today", "this_week", "past_month") are calendar notions,
 * so they are computed on the wall clock of the requested zone and converted back to instants.
 */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

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
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
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

export function wallClock(ms: number, timeZone: string): WallClock {
  const millisecond = ((ms % 1000) + 1000) % 1000;
  if (timeZone === "UTC") {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond,
    };
  }
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  const year = Number(parts["year"]);
  return {
    year: parts["era"] === "BC" ? 1 - year : year,
    month: Number(parts["month"]),
    day: Number(parts["day"]),
    hour: Number(parts["hour"]),
    minute: Number(parts["minute"]),
    second: Number(parts["second"]),
    millisecond,
  };
}

function wallMs(clock: WallClock): number {
  const { year, month, day, hour, minute, second, millisecond } = clock;
  return utcMs(year, month, day, hour, minute, second, millisecond);
}

/**
 * The instant a wall-clock time names in `timeZone`. In an overlap (clocks set back) it is the first
 * of the two; in a gap (a time that does not exist, e.g. midnight on a DST day in Santiago) it is
 * the instant after the gap, so a day always starts at its first existing instant.
 */
export function instantOf(clock: WallClock, timeZone: string): number {
  const guess = wallMs(clock);
  if (timeZone === "UTC") return guess;
  const offset = (ms: number): number => wallMs(wallClock(ms, timeZone)) - ms;
  const first = guess - offset(guess);
  const second = guess - offset(first);
  const exact = [first, second].filter((ms) => wallMs(wallClock(ms, timeZone)) === guess);
  return exact.length > 0 ? Math.min(...exact) : Math.max(first, second);
}

/** Start of a calendar day (local midnight) in `timeZone`. */
export function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** Calendar addition on a wall clock; month/year steps clamp the day (Jan 31 + 1 month = Feb 28/29). */
export function addToClock(clock: WallClock, step: { days?: number; months?: number }): WallClock {
  const months = clock.year * 12 + (clock.month - 1) + (step.months ?? 0);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const lastDay = new Date(utcMs(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(utcMs(year, month, Math.min(clock.day, lastDay) + (step.days ?? 0)));
  return {
    ...clock,
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekday(year: number, month: number, day: number): number {
  return new Date(utcMs(year, month, day)).getUTCDay();
}
