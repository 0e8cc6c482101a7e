import type { BlockObjectRequest } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  blockContent,
  childPage,
  children,
  fullBlock,
  paragraph,
  served,
  text,
  withoutRequestId,
  workspacePage,
} from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

interface Case {
  type: string;
  /** `target` is another page of the workspace, for blocks that point at one. */
  request(target: string): BlockObjectRequest;
  expected(target: string): unknown;
  /** The type and `content` of each first-level child, in order. */
  children?: Array<[string, unknown]>;
}

const PDF = "https://example.com/files/report.pdf";

const CASES: Case[] = [
  {
    type: "paragraph",
    request: () => ({ paragraph: { rich_text: text("Hello"), color: "green", icon: { emoji: "💡" } } }),
    expected: () => ({ rich_text: served("Hello"), color: "green", icon: { type: "emoji", emoji: "💡" } }),
  },
  {
    type: "heading_1",
    request: () => ({
      heading_1: {
        rich_text: text("Toggle heading"),
        is_toggleable: true,
        color: "red",
        children: [paragraph("in")],
      },
    }),
    expected: () => ({ rich_text: served("Toggle heading"), is_toggleable: true, color: "red" }),
    children: [["paragraph", { rich_text: served("in"), color: "default", icon: null }]],
  },
  {
    type: "heading_2",
    request: () => ({ heading_2: { rich_text: text("H2") } }),
    expected: () => ({ rich_text: served("H2"), is_toggleable: false, color: "default" }),
  },
  {
    type: "heading_3",
    request: () => ({ heading_3: { rich_text: text("H3"), color: "purple_background" } }),
    expected: () => ({ rich_text: served("H3"), is_toggleable: false, color: "purple_background" }),
  },
  {
    type: "heading_4",
    request: () => ({ heading_4: { rich_text: text("H4") } }),
    expected: () => ({ rich_text: served("H4"), is_toggleable: false, color: "default" }),
  },
  {
    type: "bulleted_list_item",
    request: () => ({ bulleted_list_item: { rich_text: text("Bullet"), children: [paragraph("sub")] } }),
    expected: () => ({ rich_text: served("Bullet"), color: "default" }),
    children: [["paragraph", { rich_text: served("sub"), color: "default", icon: null }]],
  },
  {
    type: "numbered_list_item",
    request: () => ({
      numbered_list_item: { rich_text: text("Third"), list_start_index: 3, list_format: "roman" },
    }),
    expected: () => ({
      rich_text: served("Third"),
      color: "default",
      list_start_index: 3,
      list_format: "roman",
    }),
  },
  {
    type: "quote",
    request: () => ({ quote: { rich_text: text("Quoted"), color: "yellow" } }),
    expected: () => ({ rich_text: served("Quoted"), color: "yellow" }),
  },
  {
    type: "to_do",
    request: () => ({ to_do: { rich_text: text("Task"), checked: true } }),
    expected: () => ({ rich_text: served("Task"), checked: true, color: "default" }),
  },
  {
    type: "toggle",
    request: () => ({
      toggle: { rich_text: text("More"), children: [paragraph("hidden"), { divider: {} }] },
    }),
    expected: () => ({ rich_text: served("More"), color: "default" }),
    children: [
      ["paragraph", { rich_text: served("hidden"), color: "default", icon: null }],
      ["divider", {}],
    ],
  },
  {
    type: "template",
    request: () => ({ template: { rich_text: text("Add item"), children: [paragraph("item")] } }),
    expected: () => ({ rich_text: served("Add item") }),
    children: [["paragraph", { rich_text: served("item"), color: "default", icon: null }]],
  },
  {
    type: "callout",
    request: () => ({
      callout: { rich_text: text("Note"), icon: { emoji: "⚠️" }, color: "gray_background" },
    }),
    expected: () => ({
      rich_text: served("Note"),
      icon: { type: "emoji", emoji: "⚠️" },
      color: "gray_background",
    }),
  },
  {
    type: "synced_block",
    request: () => ({ synced_block: { synced_from: null, children: [paragraph("shared")] } }),
    expected: () => ({ synced_from: null }),
    children: [["paragraph", { rich_text: served("shared"), color: "default", icon: null }]],
  },
  {
    type: "code",
    request: () => ({
      code: { rich_text: text("const x = 1;"), language: "typescript", caption: text("x") },
    }),
    expected: () => ({ caption: served("x"), rich_text: served("const x = 1;"), language: "typescript" }),
  },
  {
    type: "equation",
    request: () => ({ equation: { expression: "e = mc^2" } }),
    expected: () => ({ expression: "e = mc^2" }),
  },
  { type: "divider", request: () => ({ divider: {} }), expected: () => ({}) },
  { type: "breadcrumb", request: () => ({ breadcrumb: {} }), expected: () => ({}) },
  {
    type: "table_of_contents",
    request: () => ({ table_of_contents: {} }),
    expected: () => ({ color: "default" }),
  },
  {
    type: "tab",
    request: () => ({ tab: { children: [paragraph("Tab A"), paragraph("Tab B")] } }),
    expected: () => ({}),
    children: [
      ["paragraph", { rich_text: served("Tab A"), color: "default", icon: null }],
      ["paragraph", { rich_text: served("Tab B"), color: "default", icon: null }],
    ],
  },
  {
    type: "column_list",
    request: () => ({
      column_list: {
        children: [
          { column: { width_ratio: 0.25, children: [paragraph("left")] } },
          { column: { children: [paragraph("right")] } },
        ],
      },
    }),
    expected: () => ({}),
    children: [
      ["column", { width_ratio: 0.25 }],
      ["column", {}],
    ],
  },
  {
    type: "table",
    request: () => ({
      table: {
        table_width: 2,
        has_column_header: true,
        children: [
          { table_row: { cells: [text("a1"), text("b1")] } },
          { table_row: { cells: [text("a2"), []] } },
        ],
      },
    }),
    expected: () => ({ table_width: 2, has_column_header: true, has_row_header: false }),
    children: [
      ["table_row", { cells: [served("a1"), served("b1")] }],
      ["table_row", { cells: [served("a2"), []] }],
    ],
  },
  {
    type: "link_to_page",
    request: (target) => ({ link_to_page: { type: "page_id", page_id: target } }),
    expected: (target) => ({ type: "page_id", page_id: target }),
  },
  {
    type: "embed",
    request: () => ({ embed: { url: "https://example.com/embed" } }),
    expected: () => ({ caption: [], url: "https://example.com/embed" }),
  },
  {
    type: "bookmark",
    request: () => ({ bookmark: { url: "https://example.com/", caption: text("Home") } }),
    expected: () => ({ caption: served("Home"), url: "https://example.com/" }),
  },
  ...(["image", "video", "pdf", "audio"] as const).map((type): Case => ({
    type,
    request: () =>
      ({
        [type]: { external: { url: `https://example.com/media.${type}` } },
      }) as unknown as BlockObjectRequest,
    expected: () => ({
      caption: [],
      type: "external",
      external: { url: `https://example.com/media.${type}` },
    }),
  })),
  {
    type: "file",
    request: () => ({ file: { external: { url: PDF }, name: "Q3 report.pdf", caption: text("Numbers") } }),
    expected: () => ({
      caption: served("Numbers"),
      type: "external",
      external: { url: PDF },
      name: "Q3 report.pdf",
    }),
  },
];

