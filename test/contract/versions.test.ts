import type { Client } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../support/quire.ts";
import { appendParagraphs, childTexts, expectApiError, paragraph, text, workspacePage } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const TRASH_KEYS = ["archived", "in_trash", "is_archived", "is_locked"] as const;

/** Which of the trash/lock flags an object carries, with their values. */
function flags(value: object): Record<string, unknown> {
  return Object.fromEntries(
    TRASH_KEYS.filter((k) => k in value).map((k) => [k, (value as Record<string, unknown>)[k]]),
  );
}

async function pageWithBlock(ws: TestWorkspace) {
  const owner = ws.client();
  const page = await workspacePage(owner, "Versioned");
  const [blockId] = await appendParagraphs(owner, page.id, ["text"]);
  return { page, blockId: blockId ?? "" };
}

async function shapes(client: Client, pageId: string, blockId: string) {
  const page = await client.pages.retrieve({ page_id: pageId });
  const block = await client.blocks.retrieve({ block_id: blockId });
  const listed = (await client.blocks.children.list({ block_id: pageId })).results[0] ?? {};
  return { page: flags(page), block: flags(block), listed: flags(listed) };
}

describe("trash flags per Notion-Version", () => {
  it("2022-06-28 serves archived and in_trash, without is_locked and is_archived", async () => {
    const ws = await server.workspace();
    const { page, blockId } = await pageWithBlock(ws);
    expect(await shapes(ws.client(ws.token, "2022-06-28"), page.id, blockId)).toEqual({
      page: { archived: false, in_trash: false },
      block: { archived: false, in_trash: false },
      listed: { archived: false, in_trash: false },
    });
  });

  it("2025-09-03 serves archived, in_trash, is_archived and is_locked", async () => {
    const ws = await server.workspace();
    const { page, blockId } = await pageWithBlock(ws);
    expect(await shapes(ws.client(ws.token, "2025-09-03"), page.id, blockId)).toEqual({
      page: { archived: false, in_trash: false, is_archived: false, is_locked: false },
      block: { archived: false, in_trash: false },
      listed: { archived: false, in_trash: false },
    });
  });

  it("2026-03-11 serves in_trash only", async () => {
    const ws = await server.workspace();
    const { page, blockId } = await pageWithBlock(ws);
    const client = ws.client(ws.token, "2026-03-11");
    expect(await shapes(client, page.id, blockId)).toEqual({
      page: { in_trash: false, is_archived: false, is_locked: false },
      block: { in_trash: false },
      listed: { in_trash: false },
    });
    const deleted = await client.blocks.delete({ block_id: blockId });
    expect(flags(deleted)).toEqual({ in_trash: true });
    const trashed = await client.pages.update({ page_id: page.id, in_trash: true });
    expect(flags(trashed)).toEqual({ in_trash: true, is_archived: false, is_locked: false });
  });

  it("maps older dated versions to the 2022-06-28 shape", async () => {
    const ws = await server.workspace();
    const { page } = await pageWithBlock(ws);
    const response = await ws.fetch(`/v1/pages/${page.id}`, { version: "2022-02-22" });
    expect(response.status).toBe(200);
    expect(flags((await response.json()) as object)).toEqual({ archived: false, in_trash: false });
  });

  it("shows the same trash state whichever version wrote it", async () => {
    const ws = await server.workspace();
    const { page, blockId } = await pageWithBlock(ws);
    await ws.client(ws.token, "2022-06-28").blocks.update({ block_id: blockId, archived: true });
    const in2026 = await ws.client(ws.token, "2026-03-11").blocks.retrieve({ block_id: blockId });
    expect(flags(in2026)).toEqual({ in_trash: true });
    await ws.client(ws.token, "2026-03-11").blocks.update({ block_id: blockId, in_trash: false });
    expect(await childTexts(ws.client(ws.token, "2022-06-28"), page.id)).toEqual(["text"]);
  });
});

describe("2026-03-11 requests", () => {
  it("rejects after in append, in favour of position", async () => {
    const ws = await server.workspace();
    const client = ws.client(ws.token, "2026-03-11");
    const page = await workspacePage(client);
    const [first] = await appendParagraphs(client, page.id, ["one", "three"]);
    await expectApiError(
      client.blocks.children.append({ block_id: page.id, children: [paragraph("two")], after: first ?? "" }),
      { status: 400, code: "validation_error", message: /body\.after/ },
    );
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("two")],
      position: { type: "after_block", after_block: { id: first ?? "" } },
    });
    expect(await childTexts(client, page.id)).toEqual(["one", "two", "three"]);
  });

  it("rejects archived in page and block updates, in favour of in_trash", async () => {
    const ws = await server.workspace();
    const client = ws.client(ws.token, "2026-03-11");
    const page = await workspacePage(client);
    const [blockId] = await appendParagraphs(client, page.id, ["kept"]);
    await expectApiError(client.pages.update({ page_id: page.id, archived: true }), {
      status: 400,
      code: "validation_error",
      message: /body\.archived/,
    });
    await expectApiError(client.blocks.update({ block_id: blockId ?? "", archived: true }), {
      status: 400,
      code: "validation_error",
      message: /body\.archived/,
    });
    expect(flags(await client.pages.retrieve({ page_id: page.id }))).toMatchObject({ in_trash: false });
    expect(await childTexts(client, page.id)).toEqual(["kept"]);
  });

  it("still accepts position start and end", async () => {
    const ws = await server.workspace();
    const client = ws.client(ws.token, "2026-03-11");
    const page = await workspacePage(client);
    await appendParagraphs(client, page.id, ["middle"]);
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("first")],
      position: { type: "start" },
    });
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("last")],
      position: { type: "end" },
    });
    expect(await childTexts(client, page.id)).toEqual(["first", "middle", "last"]);
  });
});

describe("the 2025-09-03 request surface", () => {
  it("accepts after and archived", async () => {
    const ws = await server.workspace();
    const client = ws.client(ws.token, "2025-09-03");
    const page = await workspacePage(client);
    const [first] = await appendParagraphs(client, page.id, ["one", "three"]);
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("two")],
      after: first ?? "",
    });
    expect(await childTexts(client, page.id)).toEqual(["one", "two", "three"]);
    const trashed = await client.pages.update({
      page_id: page.id,
      archived: true,
      properties: { title: { title: text("Bye") } },
    });
    expect(flags(trashed)).toMatchObject({ archived: true, in_trash: true });
  });
});
