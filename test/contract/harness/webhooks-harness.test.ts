import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../webhooks/receiver.ts";
import { quiet, start } from "./support.ts";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe("webhooks in startQuire() and the harness", () => {
  it("subscribes, waits for an event type, lists deliveries and redelivers through /__quire", async () => {
    const quire = await start({ webhookWindowMs: 0, webhookRetryScheduleMs: [20, 20] });
    const notion = quiet(quire);
    const root = await notion.pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "Root" } }] } },
    });
    await quire.integration("Harnessed", { share: [root.id] });
    const before = receiver.received.length;
    const subscription = await quire.webhook({
      integration: "Harnessed",
      url: receiver.url,
      event_types: ["page.created"],
    });
    expect(subscription).toMatchObject({ status: "pending_verification", event_types: ["page.created"] });
    const [handshake] = await receiver.waitFor(
      (r) => receiver.received.indexOf(r) >= before && "verification_token" in r.json,
    );
    const verified = await quire.verifyWebhook(subscription.id, String(handshake?.json.verification_token));
    expect(verified.status).toBe("active");

    const page = await notion.pages.create({
      parent: { page_id: root.id },
      properties: { title: { title: [{ text: { content: "Child" } }] } },
    });
    const delivery = await quire.waitForWebhook("page.created");
    expect(delivery).toMatchObject({
      subscription_id: subscription.id,
      type: "page.created",
      status: "delivered",
      attempts: 1,
      payload: { type: "page.created", entity: { id: page.id, type: "page" }, attempt_number: 1 },
    });
    expect(delivery.attempt_log).toEqual([
      expect.objectContaining({
        attempt_number: 1,
        status_code: 200,
        error: null,
        response_excerpt: '{"ok":true}',
      }),
    ]);

    const headers = { authorization: `Bearer ${quire.harnessToken ?? ""}` };
    const listed = (await (
      await fetch(`${quire.url}/__quire/webhooks/deliveries?type=page.created`, { headers })
    ).json()) as {
      results: { id: string; status: string }[];
    };
    expect(listed.results.map((d) => [d.id, d.status])).toEqual([[delivery.id, "delivered"]]);
    const unauthorised = await fetch(`${quire.url}/__quire/webhooks/deliveries`);
    expect(unauthorised.status).toBe(401);

    const redelivered = await fetch(`${quire.url}/__quire/webhooks/deliveries/${delivery.id}/redeliver`, {
      method: "POST",
      headers,
    });
    expect(redelivered.status).toBe(200);
    const again = await receiver.waitFor((r) => r.json.id === delivery.id, 2);
    expect(again.map((r) => r.json.attempt_number)).toEqual([1, 1]);
    expect(await quire.webhookDeliveries({ type: "page.created" })).toHaveLength(1);
  });
});
