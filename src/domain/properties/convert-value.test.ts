import { describe, expect, it } from "vitest";
import { convertValue } from "./convert-value.ts";
import { applySchemaUpdate } from "./schema-update.ts";
import { parseRowValues } from "./value-parse.ts";
import { byName, sampleSchema } from "./test-helpers.ts";

function retype(name: string, config: Record<string, unknown>, input: Record<string, unknown>) {
  const schema = sampleSchema();
  const from = byName(schema, name);
  const { values } = parseRowValues(schema, { [name]: input });
  const next = applySchemaUpdate(schema, { [name]: config }, "body.properties", "2025-09-03").schema;
  return convertValue(from, byName(next, name), values[from.id]);
}

describe("convertValue", () => {
  it("keeps options between select, multi_select and status", () => {
    const multi = retype("Kind", { multi_select: {} }, { select: { name: "Fruit" } });
    expect(multi).toEqual([expect.objectContaining({ name: "Fruit" })]);
    expect(retype("Tags", { select: {} }, { multi_select: [{ name: "b" }, { name: "a" }] })).toMatchObject({
      name: "b",
    });
  });

  it("turns values into text and text into numbers", () => {
    const text = retype("Price", { rich_text: {} }, { number: 12.5 });
    expect(text).toEqual([
      expect.objectContaining({ plain_text: "12.5", text: { content: "12.5", link: null } }),
    ]);
    expect(retype("Notes", { number: {} }, { rich_text: [{ text: { content: "1,234" } }] })).toBe(1234);
    expect(retype("Notes", { number: {} }, { rich_text: [{ text: { content: "many" } }] })).toBeUndefined();
    expect(retype("Due", { url: {} }, { date: { start: "2024-01-01" } })).toBe("2024-01-01");
  });

  it("clears what does not carry over", () => {
    expect(retype("Done", { date: {} }, { checkbox: true })).toBeUndefined();
    expect(retype("Price", { checkbox: {} }, { number: 1 })).toBeUndefined();
  });
});
