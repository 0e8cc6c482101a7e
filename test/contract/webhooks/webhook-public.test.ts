import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicApp } from "../oauth/oauth-support.ts";
import { childPage, workspacePage } from "../helpers.ts";
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

describe("public integrations", () => {
  it("hear each workspace they are installed in, only for the pages the installation reaches, with accessible_by", async () => {
    const developer = await server.workspace();
    const app = await publicApp(server, developer, { name: "Public Hooks" });
    const { id: subscriptionId } = await server.subscribe(developer, "Public Hooks", {
      eventTypes: ["page.created"],
    });
    const customer = await server.workspace();
    const owner = customer.client();
    const granted = await workspacePage(owner, "Granted");
    const other = await workspacePage(owner, "Not granted");
    await app.code(customer, { pageIds: [granted.id] });

    await childPage(owner, other.id, "Unseen");
    const seen = await childPage(owner, granted.id, "Seen");
    const [event] = await server.receiver.waitFor(of(subscriptionId));
    // The unseen page was written first: had it been sent, it would have come first.
    expect(event?.json.entity).toEqual({ id: seen.id, type: "page" });
    const integrationId = event?.json.integration_id;
    expect(event?.json).toMatchObject({
      workspace_id: customer.id,
      type: "page.created",
      data: { parent: { id: granted.id, type: "page" } },
    });
    const accessibleBy = event?.json.accessible_by as { id: string; type: string }[];
    expect(accessibleBy).toHaveLength(1);
    expect(accessibleBy[0]?.type).toBe("bot");
    // The installation's bot, not the developer's: the one the customer's token acts as.
    expect(accessibleBy[0]?.id).not.toBe(integrationId);
    const keys = Object.keys(event?.json ?? {});
    expect(keys.slice(keys.indexOf("authors"), keys.indexOf("authors") + 3)).toEqual([
      "authors",
      "accessible_by",
      "attempt_number",
    ]);

    // In the developer's own workspace it hears its own grants, with its own bot in accessible_by.
    const mine = await workspacePage(developer.client(), "Developer's");
    await developer.share("Public Hooks", mine.id);
    const own = await childPage(developer.client(), mine.id, "Own");
    const [home] = await server.receiver.waitFor(
      (r) => of(subscriptionId)(r) && (r.json.entity as { id: string }).id === own.id,
    );
    expect(home?.json.workspace_id).toBe(developer.id);
    const homeBot = (home?.json.accessible_by as { id: string }[])[0]?.id;
    expect(homeBot).not.toBe(accessibleBy[0]?.id);
  });
});
