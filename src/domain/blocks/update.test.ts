import { describe, expect, it } from "vitest";
import type { JsonObject } from "../validation.ts";
import { parseBlockChildren, parseBlockUpdate } from "./index.ts";
import { ID, ID2, errorOf, para, storedText, text } from "./test-helpers.ts";

function created(request: JsonObject): { type: string; content: JsonObject } {
  const [block] = parseBlockChildren([request], "body.children", 2);
  if (!block) throw new Error("no block parsed");
  return block;
}

function update(request: JsonObject, body: JsonObject): JsonObject {
  const block = created(request);
  return parseBlockUpdate(block.type, block.content, body);
}

describe("parseBlockUpdate", () => {
  it("merges partial text fields over the stored content", () => {
    const base = para("old", { color: "red" });
    expect(update(base, { paragraph: { rich_text: [text("new")] } })).toEqual({
      rich_text: [storedText("new")],
      color: "red",
      icon: null,
    });
    expect(update(base, { type: "paragraph", paragraph: { color: "blue", icon: { emoji: "🔥" } } })).toEqual({
      rich_text: [storedText("old")],
      color: "blue",
      icon: { type: "emoji", emoji: "🔥" },
    });
    expect(update({ heading_2: { rich_text: [] } }, { heading_2: { is_toggleable: true } })).toEqual({
      rich_text: [],
      is_toggleable: true,
      color: "default",
    });
    expect(update({ to_do: { rich_text: [text("a")] } }, { to_do: { checked: true } })).toMatchObject({
      checked: true,
      rich_text: [storedText("a")],
    });
    expect(
      update({ callout: { rich_text: [], icon: { emoji: "💡" } } }, { callout: { icon: null } }),
    ).toEqual({
      rich_text: [],
      icon: null,
      color: "default",
    });
  });

  it("returns the stored content for trash-only or empty bodies", () => {
    const block = created(para("x"));
    expect(parseBlockUpdate("paragraph", block.content, { in_trash: true })).toBe(block.content);
    expect(parseBlockUpdate("paragraph", block.content, { archived: false })).toBe(block.content);
    expect(parseBlockUpdate("paragraph", block.content, {})).toBe(block.content);
    expect(parseBlockUpdate("child_page", { title: "T" }, { in_trash: true })).toEqual({ title: "T" });
  });

  it("refuses to change a block's type", () => {
    const message = errorOf(() => update(para(), { heading_1: { rich_text: [] } }));
    expect(message).toMatch(/^body failed validation: body\.heading_1 should be not present, instead was /);
    expect(message).toContain("cannot be changed from `paragraph` to `heading_1`");
    expect(errorOf(() => update(para(), { type: "quote", quote: { rich_text: [] } }))).toContain(
      "from `paragraph` to `quote`",
    );
    expect(errorOf(() => update(para(), { type: 5 }))).toBe(
      'body failed validation: body.type should be `"paragraph"`, instead was `5`.',
    );
  });

  it("rejects children in an update", () => {
    expect(errorOf(() => update({ toggle: { rich_text: [] } }, { toggle: { children: [para()] } }))).toMatch(
      /^body failed validation: body\.toggle\.children should be not present/,
    );
  });

  it("validates the changed fields like a create", () => {
    expect(
      errorOf(() => update({ code: { rich_text: [], language: "go" } }, { code: { language: "klingon" } })),
    ).toContain("body.code.language should be");
    expect(
      update(
        { code: { rich_text: [], language: "go" } },
        { code: { language: "rust", caption: [text("c")] } },
      ),
    ).toEqual({
      caption: [storedText("c")],
      rich_text: [],
      language: "rust",
    });
    expect(errorOf(() => update(para(), { paragraph: { rich_text: [text("a".repeat(2001))] } }))).toContain(
      "body.paragraph.rich_text[0].text.content.length should be ≤ `2000`",
    );
    expect(update({ equation: { expression: "a" } }, { equation: { expression: "b" } })).toEqual({
      expression: "b",
    });
    expect(update({ table_of_contents: {} }, { table_of_contents: { color: "pink" } })).toEqual({
      color: "pink",
    });
  });

  it("swaps a media source and keeps the rest", () => {
    const file = { file: { external: { url: "https://x.test/a.pdf" }, caption: [text("c")] } };
    expect(update(file, { file: { file_upload: { id: ID } } })).toEqual({
      caption: [storedText("c")],
      name: "a.pdf",
      type: "file_upload",
      file_upload: { id: ID },
    });
    expect(update(file, { file: { name: "Renamed" } })).toMatchObject({ name: "Renamed", type: "external" });
    const resolved = { caption: [], type: "file", file: { url: "https://files.test/x", expiry_time: "t" } };
    expect(
      parseBlockUpdate("image", resolved, { image: { external: { url: "https://x.test/b.png" } } }),
    ).toEqual({
      caption: [],
      type: "external",
      external: { url: "https://x.test/b.png" },
    });
    expect(errorOf(() => parseBlockUpdate("image", resolved, { image: { type: "external" } }))).toBe(
      'body failed validation: body.image.type should be not present, instead was `"external"`.',
    );
    expect(update({ bookmark: { url: "https://a.test" } }, { bookmark: { url: "https://b.test" } })).toEqual({
      caption: [],
      url: "https://b.test",
    });
  });

  it("updates table headers, column ratio, row cells and link targets", () => {
    const table = { table_width: 2, has_column_header: false, has_row_header: false };
    expect(parseBlockUpdate("table", table, { table: { has_row_header: true } })).toEqual({
      ...table,
      has_row_header: true,
    });
    expect(parseBlockUpdate("table", table, { table: { table_width: 2 } })).toEqual(table);
    expect(errorOf(() => parseBlockUpdate("table", table, { table: { table_width: 3 } }))).toBe(
      "body failed validation: body.table.table_width should be `2` (it cannot be changed after creation), instead was `3`.",
    );
    expect(parseBlockUpdate("column", {}, { column: { width_ratio: 0.25 } })).toEqual({ width_ratio: 0.25 });
    const row = { cells: [[], []] };
    expect(parseBlockUpdate("table_row", row, { table_row: { cells: [[text("a")], []] } })).toEqual({
      cells: [[storedText("a")], []],
    });
    expect(errorOf(() => parseBlockUpdate("table_row", row, { table_row: { cells: [[]] } }))).toContain(
      "body.table_row.cells.length should be equal to the table's table_width `2`, instead was `1`.",
    );
    expect(
      parseBlockUpdate("link_to_page", { type: "page_id", page_id: ID }, { link_to_page: { page_id: ID2 } }),
    ).toEqual({
      type: "page_id",
      page_id: ID2,
    });
  });

  it("accepts synced_from only when unchanged", () => {
    const duplicate = { synced_from: { type: "block_id", block_id: ID } };
    expect(
      parseBlockUpdate("synced_block", duplicate, { synced_block: { synced_from: { block_id: ID } } }),
    ).toEqual(duplicate);
    expect(
      errorOf(() =>
        parseBlockUpdate("synced_block", duplicate, { synced_block: { synced_from: { block_id: ID2 } } }),
      ),
    ).toContain("body.synced_block.synced_from should be");
    expect(
      errorOf(() =>
        parseBlockUpdate(
          "synced_block",
          { synced_from: null },
          { synced_block: { synced_from: { block_id: ID } } },
        ),
      ),
    ).toContain("cannot be changed");
  });

  it("leaves types without editable fields unchanged", () => {
    expect(parseBlockUpdate("divider", {}, { divider: {} })).toEqual({});
    expect(parseBlockUpdate("column_list", {}, { column_list: {} })).toEqual({});
  });
});
