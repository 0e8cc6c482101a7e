import { describe, expect, it } from "vitest";
import { DATE_RANGE_OPS, RELATIVE_DATES } from "./ast.ts";
import { parseIsoOperand } from "./parse-date.ts";
import { parseQuery } from "./parse-query.ts";
import { apiErrorOf, TEST_SCHEMA } from "./test-helpers.ts";

function nodeOf(filter: unknown) {
  return parseQuery({ filter }, TEST_SCHEMA).filter;
}

function conditionOf(filter: unknown): unknown {
  const node = nodeOf(filter);
  return node?.kind === "condition" || node?.kind === "rollup" ? node.condition : node;
}

describe("ISO operands", () => {
  it.each([
    ["2024-03-13", { kind: "day", year: 2024, month: 3, day: 13 }],
    ["2024-02-29", { kind: "day", year: 2024, month: 2, day: 29 }],
    ["2024-03-13T12:00:00Z", { kind: "instant", ms: Date.UTC(2024, 2, 13, 12) }],
    ["2024-03-13T12:00", { kind: "instant", ms: Date.UTC(2024, 2, 13, 12) }],
    ["2024-03-13T12:00:00", { kind: "instant", ms: Date.UTC(2024, 2, 13, 12) }],
    ["2024-03-13T12:00:00.5Z", { kind: "instant", ms: Date.UTC(2024, 2, 13, 12, 0, 0, 500) }],
    ["2024-03-13T12:00:00.123456Z", { kind: "instant", ms: Date.UTC(2024, 2, 13, 12, 0, 0, 123) }],
    ["2021-10-15T12:00:00-07:00", { kind: "instant", ms: Date.UTC(2021, 9, 15, 19) }],
    ["2021-10-15T12:00:00+0530", { kind: "instant", ms: Date.UTC(2021, 9, 15, 6, 30) }],
  ])("%s", (text, operand) => {
    expect(parseIsoOperand(text)).toEqual(operand);
  });

  it.each(["2023-02-29", "2024-13-01", "2024-03-13T24:00", "2024-3-1", "13/03/2024", "now", ""])(
    "rejects %j",
    (text) => {
      expect(parseIsoOperand(text)).toBeNull();
    },
  );
});

describe("date conditions", () => {
  it.each([
    ["Due", "date", "When"],
    ["created_time", "created_time", "Created"],
    ["last_edited_time", "last_edited_time", "Edited"],
  ])("%s: comparisons, relative values, periods and existence", (_label, type, property) => {
    for (const op of ["equals", "before", "after", "on_or_before", "on_or_after"]) {
      expect(conditionOf({ property, [type]: { [op]: "2024-03-13" } })).toEqual({
        kind: "date",
        op,
        value: { kind: "day", year: 2024, month: 3, day: 13 },
      });
    }
    for (const value of RELATIVE_DATES) {
      expect(conditionOf({ property, [type]: { on_or_after: value } })).toEqual({
        kind: "date",
        op: "on_or_after",
        value: { kind: "relative", value },
      });
    }
    for (const op of DATE_RANGE_OPS) {
      expect(conditionOf({ property, [type]: { [op]: {} } })).toEqual({ kind: "date", op });
    }
    expect(conditionOf({ property, [type]: { is_empty: true } })).toEqual({ kind: "date", op: "is_empty" });
    expect(conditionOf({ property, [type]: { is_not_empty: true } })).toEqual({
      kind: "date",
      op: "is_not_empty",
    });
  });

  it("reads created_time and last_edited_time from the row's columns", () => {
    expect(nodeOf({ property: "Created", created_time: { is_empty: true } })).toMatchObject({
      target: { kind: "column", column: "created_time" },
    });
    expect(nodeOf({ property: "ct", created_time: { past_week: {} } })).toMatchObject({
      target: { kind: "column", column: "created_time" },
    });
  });

  it("rejects an invalid date", () => {
    expect(apiErrorOf(() => nodeOf({ property: "When", date: { equals: "2023-02-29" } })).message).toBe(
      'body failed validation: body.filter.date.equals should be a valid ISO 8601 date string, instead was `"2023-02-29"`.',
    );
    expect(apiErrorOf(() => nodeOf({ property: "When", date: { before: "next_tuesday" } })).message).toBe(
      'body failed validation: body.filter.date.before should be a valid ISO 8601 date string, instead was `"next_tuesday"`.',
    );
    expect(apiErrorOf(() => nodeOf({ property: "When", date: { after: 20240313 } })).message).toBe(
      "body failed validation: body.filter.date.after should be a string, instead was `20240313`.",
    );
  });

  it("takes an object for periods", () => {
    expect(apiErrorOf(() => nodeOf({ property: "When", date: { past_week: true } })).message).toBe(
      "body failed validation: body.filter.date.past_week should be an object, instead was `true`.",
    );
  });
});

