import { FormulaError } from "../errors.ts";
import { formatDate } from "../format-date.ts";
import { startOfDay, wallClock } from "../../time-zones.ts";
import {
  addUnits,
  diffUnits,
  isoWeek,
  parseDateUnit,
  parseIsoDate,
  weekdayClock,
  type DateUnit,
  type WeekdayClock,
} from "../time.ts";
import type { Kind } from "../types.ts";
import { EMPTY, date, number, text, type FormulaValue } from "../values.ts";
import {
  dateArg,
  numberArg,
  textArg,
  type CallContext,
  type FunctionDef,
  type FunctionTable,
} from "./define.ts";

const DATE: readonly Kind[] = ["date"];
const NUMBER: readonly Kind[] = ["number"];
const TEXT: readonly Kind[] = ["text"];

function unitArg(args: readonly FormulaValue[], index: number, fn: string, ctx: CallContext): DateUnit {
  return checkUnit(textArg(args, index, fn, ctx), fn);
}

function checkUnit(name: string, fn: string): DateUnit {
  const unit = parseDateUnit(name);
  if (unit === undefined) {
    throw new FormulaError(
      `Invalid unit "${name}" for ${fn}(). Use "years", "quarters", "months", "weeks", "days", "hours" or "minutes".`,
    );
  }
  return unit;
}

function literalUnit(index: number, fn: string) {
  return (args: readonly (FormulaValue | undefined)[]): void => {
    const unit = args[index];
    if (unit?.type === "text") checkUnit(unit.value, fn);
  };
}

/** A part of the date's start, read on the wall clock of the evaluation's time zone. */
function part(fn: string, read: (clock: WeekdayClock) => number): FunctionDef {
  return {
    params: [DATE],
    returns: "number",
    call: (args, ctx) => number(read(weekdayClock(dateArg(args, 0, fn).start, ctx.timeZone))),
  };
}

const CALENDAR_UNITS: readonly DateUnit[] = ["years", "quarters", "months", "weeks", "days"];

function shift(fn: "dateAdd" | "dateSubtract", sign: 1 | -1): FunctionDef {
  return {
    params: [DATE, NUMBER, TEXT],
    returns: "date",
    checkLiterals: literalUnit(2, fn),
    call: (args, ctx) => {
      const value = dateArg(args, 0, fn);
      const amount = sign * numberArg(args, 1, fn);
      const unit = unitArg(args, 2, fn, ctx);
      const move = (ms: number): number => addUnits(ms, amount, unit, ctx.timeZone);
      // A date without a time stays one when moved by whole days or more.
      const dateOnly = value.dateOnly && CALENDAR_UNITS.includes(unit);
      return date(move(value.start), value.end === null ? null : move(value.end), dateOnly);
    },
  };
}

export const dateFunctions: FunctionTable = {
  now: { params: [], returns: "date", call: (_args, ctx) => date(ctx.now) },
  today: {
    params: [],
    returns: "date",
    call: (_args, ctx) => {
      const { year, month, day } = wallClock(ctx.now, ctx.timeZone);
      return date(startOfDay(year, month, day, ctx.timeZone), null, true);
    },
  },
  minute: part("minute", (c) => c.minute),
  hour: part("hour", (c) => c.hour),
  // Formulas 2.0: "the day of the week, between 1 (Monday) and 7 (Sunday)".
  day: part("day", (c) => (c.weekday === 0 ? 7 : c.weekday)),
  date: part("date", (c) => c.day),
  week: part("week", (c) => isoWeek(c).week),
  // Formulas 2.0 count months from 1 (January), unlike formulas 1.0.
  month: part("month", (c) => c.month),
  year: part("year", (c) => c.year),
  dateAdd: shift("dateAdd", 1),
  dateSubtract: shift("dateSubtract", -1),
  dateBetween: {
    params: [DATE, DATE, TEXT],
    returns: "number",
    checkLiterals: literalUnit(2, "dateBetween"),
    call: (args, ctx) => {
      const a = dateArg(args, 0, "dateBetween").start;
      const b = dateArg(args, 1, "dateBetween").start;
      return number(diffUnits(a, b, unitArg(args, 2, "dateBetween", ctx), ctx.timeZone));
    },
  },
  dateRange: {
    params: [DATE, DATE],
    returns: "date",
    call: (args) => {
      const start = dateArg(args, 0, "dateRange");
      const end = dateArg(args, 1, "dateRange");
      return date(start.start, end.end ?? end.start, start.dateOnly && end.dateOnly);
    },
  },
  dateStart: {
    params: [DATE],
    returns: "date",
    call: (args) => {
      const value = dateArg(args, 0, "dateStart");
      return date(value.start, null, value.dateOnly);
    },
  },
  // A single date is its own end, so `dateEnd` never turns a date into the empty value.
  dateEnd: {
    params: [DATE],
    returns: "date",
    call: (args) => {
      const value = dateArg(args, 0, "dateEnd");
      return date(value.end ?? value.start, null, value.dateOnly);
    },
  },
  timestamp: {
    params: [DATE],
    returns: "number",
    call: (args) => number(dateArg(args, 0, "timestamp").start),
  },
  fromTimestamp: {
    params: [NUMBER],
    returns: "date",
    call: (args) => {
      const ms = numberArg(args, 0, "fromTimestamp");
      return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? date(ms) : EMPTY;
    },
  },
  formatDate: {
    params: [DATE, TEXT],
    returns: "text",
    call: (args, ctx) =>
      text(
        formatDate(dateArg(args, 0, "formatDate").start, textArg(args, 1, "formatDate", ctx), ctx.timeZone),
      ),
  },
  parseDate: {
    params: [TEXT],
    returns: "date",
    call: (args, ctx) => {
      const parsed = parseIsoDate(textArg(args, 0, "parseDate", ctx), ctx.timeZone);
      return parsed === undefined ? EMPTY : date(parsed.ms, null, parsed.dateOnly);
    },
  },
};
