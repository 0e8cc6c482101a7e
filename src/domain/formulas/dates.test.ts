import { describe, expect, it } from "vitest";
import { dateFromNotion } from "./result.ts";
import { run } from "./test-support.ts";
import type { FormulaValue } from "./values.ts";

const NY = { timeZone: "America/New_York" };
const on = (start: string, end?: string): Record<string, FormulaValue> => ({
  Date: dateFromNotion({ start, end: end ?? null }),
});

describe("date functions (now() is 2023-08-30T17:55Z)", () => {
  it.each([
    ["now()", "2023-08-30T17:55:00.000+00:00"],
    ["today()", "2023-08-30"],
    ['minute(parseDate("2023-07-10T17:35Z"))', 35],
    ['hour(parseDate("2023-07-10T17:35Z"))', 17],
    // Formulas 2.0: day() is the weekday from 1 (Monday) to 7 (Sunday); July 10, 2023 was a Monday.
    ['day(parseDate("2023-07-10T17:35Z"))', 1],
    ['day(parseDate("2023-07-16"))', 7],
    ['date(parseDate("2023-07-10T17:35Z"))', 10],
    ['week(parseDate("2023-01-02"))', 1],
    ['week(parseDate("2023-01-01"))', 52],
    ['month(parseDate("2023-07-10T17:35Z"))', 7],
    ["year(now())", 2023],
    ['dateAdd(now(), 1, "days")', "2023-08-31T17:55:00.000+00:00"],
    ['dateAdd(now(), 2, "months")', "2023-10-30T17:55:00.000+00:00"],
    ['dateAdd(now(), 3, "years")', "2026-08-30T17:55:00.000+00:00"],
    ['dateAdd(now(), 1, "quarters")', "2023-11-30T17:55:00.000+00:00"],
    ['dateAdd(now(), 90, "minutes")', "2023-08-30T19:25:00.000+00:00"],
    ['dateAdd(parseDate("2023-01-31"), 1, "months")', "2023-02-28"],
    ['dateSubtract(now(), 1, "weeks")', "2023-08-23T17:55:00.000+00:00"],
    ['parseDate("2022-06-01").dateSubtract(3, "months").dateSubtract(5, "days")', "2022-02-24"],
    ['dateSubtract(parseDate("2022-06-01"), -3, "months")', "2022-09-01"],
    ['dateBetween(parseDate("2022-09-07"), parseDate("2023-09-07"), "days")', -365],
    ['dateBetween(parseDate("2030-01-01"), now(), "years")', 6],
    ['dateBetween(parseDate("2022-06-23"), parseDate("2022-06-01"), "days")', 22],
    ['parseDate("2022-06-23").dateBetween(parseDate("2022-12-25"), "months")', -6],
    ['dateBetween(parseDate("2023-03-31"), parseDate("2023-01-01"), "quarters")', 0],
    ['dateBetween(parseDate("2023-04-01"), parseDate("2023-01-01"), "quarters")', 1],
    ['dateBetween(now(), parseDate("2023-08-30"), "hours")', 17],
    ['dateBetween(now(), parseDate("2023-08-30T17:00Z"), "minutes")', 55],
    ['dateBetween(parseDate("2023-08-30"), parseDate("2023-08-16"), "weeks")', 2],
    ["timestamp(now())", 1693418100000],
    ["fromTimestamp(1689024900000)", "2023-07-10T21:35:00.000+00:00"],
    ['parseDate("2022-01-01")', "2022-01-01"],
    ['parseDate("2022-01-01T00:00Z")', "2022-01-01T00:00:00.000+00:00"],
    ['parseDate("2022-01-01T09:30+02:00")', "2022-01-01T07:30:00.000+00:00"],
    ['parseDate("not a date")', null],
    ['parseDate("2023-02-30")', null],
    ['dateRange(parseDate("2023-01-01"), parseDate("2023-01-31"))', "2023-01-01/2023-01-31"],
    ['dateStart(dateRange(parseDate("2023-01-01"), parseDate("2023-01-31")))', "2023-01-01"],
    ['dateEnd(dateRange(parseDate("2023-01-01"), parseDate("2023-01-31")))', "2023-01-31"],
    ['dateEnd(parseDate("2023-01-01"))', "2023-01-01"],
    ['parseDate("2023-01-01") < now()', true],
    ['parseDate("2023-01-01") == parseDate("2023-01-01")', true],
  ])("%s → %j", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("reads date properties, ranges included", () => {
    expect(run('prop("Date") > now()', on("2024-01-01"))).toBe(true);
    expect(
      run(
        'dateBetween(prop("Date").dateEnd(), prop("Date").dateStart(), "days")',
        on("2023-05-01", "2023-05-08"),
      ),
    ).toBe(7);
    expect(run('prop("Date").format()', on("2023-05-01", "2023-05-08"))).toBe("May 1, 2023 → May 8, 2023");
    expect(run('dateAdd(prop("Date"), 1, "days")', on("2023-05-01", "2023-05-08"))).toBe(
      "2023-05-02/2023-05-09",
    );
  });

  it("is empty for an empty date property", () => {
    expect(run('dateAdd(prop("Date"), 1, "days")')).toBeNull();
    expect(run('empty(prop("Date"))')).toBe(true);
  });
});

describe("time zones", () => {
  it("reads and prints dates in the evaluation's zone", () => {
    expect(run("hour(now())", {}, NY)).toBe(13);
    expect(run("today()", {}, { ...NY, now: new Date("2023-08-31T02:00:00Z") })).toBe("2023-08-30");
    expect(run("fromTimestamp(1689024900000).format()", {}, { timeZone: "America/Los_Angeles" })).toBe(
      "July 10, 2023 14:35",
    );
    expect(run('formatDate(now(), "YYYY-MM-DD HH:mm Z")', {}, { timeZone: "Asia/Kolkata" })).toBe(
      "2023-08-30 23:25 +05:30",
    );
  });

  it("keeps the wall-clock time when adding days across a DST change", () => {
    expect(run('dateAdd(parseDate("2023-03-11T12:00"), 1, "days")', {}, NY)).toBe(
      "2023-03-12T12:00:00.000-04:00",
    );
    expect(run('dateAdd(parseDate("2023-03-11T12:00"), 24, "hours")', {}, NY)).toBe(
      "2023-03-12T13:00:00.000-04:00",
    );
    expect(run('dateBetween(parseDate("2023-03-13"), parseDate("2023-03-06"), "days")', {}, NY)).toBe(7);
  });

  it("treats a date-only value as midnight in the zone", () => {
    expect(run('parseDate("2023-07-01")', {}, NY)).toBe("2023-07-01");
    expect(run('timestamp(parseDate("2023-07-01"))', {}, NY)).toBe(Date.UTC(2023, 6, 1, 4));
  });
});

describe("formatDate", () => {
  it.each([
    ["MMMM D, Y", "August 30, 2023"],
    ["MM/DD/YYYY", "08/30/2023"],
    ["HH:mm A", "17:55 PM"],
    ["h:mm a", "5:55 pm"],
    ["dddd, MMMM Do YYYY", "Wednesday, August 30th 2023"],
    ["ddd MMM D YY", "Wed Aug 30 23"],
    ["[Week] W, [Q]Q", "Week 35, Q3"],
    ["DDDD", "242"],
    ["LLL", "August 30, 2023 5:55 PM"],
    ["L LT", "08/30/2023 5:55 PM"],
    ["X", "1693418100"],
    ["YYYY-MM-DDTHH:mm:ss.SSSZ", "2023-08-30T17:55:00.000+00:00"],
    ["E e wo", "3 3 35th"],
  ])("%s → %s", (pattern, expected) => {
    expect(run(`formatDate(now(), "${pattern}")`)).toBe(expected);
  });
});
