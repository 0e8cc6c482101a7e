import { describe, expect, it } from "vitest";
import { addOptions } from "./schema-helpers.ts";
import { applySchemaUpdate } from "./schema-update.ts";
import { readGroups, readOptions } from "./select-options.ts";
import { parseRowValues } from "./value-parse.ts";
import { presentComputed, presentRowValue, propertyItems } from "./value-present.ts";
import { PAGE_A, byName, sampleSchema } from "./test-helpers.ts";

describe("presentRowValue", () => {
  it("serves Notion's empty forms when nothing is stored", () => {
    const schema = sampleSchema();
    const empty = Object.fromEntries(
      schema
        .filter((p) => !["Calc", "Created"].includes(p.name))
        .map((p) => [p.name, presentRowValue(p, undefined)[p.type]]),
    );
    expect(empty).toEqual({
      Name: [],
      Notes: [],
      Price: null,
      Kind: null,
      Tags: [],
      Stage: null,
      Due: null,
      Owners: [],
      Attachments: [],
      Done: false,
      Link: null,
      Mail: null,
      Phone: null,
      Related: [],
      Checked: { state: "unverified", date: null, verified_by: null },
      Where: null,
      Code: { prefix: "TK", number: null },
      Press: {},
    });
    expect(presentRowValue(byName(schema, "Related"), undefined)).toMatchObject({
      has_more: false,
    });
  });

  it("follows option renames and drops deleted options", () => {
    const schema = sampleSchema();
    const tags = byName(schema, "Tags");
    const [a, b] = readOptions(tags.config);
    const { values } = parseRowValues(schema, { Tags: { multi_select: [{ name: "a" }, { name: "b" }] } });
    const next = applySchemaUpdate(
      schema,
      { Tags: { multi_select: { options: [{ id: a?.id, name: "A!", color: "red" }] } } },
      "body.properties",
      "2025-09-03",
    ).schema;
    expect(presentRowValue(byName(next, "Tags"), values[tags.id]).multi_select).toEqual([
      { id: a?.id, name: "A!", color: "red" },
    ]);
    expect(b).toBeDefined();
  });

  it("shows unique_id numbers with the current prefix", () => {
    const code = byName(sampleSchema(), "Code");
    expect(presentRowValue(code, { prefix: "OLD", number: 7 })).toEqual({
      id: code.id,
      type: "unique_id",
      unique_id: { prefix: "TK", number: 7 },
    });
  });

  it("caps relations at 25 in page objects, but property items list them all", () => {
    const related = byName(sampleSchema(), "Related");
    const stored = Array.from({ length: 30 }, () => ({ id: PAGE_A }));
    const value = presentRowValue(related, stored);
    expect(value.relation).toHaveLength(25);
    expect(value.has_more).toBe(true);
    const items = propertyItems(related, stored);
    expect(items.kind === "list" && items.items.length).toBe(30);
  });

  it("lists title, rich_text, people and relation items; others are single", () => {
    const schema = sampleSchema();
    const { values } = parseRowValues(schema, {
      Name: { title: [{ text: { content: "a" } }, { text: { content: "b" } }] },
      Price: { number: 4 },
    });
    const title = propertyItems(byName(schema, "Name"), values.title);
    expect(title).toMatchObject({ kind: "list", id: "title", type: "title" });
    expect(title.kind === "list" && title.items.map((i) => (i as { plain_text: string }).plain_text)).toEqual(
      ["a", "b"],
    );
    const price = byName(schema, "Price");
    expect(propertyItems(price, values[price.id])).toEqual({
      kind: "single",
      id: price.id,
      type: "number",
      value: 4,
    });
    expect(propertyItems(byName(schema, "Owners"), undefined)).toMatchObject({ kind: "list", items: [] });
    expect(propertyItems(byName(schema, "Done"), undefined)).toMatchObject({ kind: "single", value: false });
  });

  it("wraps computed values", () => {
    const calc = byName(sampleSchema(), "Calc");
    expect(presentComputed(calc, { type: "number", number: 2 })).toEqual({
      id: calc.id,
      type: "formula",
      formula: { type: "number", number: 2 },
    });
  });
});

describe("addOptions", () => {
  it("appends options created by row writes, status ones under To-do", () => {
    const schema = sampleSchema();
    const kind = byName(schema, "Kind");
    const stage = byName(schema, "Stage");
    const option = { id: "o1", name: "Nut", color: "brown", description: null };
    const next = addOptions(schema, [
      { propertyId: kind.id, option },
      { propertyId: stage.id, option: { ...option, id: "o2" } },
    ]);
    expect(readOptions(byName(next, "Kind").config).at(-1)).toEqual(option);
    expect(readGroups(byName(next, "Stage").config)[0]?.option_ids.at(-1)).toBe("o2");
    expect(addOptions(schema, [])).toBe(schema);
  });
});
