import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { listWebhookSubscriptions } from "../../../src/services/webhooks/subscription-service.ts";
import { childPage, workspacePage } from "../helpers.ts";
import { webSignIn } from "../web/web-session.ts";
import { type WebhookTestServer, startWebhookServer } from "./webhook-server.ts";

let server: WebhookTestServer;
beforeAll(async () => {
  server = await startWebhookServer();
});
afterAll(async () => {
  await server.close();
});

describe("the integrations dashboard's webhooks", () => {
  it("creates a subscription, verifies it with the pasted token, logs deliveries, redelivers, pauses and deletes", async () => {
    const ws = await server.workspace();
    const owner = ws.client();
    const root = await workspacePage(owner, "Root");
    await ws.integration("Dashboard");
    await ws.share("Dashboard", root.id);
    const email = `webhooks-${ws.id.slice(0, 8)}@example.com`;
    await addPerson(server.ctx, {
      email,
      password: "correct horse battery",
      workspaceId: ws.id,
      role: "member",
    });
    const web = await webSignIn(server, email, "correct horse battery");
    const integrations = await web.get("/integrations");
    const integrationId =
      /href="\/integrations\/([0-9a-f-]{36})">\s*Dashboard/.exec(integrations.text)?.[1] ?? "";
    expect((await web.get(`/integrations/${integrationId}`)).text).toContain(
      `/integrations/${integrationId}/webhooks`,
    );

    const before = server.receiver.received.length;
    const created = await web.post(`/integrations/${integrationId}/webhooks`, {
      url: server.receiver.url,
      api_version: "2025-09-03",
      event: ["page.created"],
    });
    expect(created.status).toBe(201);
    expect(created.text).toContain("pending_verification");
    const [subscription] = await listWebhookSubscriptions(server.ctx, ws.id);
    const sid = subscription?.id ?? "";
    const [handshake] = await server.receiver.waitFor(
      (r) => server.receiver.received.indexOf(r) >= before && "verification_token" in r.json,
    );
    const token = String(handshake?.json.verification_token);
    let card = "";
    for (let i = 0; i < 200 && !card.includes("answered 200"); i++) {
      card = (await web.get(`/integrations/${integrationId}/webhooks`)).text;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(card).toContain("the endpoint answered 200");

    const wrong = await web.post(`/webhooks/${sid}/verify`, { token: "secret_nope" });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("does not match");
    const verified = await web.post(`/webhooks/${sid}/verify`, { token });
    expect(verified.text).toContain('data-testid="status">active<');

    const page = await childPage(owner, root.id, "Logged");
    const [event] = await server.receiver.waitFor((r) => r.json.subscription_id === sid);
    expect((event?.json.entity as { id: string }).id).toBe(page.id);
    const eventId = String(event?.json.id);
    let log = "";
    for (let i = 0; i < 200 && !log.includes("#1 200"); i++) {
      log = (await web.get(`/integrations/${integrationId}/webhooks`)).text;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(log).toContain(`data-delivery="${eventId}"`);
    expect(log).toContain("#1 200");

    await web.post(`/webhooks/${sid}/deliveries/${eventId}/redeliver`, {});
    const again = await server.receiver.waitFor((r) => r.json.id === eventId, 2);
    expect(again).toHaveLength(2);

    // Events can change any time; a verified subscription's URL can't (the form no longer offers it).
    const edited = await web.post(`/webhooks/${sid}/edit`, { event: ["page.created", "page.moved"] });
    expect(edited.status).toBe(200);
    expect(edited.text).toContain("Events: page.created, page.moved");
    expect(edited.text).toContain("The URL of a verified subscription can't change.");
    const moved = await web.post(`/webhooks/${sid}/edit`, { url: "http://127.0.0.1:9/elsewhere" });
    expect(moved.status).toBe(400);
    expect(moved.text).toContain("delete it and create a new subscription");

    expect((await web.post(`/webhooks/${sid}/pause`, {})).text).toContain('data-testid="status">paused<');
    expect((await web.post(`/webhooks/${sid}/resume`, {})).text).toContain('data-testid="status">active<');
    const deleted = await web.post(`/webhooks/${sid}/delete`, {});
    expect(deleted.text).toContain("No subscriptions yet.");
    expect(await listWebhookSubscriptions(server.ctx, ws.id)).toEqual([]);
  });
});
