import { describe, expect, it } from "vitest";
import { parseSchema } from "./schema-parse.ts";
import { SOURCE, byName, messageOf } from "./test-helpers.ts";

const PATH = "body.properties";

function parse(properties: unknown, version: "2022-06-28" | "2025-09-03" | "2026-03-11" = "2025-09-03") {
  return parseSchema(properties, PATH, version);
}

function withTitle(extra: Record<string, unknown>) {
  return { Name: { title: {} }, ...extra };
}

describe("parseSchema relations and rollups", () => {
  it("returns 2025 relation requests to resolve, with placeholder configs", () => {
    const { schema, relations } = parse(
      withTitle({
        One: {
          relation: {
            data_source_id: SOURCE.replace(/-/g, ""),
            type: "single_property",
            single_property: {},
          },
        },
        Two: { relation: { data_source_id: SOURCE, dual_property: { synced_property_name: "Back" } } },
      }),
    );
    const one = byName(schema, "One");
    const two = byName(schema, "Two");
    expect(relations).toEqual([
      { propertyId: one.id, dataSourceId: SOURCE, databaseId: undefined, kind: "single_property" },
      {
        propertyId: two.id,
        dataSourceId: SOURCE,
        databaseId: undefined,
        kind: "dual_property",
        syncedPropertyName: "Back",
        syncedPropertyId: undefined,
      },
    ]);
    expect(one.config).toEqual({
      database_id: "",
      data_source_id: SOURCE,
      type: "single_property",
      single_property: {},
    });
    expect(two.config).toMatchObject({
      type: "dual_property",
      dual_property: { synced_property_id: "", synced_property_name: "" },
    });
  });

  it("takes database_id relations in 2022-06-28 only", () => {
    const input = withTitle({ R: { relation: { database_id: SOURCE, single_property: {} } } });
    expect(parse(input, "2022-06-28").relations[0]).toMatchObject({
      databaseId: SOURCE,
      kind: "single_property",
    });
    expect(messageOf(() => parse(input, "2025-09-03"))).toBe(
      "body failed validation: body.properties.R.relation.data_source_id should be defined, instead was `undefined`.",
    );
    const upgraded = withTitle({ R: { relation: { data_source_id: SOURCE, dual_property: {} } } });
    expect(parse(upgraded, "2022-06-28").relations[0]).toMatchObject({
      dataSourceId: SOURCE,
      kind: "dual_property",
    });
  });

  it("needs a relation kind and a valid id", () => {
    expect(messageOf(() => parse(withTitle({ R: { relation: { data_source_id: SOURCE } } })))).toBe(
      "body failed validation. Fix one:\n" +
        "body.properties.R.relation.single_property should be defined, instead was `undefined`.\n" +
        "body.properties.R.relation.dual_property should be defined, instead was `undefined`.",
    );
    expect(
      messageOf(() => parse(withTitle({ R: { relation: { data_source_id: "nope", single_property: {} } } }))),
    ).toBe(
      'body failed validation: body.properties.R.relation.data_source_id should be a valid uuid, instead was `"nope"`.',
    );
  });

  it("resolves a rollup's relation in the same schema, declared before or after it", () => {
    const { schema, rollups } = parse(
      withTitle({
        Total: {
          rollup: { function: "sum", relation_property_name: "Items", rollup_property_name: "Price" },
        },
        Items: { relation: { data_source_id: SOURCE, single_property: {} } },
      }),
    );
    const items = byName(schema, "Items");
    const total = byName(schema, "Total");
    expect(total.config).toEqual({
      function: "sum",
      relation_property_id: items.id,
      relation_property_name: "Items",
      rollup_property_name: "Price",
    });
    expect(rollups).toEqual([
      {
        propertyId: total.id,
        relationPropertyId: items.id,
        rollupPropertyId: undefined,
        rollupPropertyName: "Price",
      },
    ]);
  });

  it("refuses rollups without a relation in the schema or without their references", () => {
    expect(
      messageOf(() =>
        parse(
          withTitle({
            T: { rollup: { function: "sum", relation_property_name: "Nope", rollup_property_id: "x" } },
          }),
        ),
      ),
    ).toBe("Rollup property T must use a relation property of this data source.");
    expect(
      messageOf(() => parse(withTitle({ T: { rollup: { function: "sum", rollup_property_id: "x" } } }))),
    ).toBe(
      "body failed validation. Fix one:\n" +
        "body.properties.T.rollup.relation_property_name should be defined, instead was `undefined`.\n" +
        "body.properties.T.rollup.relation_property_id should be defined, instead was `undefined`.",
    );
    expect(messageOf(() => parse(withTitle({ T: { rollup: { function: "total" } } })))).toMatch(
      /^body failed validation: body\.properties\.T\.rollup\.function should be `"count"`/,
    );
  });
});
