import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveryLog } from "../../../src/services/webhooks/delivery-log.ts";
import { guardedPost } from "../../../src/services/webhooks/webhook-post.ts";
import { createSubscription } from "../../../src/services/webhooks/subscription-service.ts";
import { childPage, workspacePage } from "../helpers.ts";
import { type WebhookTestServer, startWebhookServer } from "./webhook-server.ts";

let server: WebhookTestServer;
beforeAll(async () => {
  server = await startWebhookServer();
});
afterAll(async () => {
  await server.close();
});

describe("the SSRF rule for webhook targets", () => {
  it("refuses a loopback URL when private networks are not allowed", async () => {
    const ws = await server.workspace();
    await ws.integration("Guarded");
    server.ctx.allowPrivateNetwork = false;
    try {
      await expect(
        createSubscription(server.ctx, ws.id, { integration: "Guarded", url: "http://127.0.0.1:9/hooks" }),
      ).rejects.toThrow(/--allow-private-network/);
      await expect(
        createSubscription(server.ctx, ws.id, { integration: "Guarded", url: "http://localhost:9/hooks" }),
      ).rejects.toThrow(/--allow-private-network/);
    } finally {
      delete server.ctx.allowPrivateNetwork;
    }
  });

  it("delivers nothing to a private address through the guarded fetch, and logs why", async () => {
    const ws = await server.workspace();
    const owner = ws.client();
    const root = await workspacePage(owner, "Root");
    await ws.integration("Blocked");
    await ws.share("Blocked", root.id);
    const { id } = await server.subscribe(ws, "Blocked");
    const before = server.receiver.received.length;
    server.settings.fetch = guardedPost;
    try {
      await childPage(owner, root.id, "Not delivered");
      for (let i = 0; i < 500; i++) {
        const [d] = await webhookDeliveryLog(server.ctx, ws.id, { subscriptionId: id });
        if (d && d.tries.length > 0) {
          expect(d.tries[0]?.statusCode).toBeNull();
          expect(d.tries[0]?.error).toMatch(/loopback, private/);
          expect(server.receiver.received.length).toBe(before);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error("no attempt logged");
    } finally {
      server.settings.fetch = (input, init) => fetch(input, init);
    }
  });
});
