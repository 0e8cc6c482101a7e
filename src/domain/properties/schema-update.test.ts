import { describe, expect, it } from "vitest";
import { DELETE_TITLE, RETYPE_TITLE, applySchemaUpdate } from "./schema-update.ts";
import { SECOND_TITLE, parseSchema } from "./schema-parse.ts";
import { readGroups, readOptions } from "./select-options.ts";
import type { PropertySchema } from "./types.ts";
import { SOURCE, byName, messageOf } from "./test-helpers.ts";

const PATH = "body.properties";
const OTHER = "66666666-6666-4666-8666-666666666666";

function base(): PropertySchema[] {
  return parseSchema(
    {
      Name: { title: {} },
      Price: { number: { format: "dollar" } },
      Kind: { select: { options: [{ name: "A", color: "red" }, { name: "B" }] } },
      Stage: { status: {} },
      Items: { relation: { data_source_id: SOURCE, single_property: {} } },
      Total: { rollup: { function: "sum", relation_property_name: "Items", rollup_property_name: "Cost" } },
      F: { formula: { expression: "1" } },
    },
    PATH,
    "2025-09-03",
  ).schema;
}

function update(
  current: PropertySchema[],
  input: unknown,
  version: "2022-06-28" | "2025-09-03" = "2025-09-03",
) {
  return applySchemaUpdate(current, input, PATH, version);
}

