import { describe, expect, it } from "vitest";
import type { PropertySchema } from "./properties/types.ts";
import { valuesFromOtherSource } from "./template-values.ts";

function property(id: string, name: string, type: PropertySchema["type"], config = {}): PropertySchema {
  return { id, name, description: null, type, config };
}

const title = [{ type: "text", text: { content: "Model" }, plain_text: "Model" }];

describe("valuesFromOtherSource", () => {
  const target = [
    property("title", "Name", "title"),
    property("a1", "Stage", "status", { options: [{ id: "s1", name: "Done", color: "green" }] }),
    property("a2", "Link", "relation", { data_source_id: "ds-projects" }),
    property("a3", "Other link", "relation", { data_source_id: "ds-people" }),
    property("a4", "When", "date"),
  ];

  it("maps by name and type, options by name, relations only to the same data source", () => {
    const from = [
      property("title", "Task", "title"),
      property("b1", "Stage", "status", { options: [{ id: "x9", name: "Done", color: "blue" }] }),
      property("b2", "Link", "relation", { data_source_id: "ds-projects" }),
      property("b3", "Other link", "relation", { data_source_id: "ds-elsewhere" }),
      property("a4", "When", "rich_text"),
    ];
    const values = valuesFromOtherSource(target, from, {
      title,
      b1: { id: "x9", name: "Done", color: "blue" },
      b2: [{ id: "p1" }],
      b3: [{ id: "p2" }],
      a4: title,
    });
    expect(values).toEqual({
      title,
      a1: { id: "s1", name: "Done", color: "green" },
      a2: [{ id: "p1" }],
    });
  });

  it("takes only the title of a standalone page", () => {
    const values = valuesFromOtherSource(target, null, { title: { id: "title", type: "title", title } });
    expect(values).toEqual({ title });
  });
});
