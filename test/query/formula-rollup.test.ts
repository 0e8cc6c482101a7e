import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixture, ME_ID, OTHER_ID, property, THIRD_ID, type QueryFixture } from "./query-fixture.ts";

const PAGE_1 = "bbbbbbbb-0000-4000-8000-000000000001";
const ms = (iso: string): number => Date.parse(iso);
const rollup = (fn: string) => ({
  function: fn,
  relation_property_id: "rel",
  relation_property_name: "Rel",
  rollup_property_id: "x",
  rollup_property_name: "X",
});

const schema = [
  property("title", "Name", "title"),
  property("fs", "Label", "formula", { expression: "" }),
  property("fn", "Total", "formula", { expression: "" }),
  property("fc", "Flag", "formula", { expression: "" }),
  property("fd", "Due", "formula", { expression: "" }),
  property("ro", "Names", "rollup", rollup("show_original")),
  property("rs", "Stages", "rollup", rollup("show_original")),
  property("rms", "Tags", "rollup", rollup("show_original")),
  property("rnum", "Amounts", "rollup", rollup("show_original")),
  property("rdt", "Dates", "rollup", rollup("show_original")),
  property("rppl", "Assignees", "rollup", rollup("show_original")),
  property("rrel", "Links", "rollup", rollup("show_original")),
  property("rchk", "Checks", "rollup", rollup("show_original")),
  property("rfil", "File counts", "rollup", rollup("show_original")),
  property("rn", "Sum", "rollup", rollup("sum")),
  property("rd", "Latest", "rollup", rollup("latest_date")),
];

let fixture: QueryFixture;

beforeAll(async () => {
  fixture = await createFixture(schema, [
    {
      name: "f1",
      values: {
        fs: "Hello World",
        fn: 42,
        fc: true,
        fd: ms("2024-03-13T00:00:00Z"),
        ro: ["Apple pie", "banana"],
        rs: ["Done", "Done"],
        rms: ["red", "green"],
        rnum: [1, 5],
        rdt: [ms("2024-03-01T00:00:00Z"), ms("2024-03-20T00:00:00Z")],
        rppl: [ME_ID],
        rrel: [PAGE_1],
        rchk: [true, true],
        rfil: [1, 2],
        rn: 6,
        rd: ms("2024-03-20T00:00:00Z"),
      },
    },
    {
      name: "f2",
      values: {
        fs: "goodbye",
        fn: 7.5,
        fc: false,
        fd: ms("2024-01-01T00:00:00Z"),
        ro: ["cherry"],
        rs: ["Done", "In progress"],
        rms: ["blue"],
        rnum: [10],
        rdt: [ms("2024-01-01T00:00:00Z")],
        rppl: [OTHER_ID, THIRD_ID],
        rchk: [true, false],
        rfil: [0],
        rn: 10,
        rd: ms("2024-01-01T00:00:00Z"),
      },
    },
    { name: "f3", values: { rn: 0 } },
    // Values of another type than the filter expects (a formula whose result type was changed): they
    // must count as empty for typed conditions, never break the query.
    { name: "f4", values: { fs: 12, fn: "oops", fc: "yes", fd: "soon", rn: ["x"], rd: true } },
  ]);
});

afterAll(async () => {
  await fixture.close();
});

const ALL = ["f1", "f2", "f3", "f4"];

