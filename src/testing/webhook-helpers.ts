import {
  type WebhookDeliveryWire,
  type WebhookSubscriptionWire,
  presentDelivery,
  presentWebhookSubscription,
} from "../presenters/present-webhook.ts";
import type { ServiceContext } from "../services/context.ts";
import { webhookDeliveryLog } from "../services/webhooks/delivery-log.ts";
import { createSubscription, verifySubscription } from "../services/webhooks/subscription-service.ts";

export type WebhookSubscription = WebhookSubscriptionWire;
export type WebhookDelivery = WebhookDeliveryWire;

/** What `quire webhook create` takes, for `quire.webhook(…)`. */
export interface WebhookRequest {
  /** The integration's name (as given to `quire.integration(name)`). */
  integration: string;
  url: string;
  /** Event types; every one the integration's capabilities allow when left out. */
  event_types?: string[] | undefined;
  api_version?: string | undefined;
}

export interface WaitForWebhookOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number | undefined;
  /** Wait for this outcome (default `delivered`). */
  status?: "delivered" | "failed" | undefined;
  subscriptionId?: string | undefined;
}

export interface WebhookHelpers {
  webhook(request: WebhookRequest): Promise<WebhookSubscription>;
  verifyWebhook(subscriptionId: string, token: string): Promise<WebhookSubscription>;
  webhookDeliveries(filter?: { type?: string; subscriptionId?: string }): Promise<WebhookDelivery[]>;
  waitForWebhook(type: string, options?: WaitForWebhookOptions): Promise<WebhookDelivery>;
}

export function webhookHelpers(ctx: ServiceContext, workspaceId: string): WebhookHelpers {
  const deliveries = async (filter: { type?: string; subscriptionId?: string } = {}) =>
    (await webhookDeliveryLog(ctx, workspaceId, { subscriptionId: filter.subscriptionId, limit: 1000 }))
      .filter((d) => !filter.type || d.type === filter.type)
      .map(presentDelivery)
      .reverse();
  return {
    webhook: async (request) => {
      const subscription = await createSubscription(ctx, workspaceId, {
        integration: request.integration,
        url: request.url,
        eventTypes: request.event_types,
        apiVersion: request.api_version,
      });
      return presentWebhookSubscription(subscription);
    },
    verifyWebhook: async (id, token) =>
      presentWebhookSubscription(await verifySubscription(ctx, workspaceId, id, token)),
    webhookDeliveries: deliveries,
    waitForWebhook: async (type, options = {}) => {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000);
      const status = options.status ?? "delivered";
      for (;;) {
        const found = (
          await deliveries({
            type,
            ...(options.subscriptionId ? { subscriptionId: options.subscriptionId } : {}),
          })
        ).find((d) => d.status === status);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`No ${status} ${type} webhook within ${options.timeoutMs ?? 10_000} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
