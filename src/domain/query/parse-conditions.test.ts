import { describe, expect, it } from "vitest";
import type { FilterNode } from "./ast.ts";
import { parseQuery } from "./parse-query.ts";
import { apiErrorOf, TEST_SCHEMA } from "./test-helpers.ts";

const USER = "8c5d8f0e-4a3b-4c2d-9e1f-0a1b2c3d4e5f";

function filterOf(filter: unknown): FilterNode | null {
  return parseQuery({ filter }, TEST_SCHEMA).filter;
}

function conditionOf(filter: unknown): unknown {
  const node = filterOf(filter);
  return node?.kind === "condition" || node?.kind === "rollup" ? node.condition : node;
}

function messageOf(filter: unknown): string {
  const error = apiErrorOf(() => filterOf(filter));
  expect(error.code).toBe("validation_error");
  return error.message;
}

describe("text conditions", () => {
  it.each(["title", "rich_text", "url", "email", "phone_number"])("accept every operator on %s", (type) => {
    const name = { title: "Name", rich_text: "Notes", url: "Link", email: "Mail", phone_number: "Phone" }[
      type
    ];
    for (const op of [
      "equals",
      "does_not_equal",
      "contains",
      "does_not_contain",
      "starts_with",
      "ends_with",
    ]) {
      expect(conditionOf({ property: name, [type]: { [op]: "x" } })).toEqual({
        kind: "text",
        op,
        value: "x",
      });
    }
    expect(conditionOf({ property: name, [type]: { is_empty: true } })).toEqual({
      kind: "text",
      op: "is_empty",
    });
    expect(conditionOf({ property: name, [type]: { is_not_empty: true } })).toEqual({
      kind: "text",
      op: "is_not_empty",
    });
  });

  it("targets the property by id", () => {
    expect(filterOf({ property: "txt", rich_text: { contains: "a" } })).toEqual({
      kind: "condition",
      target: { kind: "property", propertyId: "txt", propertyType: "rich_text" },
      condition: { kind: "text", op: "contains", value: "a" },
    });
  });

  it("rejects a value of the wrong type", () => {
    expect(messageOf({ property: "Name", title: { contains: 5 } })).toBe(
      "body failed validation: body.filter.title.contains should be a string, instead was `5`.",
    );
  });

  it("takes only `true` for is_empty", () => {
    expect(messageOf({ property: "Name", title: { is_empty: false } })).toBe(
      "body failed validation: body.filter.title.is_empty should be `true`, instead was `false`.",
    );
  });

  it("lists the operators when none is given", () => {
    expect(messageOf({ property: "Name", title: { like: "x" } })).toBe(
      [
        "body failed validation. Fix one:",
        ...["equals", "does_not_equal", "contains", "does_not_contain", "starts_with", "ends_with"].map(
          (op) => `body.filter.title.${op} should be defined, instead was \`undefined\`.`,
        ),
        "body.filter.title.is_empty should be defined, instead was `undefined`.",
        "body.filter.title.is_not_empty should be defined, instead was `undefined`.",
      ].join("\n"),
    );
  });

  it("rejects two operators in one condition", () => {
    expect(messageOf({ property: "Name", title: { equals: "a", contains: "b" } })).toBe(
      'body failed validation: body.filter.title.contains should be not present, instead was `"b"`.',
    );
  });

  it("rejects a condition that is not an object", () => {
    expect(messageOf({ property: "Name", title: "x" })).toBe(
      'body failed validation: body.filter.title should be an object, instead was `"x"`.',
    );
  });
});

describe("number, unique_id and checkbox", () => {
  it.each([
    "equals",
    "does_not_equal",
    "greater_than",
    "less_than",
    "greater_than_or_equal_to",
    "less_than_or_equal_to",
  ])("number %s", (op) => {
    expect(conditionOf({ property: "Score", number: { [op]: 1.5 } })).toEqual({
      kind: "number",
      op,
      value: 1.5,
    });
    expect(conditionOf({ property: "Ticket", unique_id: { [op]: 3 } })).toEqual({
      kind: "number",
      op,
      value: 3,
    });
  });

  it("number existence", () => {
    expect(conditionOf({ property: "Score", number: { is_empty: true } })).toEqual({
      kind: "number",
      op: "is_empty",
    });
    expect(conditionOf({ property: "Ticket", unique_id: { is_not_empty: true } })).toEqual({
      kind: "number",
      op: "is_not_empty",
    });
  });

  it("rejects a number given as a string", () => {
    expect(messageOf({ property: "Score", number: { equals: "1" } })).toBe(
      'body failed validation: body.filter.number.equals should be a number, instead was `"1"`.',
    );
  });

  it("checkbox", () => {
    expect(conditionOf({ property: "Done", checkbox: { equals: true } })).toEqual({
      kind: "checkbox",
      op: "equals",
      value: true,
    });
    expect(conditionOf({ property: "Done", checkbox: { does_not_equal: false } })).toEqual({
      kind: "checkbox",
      op: "does_not_equal",
      value: false,
    });
    expect(messageOf({ property: "Done", checkbox: { equals: "yes" } })).toBe(
      'body failed validation: body.filter.checkbox.equals should be a boolean, instead was `"yes"`.',
    );
    // A checkbox is never empty, so Notion offers no existence operators for it.
    expect(messageOf({ property: "Done", checkbox: { is_empty: true } })).toContain("Fix one:");
  });
});

