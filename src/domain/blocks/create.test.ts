import { describe, expect, it } from "vitest";
import type { JsonObject } from "../validation.ts";
import { CREATABLE_BLOCK_TYPES, parseBlockChildren } from "./index.ts";
import { specTypes } from "./registry.ts";
import { ID, errorOf, para, storedText, text } from "./test-helpers.ts";

function one(request: JsonObject): { type: string; content: JsonObject } {
  const [block] = parseBlockChildren([request], "body.children", 2);
  if (!block) throw new Error("no block parsed");
  return { type: block.type, content: block.content };
}

const hi = [storedText("hi")];

describe("catalogue", () => {
  it("has a rule for exactly the creatable types", () => {
    expect([...specTypes()].sort()).toEqual([...CREATABLE_BLOCK_TYPES].sort());
    expect(CREATABLE_BLOCK_TYPES).toHaveLength(31);
  });
});

describe("text blocks", () => {
  it("fills paragraph defaults, with icon null unless given", () => {
    expect(one(para())).toEqual({
      type: "paragraph",
      content: { rich_text: hi, color: "default", icon: null },
    });
    const withIcon = one(para("hi", { icon: { emoji: "🚀" }, color: "blue_background" }));
    expect(withIcon.content).toEqual({
      rich_text: hi,
      color: "blue_background",
      icon: { type: "emoji", emoji: "🚀" },
    });
  });

  it.each(["heading_1", "heading_2", "heading_3", "heading_4"])("fills %s defaults", (type) => {
    expect(one({ type, [type]: { rich_text: [text("hi")] } }).content).toEqual({
      rich_text: hi,
      is_toggleable: false,
      color: "default",
    });
    expect(one({ [type]: { rich_text: [], is_toggleable: true, color: "red" } }).content).toEqual({
      rich_text: [],
      is_toggleable: true,
      color: "red",
    });
  });

  it.each(["bulleted_list_item", "quote", "toggle"])("fills %s defaults", (type) => {
    expect(one({ [type]: { rich_text: [text("hi")] } })).toEqual({
      type,
      content: { rich_text: hi, color: "default" },
    });
  });

  it("keeps numbered list start and format only when given", () => {
    expect(one({ numbered_list_item: { rich_text: [] } }).content).toEqual({
      rich_text: [],
      color: "default",
    });
    const custom = one({ numbered_list_item: { rich_text: [], list_start_index: 3, list_format: "roman" } });
    expect(custom.content).toEqual({
      rich_text: [],
      color: "default",
      list_start_index: 3,
      list_format: "roman",
    });
    expect(errorOf(() => one({ numbered_list_item: { rich_text: [], list_format: "greek" } }))).toContain(
      "body.children[0].numbered_list_item.list_format should be",
    );
  });

  it("fills to_do, template and callout", () => {
    expect(one({ to_do: { rich_text: [text("hi")] } }).content).toEqual({
      rich_text: hi,
      checked: false,
      color: "default",
    });
    expect(one({ to_do: { rich_text: [], checked: true } }).content).toMatchObject({ checked: true });
    expect(one({ template: { rich_text: [text("hi")] } }).content).toEqual({ rich_text: hi });
    expect(one({ callout: { rich_text: [] } }).content).toEqual({
      rich_text: [],
      icon: null,
      color: "default",
    });
    expect(one({ callout: { rich_text: [], icon: { emoji: "💡" } } }).content).toMatchObject({
      icon: { type: "emoji", emoji: "💡" },
    });
  });

  it("parses code with caption default and a known language", () => {
    expect(one({ code: { rich_text: [text("x = 1")], language: "python" } }).content).toEqual({
      caption: [],
      rich_text: [storedText("x = 1")],
      language: "python",
    });
    expect(one({ code: { rich_text: [], language: "java/c/c++/c#", caption: [text("c")] } }).content).toEqual(
      {
        caption: [storedText("c")],
        rich_text: [],
        language: "java/c/c++/c#",
      },
    );
  });

  it("rejects an unknown or missing code language", () => {
    const bad = errorOf(() => one({ code: { rich_text: [], language: "cobol" } }));
    expect(bad).toMatch(/^body failed validation: body\.children\[0\]\.code\.language should be `"abap"`, /);
    expect(bad).toContain('instead was `"cobol"`.');
    expect(errorOf(() => one({ code: { rich_text: [] } }))).toBe(
      "body failed validation: body.children[0].code.language should be defined, instead was `undefined`.",
    );
  });

  it("parses equations up to 1000 characters", () => {
    expect(one({ equation: { expression: "e=mc^2" } }).content).toEqual({ expression: "e=mc^2" });
    expect(errorOf(() => one({ equation: { expression: "x".repeat(1001) } }))).toBe(
      "body failed validation: body.children[0].equation.expression.length should be ≤ `1000`, instead was `1001`.",
    );
  });

  it("rejects rich text content over 2000 characters", () => {
    expect(errorOf(() => one(para("a".repeat(2001))))).toBe(
      "body failed validation: body.children[0].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    );
  });

  it("requires rich_text and a valid color", () => {
    expect(errorOf(() => one({ paragraph: {} }))).toBe(
      "body failed validation: body.children[0].paragraph.rich_text should be defined, instead was `undefined`.",
    );
    expect(errorOf(() => one({ quote: { rich_text: [], color: "mauve" } }))).toContain(
      'body.children[0].quote.color should be `"default"`',
    );
  });
});

describe("media and link blocks", () => {
  it.each(["embed", "bookmark"])("parses %s", (type) => {
    expect(one({ [type]: { url: "https://example.com" } }).content).toEqual({
      caption: [],
      url: "https://example.com",
    });
    expect(errorOf(() => one({ [type]: { url: "not a url" } }))).toContain(
      `${type}.url should be a valid URL`,
    );
  });

  it.each(["image", "video", "pdf", "audio"])("parses external and uploaded %s", (type) => {
    expect(one({ [type]: { external: { url: "https://x.test/a.png" } } }).content).toEqual({
      caption: [],
      type: "external",
      external: { url: "https://x.test/a.png" },
    });
    expect(
      one({ [type]: { type: "file_upload", file_upload: { id: ID.replace(/-/g, "") } } }).content,
    ).toEqual({
      caption: [],
      type: "file_upload",
      file_upload: { id: ID },
    });
  });

  it("names external files after their URL unless given a name", () => {
    expect(
      one({ file: { external: { url: "https://x.test/docs/report%202024.pdf?dl=1" } } }).content,
    ).toEqual({
      caption: [],
      type: "external",
      external: { url: "https://x.test/docs/report%202024.pdf?dl=1" },
      name: "report 2024.pdf",
    });
    expect(one({ file: { external: { url: "https://x.test/a.pdf" }, name: "A" } }).content).toMatchObject({
      name: "A",
    });
    expect(one({ file: { file_upload: { id: ID } } }).content).toEqual({
      caption: [],
      type: "file_upload",
      file_upload: { id: ID },
    });
  });

  it("rejects media without a source or with a served-only source", () => {
    expect(errorOf(() => one({ image: {} }))).toBe(
      "body failed validation. Fix one:\n" +
        "body.children[0].image.external should be defined, instead was `undefined`.\n" +
        "body.children[0].image.file_upload should be defined, instead was `undefined`.",
    );
    expect(errorOf(() => one({ image: { type: "file", file: { url: "https://x.test/a.png" } } }))).toContain(
      'body.children[0].image.type should be `"external"`, or `"file_upload"`',
    );
    expect(errorOf(() => one({ image: { file_upload: { id: "nope" } } }))).toContain(
      "image.file_upload.id should be a valid uuid",
    );
  });

  it("parses link_to_page targets", () => {
    expect(one({ link_to_page: { page_id: ID } }).content).toEqual({ type: "page_id", page_id: ID });
    expect(one({ link_to_page: { type: "database_id", database_id: ID } }).content).toEqual({
      type: "database_id",
      database_id: ID,
    });
    expect(one({ link_to_page: { comment_id: ID } }).content).toEqual({ type: "comment_id", comment_id: ID });
    expect(errorOf(() => one({ link_to_page: {} }))).toContain("link_to_page.page_id should be defined");
  });
});

describe("structural blocks", () => {
  it("parses the empty-content types and table of contents", () => {
    expect(one({ divider: {} })).toEqual({ type: "divider", content: {} });
    expect(one({ breadcrumb: {} })).toEqual({ type: "breadcrumb", content: {} });
    expect(one({ table_of_contents: {} }).content).toEqual({ color: "default" });
    expect(one({ table_of_contents: { color: "gray" } }).content).toEqual({ color: "gray" });
  });

  it("parses synced blocks, originals and duplicates", () => {
    const [original] = parseBlockChildren(
      [{ synced_block: { synced_from: null, children: [para()] } }],
      "b",
      2,
    );
    expect(original).toMatchObject({ type: "synced_block", content: { synced_from: null } });
    expect(original?.children).toHaveLength(1);
    expect(one({ synced_block: { synced_from: { block_id: ID } } }).content).toEqual({
      synced_from: { type: "block_id", block_id: ID },
    });
    expect(errorOf(() => one({ synced_block: {} }))).toContain("synced_block.synced_from should be defined");
    expect(
      errorOf(() => one({ synced_block: { synced_from: { block_id: ID }, children: [para()] } })),
    ).toMatch(/^body failed validation: body\.children\[0\]\.synced_block\.children should be not present/);
  });

  it("parses tables and their rows", () => {
    const [table] = parseBlockChildren(
      [
        {
          table: {
            table_width: 2,
            has_column_header: true,
            children: [
              { table_row: { cells: [[text("a")], []] } },
              { type: "table_row", table_row: { cells: [[], []] } },
            ],
          },
        },
      ],
      "body.children",
      2,
    );
    expect(table?.content).toEqual({ table_width: 2, has_column_header: true, has_row_header: false });
    expect(table?.children.map((row) => row.content)).toEqual([
      { cells: [[storedText("a")], []] },
      { cells: [[], []] },
    ]);
  });

  it("parses a standalone table row and a column with width", () => {
    expect(one({ table_row: { cells: [[text("x")]] } }).content).toEqual({ cells: [[storedText("x")]] });
    const [column] = parseBlockChildren([{ column: { width_ratio: 0.5, children: [para()] } }], "b", 2);
    expect(column?.content).toEqual({ width_ratio: 0.5 });
    const [plain] = parseBlockChildren([{ column: { children: [para()] } }], "b", 2);
    expect(plain?.content).toEqual({});
  });

  it("parses a tab with paragraph tab items", () => {
    const [tab] = parseBlockChildren(
      [{ tab: { children: [para("One", { icon: { emoji: "1️⃣" } }), para("Two")] } }],
      "body.children",
      2,
    );
    expect(tab?.content).toEqual({});
    expect(tab?.children.map((item) => item.type)).toEqual(["paragraph", "paragraph"]);
    expect(errorOf(() => one({ tab: {} }))).toBe(
      "body failed validation: body.children[0].tab.children should be defined, instead was `undefined`.",
    );
    expect(errorOf(() => one({ tab: { children: [{ to_do: { rich_text: [] } }] } }))).toBe(
      "body failed validation: body.children[0].tab.children[0].paragraph should be defined, instead was `undefined`.",
    );
  });
});
