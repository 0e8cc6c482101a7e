import { verifyWebhookSignature } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSubscription,
  getWebhookSubscription,
  verifySubscription,
} from "../../../src/services/webhooks/subscription-service.ts";
import type { TestWorkspace } from "../../support/quire.ts";
import { appendParagraphs, childPage, text, workspacePage } from "../helpers.ts";
import { type WebhookTestServer, startWebhookServer } from "./webhook-server.ts";

let server: WebhookTestServer;
beforeAll(async () => {
  server = await startWebhookServer();
});
afterAll(async () => {
  await server.close();
});

/** A root page owned by the workspace, a child shared with a new integration, and that integration's client. */
async function sharedPage(ws: TestWorkspace, name: string) {
  const owner = ws.client();
  const root = await workspacePage(owner, "Root");
  const shared = await childPage(owner, root.id, "Shared");
  const token = await ws.integration(name);
  await ws.share(name, shared.id);
  return { owner, root, shared, bot: ws.client(token) };
}

const forEntity = (id: string) => (r: { json: Record<string, unknown> }) =>
  (r.json.entity as { id?: string } | undefined)?.id === id;

describe("subscription handshake", () => {
  it("POSTs the verification token once and delivers nothing until it is verified", async () => {
    const ws = await server.workspace();
    const { owner, root, shared } = await sharedPage(ws, "Handshake");
    const before = server.receiver.received.length;
    const subscription = await createSubscription(server.ctx, ws.id, {
      integration: "Handshake",
      url: server.receiver.url,
    });
    expect(subscription.status).toBe("pending_verification");
    await server.receiver.waitFor((r) => server.receiver.received.indexOf(r) >= before);
    // Sent once: nothing more arrives while the subscription waits.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = server.receiver.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]?.json ?? {})).toEqual(["verification_token"]);
    expect((await getWebhookSubscription(server.ctx, ws.id, subscription.id)).verificationStatus).toBe(200);
    const token = String(sent[0]?.json.verification_token);
    expect(token).toMatch(/^secret_[A-Za-z0-9_-]{40,}$/);

    // Pending: an edit produces nothing for this subscription.
    await childPage(owner, shared.id, "Before verification");
    await expect(verifySubscription(server.ctx, ws.id, subscription.id, "secret_wrong")).rejects.toThrow(
      /does not match/,
    );
    const verified = await verifySubscription(server.ctx, ws.id, subscription.id, token);
    expect(verified.status).toBe("active");
    const after = await childPage(owner, shared.id, "After verification");
    // Its page.created, then its parent's page.content_updated naming it: the last thing written.
    await server.receiver.waitFor(
      (r) => r.json.type === "page.content_updated" && r.json.subscription_id === subscription.id,
    );
    const events = server.receiver.received.filter((r) => r.json.subscription_id === subscription.id);
    expect(events.map((r) => [r.json.type, (r.json.entity as { id: string }).id])).toEqual([
      ["page.created", after.id],
      ["page.content_updated", shared.id],
    ]);
    expect(events[1]?.json.data).toEqual({
      parent: { id: root.id, type: "page" },
      updated_blocks: [{ id: after.id, type: "page" }],
    });
  });
});

describe("envelope and signature", () => {
  it("sends page.created exactly as Notion shapes it, signed for verifyWebhookSignature", async () => {
    const ws = await server.workspace();
    const { bot, shared } = await sharedPage(ws, "Envelope");
    const { id: subscriptionId, token } = await server.subscribe(ws, "Envelope");
    const integrationId = (await getWebhookSubscription(server.ctx, ws.id, subscriptionId)).integrationId;
    const created = await bot.pages.create({
      parent: { page_id: shared.id },
      properties: { title: { title: text("By the bot") } },
    });
    const [request] = await server.receiver.waitFor(forEntity(created.id));
    const body = request?.json ?? {};
    expect(Object.keys(body)).toEqual([
      "id",
      "timestamp",
      "workspace_id",
      "workspace_name",
      "subscription_id",
      "integration_id",
      "type",
      "authors",
      "attempt_number",
      "api_version",
      "entity",
      "data",
    ]);
    const botUser = await bot.users.me({});
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: (created as { created_time: string }).created_time,
      workspace_id: ws.id,
      workspace_name: "Test Workspace",
      subscription_id: subscriptionId,
      integration_id: integrationId,
      type: "page.created",
      authors: [{ id: botUser.id, type: "bot" }],
      attempt_number: 1,
      api_version: "2025-09-03",
      entity: { id: created.id, type: "page" },
      data: { parent: { id: shared.id, type: "page" } },
    });
    const signature = request?.headers["x-notion-signature"];
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      await verifyWebhookSignature({
        body: request?.body ?? "",
        signature: String(signature),
        verificationToken: token,
      }),
    ).toBe(true);
    expect(
      await verifyWebhookSignature({
        body: `${request?.body ?? ""} `,
        signature: String(signature),
        verificationToken: token,
      }),
    ).toBe(false);
  });
});

