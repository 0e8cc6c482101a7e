import { describe, expect, it } from "vitest";
import { parseQuery } from "./parse-query.ts";
import { apiErrorOf, TEST_SCHEMA } from "./test-helpers.ts";

function sortsOf(sorts: unknown) {
  return parseQuery({ sorts }, TEST_SCHEMA).sorts;
}

function messageOf(sorts: unknown): string {
  const error = apiErrorOf(() => sortsOf(sorts));
  expect(error.code).toBe("validation_error");
  return error.message;
}

describe("sorts", () => {
  it("reads each property type the way it sorts", () => {
    const by = (property: string) => ({ property, direction: "ascending" });
    const values = sortsOf(
      ["Name", "Score", "Ticket", "Files", "When", "Done", "Priority", "Stage", "Tags", "Owners", "Related"]
        .concat(["Formula", "Rollup", "Created", "Editor", "Verified", "Button"])
        .map(by),
    ).map((s) => s.value);
    expect(values).toEqual([
      { kind: "text", propertyId: "title" },
      { kind: "number", propertyId: "num" },
      { kind: "number", propertyId: "uid" },
      { kind: "number", propertyId: "fil" },
      { kind: "date", propertyId: "dt" },
      { kind: "boolean", propertyId: "chk" },
      // Option order comes from the schema; malformed entries are skipped.
      { kind: "option", propertyId: "sel", options: ["High", "Low"] },
      { kind: "option", propertyId: "sts", options: ["Todo", "Done"] },
      { kind: "first_option", propertyId: "ms", options: ["red"] },
      { kind: "first_text", propertyId: "ppl" },
      { kind: "first_text", propertyId: "rel" },
      { kind: "computed", propertyId: "fx" },
      { kind: "computed", propertyId: "ro" },
      { kind: "column", column: "created_time" },
      { kind: "column", column: "last_edited_by" },
      { kind: "text", propertyId: "ver" },
      { kind: "text", propertyId: "btn" },
    ]);
  });

  it("timestamp sorts and directions, in the order given", () => {
    expect(
      sortsOf([
        { timestamp: "last_edited_time", direction: "descending" },
        { property: "txt", direction: "ascending" },
      ]),
    ).toEqual([
      { value: { kind: "column", column: "last_edited_time" }, direction: "descending" },
      { value: { kind: "text", propertyId: "txt" }, direction: "ascending" },
    ]);
  });

  it("unknown property", () => {
    expect(messageOf([{ property: "Nope", direction: "ascending" }])).toBe(
      "Could not find sort property with name or id: Nope",
    );
  });

  it("neither property nor timestamp", () => {
    expect(messageOf([{ direction: "ascending" }])).toBe(
      [
        "body failed validation. Fix one:",
        "body.sorts[0].property should be defined, instead was `undefined`.",
        "body.sorts[0].timestamp should be defined, instead was `undefined`.",
      ].join("\n"),
    );
  });

  it("a bad direction or timestamp", () => {
    expect(messageOf([{ property: "Name", direction: "up" }])).toBe(
      'body failed validation: body.sorts[0].direction should be `"ascending"`, or `"descending"`, instead was `"up"`.',
    );
    expect(messageOf([{ property: "Name" }])).toBe(
      "body failed validation: body.sorts[0].direction should be defined, instead was `undefined`.",
    );
    expect(messageOf([{ timestamp: "created", direction: "ascending" }])).toBe(
      'body failed validation: body.sorts[0].timestamp should be `"created_time"`, or `"last_edited_time"`, instead was `"created"`.',
    );
  });

  it("not an array, too long, or holding a non-object", () => {
    expect(messageOf({ property: "Name" })).toBe(
      'body failed validation: body.sorts should be an array, instead was `{"property":"Name"}`.',
    );
    expect(messageOf(Array(101).fill({ property: "Name", direction: "ascending" }))).toBe(
      "body failed validation: body.sorts.length should be ≤ `100`, instead was `101`.",
    );
    expect(messageOf(["Name"])).toBe(
      'body failed validation: body.sorts[0] should be an object, instead was `"Name"`.',
    );
  });
});
