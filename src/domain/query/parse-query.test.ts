import { describe, expect, it } from "vitest";
import { FILTER_KEYS } from "./parse-filter.ts";
import { parseQuery } from "./parse-query.ts";
import { apiErrorOf, TEST_SCHEMA } from "./test-helpers.ts";

const done = { property: "Done", checkbox: { equals: true } };
const doneNode = {
  kind: "condition",
  target: { kind: "property", propertyId: "chk", propertyType: "checkbox" },
  condition: { kind: "checkbox", op: "equals", value: true },
};

function messageOf(body: unknown, path?: string): string {
  const error = apiErrorOf(() => parseQuery(body, TEST_SCHEMA, path ? { path } : {}));
  expect(error.code).toBe("validation_error");
  return error.message;
}

const fixOne = (path: string, keys: readonly string[]): string =>
  [
    "body failed validation. Fix one:",
    ...keys.map((k) => `${path}.${k} should be defined, instead was \`undefined\`.`),
  ].join("\n");

describe("parseQuery", () => {
  it("accepts no body, an empty body, and no filter", () => {
    expect(parseQuery(undefined, TEST_SCHEMA)).toEqual({ filter: null, sorts: [] });
    expect(parseQuery({}, TEST_SCHEMA)).toEqual({ filter: null, sorts: [] });
    expect(parseQuery({ page_size: 10 }, TEST_SCHEMA)).toEqual({ filter: null, sorts: [] });
  });

  it("rejects a body that is not an object", () => {
    expect(messageOf([])).toBe("body failed validation: body should be an object, instead was `[]`.");
  });

  it("parses compound filters two levels deep", () => {
    const filter = { or: [done, { and: [done, done] }] };
    expect(parseQuery({ filter }, TEST_SCHEMA).filter).toEqual({
      kind: "or",
      filters: [doneNode, { kind: "and", filters: [doneNode, doneNode] }],
    });
  });

  it("parses a timestamp filter", () => {
    const filter = { timestamp: "last_edited_time", last_edited_time: { past_week: {} } };
    expect(parseQuery({ filter }, TEST_SCHEMA).filter).toEqual({
      kind: "condition",
      target: { kind: "column", column: "last_edited_time" },
      condition: { kind: "date", op: "past_week" },
    });
  });

  it("accepts a `type` that names the condition", () => {
    expect(parseQuery({ filter: { ...done, type: "checkbox" } }, TEST_SCHEMA).filter).toEqual(doneNode);
  });

  it("prefers a property's name to another property's id", () => {
    const filter = { property: "num", rich_text: { is_empty: true } };
    expect(parseQuery({ filter }, TEST_SCHEMA).filter).toMatchObject({ target: { propertyId: "zzz" } });
  });

  it("names the path given in options", () => {
    expect(messageOf({ filter: { property: "Done", checkbox: { equals: 1 } } }, "body.view")).toBe(
      "body failed validation: body.view.filter.checkbox.equals should be a boolean, instead was `1`.",
    );
  });
});

describe("filter errors", () => {
  it("unknown property", () => {
    expect(messageOf({ filter: { property: "Nope", checkbox: { equals: true } } })).toBe(
      "Could not find property with name or id: Nope",
    );
  });

  it("a condition for another type than the property's", () => {
    expect(messageOf({ filter: { and: [{ property: "Priority", status: { equals: "High" } }] } })).toBe(
      "database property select does not match filter status",
    );
    expect(messageOf({ filter: { property: "Notes", title: { equals: "a" } } })).toBe(
      "database property rich_text does not match filter title",
    );
    expect(() =>
      parseQuery({ filter: { property: "Name", rich_text: { contains: "a" } } }, TEST_SCHEMA),
    ).not.toThrow();
    expect(messageOf({ filter: { property: "Button", rich_text: { is_empty: true } } })).toBe(
      "database property button does not match filter rich_text",
    );
  });

  it("checks the condition's shape before the schema", () => {
    expect(messageOf({ filter: { property: "Nope", checkbox: { equals: "x" } } })).toBe(
      'body failed validation: body.filter.checkbox.equals should be a boolean, instead was `"x"`.',
    );
  });

  it("a property filter without a condition", () => {
    expect(messageOf({ filter: { property: "Done" } })).toBe(fixOne("body.filter", FILTER_KEYS));
  });

  it("a `type` without its condition, or not a filter type", () => {
    expect(messageOf({ filter: { property: "Done", type: "number", checkbox: { equals: true } } })).toBe(
      "body failed validation: body.filter.number should be defined, instead was `undefined`.",
    );
    expect(messageOf({ filter: { property: "Done", type: "button", checkbox: { equals: true } } })).toMatch(
      /^body failed validation: body\.filter\.type should be `"title"`, .*, or `"verification"`, instead was `"button"`\.$/,
    );
  });

  it("a property that is not a string", () => {
    expect(messageOf({ filter: { property: 3, checkbox: { equals: true } } })).toBe(
      "body failed validation: body.filter.property should be a string, instead was `3`.",
    );
  });

  it("an object that is no kind of filter", () => {
    expect(messageOf({ filter: { foo: 1 } })).toBe(fixOne("body.filter", ["or", "and", ...FILTER_KEYS]));
    expect(messageOf({ filter: "Done" })).toBe(
      'body failed validation: body.filter should be an object, instead was `"Done"`.',
    );
  });

  it("compound filters nested more than two levels", () => {
    const filter = { and: [{ or: [{ and: [done] }] }] };
    expect(messageOf({ filter })).toBe(fixOne("body.filter.and[0].or[0]", FILTER_KEYS));
  });

  it("an empty compound filter", () => {
    expect(messageOf({ filter: { and: [] } })).toBe(
      "body failed validation: body.filter.and.length should be ≥ `1`, instead was `0`.",
    );
    expect(messageOf({ filter: { or: [done, { or: [] }] } })).toBe(
      "body failed validation: body.filter.or[1].or.length should be ≥ `1`, instead was `0`.",
    );
  });

  it("more than 100 filters in a group", () => {
    expect(messageOf({ filter: { or: Array(101).fill(done) } })).toBe(
      "body failed validation: body.filter.or.length should be ≤ `100`, instead was `101`.",
    );
    expect(parseQuery({ filter: { or: Array(100).fill(done) } }, TEST_SCHEMA).filter).toMatchObject({
      kind: "or",
    });
  });

  it("a group that is not an array, or both `and` and `or`", () => {
    expect(messageOf({ filter: { and: done } })).toBe(
      `body failed validation: body.filter.and should be an array, instead was \`${JSON.stringify(done)}\`.`,
    );
    expect(messageOf({ filter: { or: [done], and: [done] } })).toBe(
      `body failed validation: body.filter.and should be not present, instead was \`${JSON.stringify([done])}\`.`,
    );
  });

  it("timestamp filters", () => {
    expect(messageOf({ filter: { timestamp: "edited", last_edited_time: { past_week: {} } } })).toBe(
      'body failed validation: body.filter.timestamp should be `"created_time"`, or `"last_edited_time"`, instead was `"edited"`.',
    );
    expect(messageOf({ filter: { timestamp: "created_time", last_edited_time: { past_week: {} } } })).toBe(
      "body failed validation: body.filter.created_time should be defined, instead was `undefined`.",
    );
    expect(
      messageOf({
        filter: { timestamp: "created_time", type: "last_edited_time", created_time: { past_week: {} } },
      }),
    ).toBe(
      'body failed validation: body.filter.type should be `"created_time"`, instead was `"last_edited_time"`.',
    );
  });
});
