import { describe, expect, it } from "vitest";
import { TITLE_ID, newPropertyId } from "./ids.ts";
import { MISSING_TITLE, SECOND_TITLE, defaultSchema, parseSchema } from "./schema-parse.ts";
import { PROPERTY_TYPES } from "./types.ts";
import { SOURCE, byName, errorOf, messageOf } from "./test-helpers.ts";

const PATH = "body.properties";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parse(properties: unknown, version: "2022-06-28" | "2025-09-03" | "2026-03-11" = "2025-09-03") {
  return parseSchema(properties, PATH, version);
}

function withTitle(extra: Record<string, unknown>) {
  return { Name: { title: {} }, ...extra };
}

describe("newPropertyId", () => {
  it("makes short alphanumeric ids that avoid taken ones and 'title'", () => {
    const taken = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newPropertyId(taken);
      expect(id).toMatch(/^[A-Za-z0-9]{4}$/);
      expect(taken.has(id)).toBe(false);
      expect(id).not.toBe(TITLE_ID);
      taken.add(id);
    }
  });
});

describe("parseSchema", () => {
  it("gives the title property the id 'title' and others short ids, in request order", () => {
    const { schema } = parse({ Price: { number: {} }, Name: { title: {} }, Notes: { rich_text: {} } });
    expect(schema.map((p) => p.name)).toEqual(["Price", "Name", "Notes"]);
    expect(byName(schema, "Name").id).toBe("title");
    expect(byName(schema, "Price").id).toMatch(/^[A-Za-z0-9]{4}$/);
    expect(new Set(schema.map((p) => p.id)).size).toBe(3);
  });

  it("accepts every property type with Notion's default configs", () => {
    const input: Record<string, unknown> = {};
    for (const type of PROPERTY_TYPES) {
      if (type === "relation") input[type] = { relation: { data_source_id: SOURCE, single_property: {} } };
      else if (type === "rollup")
        input[type] = {
          rollup: { function: "count", relation_property_name: "relation", rollup_property_name: "X" },
        };
      else input[type] = { [type]: {} };
    }
    const { schema } = parse(input);
    const configs = Object.fromEntries(schema.map((p) => [p.type, p.config]));
    expect(schema.map((p) => p.type)).toEqual([...PROPERTY_TYPES]);
    expect(configs.number).toEqual({ format: "number" });
    expect(configs.select).toEqual({ options: [] });
    expect(configs.multi_select).toEqual({ options: [] });
    expect(configs.formula).toEqual({ expression: "" });
    expect(configs.unique_id).toEqual({ prefix: null });
    for (const type of [
      "title",
      "rich_text",
      "date",
      "people",
      "files",
      "checkbox",
      "url",
      "email",
    ] as const) {
      expect(configs[type]).toEqual({});
    }
    for (const type of [
      "created_time",
      "last_edited_by",
      "button",
      "place",
      "verification",
      "location",
    ] as const) {
      expect(configs[type]).toEqual({});
    }
  });

  it("takes `type` with its config, and descriptions", () => {
    const { schema } = parse(
      withTitle({ Price: { type: "number", number: { format: "euro" }, description: "In EUR" } }),
    );
    expect(byName(schema, "Price")).toMatchObject({
      type: "number",
      description: "In EUR",
      config: { format: "euro" },
    });
    expect(byName(schema, "Name").description).toBeNull();
  });

  it("requires exactly one title property", () => {
    expect(messageOf(() => parse({ Price: { number: {} } }))).toBe(MISSING_TITLE);
    expect(messageOf(() => parse({ A: { title: {} }, B: { title: {} } }))).toBe(SECOND_TITLE);
    expect(errorOf(() => parse({})).code).toBe("validation_error");
  });

  it("lists the alternatives when an entry has no type key", () => {
    const message = messageOf(() => parse(withTitle({ Price: { numbr: {} } })));
    expect(message).toMatch(/^body failed validation\. Fix one:\n/);
    expect(message).toContain("body.properties.Price.number should be defined, instead was `undefined`.");
    expect(message).toContain("body.properties.Price.rollup should be defined, instead was `undefined`.");
  });

  it("refuses two type keys, a type without its config, and non-object entries", () => {
    expect(messageOf(() => parse(withTitle({ P: { number: {}, url: {} } })))).toBe(
      "body failed validation: body.properties.P.url should be not present, instead was `{}`.",
    );
    expect(messageOf(() => parse(withTitle({ P: { type: "number" } })))).toBe(
      "body failed validation: body.properties.P.number should be defined, instead was `undefined`.",
    );
    expect(messageOf(() => parse(withTitle({ P: "number" })))).toBe(
      'body failed validation: body.properties.P should be an object, instead was `"number"`.',
    );
    expect(messageOf(() => parse(withTitle({ P: { number: 3 } })))).toBe(
      "body failed validation: body.properties.P.number should be an object, instead was `3`.",
    );
  });

  it("validates number formats", () => {
    expect(byName(parse(withTitle({ P: { number: { format: "percent" } } })).schema, "P").config).toEqual({
      format: "percent",
    });
    const message = messageOf(() => parse(withTitle({ P: { number: { format: "bitcoin" } } })));
    expect(message).toMatch(
      /^body failed validation: body\.properties\.P\.number\.format should be `"number"`/,
    );
    expect(message).toContain('instead was `"bitcoin"`.');
  });

  it("gives select and multi_select options ids and the default colour", () => {
    const { schema } = parse(
      withTitle({
        Kind: { select: { options: [{ name: "A", color: "red", description: "first" }, { name: "B" }] } },
        Tags: { multi_select: { options: [{ name: "x" }] } },
      }),
    );
    const options = byName(schema, "Kind").config.options as Array<Record<string, unknown>>;
    expect(options).toEqual([
      { id: expect.stringMatching(UUID), name: "A", color: "red", description: "first" },
      { id: expect.stringMatching(UUID), name: "B", color: "default", description: null },
    ]);
    expect(byName(schema, "Tags").config.options).toEqual([
      { id: expect.stringMatching(UUID), name: "x", color: "default", description: null },
    ]);
  });

  it("refuses commas, bad colours and duplicate names in options", () => {
    expect(messageOf(() => parse(withTitle({ K: { select: { options: [{ name: "a,b" }] } } })))).toBe(
      "Invalid select option, commas not allowed: a,b",
    );
    expect(
      messageOf(() => parse(withTitle({ K: { select: { options: [{ name: "a", color: "teal" }] } } }))),
    ).toMatch(
      /^body failed validation: body\.properties\.K\.select\.options\[0\]\.color should be `"default"`/,
    );
    expect(
      messageOf(() => parse(withTitle({ K: { select: { options: [{ name: "a" }, { name: "a" }] } } }))),
    ).toBe("Option names must be unique: a");
    expect(messageOf(() => parse(withTitle({ K: { select: { options: [{ color: "red" }] } } })))).toBe(
      "body failed validation: body.properties.K.select.options[0].name should be defined, instead was `undefined`.",
    );
    expect(
      messageOf(() => parse(withTitle({ K: { select: { options: [{ name: "x".repeat(101) }] } } }))),
    ).toBe(
      "body failed validation: body.properties.K.select.options[0].name.length should be ≤ `100`, instead was `101`.",
    );
  });

  it("creates status defaults: three options in To-do, In progress and Complete", () => {
    const config = byName(parse(withTitle({ Stage: { status: {} } })).schema, "Stage").config;
    const options = config.options as Array<{ id: string; name: string; color: string }>;
    const groups = config.groups as Array<{ name: string; color: string; option_ids: string[] }>;
    expect(options.map((o) => [o.name, o.color])).toEqual([
      ["Not started", "default"],
      ["In progress", "blue"],
      ["Done", "green"],
    ]);
    expect(groups.map((g) => [g.name, g.color, g.option_ids])).toEqual([
      ["To-do", "gray", [options[0]?.id]],
      ["In progress", "blue", [options[1]?.id]],
      ["Complete", "green", [options[2]?.id]],
    ]);
  });

  it("files given status options under To-do", () => {
    const config = byName(
      parse(
        withTitle({ Stage: { status: { options: [{ name: "Open" }, { name: "Closed", color: "red" }] } } }),
      ).schema,
      "Stage",
    ).config;
    const options = config.options as Array<{ id: string; name: string }>;
    const groups = config.groups as Array<{ name: string; option_ids: string[] }>;
    expect(options.map((o) => o.name)).toEqual(["Open", "Closed"]);
    expect(groups.map((g) => [g.name, g.option_ids])).toEqual([
      ["To-do", options.map((o) => o.id)],
      ["In progress", []],
      ["Complete", []],
    ]);
  });

  it("keeps formula expressions and unique_id prefixes", () => {
    const { schema } = parse(
      withTitle({
        F: { formula: { expression: 'prop("Name")' } },
        U: { unique_id: { prefix: "BUG" } },
        V: { unique_id: { prefix: "" } },
      }),
    );
    expect(byName(schema, "F").config).toEqual({ expression: 'prop("Name")' });
    expect(byName(schema, "U").config).toEqual({ prefix: "BUG" });
    expect(byName(schema, "V").config).toEqual({ prefix: null });
  });

  it("has a default schema for sources created without properties", () => {
    expect(defaultSchema()).toEqual([
      { id: "title", name: "Name", description: null, type: "title", config: {} },
    ]);
  });
});
