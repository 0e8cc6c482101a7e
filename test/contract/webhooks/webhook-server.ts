import { type WebhookWorker, startWebhookWorker } from "../../../src/services/webhooks/delivery-worker.ts";
import {
  createSubscription,
  verifySubscription,
} from "../../../src/services/webhooks/subscription-service.ts";
import type { WebhookSettings } from "../../../src/services/webhooks/webhook-settings.ts";
import type { Store } from "../../../src/storage/store.ts";
import { webhookSettings } from "../../../src/webhook-runtime.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { type Receiver, startReceiver } from "./receiver.ts";

export interface WebhookTestServer extends TestServer {
  receiver: Receiver;
  settings: WebhookSettings;
  worker: WebhookWorker;
  /** Creates a subscription for `integration`, answers its handshake and returns it active with its token. */
  subscribe(
    ws: TestWorkspace,
    integration: string,
    options?: { eventTypes?: string[]; apiVersion?: string },
  ): Promise<{ id: string; token: string }>;
}

/** A listening Quire with a delivery worker (window 0, fast retries) and a local receiver. */
export async function startWebhookServer(
  overrides: Partial<WebhookSettings> = {},
  store?: Store,
): Promise<WebhookTestServer> {
  const server = await startTestServer(store ? { store } : {});
  const settings = webhookSettings({
    windowMs: 0,
    retryScheduleMs: [20, 20, 20, 20, 20, 20, 20],
    ...overrides,
  });
  server.ctx.webhooks = settings;
  const worker = startWebhookWorker(server.ctx, settings, { pollMs: 10 });
  server.ctx.webhookWorker = worker;
  const receiver = await startReceiver();
  return {
    ...server,
    receiver,
    settings,
    worker,
    subscribe: async (ws, integration, options = {}) => {
      const before = receiver.received.length;
      const subscription = await createSubscription(server.ctx, ws.id, {
        integration,
        url: receiver.url,
        eventTypes: options.eventTypes,
        apiVersion: options.apiVersion,
      });
      const [handshake] = await receiver.waitFor(
        (r) => receiver.received.indexOf(r) >= before && "verification_token" in r.json,
      );
      const token = String(handshake?.json.verification_token);
      await verifySubscription(server.ctx, ws.id, subscription.id, token);
      return { id: subscription.id, token };
    },
    close: async () => {
      await worker.stop();
      await receiver.close();
      await server.close();
    },
  };
}
