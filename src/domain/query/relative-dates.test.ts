import { describe, expect, it } from "vitest";
import type { DateOperand } from "./ast.ts";
import { compareRange, periodRange, type DateContext, type DateRange } from "./relative-dates.ts";
import { instantOf, isTimeZone, startOfDay, wallClock } from "../time-zones.ts";

const at = (iso: string, timeZone = "UTC"): DateContext => ({ now: new Date(iso), timeZone });
const ms = (iso: string): number => Date.parse(iso);
const day = (date: string): DateOperand => {
  const [year = 0, month = 0, d = 0] = date.split("-").map(Number);
  return { kind: "day", year, month, day: d };
};
const range = (from: string | null, to: string | null, toInclusive = false): DateRange => ({
  ...(from ? { from: { ms: ms(from), inclusive: true } } : {}),
  ...(to ? { to: { ms: ms(to), inclusive: toInclusive } } : {}),
});

describe("time zones", () => {
  it("recognises IANA names", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("finds local midnight, including on DST days", () => {
    expect(startOfDay(2024, 3, 13, "America/New_York")).toBe(ms("2024-03-13T04:00:00Z"));
    expect(startOfDay(2024, 3, 10, "America/New_York")).toBe(ms("2024-03-10T05:00:00Z"));
    // Santiago skips from 00:00 to 01:00 on 2024-09-08: the day starts at 01:00 -03.
    expect(startOfDay(2024, 9, 8, "America/Santiago")).toBe(ms("2024-09-08T04:00:00Z"));
  });

  it("resolves gaps forward and overlaps to the first instant", () => {
    const clock = { year: 2024, month: 3, day: 10, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(instantOf(clock, "America/New_York")).toBe(ms("2024-03-10T07:30:00Z"));
    expect(instantOf({ ...clock, month: 11, day: 3, hour: 1 }, "America/New_York")).toBe(
      ms("2024-11-03T05:30:00Z"),
    );
  });

  it("reads the wall clock", () => {
    expect(wallClock(ms("2024-03-13T15:00:00.250Z"), "Asia/Tokyo")).toEqual({
      year: 2024,
      month: 3,
      day: 14,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 250,
    });
  });
});

describe("compareRange", () => {
  const utc = at("2024-03-13T15:00:00Z");

  it("a day is the whole day", () => {
    expect(compareRange("equals", day("2024-03-13"), utc)).toEqual(
      range("2024-03-13T00:00:00Z", "2024-03-14T00:00:00Z"),
    );
    expect(compareRange("before", day("2024-03-13"), utc)).toEqual(range(null, "2024-03-13T00:00:00Z"));
    expect(compareRange("after", day("2024-03-13"), utc)).toEqual(range("2024-03-14T00:00:00Z", null));
    expect(compareRange("on_or_before", day("2024-03-13"), utc)).toEqual(range(null, "2024-03-14T00:00:00Z"));
    expect(compareRange("on_or_after", day("2024-03-13"), utc)).toEqual(range("2024-03-13T00:00:00Z", null));
  });

  it("a day in a zone, 23 hours long when the clocks go forward", () => {
    expect(compareRange("equals", day("2024-03-10"), at("2024-03-13T15:00:00Z", "America/New_York"))).toEqual(
      range("2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"),
    );
  });

  it("an instant is exact", () => {
    const instant: DateOperand = { kind: "instant", ms: ms("2024-03-13T12:00:00Z") };
    const point = { ms: instant.ms, inclusive: true };
    expect(compareRange("equals", instant, utc)).toEqual({ from: point, to: point });
    expect(compareRange("before", instant, utc)).toEqual({ to: { ...point, inclusive: false } });
    expect(compareRange("after", instant, utc)).toEqual({ from: { ...point, inclusive: false } });
    expect(compareRange("on_or_before", instant, utc)).toEqual({ to: point });
    expect(compareRange("on_or_after", instant, utc)).toEqual({ from: point });
  });

  it.each([
    ["today", "2024-03-13"],
    ["tomorrow", "2024-03-14"],
    ["yesterday", "2024-03-12"],
    ["one_week_ago", "2024-03-06"],
    ["one_week_from_now", "2024-03-20"],
    ["one_month_ago", "2024-02-13"],
    ["one_month_from_now", "2024-04-13"],
  ] as const)("%s is a day", (value, date) => {
    expect(compareRange("equals", { kind: "relative", value }, utc)).toEqual(
      compareRange("equals", day(date), utc),
    );
  });

  it("relative values follow the zone's calendar and clamp to the month's end", () => {
    const today = { kind: "relative", value: "today" } as const;
    expect(compareRange("equals", today, at("2024-03-13T15:00:00Z", "Asia/Tokyo"))).toEqual(
      range("2024-03-13T15:00:00Z", "2024-03-14T15:00:00Z"),
    );
    expect(
      compareRange("equals", { kind: "relative", value: "one_month_ago" }, at("2024-03-31T12:00:00Z")),
    ).toEqual(range("2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"));
    expect(
      compareRange("equals", { kind: "relative", value: "one_month_from_now" }, at("2023-01-31T12:00:00Z")),
    ).toEqual(range("2023-02-28T00:00:00Z", "2023-03-01T00:00:00Z"));
  });
});

describe("periodRange", () => {
  const now = "2024-03-13T15:00:00Z";
  it.each([
    ["past_week", "2024-03-06T15:00:00Z", now],
    ["past_month", "2024-02-13T15:00:00Z", now],
    ["past_year", "2023-03-13T15:00:00Z", now],
    ["next_week", now, "2024-03-20T15:00:00Z"],
    ["next_month", now, "2024-04-13T15:00:00Z"],
    ["next_year", now, "2025-03-13T15:00:00Z"],
  ] as const)("%s is inclusive on both ends", (op, from, to) => {
    expect(periodRange(op, at(now))).toEqual(range(from, to, true));
  });

  it("counts calendar months and years", () => {
    expect(periodRange("past_month", at("2024-03-31T12:00:00Z")).from?.ms).toBe(ms("2024-02-29T12:00:00Z"));
    expect(periodRange("past_year", at("2024-02-29T12:00:00Z")).from?.ms).toBe(ms("2023-02-28T12:00:00Z"));
  });

  it("counts days on the wall clock across a DST change", () => {
    // 08:00 EDT on the 13th; a week earlier is 08:00 EST, 13:00Z.
    expect(periodRange("past_week", at("2024-03-13T12:00:00Z", "America/New_York")).from?.ms).toBe(
      ms("2024-03-06T13:00:00Z"),
    );
  });

  it("this_week runs from Sunday to Sunday", () => {
    const week = range("2024-03-10T00:00:00Z", "2024-03-17T00:00:00Z");
    expect(periodRange("this_week", at("2024-03-10T00:00:00Z"))).toEqual(week);
    expect(periodRange("this_week", at("2024-03-13T15:00:00Z"))).toEqual(week);
    expect(periodRange("this_week", at("2024-03-16T23:59:59Z"))).toEqual(week);
    // Saturday 23:00Z is already Sunday morning in Tokyo: the next week there.
    expect(periodRange("this_week", at("2024-03-16T23:00:00Z", "Asia/Tokyo"))).toEqual(
      range("2024-03-16T15:00:00Z", "2024-03-23T15:00:00Z"),
    );
  });
});
