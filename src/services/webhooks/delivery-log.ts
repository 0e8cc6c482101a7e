import { validationError } from "../../errors.ts";
import { type DeliveryLogEntry, listDeliveries, requeueDelivery } from "../../storage/webhook-outbox-repo.ts";
import { readJson } from "../../storage/schema.ts";
import type { ServiceContext } from "../context.ts";
import type { WebhookPayload } from "./webhook-payload.ts";

export interface DeliveryView extends Omit<DeliveryLogEntry, "payload"> {
  payload: WebhookPayload;
}

/** The delivery log, newest first: each event with its attempts, status codes, latency and response excerpt. */
export async function webhookDeliveryLog(
  ctx: ServiceContext,
  workspaceId: string,
  filter: { subscriptionId?: string | undefined; limit?: number | undefined } = {},
): Promise<DeliveryView[]> {
  const rows = await listDeliveries(ctx.store.db, {
    workspaceId,
    subscriptionId: filter.subscriptionId,
    limit: Math.min(filter.limit ?? 100, 1000),
  });
  return rows.map((r) => ({ ...r, payload: readJson<WebhookPayload>(r.payload) as WebhookPayload }));
}

/** "Redeliver": the same event (same `id`) again, from attempt 1. */
export async function redeliver(ctx: ServiceContext, workspaceId: string, deliveryId: string): Promise<void> {
  const done = await requeueDelivery(ctx.store.db, workspaceId, deliveryId, new Date().toISOString());
  if (!done) throw validationError(`No webhook delivery ${deliveryId} in this workspace.`);
}
