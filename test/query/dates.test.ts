import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixture, property, type QueryFixture, type Row } from "./query-fixture.ts";

// Every case runs at DEFAULT_NOW, 2024-03-13T15:00:00Z, a Wednesday.
const ms = (iso: string): number => Date.parse(iso);
const day = (date: string): Row["values"] => ({ dt: ms(`${date}T00:00:00Z`) });

const schema = [
  property("title", "Name", "title"),
  property("dt", "When", "date"),
  property("ct", "Created", "created_time"),
  property("let", "Edited", "last_edited_time"),
];

const rows: Row[] = [
  { name: "y2023", values: day("2023-06-01") },
  { name: "feb13", values: day("2024-02-13") },
  // A range counts by its start (Notion filters only on the start: notion-sdk-js#431).
  { name: "range", values: { dt: ms("2024-03-01T00:00:00Z"), "dt:end": ms("2024-03-20T00:00:00Z") } },
  { name: "mar06", values: day("2024-03-06") },
  { name: "mar10", values: day("2024-03-10") },
  {
    name: "mar12",
    values: day("2024-03-12"),
    created: "2024-03-12T10:00:00.000Z",
    edited: "2024-03-13T14:00:00.000Z",
  },
  { name: "mar13", values: day("2024-03-13") },
  { name: "mar13_1459", values: { dt: ms("2024-03-13T14:59:00Z") } },
  { name: "mar13_late", values: { dt: ms("2024-03-13T23:30:00Z") } },
  // 01:00 on the 14th in Tokyo.
  { name: "mar13_16h", values: { dt: ms("2024-03-13T16:00:00Z") } },
  { name: "mar14", values: day("2024-03-14") },
  { name: "mar17", values: day("2024-03-17") },
  { name: "mar20_15h", values: { dt: ms("2024-03-20T15:00:00Z") } },
  { name: "apr13", values: day("2024-04-13") },
  { name: "none", values: {} },
];

let fixture: QueryFixture;

beforeAll(async () => {
  fixture = await createFixture(schema, rows);
});

afterAll(async () => {
  await fixture.close();
});

const sorted = (...names: string[]): string[] => [...names].sort();
const ON_13TH = ["mar13", "mar13_1459", "mar13_late", "mar13_16h"];
const BEFORE_13TH = ["y2023", "feb13", "range", "mar06", "mar10", "mar12"];
const AFTER_13TH = ["mar14", "mar17", "mar20_15h", "apr13"];

describe("absolute dates", () => {
  it.each([
    ["equals a date is the whole UTC day", { equals: "2024-03-13" }, ON_13TH],
    ["before a date is before its first instant", { before: "2024-03-13" }, BEFORE_13TH],
    ["after a date is after its last instant", { after: "2024-03-13" }, AFTER_13TH],
    ["on_or_before a date includes the day", { on_or_before: "2024-03-13" }, [...BEFORE_13TH, ...ON_13TH]],
    ["on_or_after a date includes the day", { on_or_after: "2024-03-14" }, AFTER_13TH],
    ["equals a datetime is exact", { equals: "2024-03-13T23:30:00Z" }, ["mar13_late"]],
    ["a datetime with an offset", { equals: "2024-03-14T08:30:00+09:00" }, ["mar13_late"]],
    ["a datetime without offset is UTC", { equals: "2024-03-13T23:30:00" }, ["mar13_late"]],
    [
      "after a datetime is strict",
      { after: "2024-03-13T14:59:00Z" },
      ["mar13_late", "mar13_16h", ...AFTER_13TH],
    ],
    [
      "on_or_after a datetime",
      { on_or_after: "2024-03-13T14:59:00.000Z" },
      ["mar13_1459", "mar13_late", "mar13_16h", ...AFTER_13TH],
    ],
    ["before a datetime is strict", { before: "2024-03-13T14:59:00Z" }, [...BEFORE_13TH, "mar13"]],
    [
      "on_or_before a datetime",
      { on_or_before: "2024-03-13T14:59:00Z" },
      [...BEFORE_13TH, "mar13", "mar13_1459"],
    ],
    ["a range matches on its start", { equals: "2024-03-01" }, ["range"]],
    ["a range's end is not matched", { equals: "2024-03-20" }, ["mar20_15h"]],
    ["is_empty", { is_empty: true }, ["none"]],
    ["is_not_empty", { is_not_empty: true }, rows.map((r) => r.name).filter((n) => n !== "none")],
  ])("%s", async (_name, condition, expected) => {
    expect(await fixture.matches({ property: "When", date: condition })).toEqual(sorted(...expected));
  });
});

