import { describe, expect, it } from "vitest";
import { compileQuery } from "../../src/storage/query/compile-query.ts";
import { indexableExpression, quotedKey } from "../../src/storage/query/sql-text.ts";

const options = { dataSourceId: "ds", viewerUserId: "me", now: new Date("2024-03-13T15:00:00Z") };

describe("quotedKey", () => {
  it("doubles quotes and refuses what could leave the literal", () => {
    expect(quotedKey("a'b")).toBe("a''b");
    expect(quotedKey("%3AUPp")).toBe("%3AUPp");
    for (const bad of ['a"b', "a?b", "a\\b", "a\nb", ""]) {
      expect(() => quotedKey(bad)).toThrow(/cannot be used in a query/);
    }
  });
});

describe("indexableExpression", () => {
  it.each([
    ["sqlite", "number", {}, `json_extract(b.query_values, '$."num"')`],
    ["sqlite", "text", {}, `lower(json_extract(b.query_values, '$."num"'))`],
    ["sqlite", "date", { alias: null }, `json_extract(query_values, '$."num"')`],
    ["postgres", "number", {}, `(b.query_values->>'num')::numeric`],
    ["postgres", "date", {}, `(b.query_values->>'num')::bigint`],
    ["postgres", "boolean", { alias: null }, `(query_values->>'num')::boolean`],
    ["postgres", "text", {}, `lower((b.query_values->>'num'))`],
    ["postgres", "option", {}, `(b.query_values->>'num')`],
    [
      "postgres",
      "number",
      { computed: true },
      `case when jsonb_typeof(b.query_values->'num') = 'number' then (b.query_values->>'num')::numeric end`,
    ],
    [
      "sqlite",
      "boolean",
      { computed: true },
      `case when json_type(b.query_values, '$."num"') in ('true', 'false') then json_extract(b.query_values, '$."num"') end`,
    ],
  ] as const)("%s %s %j", (dialect, kind, extra, expected) => {
    expect(indexableExpression(dialect, "num", kind, extra)).toBe(expected);
  });
});

describe("compileQuery", () => {
  it("matches everything in creation order without filter or sorts", () => {
    expect(compileQuery({ filter: null, sorts: [] }, { ...options, dialect: "sqlite" })).toEqual({
      where: "1 = 1",
      params: [],
      orderBy: "b.sort_key",
      orderKeys: [],
      narrowings: [],
      walk: null,
    });
  });

  it("keeps filter and sort parameters apart, in text order", () => {
    const compiled = compileQuery(
      {
        filter: {
          kind: "and",
          filters: [
            {
              kind: "condition",
              target: { kind: "property", propertyId: "t", propertyType: "title" },
              condition: { kind: "text", op: "starts_with", value: "ab" },
            },
            {
              kind: "condition",
              target: { kind: "property", propertyId: "n", propertyType: "number" },
              condition: { kind: "number", op: "greater_than", value: 3 },
            },
          ],
        },
        sorts: [{ value: { kind: "option", propertyId: "s", options: ["x", "y"] }, direction: "descending" }],
      },
      { ...options, dialect: "postgres" },
    );
    expect(compiled.params).toEqual(["ab", "ab", 3]);
    expect(compiled.where.split("?").length - 1).toBe(3);
    expect(compiled.orderKeys.map((k) => k.direction)).toEqual(["desc"]);
    expect(compiled.orderBy).toContain("'x' then 0");
    expect(compiled.orderBy).toMatch(/ desc nulls last$/);
  });

  it("refuses an unknown time zone", () => {
    expect(() =>
      compileQuery({ filter: null, sorts: [] }, { ...options, dialect: "sqlite", timeZone: "Nowhere/Else" }),
    ).toThrow(/unknown time zone/);
  });
});
