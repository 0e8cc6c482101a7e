import { describe, expect, it } from "vitest";
import type { PropertySchema } from "../properties/types.ts";
import { configurationToNames, filterToIds, filterToNames, sortsToNames } from "./view-references.ts";

const property = (id: string, name: string, type: PropertySchema["type"]): PropertySchema => ({
  id,
  name,
  type,
  description: null,
  config: {},
});
const schema = [
  property("title", "Name", "title"),
  property("a1", "Stage", "select"),
  property("b2", "Due", "date"),
];

describe("view property references", () => {
  it("stores ids and serves the current names", () => {
    const filter = {
      or: [
        { property: "Stage", select: { equals: "x" } },
        { property: "b2", date: { is_empty: true } },
      ],
    };
    const stored = filterToIds(filter, schema);
    expect(stored).toEqual({
      or: [
        { property: "a1", select: { equals: "x" } },
        { property: "b2", date: { is_empty: true } },
      ],
    });
    const renamed = schema.map((p) => (p.id === "a1" ? { ...p, name: "Phase" } : p));
    expect(filterToNames(stored, renamed)).toEqual({
      or: [
        { property: "Phase", select: { equals: "x" } },
        { property: "Due", date: { is_empty: true } },
      ],
    });
  });

  it("drops conditions, sorts and settings of deleted properties, and compounds left empty", () => {
    const withoutStage = schema.filter((p) => p.id !== "a1");
    const stored = {
      and: [
        { or: [{ property: "a1", select: { equals: "x" } }] },
        { timestamp: "created_time", created_time: { past_week: {} } },
      ],
    };
    expect(filterToNames(stored, withoutStage)).toEqual({
      and: [{ timestamp: "created_time", created_time: { past_week: {} } }],
    });
    expect(filterToNames({ property: "a1", select: { equals: "x" } }, withoutStage)).toBeNull();
    expect(
      sortsToNames(
        [
          { property: "a1", direction: "ascending" },
          { timestamp: "created_time", direction: "descending" },
        ],
        withoutStage,
      ),
    ).toEqual([{ timestamp: "created_time", direction: "descending" }]);
    const configuration = {
      type: "board",
      group_by: { type: "select", property_id: "a1", sort: { type: "manual" } },
      properties: [{ property_id: "a1" }, { property_id: "b2", width: 120 }],
      card_layout: "compact",
    };
    expect(configurationToNames(configuration, schema)).toEqual({
      ...configuration,
      group_by: { ...configuration.group_by, property_name: "Stage" },
      properties: [
        { property_id: "a1", property_name: "Stage" },
        { property_id: "b2", width: 120, property_name: "Due" },
      ],
    });
    expect(configurationToNames(configuration, withoutStage)).toEqual({
      type: "board",
      properties: [{ property_id: "b2", width: 120, property_name: "Due" }],
      card_layout: "compact",
    });
  });
});
