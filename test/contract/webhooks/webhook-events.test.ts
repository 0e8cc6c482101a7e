import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkspace } from "../../support/quire.ts";
import { appendParagraphs, childPage, text, workspacePage } from "../helpers.ts";
import type { Received } from "./receiver.ts";
import { type WebhookTestServer, startWebhookServer } from "./webhook-server.ts";

let server: WebhookTestServer;
beforeAll(async () => {
  server = await startWebhookServer();
});
afterAll(async () => {
  await server.close();
});

const of = (subscriptionId: string) => (r: Received) => r.json.subscription_id === subscriptionId;

async function sharedRoot(
  ws: TestWorkspace,
  name: string,
  capabilities?: Parameters<TestWorkspace["integration"]>[1],
) {
  const owner = ws.client();
  const root = await workspacePage(owner, "Root");
  const shared = await childPage(owner, root.id, "Shared");
  const hidden = await childPage(owner, root.id, "Hidden");
  await ws.integration(name, capabilities);
  await ws.share(name, shared.id);
  return { owner, root, shared, hidden };
}

describe("database and data source events per API version", () => {
  it("2025-09-03 gets database.* and data_source.*, rows carry data_source_id; 2022-06-28 the database's", async () => {
    const ws = await server.workspace();
    const { owner, root, shared } = await sharedRoot(ws, "New");
    await ws.integration("Old");
    await ws.share("Old", shared.id);
    const fresh = await server.subscribe(ws, "New", { apiVersion: "2025-09-03" });
    const old = await server.subscribe(ws, "Old", { apiVersion: "2022-06-28" });
    const database = await owner.databases.create({
      parent: { type: "page_id", page_id: shared.id },
      title: text("Tasks"),
      initial_data_source: { properties: { Name: { title: {} } } },
    });
    const sourceId = (database as { data_sources: { id: string }[] }).data_sources[0]?.id ?? "";
    await owner.dataSources.update({ data_source_id: sourceId, properties: { Done: { checkbox: {} } } });
    const row = await owner.pages.create({
      parent: { type: "data_source_id", data_source_id: sourceId },
      properties: { Name: { title: text("Row") } },
    });

    const newTypes = [
      "database.created",
      "data_source.created",
      "page.content_updated",
      "data_source.schema_updated",
      "page.created",
      "data_source.content_updated",
    ];
    const gotNew = await server.receiver.waitFor(of(fresh.id), newTypes.length);
    expect(gotNew.map((r) => r.json.type)).toEqual(newTypes);
    const [dbCreated, dsCreated, parentContent, schema, rowCreated, content] = gotNew.map((r) => r.json);
    // The page the database was created in changed too, as on Notion.
    expect([parentContent?.entity, parentContent?.data]).toEqual([
      { id: shared.id, type: "page" },
      { parent: { id: root.id, type: "page" }, updated_blocks: [{ id: database.id, type: "database" }] },
    ]);
    expect([dbCreated?.entity, dbCreated?.data]).toEqual([
      { id: database.id, type: "database" },
      { parent: { id: shared.id, type: "page" } },
    ]);
    expect([dsCreated?.entity, dsCreated?.data]).toEqual([
      { id: sourceId, type: "data_source" },
      { parent: { id: database.id, type: "database" } },
    ]);
    const doneId = (schema?.data as { updated_properties: { id: string }[] }).updated_properties[0]?.id;
    expect(schema?.data).toEqual({
      parent: { id: database.id, type: "database" },
      updated_properties: [{ id: doneId, name: "Done", action: "created" }],
    });
    expect([rowCreated?.entity, rowCreated?.data]).toEqual([
      { id: row.id, type: "page" },
      { parent: { id: database.id, type: "database", data_source_id: sourceId } },
    ]);
    expect(content?.data).toEqual({
      parent: { id: database.id, type: "database" },
      updated_blocks: [{ id: row.id, type: "page" }],
    });

    const oldTypes = [
      "database.created",
      "page.content_updated",
      "database.schema_updated",
      "page.created",
      "database.content_updated",
    ];
    const gotOld = await server.receiver.waitFor(of(old.id), oldTypes.length);
    expect(gotOld.map((r) => r.json.type)).toEqual(oldTypes);
    const [, , oldSchema, oldRow, oldContent] = gotOld.map((r) => r.json);
    expect(gotOld.every((r) => r.json.api_version === "2022-06-28")).toBe(true);
    expect([oldSchema?.entity, oldSchema?.data]).toEqual([
      { id: database.id, type: "database" },
      {
        parent: { id: shared.id, type: "page" },
        updated_properties: [{ id: doneId, name: "Done", action: "created" }],
      },
    ]);
    expect(oldRow?.data).toEqual({ parent: { id: database.id, type: "database" } });
    expect(oldContent?.entity).toEqual({ id: database.id, type: "database" });
  });
});

