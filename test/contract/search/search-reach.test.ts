import type { Client, SearchResponse } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { addRow, newTable } from "../databases/fixtures.ts";
import { appendParagraphs, childPage, expectApiError, text, workspacePage } from "../helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function ids(client: Client, query: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const response = await client.search({ query, ...extra });
  return response.results.map((r) => r.id).sort();
}

/** The opt-in content search, through the SDK's generic request (it strips unknown body keys). */
async function contentSearch(client: Client, query: string, header = "content"): Promise<string[]> {
  const response = await client.request<SearchResponse>({
    path: "search",
    method: "post",
    body: { query },
    headers: { "Quire-Search": header },
  });
  return response.results.map((r) => r.id).sort();
}

describe("what search can reach", () => {
  it("shows an integration only what was shared with it and what lies below", async () => {
    const ws = await server.workspace();
    const owner = ws.client();
    const shared = await workspacePage(owner, "Shared garden");
    const inner = await childPage(owner, shared.id, "Garden inner");
    const secret = await workspacePage(owner, "Secret garden");
    const table = await newTable(ws, {}, { title: "Garden beds", rootId: shared.id });
    const row = await addRow(table, "Garden row");
    const token = await ws.integration("Gardener");
    await ws.share("Gardener", shared.id);
    const bot = ws.client(token);

    expect(await ids(bot, "garden")).toEqual([shared.id, inner.id, table.dataSourceId, row.id].sort());
    expect(await ids(bot, "")).toEqual([shared.id, inner.id, table.dataSourceId, row.id].sort());
    expect(await ids(owner, "garden")).toEqual(
      [shared.id, inner.id, secret.id, table.dataSourceId, row.id].sort(),
    );
    expect(await ids(ws.client(await ws.integration("Nobody")), "garden")).toEqual([]);
  });

  it("needs the read capability", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("Writer", ["insert"]);
    await expectApiError(ws.client(token).search({}), { status: 403, code: "restricted_resource" });
  });

  it("leaves out trashed items and what lies below them, unless the trash is asked for", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Bin root");
    const trashed = await childPage(client, root.id, "Bin parent");
    const below = await childPage(client, trashed.id, "Bin child");
    const kept = await childPage(client, root.id, "Bin kept");
    await client.pages.update({ page_id: trashed.id, in_trash: true });

    expect(await ids(client, "bin")).toEqual([root.id, kept.id].sort());
    expect(await ids(client, "bin", { filter: { in_trash: true } })).toEqual([trashed.id]);
    expect(
      await ids(client, "bin", { filter: { property: "object", value: "page", in_trash: true } }),
    ).toEqual([trashed.id]);
    await client.pages.update({ page_id: trashed.id, in_trash: false });
    expect(await ids(client, "bin")).toEqual([root.id, trashed.id, below.id, kept.id].sort());
  });
});

describe("the index follows every write", () => {
  it("renames of pages, rows and databases", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Alpha page");
    const table = await newTable(ws, {}, { title: "Alpha table", rootId: root.id });
    const row = await addRow(table, "Alpha row");
    expect(await ids(client, "alpha")).toEqual([root.id, table.dataSourceId, row.id].sort());

    await client.pages.update({ page_id: root.id, properties: { title: { title: text("Beta page") } } });
    await client.pages.update({ page_id: row.id, properties: { Name: { title: text("Beta row") } } });
    await client.databases.update({ database_id: table.databaseId, title: text("Beta table") });
    expect(await ids(client, "alpha")).toEqual([]);
    expect(await ids(client, "beta")).toEqual([root.id, table.dataSourceId, row.id].sort());
    const v4 = await ws.clientV4().search({ query: "beta table" });
    expect(v4.results.map((r) => r.id)).toEqual([table.databaseId]);
  });
});

describe("content search (Quire extension)", () => {
  it("is off unless asked for, and then finds pages by the text of their blocks", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Notebook");
    const page = await childPage(client, root.id, "Meeting");
    await appendParagraphs(client, page.id, ["We discussed the quarterly budget", "Nothing else"]);
    const toggle = await client.blocks.children.append({
      block_id: root.id,
      children: [
        {
          type: "toggle",
          toggle: {
            rich_text: text("Outer"),
            children: [{ type: "paragraph", paragraph: { rich_text: text("Zebra crossing") } }],
          },
        },
      ],
    });
    expect(toggle.results).toHaveLength(1);

    expect(await ids(client, "budget")).toEqual([]);
    expect(await contentSearch(client, "budget", "title")).toEqual([]);
    expect(await contentSearch(client, "budg")).toEqual([page.id]);
    expect(await contentSearch(client, "QUARTERLY budget")).toEqual([page.id]);
    expect(await contentSearch(client, "zebra")).toEqual([root.id]);
    expect(await contentSearch(client, "meeting")).toEqual([page.id]);
    await expectApiError(
      client.request({ path: "search", method: "post", body: {}, headers: { "Quire-Search": "everything" } }),
      { status: 400, code: "validation_error" },
    );

    const token = await ws.integration("Reader");
    await ws.share("Reader", page.id);
    expect(await contentSearch(ws.client(token), "zebra")).toEqual([]);
    expect(await contentSearch(ws.client(token), "budget")).toEqual([page.id]);
  });
});