describe("select, status, multi_select", () => {
  it("select and status take a string or an array of strings", () => {
    expect(conditionOf({ property: "Priority", select: { equals: "High" } })).toEqual({
      kind: "option",
      op: "equals",
      values: ["High"],
    });
    expect(conditionOf({ property: "Stage", status: { does_not_equal: ["Todo", "Done"] } })).toEqual({
      kind: "option",
      op: "does_not_equal",
      values: ["Todo", "Done"],
    });
    expect(conditionOf({ property: "Stage", status: { is_empty: true } })).toEqual({
      kind: "option",
      op: "is_empty",
    });
    expect(messageOf({ property: "Priority", select: { equals: ["High", 2] } })).toBe(
      "body failed validation: body.filter.select.equals[1] should be a string, instead was `2`.",
    );
    expect(messageOf({ property: "Priority", select: { contains: "High" } })).toContain("Fix one:");
  });

  it("multi_select", () => {
    expect(conditionOf({ property: "Tags", multi_select: { contains: "red" } })).toEqual({
      kind: "membership",
      op: "contains",
      values: ["red"],
    });
    expect(conditionOf({ property: "Tags", multi_select: { does_not_contain: ["a", "b"] } })).toEqual({
      kind: "membership",
      op: "does_not_contain",
      values: ["a", "b"],
    });
    expect(conditionOf({ property: "Tags", multi_select: { is_not_empty: true } })).toEqual({
      kind: "membership",
      op: "is_not_empty",
    });
    expect(messageOf({ property: "Tags", multi_select: { contains: Array(101).fill("a") } })).toBe(
      "body failed validation: body.filter.multi_select.contains.length should be ≤ `100`, instead was `101`.",
    );
  });
});

describe("people, relation, files, verification", () => {
  it.each([
    ["Owners", "people"],
    ["Creator", "created_by"],
    ["Editor", "last_edited_by"],
  ])("%s takes a user id (dashes optional) or me", (property, type) => {
    expect(conditionOf({ property, [type]: { contains: USER.replace(/-/g, "").toUpperCase() } })).toEqual({
      kind: "membership",
      op: "contains",
      values: [USER],
    });
    expect(conditionOf({ property, [type]: { does_not_contain: "me" } })).toEqual({
      kind: "membership",
      op: "does_not_contain",
      values: ["me"],
    });
    expect(conditionOf({ property, [type]: { is_empty: true } })).toEqual({
      kind: "membership",
      op: "is_empty",
    });
  });

  it("rejects a user id that is not a uuid", () => {
    expect(messageOf({ property: "Owners", people: { contains: "bob" } })).toBe(
      'body failed validation: body.filter.people.contains should be a valid uuid, instead was `"bob"`.',
    );
  });

  it("relation takes a page id, not me", () => {
    expect(conditionOf({ property: "Related", relation: { contains: USER } })).toEqual({
      kind: "membership",
      op: "contains",
      values: [USER],
    });
    expect(conditionOf({ property: "Related", relation: { is_not_empty: true } })).toEqual({
      kind: "membership",
      op: "is_not_empty",
    });
    expect(messageOf({ property: "Related", relation: { contains: "me" } })).toBe(
      'body failed validation: body.filter.relation.contains should be a valid uuid, instead was `"me"`.',
    );
  });

  it("files has existence operators only", () => {
    expect(conditionOf({ property: "Files", files: { is_empty: true } })).toEqual({
      kind: "files",
      op: "is_empty",
    });
    expect(conditionOf({ property: "Files", files: { is_not_empty: true } })).toEqual({
      kind: "files",
      op: "is_not_empty",
    });
    expect(messageOf({ property: "Files", files: { contains: "a" } })).toBe(
      [
        "body failed validation. Fix one:",
        "body.filter.files.is_empty should be defined, instead was `undefined`.",
        "body.filter.files.is_not_empty should be defined, instead was `undefined`.",
      ].join("\n"),
    );
  });

  it("verification", () => {
    expect(conditionOf({ property: "Verified", verification: { status: "verified" } })).toEqual({
      kind: "verification",
      op: "status",
      value: "verified",
    });
    expect(conditionOf({ property: "Verified", verification: { does_not_equal: "none" } })).toEqual({
      kind: "verification",
      op: "does_not_equal",
      value: "none",
    });
    expect(messageOf({ property: "Verified", verification: { status: "unverified" } })).toBe(
      'body failed validation: body.filter.verification.status should be `"verified"`, `"expired"`, or `"none"`, instead was `"unverified"`.',
    );
  });
});
