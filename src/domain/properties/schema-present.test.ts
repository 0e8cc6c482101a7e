import { describe, expect, it } from "vitest";
import { presentSchema, presentSchemaEntry } from "./schema-present.ts";
import { byName, sampleSchema } from "./test-helpers.ts";

describe("presentSchema", () => {
  it("keys entries by name in schema order with {id, name, description, type, <type>}", () => {
    const schema = sampleSchema();
    const served = presentSchema(schema, "2025-09-03");
    expect(Object.keys(served)).toEqual(schema.map((p) => p.name));
    const price = byName(schema, "Price");
    expect(served.Price).toEqual({
      id: price.id,
      name: "Price",
      description: null,
      type: "number",
      number: { format: "dollar" },
    });
    expect(served.Name).toEqual({ id: "title", name: "Name", description: null, type: "title", title: {} });
  });

  it("serves descriptions and relation ids in 2022-06-28 too (S4 has them)", () => {
    const related = { ...byName(sampleSchema(), "Related"), description: "links" };
    related.config = { database_id: "d", data_source_id: "s", type: "single_property", single_property: {} };
    expect(presentSchemaEntry(related, "2022-06-28")).toEqual({
      id: related.id,
      name: "Related",
      description: "links",
      type: "relation",
      relation: { database_id: "d", data_source_id: "s", type: "single_property", single_property: {} },
    });
  });
});
