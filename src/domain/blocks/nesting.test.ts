import { describe, expect, it } from "vitest";
import type { JsonObject } from "../validation.ts";
import { CREATABLE_BLOCK_TYPES, countBlockElements, parseBlockChildren } from "./index.ts";
import { errorOf, para, text } from "./test-helpers.ts";

const parse = (children: unknown[]) => parseBlockChildren(children, "body.children", 2);

function toggle(children?: unknown[]): JsonObject {
  return { toggle: { rich_text: [text("t")], ...(children ? { children } : {}) } };
}

function columns(...kids: unknown[][]): JsonObject {
  return { column_list: { children: kids.map((children) => ({ column: { children } })) } };
}

describe("choosing the type", () => {
  it("uses `type` when given and the single type key otherwise", () => {
    expect(parse([{ object: "block", type: "quote", quote: { rich_text: [] } }])[0]?.type).toBe("quote");
    expect(parse([{ divider: {} }])[0]?.type).toBe("divider");
  });

  it("lists every creatable type when none is recognised", () => {
    const expected =
      "body failed validation. Fix one:\n" +
      CREATABLE_BLOCK_TYPES.map(
        (type) => `body.children[0].${type} should be defined, instead was \`undefined\`.`,
      ).join("\n");
    expect(errorOf(() => parse([{}]))).toBe(expected);
    expect(errorOf(() => parse([{ foo: {} }]))).toBe(expected);
    for (const type of [
      "child_page",
      "child_database",
      "link_preview",
      "meeting_notes",
      "transcription",
      "unsupported",
    ]) {
      expect(errorOf(() => parse([{ type, [type]: { title: "x" } }]))).toBe(expected);
      expect(errorOf(() => parse([{ [type]: { title: "x" } }]))).toBe(expected);
    }
    expect(errorOf(() => parse([{ type: "constructor" }]))).toBe(expected);
  });

  it("rejects a declared type whose object is missing, and a second type key", () => {
    expect(errorOf(() => parse([{ type: "paragraph", heading_1: { rich_text: [] } }]))).toBe(
      "body failed validation: body.children[0].paragraph should be defined, instead was `undefined`.",
    );
    expect(errorOf(() => parse([{ paragraph: { rich_text: [] }, quote: { rich_text: [] } }]))).toBe(
      'body failed validation: body.children[0].quote should be not present, instead was `{"rich_text":[]}`.',
    );
  });

  it("rejects non-arrays, non-objects and more than 100 children", () => {
    expect(errorOf(() => parseBlockChildren("x", "body.children", 2))).toBe(
      'body failed validation: body.children should be an array, instead was `"x"`.',
    );
    expect(errorOf(() => parse([3]))).toBe(
      "body failed validation: body.children[0] should be an object, instead was `3`.",
    );
    const many = Array.from({ length: 101 }, () => ({ divider: {} }));
    expect(errorOf(() => parse(many))).toBe(
      "body failed validation: body.children.length should be ≤ `100`, instead was `101`.",
    );
    expect(parse(many.slice(1))).toHaveLength(100);
    expect(errorOf(() => parse([toggle(many)]))).toBe(
      "body failed validation: body.children[0].toggle.children.length should be ≤ `100`, instead was `101`.",
    );
  });
});