describe("page events", () => {
  it("produces each page event from the SDK call that causes it", async () => {
    const ws = await server.workspace();
    const { owner, shared } = await sharedPage(ws, "Pages");
    const { id: subscriptionId } = await server.subscribe(ws, "Pages");
    const mine = (r: { json: Record<string, unknown> }) => r.json.subscription_id === subscriptionId;
    const target = await childPage(owner, shared.id, "Target");
    const page = await childPage(owner, shared.id, "Subject");
    await owner.pages.update({ page_id: page.id, properties: { title: { title: text("Renamed") } } });
    const [blockId = ""] = await appendParagraphs(owner, page.id, ["hello"]);
    await owner.blocks.update({ block_id: blockId, paragraph: { rich_text: text("hello again") } });
    await owner.pages.update({ page_id: page.id, is_locked: true });
    await owner.pages.update({ page_id: page.id, is_locked: false });
    await owner.pages.move({ page_id: page.id, parent: { type: "page_id", page_id: target.id } });
    await owner.pages.update({ page_id: page.id, in_trash: true });
    await owner.pages.update({ page_id: page.id, in_trash: false });
    const types = [
      "page.created",
      "page.properties_updated",
      "page.content_updated",
      "page.content_updated",
      "page.locked",
      "page.unlocked",
      "page.moved",
      "page.deleted",
      "page.undeleted",
    ];
    const got = await server.receiver.waitFor((r) => mine(r) && forEntity(page.id)(r), types.length);
    expect(got.map((r) => r.json.type)).toEqual(types);
    const byType = (t: string) => got.filter((r) => r.json.type === t).map((r) => r.json.data);
    expect(byType("page.properties_updated")).toEqual([
      { parent: { id: shared.id, type: "page" }, updated_properties: ["title"] },
    ]);
    // The SDK's payload type: the page's parent and the blocks.
    expect(byType("page.content_updated")).toEqual([
      { parent: { id: shared.id, type: "page" }, updated_blocks: [{ id: blockId, type: "block" }] },
      { parent: { id: shared.id, type: "page" }, updated_blocks: [{ id: blockId, type: "block" }] },
    ]);
    expect(byType("page.moved")).toEqual([{ parent: { id: target.id, type: "page" } }]);
  });
});

describe("a child page's parent", () => {
  it("sends the parent page.content_updated naming the new child page, and none for a row", async () => {
    const ws = await server.workspace();
    const { owner, root, shared } = await sharedPage(ws, "Parents");
    const { id: subscriptionId } = await server.subscribe(ws, "Parents", {
      eventTypes: ["page.created", "page.content_updated"],
    });
    const mine = (r: { json: Record<string, unknown> }) => r.json.subscription_id === subscriptionId;
    const database = await owner.databases.create({
      parent: { type: "page_id", page_id: shared.id },
      title: text("Rows"),
      initial_data_source: { properties: { Name: { title: {} } } },
    });
    const sourceId = (database as { data_sources: { id: string }[] }).data_sources[0]?.id ?? "";
    await owner.pages.create({
      parent: { type: "data_source_id", data_source_id: sourceId },
      properties: { Name: { title: text("A row") } },
    });
    const child = await owner.pages.create({
      parent: { page_id: shared.id },
      properties: { title: { title: text("Child") } },
    });
    const got = await server.receiver.waitFor(
      (r) =>
        mine(r) &&
        (r.json.data as { updated_blocks?: { id: string }[] }).updated_blocks?.[0]?.id === child.id,
    );
    const all = server.receiver.received.filter(mine);
    expect(got).toHaveLength(1);
    // The database's creation touched the shared page; the row touched no page; the child page did.
    expect(all.map((r) => [r.json.type, (r.json.entity as { id: string }).id])).toEqual([
      ["page.content_updated", shared.id],
      ["page.created", expect.any(String)],
      ["page.created", child.id],
      ["page.content_updated", shared.id],
    ]);
    expect(all.map((r) => r.json.data)[3]).toEqual({
      parent: { id: root.id, type: "page" },
      updated_blocks: [{ id: child.id, type: "page" }],
    });
  });
});