describe("formula", () => {
  it.each([
    [{ string: { contains: "world" } }, ["f1"]],
    [{ string: { equals: "GOODBYE" } }, ["f2"]],
    [{ string: { does_not_contain: "o" } }, ["f3", "f4"]],
    [{ string: { is_empty: true } }, ["f3"]],
    [{ number: { greater_than: 10 } }, ["f1"]],
    [{ number: { equals: 7.5 } }, ["f2"]],
    [{ number: { does_not_equal: 42 } }, ["f2", "f3", "f4"]],
    [{ number: { is_empty: true } }, ["f3", "f4"]],
    [{ checkbox: { equals: true } }, ["f1"]],
    [{ checkbox: { equals: false } }, ["f2", "f3", "f4"]],
    [{ checkbox: { does_not_equal: false } }, ["f1"]],
    [{ date: { equals: "2024-03-13" } }, ["f1"]],
    [{ date: { before: "2024-02-01" } }, ["f2"]],
    [{ date: { past_week: {} } }, ["f1"]],
    [{ date: { is_empty: true } }, ["f3", "f4"]],
  ])("%j", async (condition, expected) => {
    const property = { string: "Label", number: "Total", checkbox: "Flag", date: "Due" }[
      Object.keys(condition)[0] ?? ""
    ];
    expect(await fixture.matches({ property, formula: condition })).toEqual(expected);
  });
});

describe("rollup over a list", () => {
  it.each([
    ["Names", { any: { rich_text: { contains: "apple" } } }, ["f1"]],
    ["Names", { every: { rich_text: { contains: "a" } } }, ["f1"]],
    ["Names", { none: { rich_text: { contains: "apple" } } }, ["f2", "f3", "f4"]],
    // `every` needs at least one element.
    ["Names", { every: { rich_text: { is_not_empty: true } } }, ["f1", "f2"]],
    ["Stages", { any: { status: { equals: "In progress" } } }, ["f2"]],
    ["Stages", { every: { status: { equals: "Done" } } }, ["f1"]],
    ["Stages", { any: { select: { equals: ["Done"] } } }, ["f1", "f2"]],
    ["Stages", { none: { select: { does_not_equal: "Done" } } }, ["f1", "f3", "f4"]],
    ["Tags", { any: { multi_select: { contains: "red" } } }, ["f1"]],
    ["Tags", { every: { multi_select: { contains: ["red", "green"] } } }, ["f1"]],
    ["Tags", { any: { multi_select: { does_not_contain: "red" } } }, ["f1", "f2"]],
    ["Amounts", { any: { number: { greater_than: 5 } } }, ["f2"]],
    ["Amounts", { every: { number: { greater_than_or_equal_to: 1 } } }, ["f1", "f2"]],
    ["Amounts", { none: { number: { greater_than: 100 } } }, ALL],
    ["Dates", { any: { date: { after: "2024-03-15" } } }, ["f1"]],
    ["Dates", { every: { date: { before: "2024-02-01" } } }, ["f2"]],
    ["Dates", { any: { date: { on_or_after: "2024-03-01" } } }, ["f1"]],
    ["Assignees", { any: { people: { contains: "me" } } }, ["f1"]],
    ["Assignees", { none: { people: { contains: THIRD_ID } } }, ["f1", "f3", "f4"]],
    ["Links", { any: { relation: { contains: PAGE_1 } } }, ["f1"]],
    ["Checks", { any: { checkbox: { equals: false } } }, ["f2"]],
    ["Checks", { every: { checkbox: { equals: true } } }, ["f1"]],
    ["File counts", { any: { files: { is_not_empty: true } } }, ["f1"]],
    ["File counts", { any: { files: { is_empty: true } } }, ["f2"]],
  ])("%s %j", async (property, condition, expected) => {
    expect(await fixture.matches({ property, rollup: condition })).toEqual(expected);
  });
});

describe("rollup to one value", () => {
  it.each([
    ["Sum", { number: { greater_than: 5 } }, ["f1", "f2"]],
    ["Sum", { number: { equals: 0 } }, ["f3"]],
    ["Sum", { number: { is_empty: true } }, ["f4"]],
    ["Latest", { date: { on_or_after: "2024-03-01" } }, ["f1"]],
    ["Latest", { date: { is_empty: true } }, ["f3", "f4"]],
  ])("%s %j", async (property, condition, expected) => {
    expect(await fixture.matches({ property, rollup: condition })).toEqual(expected);
  });
});
