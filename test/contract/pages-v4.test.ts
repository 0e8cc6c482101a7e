import {
  APIResponseError,
  type BlockObjectRequest,
  type Client,
  type PageObjectResponse,
  collectPaginatedAPI,
  isFullBlock,
  isFullPage,
} from "notion-client-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { MISSING_ID, compact, notFoundMessage } from "./helpers.ts";

/** The same contract through `@notionhq/client` 4.0.2, which speaks Notion-Version 2022-06-28. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const text = (content: string) => [{ type: "text" as const, text: { content } }];
const paragraph = (content: string): BlockObjectRequest => ({ paragraph: { rich_text: text(content) } });

function page(response: unknown): PageObjectResponse {
  if (!isFullPage(response as Parameters<typeof isFullPage>[0])) throw new Error("expected a full page");
  return response as PageObjectResponse;
}

async function root(client: Client, title = "Root"): Promise<PageObjectResponse> {
  return page(
    await client.pages.create({ parent: { workspace: true }, properties: { title: { title: text(title) } } }),
  );
}

async function texts(client: Client, blockId: string): Promise<string[]> {
  const blocks = await collectPaginatedAPI(client.blocks.children.list, { block_id: blockId });
  return blocks.map((b) => {
    if (!isFullBlock(b)) throw new Error("expected a full block");
    if (b.type === "paragraph") return b.paragraph.rich_text.map((t) => t.plain_text).join("");
    return b.type === "child_page" ? b.child_page.title : `<${b.type}>`;
  });
}

describe("pages with the 2022-06-28 SDK", () => {
  it("creates and retrieves a page in the 2022-06-28 shape", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const parent = await root(client, "Parent");
    const created = page(
      await client.pages.create({
        parent: { page_id: compact(parent.id) },
        properties: { title: { title: text("Child") } },
        icon: { emoji: "📘" },
        children: [paragraph("body")],
      }),
    );
    expect(created).toMatchObject({
      object: "page",
      parent: { type: "page_id", page_id: parent.id },
      archived: false,
      in_trash: false,
      icon: { type: "emoji", emoji: "📘" },
      created_by: { object: "user", id: ws.ownerId },
    });
    expect(created).not.toHaveProperty("is_locked");
    expect(created).not.toHaveProperty("is_archived");
    const title = created.properties["title"];
    expect(title?.type === "title" && title.title.map((t) => t.plain_text)).toEqual(["Child"]);
    expect(page(await client.pages.retrieve({ page_id: created.id })).id).toBe(created.id);
    expect(await texts(client, created.id)).toEqual(["body"]);
    expect(await texts(client, parent.id)).toEqual(["Child"]);
  });

  it("trashes with archived and restores, reporting both flags", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const parent = await root(client);
    const child = page(await client.pages.create({ parent: { page_id: parent.id }, properties: {} }));
    const trashed = page(await client.pages.update({ page_id: child.id, archived: true }));
    expect({ archived: trashed.archived, in_trash: trashed.in_trash }).toEqual({
      archived: true,
      in_trash: true,
    });
    expect(await texts(client, parent.id)).toEqual([]);
    const restored = page(await client.pages.update({ page_id: child.id, in_trash: false }));
    expect({ archived: restored.archived, in_trash: restored.in_trash }).toEqual({
      archived: false,
      in_trash: false,
    });
    expect(await texts(client, parent.id)).toEqual([""]);
  });

  it("clears an icon with null", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const created = page(
      await client.pages.create({ parent: { workspace: true }, properties: {}, icon: { emoji: "🧪" } }),
    );
    expect(page(await client.pages.update({ page_id: created.id, icon: null })).icon).toBeNull();
  });

  it("retrieves the title property item list", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const created = await root(client, "Title items");
    const item = await client.pages.properties.retrieve({ page_id: created.id, property_id: "title" });
    expect(item).toMatchObject({ object: "list", type: "property_item", has_more: false, next_cursor: null });
    if (item.object !== "list") throw new Error("expected a list");
    expect(item.results.map((r) => r.type === "title" && r.title.plain_text)).toEqual(["Title items"]);
  });

  it("reports a missing page as APIResponseError object_not_found", async () => {
    const ws = await server.workspace();
    let caught: unknown;
    try {
      await ws.clientV4().pages.retrieve({ page_id: MISSING_ID });
    } catch (error) {
      caught = error;
    }
    expect(APIResponseError.isAPIResponseError(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: "object_not_found",
      status: 404,
      message: notFoundMessage("page", MISSING_ID),
    });
  });
});

describe("blocks with the 2022-06-28 SDK", () => {
  it("appends with after and serves archived on deleted blocks", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const parent = await root(client);
    const first = await client.blocks.children.append({
      block_id: parent.id,
      children: [paragraph("1"), paragraph("3")],
    });
    const one = first.results[0]?.id ?? "";
    await client.blocks.children.append({ block_id: parent.id, children: [paragraph("2")], after: one });
    expect(await texts(client, parent.id)).toEqual(["1", "2", "3"]);

    const deleted = await client.blocks.delete({ block_id: one });
    expect(deleted).toMatchObject({ id: one, archived: true, in_trash: true });
    expect(await texts(client, parent.id)).toEqual(["2", "3"]);
    const restored = await client.blocks.update({ block_id: one, archived: false });
    expect(restored).toMatchObject({ archived: false, in_trash: false });
    expect(await texts(client, parent.id)).toEqual(["1", "2", "3"]);
  });

  it("pages through 150 children with the v4 helpers", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const parent = await root(client);
    const labels = Array.from({ length: 150 }, (_, i) => String(i));
    await client.blocks.children.append({
      block_id: parent.id,
      children: labels.slice(0, 100).map(paragraph),
    });
    await client.blocks.children.append({ block_id: parent.id, children: labels.slice(100).map(paragraph) });
    expect(await texts(client, parent.id)).toEqual(labels);
  });

  it('treats a start_cursor of null (sent as "null" by this SDK) as the first page', async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const parent = await root(client);
    await client.blocks.children.append({ block_id: parent.id, children: [paragraph("a"), paragraph("b")] });
    // A loop that starts with `let cursor = null` is common in 2022-era code; S4 serialises it as "null".
    const response = await client.blocks.children.list({
      block_id: parent.id,
      start_cursor: null as unknown as string,
      page_size: 1,
    });
    expect(response.results.map((b) => b.id)).toHaveLength(1);
    expect(response.has_more).toBe(true);
  });

  it("updates block content", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    const parent = await root(client);
    const { results } = await client.blocks.children.append({
      block_id: parent.id,
      children: [{ to_do: { rich_text: text("todo") } }],
    });
    const updated = await client.blocks.update({ block_id: results[0]?.id ?? "", to_do: { checked: true } });
    expect(updated).toMatchObject({
      type: "to_do",
      to_do: { checked: true, rich_text: [{ plain_text: "todo" }] },
    });
  });
});
