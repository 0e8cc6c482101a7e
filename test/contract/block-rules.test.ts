import type { BlockObjectRequest } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  blockContent,
  children,
  expectApiError,
  fullBlock,
  paragraph,
  served,
  text,
  workspacePage,
} from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("type-specific rules", () => {
  it("lists an original synced block's children under its duplicates", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const original = await client.blocks.children.append({
      block_id: page.id,
      children: [{ synced_block: { synced_from: null, children: [paragraph("one"), paragraph("two")] } }],
    });
    const originalId = original.results[0]?.id ?? "";
    const duplicate = await client.blocks.children.append({
      block_id: page.id,
      children: [{ synced_block: { synced_from: { block_id: originalId } } }],
    });
    const copy = fullBlock(await client.blocks.retrieve({ block_id: duplicate.results[0]?.id ?? "" }));
    expect(blockContent(copy)).toEqual({ synced_from: { type: "block_id", block_id: originalId } });
    expect(copy.has_children).toBe(true);
    const copied = await children(client, copy.id);
    expect(
      copied.map((b) => (b.type === "paragraph" ? b.paragraph.rich_text[0]?.plain_text : b.type)),
    ).toEqual(["one", "two"]);
    expect(copied.map((b) => b.parent)).toEqual([
      { type: "block_id", block_id: originalId },
      { type: "block_id", block_id: originalId },
    ]);
  });

  it("reports a synced duplicate's has_children the same in the append response", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const original = await client.blocks.children.append({
      block_id: page.id,
      children: [{ synced_block: { synced_from: null, children: [paragraph("one")] } }],
    });
    const duplicate = await client.blocks.children.append({
      block_id: page.id,
      children: [{ synced_block: { synced_from: { block_id: original.results[0]?.id ?? "" } } }],
    });
    const appended = fullBlock(duplicate.results[0]);
    const retrieved = fullBlock(await client.blocks.retrieve({ block_id: appended.id }));
    expect(retrieved.has_children).toBe(true);
    expect(appended.has_children).toBe(true);
  });

  it("refuses a table row whose width differs from the table's", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [{ table: { table_width: 2, children: [{ table_row: { cells: [text("only one")] } }] } }],
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.children\[0\]\.table\.children\[0\]\.table_row\.cells/,
      },
    );
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ table: { table_width: 2, children: [{ table_row: { cells: [text("a"), text("b")] } }] } }],
    });
    const tableId = results[0]?.id ?? "";
    await client.blocks.children.append({
      block_id: tableId,
      children: [{ table_row: { cells: [text("c"), []] } }],
    });
    expect((await children(client, tableId)).map((b) => blockContent(b))).toEqual([
      { cells: [served("a"), served("b")] },
      { cells: [served("c"), []] },
    ]);
    await expectApiError(
      client.blocks.children.append({ block_id: tableId, children: [{ table_row: { cells: [text("x")] } }] }),
      { status: 400, code: "validation_error" },
    );
  });

  it("refuses a column outside a column_list", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [{ column: { children: [paragraph("x")] } }],
      }),
      { status: 400, code: "validation_error" },
    );
  });

  it("refuses a code block with a language Notion does not know", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const request = { code: { rich_text: text("x"), language: "klingon" } } as unknown as BlockObjectRequest;
    await expectApiError(client.blocks.children.append({ block_id: page.id, children: [request] }), {
      status: 400,
      code: "validation_error",
      message:
        /^body failed validation: body\.children\[0\]\.code\.language should be `"abap"`, .*instead was `"klingon"`\.$/s,
    });
  });

  it("answers 404 for a link_to_page whose page does not exist", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const missing = "0c2f3c1e-1d8f-4e51-9a59-0b8a3c4d5e6f";
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [{ link_to_page: { type: "page_id", page_id: missing } }],
      }),
      { status: 404, code: "object_not_found" },
    );
  });

  it("refuses block types that cannot be created through append", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const readOnly = [{ child_page: { title: "x" } }, { link_preview: { url: "https://example.com" } }];
    for (const block of readOnly) {
      const children = [block] as unknown as BlockObjectRequest[];
      await expectApiError(client.blocks.children.append({ block_id: page.id, children }), {
        status: 400,
        code: "validation_error",
      });
    }
    expect(await children(client, page.id)).toEqual([]);
  });

  it("takes only columns under a column_list and only rows under a table", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [
        {
          column_list: {
            children: [
              { column: { children: [paragraph("a")] } },
              { column: { children: [paragraph("b")] } },
            ],
          },
        },
        { table: { table_width: 1, children: [{ table_row: { cells: [text("r")] } }] } },
      ],
    });
    const [columnList, table] = results.map((r) => r.id);
    await client.blocks.children.append({
      block_id: columnList ?? "",
      children: [{ column: { children: [paragraph("c")] } }],
    });
    const columns = await children(client, columnList ?? "");
    expect(columns.map((b) => b.type)).toEqual(["column", "column", "column"]);
    expect((await children(client, columns[2]?.id ?? "")).map((b) => blockContent(b))).toEqual([
      { rich_text: served("c"), color: "default", icon: null },
    ]);
    for (const parent of [columnList, table]) {
      await expectApiError(
        client.blocks.children.append({ block_id: parent ?? "", children: [paragraph("x")] }),
        {
          status: 400,
          code: "validation_error",
        },
      );
    }
  });

  // S5 types a tab's children as tab items, which are paragraphs only (TabItemRequest).
  it("takes only paragraphs under a tab", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const { results } = await client.blocks.children.append({
      block_id: page.id,
      children: [{ tab: { children: [paragraph("Tab A")] } }],
    });
    const tabId = results[0]?.id ?? "";
    await client.blocks.children.append({ block_id: tabId, children: [paragraph("Tab B")] });
    await expectApiError(
      client.blocks.children.append({ block_id: tabId, children: [{ heading_1: { rich_text: text("H") } }] }),
      { status: 400, code: "validation_error" },
    );
    expect((await children(client, tabId)).map((b) => b.type)).toEqual(["paragraph", "paragraph"]);
  });
});
