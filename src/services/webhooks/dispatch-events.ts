import { newId } from "../../domain/ids.ts";
import type { ApiVersion } from "../../domain/versions.ts";
import { type RecordedEvent, capabilityFor, shapeEvent } from "../../domain/webhooks.ts";
import type { Executor } from "../../storage/executor.ts";
import { type IntegrationRecord, findWorkspace, getIntegrationById } from "../../storage/identity-repo.ts";
import { reachOf } from "../../storage/reach-repo.ts";
import { readJson } from "../../storage/schema.ts";
import type { WebhookDeliveryTable, WebhookEventTable } from "../../storage/schema.ts";
import { claimDueEvents, deleteEvents, insertDeliveries } from "../../storage/webhook-outbox-repo.ts";
import {
  type WebhookSubscriptionRecord,
  activeSubscriptions,
  installedSubscriptions,
} from "../../storage/webhook-repo.ts";
import type { ServiceContext } from "../context.ts";
import type { Author } from "./record-event.ts";
import type { WebhookPayload } from "./webhook-payload.ts";

/** Events fanned out per transaction; a turn that took this many looks again. */
export const DISPATCH_BATCH = 500;

/**
 * Fans the outbox's due events out to deliveries, one per subscription that may receive each, in one
 * transaction: an event becomes its deliveries exactly once, whichever process takes it. Who may receive
 * it is decided now, as on Notion: the integration must reach the entity (shared with it, or below
 * something shared) and hold the capability the event needs.
 * Returns how many events it took, so the caller knows whether more are waiting.
 */
export async function dispatchDueEvents(ctx: ServiceContext): Promise<number> {
  return ctx.store.transaction(async (trx) => {
    const now = new Date().toISOString();
    const events = await claimDueEvents(trx, ctx.store.dialect, now, DISPATCH_BATCH);
    if (events.length === 0) return 0;
    const byWorkspace = new Map<string, WebhookEventTable[]>();
    for (const e of events) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);
    const deliveries: WebhookDeliveryTable[] = [];
    for (const [workspaceId, list] of byWorkspace) {
      deliveries.push(...(await deliveriesFor(trx, workspaceId, list, now)));
    }
    await insertDeliveries(trx, deliveries);
    await deleteEvents(
      trx,
      events.map((e) => e.id),
    );
    return events.length;
  });
}

/** A subscription that hears a workspace, through the integration whose reach applies there. */
interface Listener {
  subscription: WebhookSubscriptionRecord;
  /** The integration itself, or its installation in this workspace (a public integration). */
  reachOf: IntegrationRecord;
  /** Public integrations only: the bot that can reach the entity (the envelope's `accessible_by`). */
  accessibleBy?: Author[];
}

async function listenersOf(trx: Executor, workspaceId: string): Promise<Listener[]> {
  const listeners: Listener[] = [];
  for (const subscription of await activeSubscriptions(trx, workspaceId)) {
    const integration = await getIntegrationById(trx, subscription.integrationId);
    listeners.push({
      subscription,
      reachOf: integration,
      ...(integration.kind === "public"
        ? { accessibleBy: [{ id: integration.botUserId, type: "bot" as const }] }
        : {}),
    });
  }
  for (const { subscription, installationId } of await installedSubscriptions(trx, workspaceId)) {
    const installation = await getIntegrationById(trx, installationId);
    listeners.push({
      subscription,
      reachOf: installation,
      accessibleBy: [{ id: installation.botUserId, type: "bot" }],
    });
  }
  return listeners;
}

async function deliveriesFor(
  trx: Executor,
  workspaceId: string,
  events: WebhookEventTable[],
  now: string,
): Promise<WebhookDeliveryTable[]> {
  const listeners = await listenersOf(trx, workspaceId);
  if (listeners.length === 0) return [];
  const workspaceName = (await findWorkspace(trx, workspaceId))?.name ?? "";
  const out: WebhookDeliveryTable[] = [];
  const reachIds = events.filter((e) => e.entityType !== "file_upload").map((e) => e.reachId);
  for (const { subscription, reachOf: integration, accessibleBy } of listeners) {
    const reach = await reachOf(trx, reachIds, { grantsOf: integration.id });
    for (const event of events) {
      // An upload is its creator's alone (no one else can retrieve it): its reach is that bot user.
      const reaches =
        event.entityType === "file_upload"
          ? event.reachId === integration.botUserId
          : reach.get(event.reachId)?.shared;
      if (!reaches) continue;
      if (!integration.capabilities.includes(capabilityFor(event.type))) continue;
      const payload = payloadFor(event, subscription, workspaceName, accessibleBy);
      if (!payload || !subscription.eventTypes.includes(payload.type)) continue;
      out.push({
        id: payload.id,
        subscriptionId: subscription.id,
        // The subscription's workspace, whose dashboard logs it; the payload names the event's.
        workspaceId: subscription.workspaceId,
        type: payload.type,
        timestamp: payload.timestamp,
        sortKey: event.sortKey,
        payload: JSON.stringify(payload),
        status: "pending",
        attempts: 0,
        nextAttemptTime: now,
        leaseUntil: null,
        createdTime: now,
        finishedTime: null,
      });
    }
  }
  return out;
}

function payloadFor(
  event: WebhookEventTable,
  subscription: WebhookSubscriptionRecord,
  workspaceName: string,
  accessibleBy: Author[] | undefined,
): WebhookPayload | null {
  const recorded: RecordedEvent = {
    type: event.type,
    entity: { id: event.entityId, type: event.entityType as RecordedEvent["entity"]["type"] },
    data: readJson<RecordedEvent["data"]>(event.data) ?? {},
  };
  const shaped = shapeEvent(recorded, subscription.apiVersion as ApiVersion);
  if (!shaped) return null;
  return {
    id: newId(),
    timestamp: event.timestamp,
    workspaceId: event.workspaceId,
    workspaceName,
    subscriptionId: subscription.id,
    integrationId: subscription.integrationId,
    ...shaped,
    authors: readJson<Author[]>(event.authors) ?? [],
    ...(accessibleBy ? { accessibleBy } : {}),
    apiVersion: subscription.apiVersion,
  };
}
