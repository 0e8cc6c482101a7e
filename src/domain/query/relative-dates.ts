import type { DateCompareOp, DateOperand, DateRangeOp, RelativeDate } from "./ast.ts";
import {
  addCalendar,
  addToClock,
  instantOf,
  startOfDay,
  wallClock,
  weekday,
  type CalendarStep,
  type WallClock,
} from "../time-zones.ts";

/** Clock and zone a query is evaluated in; both are injected so tests and the dev harness can pin them. */
export interface DateContext {
  now: Date;
  /** IANA zone for day boundaries and relative values; UTC unless told (Notion's default for the API). */
  timeZone: string;
}

export interface Bound {
  ms: number;
  inclusive: boolean;
}

/** A half-open or closed interval of instants; a missing side is unbounded. */
export interface DateRange {
  from?: Bound;
  to?: Bound;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

/**
 * Relative values name calendar days (Notion's UI offers them as "Today", "One week ago" …), so
 * they compare like date-only inputs: `{equals: "today"}` is the whole of today.
 */
function relativeDay(value: RelativeDate, context: DateContext): Day {
  const today = wallClock(context.now.getTime(), context.timeZone);
  const steps: Record<RelativeDate, CalendarStep> = {
    today: {},
    tomorrow: { days: 1 },
    yesterday: { days: -1 },
    one_week_ago: { days: -7 },
    one_week_from_now: { days: 7 },
    one_month_ago: { months: -1 },
    one_month_from_now: { months: 1 },
  };
  return addToClock(today, steps[value]);
}

function nextDay(day: Day): Day {
  return addToClock({ ...day, hour: 0, minute: 0, second: 0, millisecond: 0 }, { days: 1 });
}

/**
 * A comparison with a day means the whole day in the context's zone ("equals 2021-05-10" is
 * [midnight, next midnight)); with a datetime it is exact to the millisecond
 * (reference/filter-data-source-entries).
 */
export function compareRange(op: DateCompareOp, operand: DateOperand, context: DateContext): DateRange {
  if (operand.kind === "instant") {
    const at = operand.ms;
    switch (op) {
      case "equals":
        return { from: { ms: at, inclusive: true }, to: { ms: at, inclusive: true } };
      case "before":
        return { to: { ms: at, inclusive: false } };
      case "after":
        return { from: { ms: at, inclusive: false } };
      case "on_or_before":
        return { to: { ms: at, inclusive: true } };
      case "on_or_after":
        return { from: { ms: at, inclusive: true } };
    }
  }
  const day = operand.kind === "day" ? operand : relativeDay(operand.value, context);
  const start = startOfDay(day.year, day.month, day.day, context.timeZone);
  const following = nextDay(day);
  const end = startOfDay(following.year, following.month, following.day, context.timeZone);
  switch (op) {
    case "equals":
      return { from: { ms: start, inclusive: true }, to: { ms: end, inclusive: false } };
    case "before":
      return { to: { ms: start, inclusive: false } };
    case "after":
      return { from: { ms: end, inclusive: true } };
    case "on_or_before":
      return { to: { ms: end, inclusive: false } };
    case "on_or_after":
      return { from: { ms: start, inclusive: true } };
  }
}

/** Weeks start on Sunday, as in Notion's UI by default (the API documents no week start). */
const WEEK_STARTS_ON = 0;

/**
 * `past_*` is [now − period, now] and `next_*` is [now, now + period], both inclusive, on the wall
 * clock of the zone (so "a month" is a calendar month); `this_week` is the current Sunday-to-Saturday
 * week, whole days.
 */
export function periodRange(op: DateRangeOp, context: DateContext): DateRange {
  const nowMs = context.now.getTime();
  const shifted = (step: CalendarStep): number => addCalendar(nowMs, step, context.timeZone);
  const now: Bound = { ms: nowMs, inclusive: true };
  switch (op) {
    case "past_week":
      return { from: { ms: shifted({ days: -7 }), inclusive: true }, to: now };
    case "past_month":
      return { from: { ms: shifted({ months: -1 }), inclusive: true }, to: now };
    case "past_year":
      return { from: { ms: shifted({ months: -12 }), inclusive: true }, to: now };
    case "next_week":
      return { from: now, to: { ms: shifted({ days: 7 }), inclusive: true } };
    case "next_month":
      return { from: now, to: { ms: shifted({ months: 1 }), inclusive: true } };
    case "next_year":
      return { from: now, to: { ms: shifted({ months: 12 }), inclusive: true } };
    case "this_week": {
      const clock = wallClock(nowMs, context.timeZone);
      const back = (weekday(clock.year, clock.month, clock.day) - WEEK_STARTS_ON + 7) % 7;
      const midnight: WallClock = { ...clock, hour: 0, minute: 0, second: 0, millisecond: 0 };
      const first = addToClock(midnight, { days: -back });
      const last = addToClock(midnight, { days: 7 - back });
      return {
        from: { ms: instantOf(first, context.timeZone), inclusive: true },
        to: { ms: instantOf(last, context.timeZone), inclusive: false },
      };
    }
  }
}
