import type { FastifyInstance } from "fastify";
import { presentDelivery } from "../presenters/present-webhook.ts";
import type { ServiceContext } from "../services/context.ts";
import { ensureDefaultWorkspace } from "../services/identity/workspace-service.ts";
import { redeliver, webhookDeliveryLog } from "../services/webhooks/delivery-log.ts";

/**
 * `GET /__quire/webhooks/deliveries`: the delivery log of the default workspace, newest first, each
 * event with its payload and attempts (`?subscription_id=`, `?type=`, `?limit=` up to 1000).
 * `POST /__quire/webhooks/deliveries/{id}/redeliver` sends one again, keeping its event id.
 */
export function registerWebhookRoutes(harness: FastifyInstance, ctx: ServiceContext): void {
  harness.get("/webhooks/deliveries", async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const { workspace } = await ensureDefaultWorkspace(ctx);
    const limit = query.limit ? Number(query.limit) : undefined;
    const log = await webhookDeliveryLog(ctx, workspace.id, {
      subscriptionId: query.subscription_id,
      limit: limit !== undefined && Number.isInteger(limit) && limit > 0 ? limit : undefined,
    });
    const results = log.filter((d) => !query.type || d.type === query.type).map(presentDelivery);
    return { object: "list", results };
  });
  harness.post("/webhooks/deliveries/:id/redeliver", async (request) => {
    const { id } = request.params as { id: string };
    const { workspace } = await ensureDefaultWorkspace(ctx);
    await redeliver(ctx, workspace.id, id);
    ctx.webhookWorker?.wake();
    return { object: "webhook_delivery", id, status: "pending" };
  });
}