describe("nesting budget", () => {
  it("allows two levels below the top-level array", () => {
    const blocks = parse([toggle([toggle([para()])])]);
    expect(blocks[0]?.children[0]?.children[0]?.type).toBe("paragraph");
    expect(countBlockElements(blocks)).toBe(3);
  });

  it("rejects a third level", () => {
    expect(errorOf(() => parse([toggle([toggle([toggle([para()])])])]))).toMatch(
      /^body failed validation: body\.children\[0\]\.toggle\.children\[0\]\.toggle\.children\[0\]\.toggle\.children should be not present, instead was `\[/,
    );
  });

  it("respects a smaller starting budget", () => {
    expect(parseBlockChildren([toggle([para()])], "body.children", 1)).toHaveLength(1);
    expect(errorOf(() => parseBlockChildren([toggle([para()])], "body.children", 0))).toMatch(
      /^body failed validation: body\.children\[0\]\.toggle\.children should be not present/,
    );
  });

  it("rejects children on types that never have them", () => {
    const leaves: JsonObject[] = [
      { code: { rich_text: [], language: "go" } },
      { equation: { expression: "x" } },
      { divider: {} },
      { breadcrumb: {} },
      { table_of_contents: {} },
      { embed: { url: "https://x.test" } },
      { bookmark: { url: "https://x.test" } },
      { image: { external: { url: "https://x.test/a.png" } } },
      { file: { external: { url: "https://x.test/a.pdf" } } },
      { link_to_page: { page_id: "2f9b0a8e1c3d4e5f8a9b0c1d2e3f4a5b" } },
      { table_row: { cells: [] } },
    ];
    for (const leaf of leaves) {
      const [type] = Object.keys(leaf);
      const withChildren = { [type ?? ""]: { ...(leaf[type ?? ""] as JsonObject), children: [para()] } };
      expect(errorOf(() => parse([withChildren]))).toMatch(
        new RegExp(
          `^body failed validation: body\\.children\\[0\\]\\.${type}\\.children should be not present`,
        ),
      );
    }
  });
});

describe("columns", () => {
  it("treats columns as transparent: column_list → column → paragraph → children", () => {
    const [list] = parse([columns([para("a", { children: [para("deep")] })], [para("b")])]);
    expect(list?.type).toBe("column_list");
    expect(list?.content).toEqual({});
    expect(list?.children.map((c) => c.type)).toEqual(["column", "column"]);
    expect(list?.children[0]?.children[0]?.children[0]?.type).toBe("paragraph");
    expect(countBlockElements(list ? [list] : [])).toBe(6);
  });

  it("allows no deeper than that", () => {
    const tooDeep = columns([para("a", { children: [toggle([para()])] })], [para("b")]);
    expect(errorOf(() => parse([tooDeep]))).toMatch(
      /column_list\.children\[0\]\.column\.children\[0\]\.paragraph\.children\[0\]\.toggle\.children should be not present/,
    );
  });

  it("requires at least two columns, each with a child", () => {
    expect(errorOf(() => parse([columns([para()])]))).toBe(
      "body failed validation: body.children[0].column_list.children.length should be ≥ `2`, instead was `1`.",
    );
    expect(errorOf(() => parse([{ column_list: {} }]))).toBe(
      "body failed validation: body.children[0].column_list.children should be defined, instead was `undefined`.",
    );
    expect(errorOf(() => parse([columns([para()], [])]))).toBe(
      "body failed validation: body.children[0].column_list.children[1].column.children.length should be ≥ `1`, instead was `0`.",
    );
  });

  it("only takes columns inside a column_list, and columns only there", () => {
    expect(errorOf(() => parse([{ column_list: { children: [para(), para()] } }]))).toBe(
      "body failed validation: body.children[0].column_list.children[0].column should be defined, instead was `undefined`.",
    );
    const stray = toggle([{ column: { children: [para()] } }]);
    expect(errorOf(() => parse([stray]))).toMatch(/^body failed validation\. Fix one:\n/);
  });

  it("checks width_ratio bounds", () => {
    const ratio = (width_ratio: number) => ({
      column_list: {
        children: [{ column: { width_ratio, children: [para()] } }, { column: { children: [para()] } }],
      },
    });
    expect(parse([ratio(1)])[0]?.children[0]?.content).toEqual({ width_ratio: 1 });
    expect(errorOf(() => parse([ratio(0)]))).toBe(
      "body failed validation: body.children[0].column_list.children[0].column.width_ratio should be greater than `0` and ≤ `1`, instead was `0`.",
    );
    expect(errorOf(() => parse([ratio(1.5)]))).toContain("instead was `1.5`.");
  });

  it("checks what may be appended to an existing parent", () => {
    const column = { column: { children: [para()] } };
    expect(parseBlockChildren([column], "body.children", 2, { type: "column_list" })).toHaveLength(1);
    expect(
      errorOf(() => parseBlockChildren([para()], "body.children", 2, { type: "column_list" })),
    ).toContain("body.children[0].column should be defined");
    expect(errorOf(() => parseBlockChildren([column], "body.children", 2, { type: "page" }))).toMatch(
      /Fix one/,
    );
  });
});

describe("tables", () => {
  const row = (...cells: string[]) => ({ table_row: { cells: cells.map((c) => [text(c)]) } });

  it("requires table_width ≥ 1 and table_row children", () => {
    expect(errorOf(() => parse([{ table: { table_width: 0, children: [row()] } }]))).toBe(
      "body failed validation: body.children[0].table.table_width should be ≥ `1`, instead was `0`.",
    );
    expect(errorOf(() => parse([{ table: { table_width: 1.5, children: [row("a")] } }]))).toContain(
      "table_width should be an integer",
    );
    expect(errorOf(() => parse([{ table: { children: [row("a")] } }]))).toContain(
      "table.table_width should be defined",
    );
    expect(errorOf(() => parse([{ table: { table_width: 1 } }]))).toContain(
      "table.children should be defined",
    );
    expect(errorOf(() => parse([{ table: { table_width: 1, children: [para()] } }]))).toBe(
      "body failed validation: body.children[0].table.children[0].table_row should be defined, instead was `undefined`.",
    );
  });

  it("rejects rows whose cell count differs from table_width", () => {
    expect(
      errorOf(() => parse([{ table: { table_width: 3, children: [row("a", "b", "c"), row("a", "b")] } }])),
    ).toBe(
      "body failed validation: body.children[0].table.children[1].table_row.cells.length should be equal to the table's table_width `3`, instead was `2`.",
    );
  });

  it("checks rows appended to an existing table", () => {
    const parent = {
      type: "table",
      content: { table_width: 2, has_column_header: false, has_row_header: false },
    };
    expect(parseBlockChildren([row("a", "b")], "body.children", 2, parent)).toHaveLength(1);
    expect(errorOf(() => parseBlockChildren([row("a")], "body.children", 2, parent))).toContain(
      "body.children[0].table_row.cells.length should be equal to the table's table_width `2`, instead was `1`.",
    );
  });

  it("keeps table rows inside tables when nested", () => {
    expect(errorOf(() => parse([toggle([row("a")])]))).toMatch(/^body failed validation\. Fix one:\n/);
  });

  it("fits a table one level down but not two", () => {
    const table = { table: { table_width: 1, children: [row("a")] } };
    expect(parse([toggle([table])])[0]?.children[0]?.children).toHaveLength(1);
    expect(errorOf(() => parse([toggle([toggle([table])])]))).toMatch(
      /\.table\.children should be not present/,
    );
  });
});

describe("tabs at the deepest level", () => {
  it("accepts an empty tab where no nesting is left, as the SDK types it", () => {
    expect(parse([toggle([toggle([{ tab: {} }])])])[0]?.children[0]?.children[0]?.type).toBe("tab");
  });
});