describe("who receives what", () => {
  it("sends nothing for pages the integration can't reach", async () => {
    const ws = await server.workspace();
    const { owner, shared, hidden } = await sharedRoot(ws, "Reach");
    // page.created only: the shared page's own page.content_updated (naming the child) may come too.
    const { id } = await server.subscribe(ws, "Reach", { eventTypes: ["page.created"] });
    await childPage(owner, hidden.id, "Unseen");
    const seen = await childPage(owner, shared.id, "Seen");
    const got = await server.receiver.waitFor(of(id));
    // The unseen page was written first, so had it been sent it would have arrived first.
    expect(got.map((r) => (r.json.entity as { id: string }).id)).toEqual([seen.id]);
  });

  it("sends comment events only with the read comments capability, with page_id and parent", async () => {
    const ws = await server.workspace();
    const { owner, shared } = await sharedRoot(ws, "Commenter");
    await ws.integration("NoComments", ["read", "update", "insert"]);
    await ws.share("NoComments", shared.id);
    const withCaps = await server.subscribe(ws, "Commenter");
    const without = await server.subscribe(ws, "NoComments");
    const [blockId = ""] = await appendParagraphs(owner, shared.id, ["para"]);
    const comment = await owner.comments.create({ parent: { block_id: blockId }, rich_text: text("hi") });
    await owner.comments.update({ comment_id: comment.id, rich_text: text("hi again") });
    await owner.comments.delete({ comment_id: comment.id });
    const marker = await childPage(owner, shared.id, "After comments");
    const types = [
      "page.content_updated",
      "comment.created",
      "comment.updated",
      "comment.deleted",
      "page.created",
      // The marker's parent hears of its new child too.
      "page.content_updated",
    ];
    const got = await server.receiver.waitFor(of(withCaps.id), types.length);
    expect(got.map((r) => r.json.type)).toEqual(types);
    expect(got[1]?.json.entity).toEqual({ id: comment.id, type: "comment" });
    expect(got[1]?.json.data).toEqual({ page_id: shared.id, parent: { id: blockId, type: "block" } });
    // The marker's creation is the last thing: its parent's page.content_updated names it.
    const namesMarker = (r: Received) =>
      (r.json.data as { updated_blocks?: { id: string }[] }).updated_blocks?.some((b) => b.id === marker.id);
    await server.receiver.waitFor((r) => of(without.id)(r) && namesMarker(r) === true);
    expect(server.receiver.received.filter(of(without.id)).map((r) => r.json.type)).toEqual([
      "page.content_updated",
      "page.created",
      "page.content_updated",
    ]);
  });

  it("only sends the event types the subscription chose", async () => {
    const ws = await server.workspace();
    const { owner, shared } = await sharedRoot(ws, "Picky");
    const { id } = await server.subscribe(ws, "Picky", { eventTypes: ["page.properties_updated"] });
    const page = await childPage(owner, shared.id, "Picked");
    await owner.pages.update({ page_id: page.id, properties: { title: { title: text("Renamed") } } });
    const got = await server.receiver.waitFor(of(id));
    expect(got.map((r) => r.json.type)).toEqual(["page.properties_updated"]);
  });
});

describe("aggregation", () => {
  it("merges rapid edits to one page within the window into one event with every updated block", async () => {
    const ws = await server.workspace();
    const { owner, root, shared } = await sharedRoot(ws, "Batch");
    const { id } = await server.subscribe(ws, "Batch", {
      eventTypes: ["page.content_updated", "page.created"],
    });
    // Long enough for four writes on a loaded machine: the test needs them all inside one window.
    server.settings.windowMs = 2000;
    try {
      const blocks: string[] = [];
      for (const t of ["one", "two", "three"])
        blocks.push(...(await appendParagraphs(owner, shared.id, [t])));
      const marker = await childPage(owner, shared.id, "marker");
      await server.receiver.waitFor((r) => of(id)(r) && r.json.type === "page.content_updated");
      const got = server.receiver.received.filter(of(id));
      const updates = got.filter((r) => r.json.type === "page.content_updated");
      expect(updates).toHaveLength(1);
      // The marker page, created inside the window, is one more updated block of its parent.
      expect(updates[0]?.json.data).toEqual({
        parent: { id: root.id, type: "page" },
        updated_blocks: [...blocks.map((b) => ({ id: b, type: "block" })), { id: marker.id, type: "page" }],
      });
      // page.created is not aggregated: it went out before the window ended.
      expect(got.map((r) => r.json.type)).toEqual(["page.created", "page.content_updated"]);
      expect((got[0]?.json.entity as { id: string }).id).toBe(marker.id);
    } finally {
      server.settings.windowMs = 0;
    }
  });
});
