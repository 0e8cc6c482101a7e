import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixture, property, type QueryFixture } from "./query-fixture.ts";

const schema = [
  property("title", "Name", "title"),
  property("txt", "Notes", "rich_text"),
  property("url", "Link", "url"),
  property("eml", "Mail", "email"),
  property("tel", "Phone", "phone_number"),
  property("num", "Score", "number", { format: "number" }),
  property("uid", "Ticket", "unique_id", { prefix: "T" }),
  property("chk", "Done", "checkbox"),
  // An id with a quote: it is embedded in SQL text, so it must be escaped, not trusted.
  property("a'b", "Quoted", "rich_text"),
];

let fixture: QueryFixture;

beforeAll(async () => {
  fixture = await createFixture(schema, [
    {
      name: "alpha",
      values: {
        title: "Alpha Project",
        txt: "The quick brown fox",
        url: "https://example.com/a",
        eml: "A@Example.com",
        tel: "+1 555 0100",
        num: 10,
        uid: 1,
        chk: true,
        "a'b": "x",
      },
    },
    { name: "beta", values: { title: "beta", txt: "QUICK silver", num: -2.5, uid: 2, chk: false } },
    { name: "gamma", values: { title: "Gamma", num: 0, uid: 3, chk: false } },
    { name: "delta", values: { title: "DELTA project", txt: "100% _done_", num: 10, uid: 4, chk: true } },
    { name: "empty", values: {} },
    { name: "trashed", values: { title: "Alpha trashed", num: 10, chk: true }, trashed: true },
  ]);
});

afterAll(async () => {
  await fixture.close();
});

const text = (prop: string, key: string, condition: Record<string, unknown>) => ({
  property: prop,
  [key]: condition,
});

describe("text conditions", () => {
  it.each([
    ["equals is case-insensitive", text("Name", "title", { equals: "alpha project" }), ["alpha"]],
    ["equals is the whole value", text("Name", "title", { equals: "Alpha" }), []],
    [
      "does_not_equal includes empty values",
      text("Name", "title", { does_not_equal: "BETA" }),
      ["alpha", "delta", "empty", "gamma"],
    ],
    ["contains", text("Name", "title", { contains: "PROJECT" }), ["alpha", "delta"]],
    [
      "does_not_contain includes empty values",
      text("Name", "title", { does_not_contain: "project" }),
      ["beta", "empty", "gamma"],
    ],
    ["starts_with", text("Name", "title", { starts_with: "al" }), ["alpha"]],
    ["ends_with", text("Name", "title", { ends_with: "ECT" }), ["alpha", "delta"]],
    [
      "ends_with longer than the value",
      text("Notes", "rich_text", { ends_with: "xx the quick brown fox" }),
      [],
    ],
    ["is_empty", text("Name", "title", { is_empty: true }), ["empty"]],
    ["is_not_empty", text("Name", "title", { is_not_empty: true }), ["alpha", "beta", "delta", "gamma"]],
    ["% is not a wildcard", text("Notes", "rich_text", { contains: "0%" }), ["delta"]],
    ["_ is not a wildcard", text("Notes", "rich_text", { contains: "_d" }), ["delta"]],
    ['equals "" means empty', text("Notes", "rich_text", { equals: "" }), ["empty", "gamma"]],
    [
      'does_not_equal "" means not empty',
      text("Notes", "rich_text", { does_not_equal: "" }),
      ["alpha", "beta", "delta"],
    ],
    [
      'contains "" matches every non-empty value',
      text("Notes", "rich_text", { contains: "" }),
      ["alpha", "beta", "delta"],
    ],
    [
      'does_not_contain "" matches empty values',
      text("Notes", "rich_text", { does_not_contain: "" }),
      ["empty", "gamma"],
    ],
    ["starts_with on rich_text", text("Notes", "rich_text", { starts_with: "quick" }), ["beta"]],
    ["ends_with on rich_text", text("Notes", "rich_text", { ends_with: "FOX" }), ["alpha"]],
    ["url", text("Link", "url", { contains: "EXAMPLE.com" }), ["alpha"]],
    ["email", text("Mail", "email", { equals: "a@example.com" }), ["alpha"]],
    ["phone_number", text("Phone", "phone_number", { starts_with: "+1 555" }), ["alpha"]],
    ["a property id holding a quote", text("a'b", "rich_text", { equals: "X" }), ["alpha"]],
    ["the same property by name", text("Quoted", "rich_text", { is_not_empty: true }), ["alpha"]],
    ["a property referenced by id", text("txt", "rich_text", { contains: "quick" }), ["alpha", "beta"]],
  ])("%s", async (_name, filter, expected) => {
    expect(await fixture.matches(filter)).toEqual(expected);
  });
});

describe("number conditions", () => {
  const number = (condition: Record<string, unknown>) => ({ property: "Score", number: condition });
  it.each([
    [{ equals: 10 }, ["alpha", "delta"]],
    [{ equals: -2.5 }, ["beta"]],
    [{ does_not_equal: 10 }, ["beta", "empty", "gamma"]],
    [{ greater_than: 0 }, ["alpha", "delta"]],
    [{ less_than: 0 }, ["beta"]],
    [{ greater_than_or_equal_to: 0 }, ["alpha", "delta", "gamma"]],
    [{ less_than_or_equal_to: -2.5 }, ["beta"]],
    [{ is_empty: true }, ["empty"]],
    [{ is_not_empty: true }, ["alpha", "beta", "delta", "gamma"]],
  ])("%j", async (condition, expected) => {
    expect(await fixture.matches(number(condition))).toEqual(expected);
  });

  it.each([
    [{ equals: 3 }, ["gamma"]],
    [{ greater_than: 2 }, ["delta", "gamma"]],
    [{ does_not_equal: 1 }, ["beta", "delta", "empty", "gamma"]],
    [{ is_empty: true }, ["empty"]],
  ])("unique_id %j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Ticket", unique_id: condition })).toEqual(expected);
  });
});

describe("checkbox conditions", () => {
  it.each([
    [{ equals: true }, ["alpha", "delta"]],
    // A row without the key (never written) counts as unchecked.
    [{ equals: false }, ["beta", "empty", "gamma"]],
    [{ does_not_equal: true }, ["beta", "empty", "gamma"]],
    [{ does_not_equal: false }, ["alpha", "delta"]],
  ])("%j", async (condition, expected) => {
    expect(await fixture.matches({ property: "Done", checkbox: condition })).toEqual(expected);
  });
});

describe("no filter", () => {
  it("returns every row that is not in the trash, in creation order", async () => {
    expect(await fixture.run({})).toEqual(["alpha", "beta", "gamma", "delta", "empty"]);
  });
});