describe("applySchemaUpdate", () => {
  it("renames by name or id, keeping the id", () => {
    const current = base();
    const price = byName(current, "Price");
    const byKey = update(current, { Price: { name: "Cost" } });
    expect(byName(byKey.schema, "Cost").id).toBe(price.id);
    expect(byKey.changes).toEqual([{ kind: "renamed", id: price.id }]);
    const byId = update(current, { [price.id]: { name: "Amount" } });
    expect(byName(byId.schema, "Amount")).toMatchObject({ id: price.id, config: { format: "dollar" } });
    expect(update(current, { title: { name: "Task" } }).schema[0]).toMatchObject({
      id: "title",
      name: "Task",
    });
  });

  it("does not change the current schema array", () => {
    const current = base();
    update(current, { Price: { name: "Cost" }, Kind: null });
    expect(current.map((p) => p.name)).toContain("Price");
    expect(current.map((p) => p.name)).toContain("Kind");
  });

  it("keeps names unique", () => {
    expect(messageOf(() => update(base(), { Price: { name: "Kind" } }))).toBe(
      "A property named Kind already exists.",
    );
    expect(update(base(), { Price: { name: "Price" } }).changes).toEqual([]);
  });

  it("deletes with null, but never the title", () => {
    const current = base();
    const { schema, changes } = update(current, { Price: null });
    expect(schema.map((p) => p.name)).not.toContain("Price");
    expect(changes).toEqual([{ kind: "deleted", id: byName(current, "Price").id }]);
    expect(messageOf(() => update(current, { Name: null }))).toBe(DELETE_TITLE);
    expect(messageOf(() => update(current, { Nope: null }))).toBe("Nope is not a property that exists.");
  });

  it("adds properties under new keys, named by the key or by `name`", () => {
    const { schema, changes } = update(base(), { Notes: { rich_text: {} }, x: { name: "Due", date: {} } });
    const notes = byName(schema, "Notes");
    const due = byName(schema, "Due");
    expect(notes).toMatchObject({ type: "rich_text", config: {}, description: null });
    expect(due.type).toBe("date");
    expect(changes).toEqual([
      { kind: "added", id: notes.id },
      { kind: "added", id: due.id },
    ]);
    expect(messageOf(() => update(base(), { Other: { name: "X" } }))).toBe(
      "Other is not a property that exists.",
    );
    expect(messageOf(() => update(base(), { Extra: { title: {} } }))).toBe(SECOND_TITLE);
    expect(messageOf(() => update(base(), { B: { button: {} } }))).toMatch(
      /^body failed validation\. Fix one:/,
    );
  });

  it("changes settings: number format, formula expression, description", () => {
    const current = base();
    const { schema, changes } = update(current, {
      Price: { number: { format: "euro" } },
      F: { formula: { expression: "2" }, description: "two" },
    });
    expect(byName(schema, "Price").config).toEqual({ format: "euro" });
    expect(byName(schema, "F")).toMatchObject({ config: { expression: "2" }, description: "two" });
    expect(changes.map((c) => c.kind)).toEqual(["updated", "updated", "updated"]);
    expect(update(current, { Price: { number: {} } }).changes).toEqual([]);
    expect(byName(update(current, { Price: { number: {} } }).schema, "Price").config).toEqual({
      format: "dollar",
    });
  });

  it("changes the type but keeps the id", () => {
    const current = base();
    const price = byName(current, "Price");
    const { schema, changes } = update(current, { Price: { rich_text: {} } });
    expect(byName(schema, "Price")).toMatchObject({ id: price.id, type: "rich_text", config: {} });
    expect(changes).toEqual([{ kind: "retyped", id: price.id }]);
    expect(messageOf(() => update(current, { Name: { rich_text: {} } }))).toBe(RETYPE_TITLE);
    expect(messageOf(() => update(current, { Price: { title: {} } }))).toBe(SECOND_TITLE);
  });

  it("carries options over when select becomes multi_select or status", () => {
    const current = base();
    const before = readOptions(byName(current, "Kind").config);
    const multi = update(current, { Kind: { multi_select: {} } }).schema;
    expect(readOptions(byName(multi, "Kind").config)).toEqual(before);
    const status = byName(update(current, { Kind: { type: "status", status: {} } }).schema, "Kind");
    expect(readOptions(status.config)).toEqual(before);
    expect(readGroups(status.config)[0]?.option_ids).toEqual(before.map((o) => o.id));
  });

  it("updates select options by id or name, adds new ones and drops the rest", () => {
    const current = base();
    const [a, b] = readOptions(byName(current, "Kind").config);
    const { schema } = update(current, {
      Kind: {
        select: { options: [{ id: a?.id, name: "Alpha" }, { name: "B", color: "green" }, { name: "C" }] },
      },
    });
    const options = readOptions(byName(schema, "Kind").config);
    expect(options.map((o) => [o.id === a?.id, o.id === b?.id, o.name, o.color])).toEqual([
      [true, false, "Alpha", "red"],
      [false, true, "B", "green"],
      [false, false, "C", "default"],
    ]);
    expect(messageOf(() => update(current, { Kind: { select: { options: [{ id: "nope" }] } } }))).toBe(
      "Option with id nope does not exist on this property.",
    );
    expect(messageOf(() => update(current, { Kind: { select: { options: [{ name: "x,y" }] } } }))).toBe(
      "Invalid select option, commas not allowed: x,y",
    );
  });

  it("keeps status groups, files new options under To-do and drops removed ones", () => {
    const current = base();
    const [notStarted, , done] = readOptions(byName(current, "Stage").config);
    const { schema } = update(current, {
      Stage: {
        status: { options: [{ id: notStarted?.id }, { name: "Done" }, { name: "Blocked", color: "red" }] },
      },
    });
    const config = byName(schema, "Stage").config;
    const options = readOptions(config);
    const blocked = options.find((o) => o.name === "Blocked");
    expect(options.map((o) => o.name)).toEqual(["Not started", "Done", "Blocked"]);
    expect(readGroups(config).map((g) => [g.name, g.option_ids])).toEqual([
      ["To-do", [notStarted?.id, blocked?.id]],
      ["In progress", []],
      ["Complete", [done?.id]],
    ]);
  });

  it("keeps a relation's resolved config when its target is unchanged, and asks again when it moves", () => {
    const current = base().map((p) =>
      p.name === "Items"
        ? {
            ...p,
            config: {
              database_id: OTHER,
              data_source_id: SOURCE,
              type: "single_property",
              single_property: {},
            },
          }
        : p,
    );
    const same = update(current, { Items: { relation: { data_source_id: SOURCE, single_property: {} } } });
    expect(same.relations).toEqual([]);
    expect(byName(same.schema, "Items").config.database_id).toBe(OTHER);
    const moved = update(current, { Items: { relation: { data_source_id: OTHER, dual_property: {} } } });
    expect(moved.relations).toEqual([
      expect.objectContaining({
        propertyId: byName(current, "Items").id,
        dataSourceId: OTHER,
        kind: "dual_property",
      }),
    ]);
    expect(moved.changes).toEqual([{ kind: "updated", id: byName(current, "Items").id }]);
  });

  it("resolves rollups against the updated schema and follows relation renames", () => {
    const current = base();
    const items = byName(current, "Items");
    const renamed = update(current, { Items: { name: "Lines" } });
    expect(byName(renamed.schema, "Total").config.relation_property_name).toBe("Lines");
    const added = update(current, {
      Count: { rollup: { function: "count", relation_property_id: items.id, rollup_property_id: "abcd" } },
    });
    expect(added.rollups).toEqual([
      expect.objectContaining({ relationPropertyId: items.id, rollupPropertyId: "abcd" }),
    ]);
  });

  it("reports a missing property object with Notion's message", () => {
    expect(messageOf(() => update(base(), { Price: 3 }))).toBe(
      "body failed validation: body.properties.Price should be an object, instead was `3`.",
    );
  });
});

describe("applySchemaUpdate rollups", () => {
  it("keeps a resolved rollup that the request repeats, and re-resolves a changed one", () => {
    const current = base().map((p) =>
      p.name === "Total"
        ? { ...p, config: { ...p.config, rollup_property_id: "cost", rollup_property_name: "Cost" } }
        : p,
    );
    const total = byName(current, "Total");
    const same = update(current, {
      Total: { rollup: { function: "sum", relation_property_name: "Items", rollup_property_name: "Cost" } },
    });
    expect(same.changes).toEqual([]);
    expect(same.rollups).toEqual([]);
    expect(byName(same.schema, "Total").config).toEqual(total.config);
    const changed = update(current, {
      Total: {
        rollup: { function: "average", relation_property_name: "Items", rollup_property_name: "Cost" },
      },
    });
    expect(changed.changes).toEqual([{ kind: "updated", id: total.id }]);
    expect(changed.rollups).toHaveLength(1);
  });
});
