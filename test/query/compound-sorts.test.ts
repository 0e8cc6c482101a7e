import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexableExpression } from "../../src/storage/query/sql-text.ts";
import { readRows, runRaw } from "../../src/storage/raw-sql.ts";
import { createFixture, ME_ID, OTHER_ID, property, THIRD_ID, type QueryFixture } from "./query-fixture.ts";

const ms = (iso: string): number => Date.parse(iso);
const options = (...names: string[]) => ({
  options: names.map((name, i) => ({ id: `o${i}`, name, color: "default", description: null })),
});

const schema = [
  property("title", "Name", "title"),
  property("num", "Score", "number"),
  property("sel", "Priority", "select", options("High", "Medium", "Low")),
  property("ms", "Tags", "multi_select", options("red", "green", "blue")),
  property("chk", "Done", "checkbox"),
  property("dt", "When", "date"),
  property("fn", "Total", "formula", { expression: "" }),
  property("ppl", "Owners", "people"),
  property("cb", "Creator", "created_by"),
];

let fixture: QueryFixture;

beforeAll(async () => {
  fixture = await createFixture(schema, [
    {
      name: "s1",
      values: {
        title: "banana",
        num: 10,
        sel: "Low",
        ms: ["blue", "red"],
        chk: true,
        dt: ms("2024-03-02"),
        fn: 9,
        ppl: [OTHER_ID],
      },
      createdBy: OTHER_ID,
    },
    {
      name: "s2",
      values: {
        title: "Apple",
        num: 2,
        sel: "High",
        ms: ["red"],
        chk: false,
        dt: ms("2024-03-03"),
        fn: 10,
        ppl: [ME_ID],
      },
      createdBy: ME_ID,
    },
    { name: "s3", values: { title: "cherry", chk: false }, createdBy: THIRD_ID },
    {
      name: "s4",
      values: {
        title: "apple",
        num: 10,
        sel: "Medium",
        ms: ["green"],
        chk: true,
        dt: ms("2024-03-01"),
        fn: 100,
      },
      createdBy: ME_ID,
    },
    {
      // "Archived" and "purple" are no longer options of the schema.
      name: "s5",
      values: {
        title: "Date",
        num: -1,
        sel: "Archived",
        ms: ["purple"],
        chk: false,
        dt: ms("2024-03-03"),
        fn: 9,
        ppl: [THIRD_ID],
      },
      createdBy: OTHER_ID,
    },
  ]);
});

afterAll(async () => {
  await fixture.close();
});

describe("compound filters", () => {
  const num = (condition: object) => ({ property: "Score", number: condition });
  const done = (value: boolean) => ({ property: "Done", checkbox: { equals: value } });
  const priority = (value: string) => ({ property: "Priority", select: { equals: value } });
  it.each([
    ["and", { and: [num({ greater_than_or_equal_to: 2 }), done(true)] }, ["s1", "s4"]],
    ["or", { or: [priority("High"), { property: "Name", title: { starts_with: "ch" } }] }, ["s2", "s3"]],
    ["a group of one", { and: [done(true)] }, ["s1", "s4"]],
    ["or inside and", { and: [{ or: [priority("High"), priority("Low")] }, done(false)] }, ["s2"]],
    [
      "and inside or, with a timestamp filter",
      {
        or: [
          { and: [num({ greater_than: 0 }), done(false)] },
          { timestamp: "created_time", created_time: { on_or_after: "2024-01-01T00:04:00Z" } },
        ],
      },
      ["s2", "s5"],
    ],
    [
      "100 alternatives",
      { or: Array.from({ length: 100 }, (_, i) => num({ equals: i - 1 })) },
      ["s1", "s2", "s4", "s5"],
    ],
  ])("%s", async (_name, filter, expected) => {
    expect(await fixture.matches(filter)).toEqual(expected);
  });
});

describe("sorts", () => {
  const by = (property: string, direction = "ascending") => ({ property, direction });
  it.each([
    // Ties keep creation order (the caller's `b.sort_key` tie-breaker); empties come last both ways.
    ["number ascending", [by("Score")], ["s5", "s2", "s1", "s4", "s3"]],
    ["number descending", [by("Score", "descending")], ["s1", "s4", "s2", "s5", "s3"]],
    ["text ignores case", [by("Name")], ["s2", "s4", "s1", "s3", "s5"]],
    ["text descending", [by("title", "descending")], ["s5", "s3", "s1", "s2", "s4"]],
    [
      "select by option order, unknown options after known ones",
      [by("Priority")],
      ["s2", "s4", "s1", "s5", "s3"],
    ],
    ["select descending", [by("Priority", "descending")], ["s5", "s1", "s4", "s2", "s3"]],
    ["multi_select by its first option", [by("Tags")], ["s2", "s4", "s1", "s5", "s3"]],
    ["checkbox ascending: unchecked first", [by("Done")], ["s2", "s3", "s5", "s1", "s4"]],
    ["checkbox descending", [by("Done", "descending")], ["s1", "s4", "s2", "s3", "s5"]],
    ["date descending", [by("When", "descending")], ["s2", "s5", "s1", "s4", "s3"]],
    ["formula numbers numerically", [by("Total")], ["s1", "s5", "s2", "s4", "s3"]],
    ["people by first user", [by("Owners")], ["s2", "s1", "s5", "s3", "s4"]],
    ["created_by property", [by("Creator")], ["s2", "s4", "s1", "s5", "s3"]],
    [
      "created_time timestamp",
      [{ timestamp: "created_time", direction: "descending" }],
      ["s5", "s4", "s3", "s2", "s1"],
    ],
    [
      "last_edited_time timestamp",
      [{ timestamp: "last_edited_time", direction: "ascending" }],
      ["s1", "s2", "s3", "s4", "s5"],
    ],
    [
      "earlier sorts take precedence",
      [by("Done"), by("Score", "descending")],
      ["s2", "s5", "s3", "s1", "s4"],
    ],
  ])("%s", async (_name, sorts, expected) => {
    expect(await fixture.run({ sorts })).toEqual(expected);
  });

  it("combines with a filter", async () => {
    const body = {
      filter: { property: "Done", checkbox: { equals: true } },
      sorts: [by("Name", "descending")],
    };
    expect(await fixture.run(body)).toEqual(["s1", "s4"]);
  });
});

describe("indexableExpression", () => {
  it("is the expression the planner matches to an expression index", async () => {
    const { store } = fixture;
    const dialect = store.dialect;
    const expression = indexableExpression(dialect, "num", "number", { alias: null });
    const indexed = dialect === "postgres" ? `(${expression})` : expression;
    await store.transaction((trx) =>
      runRaw(trx, `create index query_test_num on blocks (parent_id, ${indexed})`, []),
    );
    const where = `b.parent_id = ? and ${indexableExpression(dialect, "num", "number")} > ?`;
    const plan = await store.transaction(async (trx) => {
      if (dialect === "sqlite") {
        const rows = await readRows<{ detail: string }>(
          trx,
          `explain query plan select b.id from blocks b where ${where}`,
          ["x", 1],
        );
        return rows.map((r) => r.detail).join("\n");
      }
      // A handful of rows is cheaper to scan; only the matching itself is under test.
      await runRaw(trx, "set local enable_seqscan = off", []);
      const rows = await readRows<{ "QUERY PLAN": string }>(
        trx,
        `explain select b.id from blocks b where ${where}`,
        ["x", 1],
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("query_test_num");
    expect(plan).toMatch(
      dialect === "sqlite" ? /\(parent_id=\? AND <expr>>\?\)/ : /Index Cond: .*numeric > /,
    );
  });
});