describe("relative dates", () => {
  it.each([
    [{ equals: "today" }, ON_13TH],
    [{ before: "today" }, BEFORE_13TH],
    [{ on_or_after: "today" }, [...ON_13TH, ...AFTER_13TH]],
    [{ equals: "tomorrow" }, ["mar14"]],
    [{ equals: "yesterday" }, ["mar12"]],
    [{ equals: "one_week_ago" }, ["mar06"]],
    [{ equals: "one_week_from_now" }, ["mar20_15h"]],
    [{ equals: "one_month_ago" }, ["feb13"]],
    [{ equals: "one_month_from_now" }, ["apr13"]],
    // [now − 7 days, now]: midnight of the 6th is before 15:00 on the 6th.
    [{ past_week: {} }, ["mar10", "mar12", "mar13", "mar13_1459"]],
    [{ past_month: {} }, ["range", "mar06", "mar10", "mar12", "mar13", "mar13_1459"]],
    [{ past_year: {} }, ["feb13", "y2023", "range", "mar06", "mar10", "mar12", "mar13", "mar13_1459"]],
    // [now, now + 7 days], both ends included.
    [{ next_week: {} }, ["mar13_late", "mar13_16h", "mar14", "mar17", "mar20_15h"]],
    [{ next_month: {} }, ["mar13_late", "mar13_16h", ...AFTER_13TH]],
    [{ next_year: {} }, ["mar13_late", "mar13_16h", ...AFTER_13TH]],
    // Sunday 10th to Saturday 16th.
    [{ this_week: {} }, ["mar10", "mar12", ...ON_13TH, "mar14"]],
  ])("%j", async (condition, expected) => {
    expect(await fixture.matches({ property: "When", date: condition })).toEqual(sorted(...expected));
  });

  it("uses the time zone's day boundaries", async () => {
    const filter = { property: "When", date: { equals: "2024-03-13" } };
    expect(await fixture.matches(filter, { timeZone: "Asia/Tokyo" })).toEqual(["mar13", "mar13_1459"]);
    // "today" in Tokyo at 15:00Z is already the 14th.
    const today = { property: "When", date: { equals: "today" } };
    expect(await fixture.matches(today, { timeZone: "Asia/Tokyo" })).toEqual([
      "mar13_16h",
      "mar13_late",
      "mar14",
    ]);
  });

  it("computes this_week on the zone's calendar, across a DST change", async () => {
    // Los Angeles: Sunday 10th 00:00 PST (08:00Z) to Sunday 17th 00:00 PDT (07:00Z).
    const filter = { property: "When", date: { this_week: {} } };
    expect(await fixture.matches(filter, { timeZone: "America/Los_Angeles" })).toEqual(
      sorted("mar12", ...ON_13TH, "mar14", "mar17"),
    );
  });

  it("follows the injected clock", async () => {
    const filter = { property: "When", date: { equals: "today" } };
    expect(await fixture.matches(filter, { now: new Date("2024-04-13T23:59:59Z") })).toEqual(["apr13"]);
  });
});

describe("created_time and last_edited_time", () => {
  it.each([
    [{ timestamp: "created_time", created_time: { equals: "2024-03-12" } }, ["mar12"]],
    [{ timestamp: "created_time", type: "created_time", created_time: { past_week: {} } }, ["mar12"]],
    [{ timestamp: "last_edited_time", last_edited_time: { after: "2024-03-13T13:59:59.999Z" } }, ["mar12"]],
    [
      { timestamp: "last_edited_time", last_edited_time: { on_or_before: "2024-01-01T00:01:00Z" } },
      ["y2023", "feb13"],
    ],
    // What iterateAllDataSourceRows sends to resume after the last row it saw.
    [
      { timestamp: "created_time", created_time: { on_or_after: "2024-01-01T00:13:00.000Z" } },
      ["apr13", "mar12", "none"],
    ],
    [{ timestamp: "created_time", created_time: { is_empty: true } }, []],
    [{ property: "Created", created_time: { before: "2024-01-01T00:02:00Z" } }, ["y2023", "feb13"]],
    [{ property: "Edited", last_edited_time: { equals: "today" } }, ["mar12"]],
    [{ property: "Edited", last_edited_time: { is_not_empty: true } }, rows.map((r) => r.name)],
  ])("%j", async (filter, expected) => {
    expect(await fixture.matches(filter)).toEqual(sorted(...expected));
  });
});
