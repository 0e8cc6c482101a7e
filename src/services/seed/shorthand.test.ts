import { describe, expect, it } from "vitest";
import { type Resolver, block, propertySchema, propertyValue } from "./shorthand.ts";

const resolve: Resolver = {
  object: (key) => ({ home: "page-1", launch: "row-1" })[key],
  dataSource: (key) => ({ projects: "source-1" })[key],
  user: (key) => ({ ana: "user-1" })[key],
};

const text = (content: string) => [{ type: "text", text: { content } }];

describe("seed shorthands", () => {
  it("turns Markdown-like strings into blocks", () => {
    expect(block("# Title", resolve)).toMatchObject({ heading_1: { rich_text: text("Title") } });
    expect(block("- [x] done", resolve)).toMatchObject({ to_do: { rich_text: text("done"), checked: true } });
    expect(block("2. second", resolve)).toMatchObject({ numbered_list_item: { rich_text: text("second") } });
    expect(block("---", resolve)).toMatchObject({ divider: {} });
    expect(block("plain", resolve)).toMatchObject({ paragraph: { rich_text: text("plain") } });
  });

  it("reads inline Markdown in block text, but not in code", () => {
    const paragraph = block("Run `npm test` **now**", resolve) as { paragraph: { rich_text: unknown[] } };
    expect(paragraph.paragraph.rich_text).toMatchObject([
      { text: { content: "Run " } },
      { text: { content: "npm test" }, annotations: { code: true } },
      { text: { content: " " } },
      { text: { content: "now" }, annotations: { bold: true } },
    ]);
    expect(block({ code: "**not bold**" }, resolve)).toMatchObject({
      code: { rich_text: text("**not bold**"), language: "plain text" },
    });
  });

  it("expands typed blocks, their children, icons and links to seed pages", () => {
    expect(block({ callout: { text: "Note", icon: "💡", color: "blue_background" } }, resolve)).toMatchObject(
      {
        callout: { rich_text: text("Note"), icon: { type: "emoji", emoji: "💡" }, color: "blue_background" },
      },
    );
    expect(block({ toggle: { text: "More", children: ["inside"] } }, resolve)).toMatchObject({
      toggle: { rich_text: text("More"), children: [{ paragraph: { rich_text: text("inside") } }] },
    });
    expect(block({ link_to_page: "home" }, resolve)).toMatchObject({
      link_to_page: { type: "page_id", page_id: "page-1" },
    });
    expect(block({ image: "https://example.com/a.png" }, resolve)).toMatchObject({
      image: { type: "external", external: { url: "https://example.com/a.png" } },
    });
    const notion = { type: "paragraph", paragraph: { rich_text: [] } };
    expect(block(notion, resolve)).toBe(notion);
  });

  it("builds schema entries, relations pointing at the seed's data sources", () => {
    expect(propertySchema({ type: "select", options: ["A", { name: "B", color: "red" }] }, resolve)).toEqual({
      select: { options: [{ name: "A" }, { name: "B", color: "red" }] },
    });
    expect(propertySchema({ type: "relation", database: "projects", dual: "Tasks" }, resolve)).toEqual({
      relation: {
        data_source_id: "source-1",
        type: "dual_property",
        dual_property: { synced_property_name: "Tasks" },
      },
    });
    expect(
      propertySchema({ type: "rollup", relation: "Tasks", property: "Done", function: "count" }, resolve),
    ).toEqual({
      rollup: { relation_property_name: "Tasks", rollup_property_name: "Done", function: "count" },
    });
  });

  it("builds row values from plain values by property type", () => {
    expect(propertyValue("title", "Hi", resolve)).toEqual({ title: text("Hi") });
    expect(propertyValue("select", "Done", resolve)).toEqual({ select: { name: "Done" } });
    expect(propertyValue("multi_select", ["a", "b"], resolve)).toEqual({
      multi_select: [{ name: "a" }, { name: "b" }],
    });
    expect(propertyValue("date", "2025-01-02", resolve)).toEqual({ date: { start: "2025-01-02" } });
    expect(propertyValue("relation", "launch", resolve)).toEqual({ relation: [{ id: "row-1" }] });
    expect(propertyValue("people", ["ana"], resolve)).toEqual({ people: [{ id: "user-1" }] });
    expect(propertyValue("number", 3, resolve)).toEqual({ number: 3 });
    expect(propertyValue("select", { select: { name: "X" } }, resolve)).toEqual({ select: { name: "X" } });
  });
});