describe("formula conditions", () => {
  it.each([
    [{ string: { contains: "a" } }, { kind: "text", op: "contains", value: "a" }],
    [{ checkbox: { equals: true } }, { kind: "checkbox", op: "equals", value: true }],
    [{ number: { less_than: 3 } }, { kind: "number", op: "less_than", value: 3 }],
    [{ date: { next_month: {} } }, { kind: "date", op: "next_month" }],
  ])("%j", (condition, expected) => {
    expect(nodeOf({ property: "Formula", formula: condition })).toEqual({
      kind: "condition",
      target: { kind: "property", propertyId: "fx", propertyType: "formula" },
      condition: expected,
    });
  });

  it("rejects `text`, renamed `string` in 2022-02-22", () => {
    expect(
      apiErrorOf(() => nodeOf({ property: "Formula", formula: { text: { equals: "a" } } })).message,
    ).toBe(
      [
        "body failed validation. Fix one:",
        ...["string", "checkbox", "number", "date"].map(
          (k) => `body.filter.formula.${k} should be defined, instead was \`undefined\`.`,
        ),
      ].join("\n"),
    );
  });
});

describe("rollup conditions", () => {
  it.each([
    [{ rich_text: { starts_with: "a" } }, { kind: "text", op: "starts_with", value: "a" }],
    [{ number: { equals: 1 } }, { kind: "number", op: "equals", value: 1 }],
    [{ checkbox: { equals: false } }, { kind: "checkbox", op: "equals", value: false }],
    [{ select: { equals: "A" } }, { kind: "option", op: "equals", values: ["A"] }],
    [{ status: { does_not_equal: "A" } }, { kind: "option", op: "does_not_equal", values: ["A"] }],
    [{ multi_select: { contains: ["A"] } }, { kind: "membership", op: "contains", values: ["A"] }],
    [{ relation: { is_empty: true } }, { kind: "membership", op: "is_empty" }],
    [{ people: { contains: "me" } }, { kind: "membership", op: "contains", values: ["me"] }],
    [{ date: { this_week: {} } }, { kind: "date", op: "this_week" }],
    [{ files: { is_not_empty: true } }, { kind: "files", op: "is_not_empty" }],
  ])("any/every/none with %j", (sub, condition) => {
    for (const quantifier of ["any", "every", "none"]) {
      expect(nodeOf({ property: "Rollup", rollup: { [quantifier]: sub } })).toEqual({
        kind: "rollup",
        propertyId: "ro",
        quantifier,
        condition,
      });
    }
  });

  it("number and date for rollups computing one value", () => {
    expect(nodeOf({ property: "Rollup", rollup: { number: { greater_than: 2 } } })).toEqual({
      kind: "condition",
      target: { kind: "property", propertyId: "ro", propertyType: "rollup" },
      condition: { kind: "number", op: "greater_than", value: 2 },
    });
    expect(conditionOf({ property: "Rollup", rollup: { date: { before: "today" } } })).toEqual({
      kind: "date",
      op: "before",
      value: { kind: "relative", value: "today" },
    });
  });

  it("rejects an unknown sub-filter", () => {
    const message = apiErrorOf(() =>
      nodeOf({ property: "Rollup", rollup: { any: { title: { equals: "a" } } } }),
    ).message;
    expect(message.split("\n")[0]).toBe("body failed validation. Fix one:");
    expect(message).toContain("body.filter.rollup.any.rich_text should be defined, instead was `undefined`.");
    expect(message).toContain("body.filter.rollup.any.status should be defined, instead was `undefined`.");
  });
});