describe("every creatable block type round-trips", () => {
  it.each(CASES)("$type", async ({ type, request, expected, children: expectedChildren }) => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const target = await childPage(client, page.id, "Target");

    const appended = await client.blocks.children.append({
      block_id: page.id,
      children: [request(target.id)],
    });
    expect(appended.results).toHaveLength(1);
    const created = fullBlock(appended.results[0]);
    const listed = (await children(client, page.id)).filter((b) => b.id !== target.id);
    const retrieved = fullBlock(await client.blocks.retrieve({ block_id: created.id }));

    expect(listed).toHaveLength(1);
    expect(listed[0]).toEqual(created);
    expect(withoutRequestId(retrieved)).toEqual(created);
    expect(created.type).toBe(type);
    expect(blockContent(created)).toEqual(expected(target.id));
    expect(created.has_children).toBe(expectedChildren !== undefined);

    if (expectedChildren) {
      const nested = await children(client, created.id);
      expect(nested.map((b) => [b.type, blockContent(b)])).toEqual(expectedChildren);
      expect(nested.map((b) => b.parent)).toEqual(
        nested.map(() => ({ type: "block_id", block_id: created.id })),
      );
    }
  });

  it("serves icon: null on a paragraph created without one", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("Plain")],
    });
    expect(blockContent(fullBlock(results[0]))).toEqual({
      rich_text: served("Plain"),
      color: "default",
      icon: null,
    });
  });
});
