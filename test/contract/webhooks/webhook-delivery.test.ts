import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redeliver, webhookDeliveryLog } from "../../../src/services/webhooks/delivery-log.ts";
import { setSubscriptionPaused } from "../../../src/services/webhooks/subscription-service.ts";
import type { TestWorkspace } from "../../support/quire.ts";
import { childPage, workspacePage } from "../helpers.ts";
import type { Received } from "./receiver.ts";
import { type WebhookTestServer, startWebhookServer } from "./webhook-server.ts";

let server: WebhookTestServer;
beforeAll(async () => {
  // Attempts 2 and 3 come 20 and 40 ms after a failure; then two more, and the delivery fails.
  server = await startWebhookServer({ retryScheduleMs: [20, 40, 20, 20] });
});
afterAll(async () => {
  await server.close();
});

const of = (subscriptionId: string) => (r: Received) => r.json.subscription_id === subscriptionId;

async function subscribed(ws: TestWorkspace, name: string) {
  const owner = ws.client();
  const root = await workspacePage(owner, "Root");
  await ws.integration(name);
  await ws.share(name, root.id);
  // page.created only: a child page also sends its parent's page.content_updated, which these don't count.
  const subscription = await server.subscribe(ws, name, { eventTypes: ["page.created"] });
  return { owner, root, subscription };
}

async function waitForStatus(ws: TestWorkspace, deliveryId: string, status: string) {
  for (let i = 0; i < 500; i++) {
    const found = (await webhookDeliveryLog(server.ctx, ws.id)).find((d) => d.id === deliveryId);
    if (found?.status === status) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`delivery ${deliveryId} never became ${status}`);
}

describe("retries", () => {
  it("retries a receiver that fails twice, keeping the event id, with attempt_number 1, 2, 3", async () => {
    const ws = await server.workspace();
    const { owner, root, subscription } = await subscribed(ws, "Flaky");
    server.receiver.failNext(2, 503);
    const page = await childPage(owner, root.id, "Retried");
    const got = await server.receiver.waitFor(of(subscription.id), 3);
    expect(got.map((r) => r.json.attempt_number)).toEqual([1, 2, 3]);
    expect(new Set(got.map((r) => r.json.id)).size).toBe(1);
    expect((got[0]?.json.entity as { id: string }).id).toBe(page.id);
    const delivery = await waitForStatus(ws, String(got[0]?.json.id), "delivered");
    expect(delivery.tries.map((t) => [t.attemptNumber, t.statusCode])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(delivery.tries[0]?.responseExcerpt).toBe("down for a moment");
  });

  it("marks a delivery failed after the last attempt, and Redeliver sends it again with the same id", async () => {
    const ws = await server.workspace();
    const { owner, root, subscription } = await subscribed(ws, "Down");
    server.receiver.failNext(5, 500);
    await childPage(owner, root.id, "Never arrives");
    const got = await server.receiver.waitFor(of(subscription.id), 5);
    expect(got.map((r) => r.json.attempt_number)).toEqual([1, 2, 3, 4, 5]);
    const id = String(got[0]?.json.id);
    const failed = await waitForStatus(ws, id, "failed");
    expect(failed.tries).toHaveLength(5);
    await redeliver(server.ctx, ws.id, id);
    const again = await server.receiver.waitFor(of(subscription.id), 6);
    expect(again[5]?.json.id).toBe(id);
    expect(again[5]?.json.attempt_number).toBe(1);
    await waitForStatus(ws, id, "delivered");
  });

  it("retries a refused connection", async () => {
    const ws = await server.workspace();
    const owner = ws.client();
    const root = await workspacePage(owner, "Root");
    await ws.integration("Refused");
    await ws.share("Refused", root.id);
    const subscription = await server.subscribe(ws, "Refused");
    // Point the active subscription at a port nobody listens on, as if the receiver went down.
    await server.store.db
      .updateTable("webhookSubscriptions")
      .set({ url: "http://127.0.0.1:9/hooks" })
      .where("id", "=", subscription.id)
      .execute();
    await childPage(owner, root.id, "Nobody home");
    for (let i = 0; i < 500; i++) {
      const [d] = await webhookDeliveryLog(server.ctx, ws.id, { subscriptionId: subscription.id });
      if (d && d.tries.length >= 2) {
        expect(d.tries.every((t) => t.statusCode === null && t.error)).toBe(true);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("no retries recorded");
  });
});

describe("pause and resume", () => {
  it("sends nothing that happens while paused, and new events again once resumed", async () => {
    const ws = await server.workspace();
    const { owner, root, subscription } = await subscribed(ws, "Pausable");
    const first = await childPage(owner, root.id, "Before pause");
    await server.receiver.waitFor(of(subscription.id));
    await setSubscriptionPaused(server.ctx, ws.id, subscription.id, true);
    await childPage(owner, root.id, "While paused");
    await setSubscriptionPaused(server.ctx, ws.id, subscription.id, false);
    const after = await childPage(owner, root.id, "After resume");
    const got = await server.receiver.waitFor(of(subscription.id), 2);
    expect(got.map((r) => (r.json.entity as { id: string }).id)).toEqual([first.id, after.id]);
  });
});
