import type { Executor } from "./executor.ts";
import { readRows } from "./raw-sql.ts";
import type { Dialect } from "./store.ts";
import { type WebhookSubscriptionTable, readJson } from "./schema.ts";

export interface WebhookSubscriptionRecord extends Omit<WebhookSubscriptionTable, "eventTypes"> {
  eventTypes: string[];
  integrationName: string;
}

type Row = WebhookSubscriptionTable & { integrationName: string };

function toRecord(row: Row): WebhookSubscriptionRecord {
  return {
    ...row,
    eventTypes: readJson<string[]>(row.eventTypes) ?? [],
    verificationStatus: row.verificationStatus === null ? null : Number(row.verificationStatus),
  };
}

function withIntegration(db: Executor) {
  return db
    .selectFrom("webhookSubscriptions as s")
    .innerJoin("integrations as i", "i.id", "s.integrationId")
    .selectAll("s")
    .select("i.name as integrationName");
}

export async function insertSubscription(
  db: Executor,
  subscription: Omit<WebhookSubscriptionRecord, "integrationName">,
): Promise<void> {
  await db
    .insertInto("webhookSubscriptions")
    .values({ ...subscription, eventTypes: JSON.stringify(subscription.eventTypes) })
    .execute();
}

export async function findSubscription(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<WebhookSubscriptionRecord | undefined> {
  const row = await withIntegration(db)
    .where("s.workspaceId", "=", workspaceId)
    .where("s.id", "=", id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function listSubscriptions(
  db: Executor,
  workspaceId: string,
): Promise<WebhookSubscriptionRecord[]> {
  const rows = await withIntegration(db)
    .where("s.workspaceId", "=", workspaceId)
    .orderBy("s.createdTime")
    .orderBy("s.id")
    .execute();
  return rows.map(toRecord);
}

/** Subscriptions that receive events now: verified and not paused. */
export async function activeSubscriptions(
  db: Executor,
  workspaceId: string,
): Promise<WebhookSubscriptionRecord[]> {
  const rows = await withIntegration(db)
    .where("s.workspaceId", "=", workspaceId)
    .where("s.status", "=", "active")
    .execute();
  return rows.map(toRecord);
}

/**
 * The active subscriptions of the public integrations installed in a workspace, each with the
 * installation whose grants and capabilities decide what it hears there.
 */
export async function installedSubscriptions(
  db: Executor,
  workspaceId: string,
): Promise<{ subscription: WebhookSubscriptionRecord; installationId: string }[]> {
  const rows = await withIntegration(db)
    .innerJoin("integrations as inst", "inst.installedFrom", "s.integrationId")
    .select("inst.id as installationId")
    .where("inst.workspaceId", "=", workspaceId)
    .where("inst.kind", "=", "installation")
    .where("s.status", "=", "active")
    .execute();
  return rows.map(({ installationId, ...row }) => ({ subscription: toRecord(row), installationId }));
}

/** Whether any subscription of the workspace is active: a write records events only then. */
export async function hasActiveSubscription(db: Executor, workspaceId: string): Promise<boolean> {
  // Every write asks this: plain SQL on a cached prepared statement. A public integration's
  // subscription lives in its developer's workspace and also hears the workspaces it is installed in.
  const rows = await readRows<{ id: string }>(
    db,
    `select id from webhook_subscriptions where status = 'active' and (workspace_id = ?
       or integration_id in (select installed_from from integrations
         where workspace_id = ? and kind = 'installation'))
     limit 1`,
    [workspaceId, workspaceId],
  );
  return rows.length > 0;
}

export async function updateSubscription(
  db: Executor,
  id: string,
  fields: Partial<
    Pick<
      WebhookSubscriptionTable,
      | "status"
      | "url"
      | "verifiedTime"
      | "verificationRequestedTime"
      | "verificationSentTime"
      | "verificationToken"
      | "verificationStatus"
      | "verificationError"
    >
  > & {
    eventTypes?: string[];
  },
): Promise<void> {
  const { eventTypes, ...rest } = fields;
  await db
    .updateTable("webhookSubscriptions")
    .set({ ...rest, ...(eventTypes ? { eventTypes: JSON.stringify(eventTypes) } : {}) })
    .where("id", "=", id)
    .execute();
}

/** Deletes a subscription with its deliveries and their log. */
export async function deleteSubscription(db: Executor, id: string): Promise<void> {
  await db
    .deleteFrom("webhookAttempts")
    .where(
      "deliveryId",
      "in",
      db.selectFrom("webhookDeliveries").select("id").where("subscriptionId", "=", id),
    )
    .execute();
  await db.deleteFrom("webhookDeliveries").where("subscriptionId", "=", id).execute();
  await db.deleteFrom("webhookSubscriptions").where("id", "=", id).execute();
}

/**
 * Takes up to `limit` subscriptions whose verification request is due and marks it sent (SKIP LOCKED
 * on PostgreSQL: one process sends each). Returns what the request needs.
 */
export async function claimVerifications(
  db: Executor,
  dialect: Dialect,
  now: string,
  limit: number,
): Promise<{ id: string; url: string; verificationToken: string }[]> {
  return readRows(
    db,
    `update webhook_subscriptions set verification_sent_time = ?
     where id in (select id from webhook_subscriptions
       where status = 'pending_verification' and verification_requested_time is not null
         and verification_sent_time is null
       limit ? ${dialect === "postgres" ? "for update skip locked" : ""})
     returning id, url, verification_token as "verificationToken"`,
    [now, limit],
  );
}

export async function recordVerificationAnswer(
  db: Executor,
  id: string,
  answer: { status: number | null; error: string | null },
): Promise<void> {
  await db
    .updateTable("webhookSubscriptions")
    .set({ verificationStatus: answer.status, verificationError: answer.error })
    .where("id", "=", id)
    .execute();
}
