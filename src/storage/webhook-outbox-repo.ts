import type { Dialect } from "./store.ts";
import type { Executor } from "./executor.ts";
import { placeholders, readRows, runRaw } from "./raw-sql.ts";
import type { WebhookAttemptTable, WebhookDeliveryTable, WebhookEventTable } from "./schema.ts";

/**
 * The outbox and the delivery queue (migration 015). Claims use FOR UPDATE SKIP LOCKED on PostgreSQL so
 * several processes take different rows at once; SQLite runs one write transaction at a time anyway.
 */
function skipLocked(dialect: Dialect): string {
  return dialect === "postgres" ? "for update skip locked" : "";
}

// Every write in a workspace with a subscription runs these: plain SQL with a cached prepared
// statement, not the query builder, whose build, compile and prepare cost more than the insert.
export async function insertEvent(db: Executor, event: WebhookEventTable): Promise<void> {
  await runRaw(
    db,
    `insert into webhook_events (id, workspace_id, type, entity_id, entity_type, reach_id, authors, data,
      timestamp, due_time, sort_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      event.id,
      event.workspaceId,
      event.type,
      event.entityId,
      event.entityType,
      event.reachId,
      event.authors,
      event.data,
      event.timestamp,
      event.dueTime,
      event.sortKey,
    ],
  );
}

/** An aggregated event of this entity still inside its window, locked for the merge. */
export async function findOpenEvent(
  db: Executor,
  dialect: Dialect,
  key: { type: string; entityId: string; now: string },
): Promise<WebhookEventTable | undefined> {
  const rows = await readRows<WebhookEventTable>(
    db,
    `select id, workspace_id as "workspaceId", type, entity_id as "entityId", entity_type as "entityType",
      reach_id as "reachId", authors, data, timestamp, due_time as "dueTime", sort_key as "sortKey"
     from webhook_events where entity_id = ? and type = ? and due_time > ?
     limit 1 ${dialect === "postgres" ? "for update" : ""}`,
    [key.entityId, key.type, key.now],
  );
  return rows[0];
}

export async function updateOpenEvent(
  db: Executor,
  id: string,
  fields: Pick<WebhookEventTable, "authors" | "data" | "timestamp">,
): Promise<void> {
  await runRaw(db, "update webhook_events set authors = ?, data = ?, timestamp = ? where id = ?", [
    fields.authors,
    fields.data,
    fields.timestamp,
    id,
  ]);
}

/** Takes up to `limit` events whose window has ended, oldest first; the caller deletes them when fanned out. */
export async function claimDueEvents(
  db: Executor,
  dialect: Dialect,
  now: string,
  limit: number,
): Promise<WebhookEventTable[]> {
  return readRows<WebhookEventTable>(
    db,
    `select id, workspace_id as "workspaceId", type, entity_id as "entityId", entity_type as "entityType",
      reach_id as "reachId", authors, data, timestamp, due_time as "dueTime", sort_key as "sortKey"
     from webhook_events where due_time <= ? order by sort_key limit ? ${skipLocked(dialect)}`,
    [now, limit],
  );
}

export async function deleteEvents(db: Executor, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom("webhookEvents").where("id", "in", ids).execute();
}

export async function insertDeliveries(db: Executor, rows: WebhookDeliveryTable[]): Promise<void> {
  for (const r of rows) {
    await runRaw(
      db,
      `insert into webhook_deliveries (id, subscription_id, workspace_id, type, timestamp, sort_key, payload,
        status, attempts, next_attempt_time, lease_until, created_time, finished_time)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id,
        r.subscriptionId,
        r.workspaceId,
        r.type,
        r.timestamp,
        r.sortKey,
        r.payload,
        r.status,
        r.attempts,
        r.nextAttemptTime,
        r.leaseUntil,
        r.createdTime,
        r.finishedTime,
      ],
    );
  }
}

const DELIVERY_COLUMNS = `id, subscription_id as "subscriptionId", workspace_id as "workspaceId", type, timestamp,
  sort_key as "sortKey",
  payload, status, attempts, next_attempt_time as "nextAttemptTime", lease_until as "leaseUntil",
  created_time as "createdTime", finished_time as "finishedTime"`;

/**
 * Marks up to `limit` due deliveries as being delivered until `leaseUntil` and counts the attempt. A
 * delivery whose lease ran out (its process died mid-send) is due again: at least once, as on Notion.
 */
export async function claimDeliveries(
  db: Executor,
  dialect: Dialect,
  claim: { now: string; leaseUntil: string; limit: number; skipSubscriptions: string[] },
): Promise<WebhookDeliveryTable[]> {
  const skip = claim.skipSubscriptions;
  const notBusy = skip.length > 0 ? `and subscription_id not in (${placeholders(skip.length)})` : "";
  const rows = await readRows<WebhookDeliveryTable>(
    db,
    `update webhook_deliveries set status = 'delivering', lease_until = ?, attempts = attempts + 1
     where id in (select id from webhook_deliveries
       where ((status = 'pending' and next_attempt_time <= ?) or (status = 'delivering' and lease_until <= ?))
       and subscription_id in (select id from webhook_subscriptions where status = 'active')
       ${notBusy}
       order by next_attempt_time, sort_key limit ? ${skipLocked(dialect)})
     returning ${DELIVERY_COLUMNS}`,
    [claim.leaseUntil, claim.now, claim.now, ...skip, claim.limit],
  );
  // RETURNING keeps no order: put the claim back in the order it was taken.
  const order = (r: WebhookDeliveryTable) => `${r.nextAttemptTime}|${r.sortKey}`;
  return rows
    .map((r) => ({ ...r, attempts: Number(r.attempts) }))
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

export async function finishDelivery(
  db: Executor,
  id: string,
  outcome: Pick<WebhookDeliveryTable, "status" | "nextAttemptTime" | "finishedTime">,
): Promise<void> {
  await runRaw(
    db,
    `update webhook_deliveries set status = ?, next_attempt_time = ?, finished_time = ?, lease_until = null
     where id = ?`,
    [outcome.status, outcome.nextAttemptTime, outcome.finishedTime, id],
  );
}

/** Logs a batch of attempts and sets what became of each delivery. */
export async function finishDeliveries(
  db: Executor,
  outcomes: {
    attempt: WebhookAttemptTable;
    finish: Pick<WebhookDeliveryTable, "status" | "nextAttemptTime" | "finishedTime">;
  }[],
): Promise<void> {
  for (const { attempt, finish } of outcomes) {
    await runRaw(
      db,
      `insert into webhook_attempts (delivery_id, attempt_number, started_time, status_code, latency_ms, error,
        response_excerpt) values (?, ?, ?, ?, ?, ?, ?)`,
      [
        attempt.deliveryId,
        attempt.attemptNumber,
        attempt.startedTime,
        attempt.statusCode,
        attempt.latencyMs,
        attempt.error,
        attempt.responseExcerpt,
      ],
    );
    await finishDelivery(db, attempt.deliveryId, finish);
  }
}

/**
 * Hands claimed deliveries back unsent (their chain stopped before its lease ran out): due again at
 * once, and the claim's count of the attempt taken back.
 */
export async function releaseDeliveries(db: Executor, ids: string[]): Promise<void> {
  for (const id of ids) {
    await runRaw(
      db,
      `update webhook_deliveries set status = 'pending', lease_until = null, attempts = attempts - 1
       where id = ? and status = 'delivering'`,
      [id],
    );
  }
}

/** Sends a delivery again from its first attempt (the dashboard's and harness's "Redeliver"). */
export async function requeueDelivery(
  db: Executor,
  workspaceId: string,
  id: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("webhookDeliveries")
    .set({ status: "pending", attempts: 0, nextAttemptTime: now, leaseUntil: null, finishedTime: null })
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface DeliveryLogEntry extends WebhookDeliveryTable {
  tries: WebhookAttemptTable[];
}

/** The newest deliveries of a workspace (optionally one subscription), each with its attempts in order. */
export async function listDeliveries(
  db: Executor,
  filter: { workspaceId: string; subscriptionId?: string | undefined; limit: number },
): Promise<DeliveryLogEntry[]> {
  let query = db.selectFrom("webhookDeliveries").selectAll().where("workspaceId", "=", filter.workspaceId);
  if (filter.subscriptionId) query = query.where("subscriptionId", "=", filter.subscriptionId);
  const rows = await query
    .orderBy("createdTime", "desc")
    .orderBy("timestamp", "desc")
    .limit(filter.limit)
    .execute();
  if (rows.length === 0) return [];
  const attempts = await db
    .selectFrom("webhookAttempts")
    .selectAll()
    .where(
      "deliveryId",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("startedTime")
    .orderBy("attemptNumber")
    .execute();
  return rows.map((r) => ({
    ...r,
    attempts: Number(r.attempts),
    tries: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({ ...a, attemptNumber: Number(a.attemptNumber), latencyMs: Number(a.latencyMs) })),
  }));
}

/** Deliveries not yet finished, across workspaces (the bench and the shutdown drain read it). */
export async function countUnfinishedDeliveries(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("webhookDeliveries")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("status", "in", ["pending", "delivering"])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** What kind of webhook work is waiting; each kind costs a transaction, so a turn runs only those due. */
export interface WebhookWork {
  events: boolean;
  deliveries: boolean;
  verifications: boolean;
}

/**
 * Whether any event is due, any delivery is due, or any verification request waits: read without a
 * transaction, so an idle poll never takes SQLite's write lock from the API's writes.
 */
export async function webhookWorkDue(db: Executor, now: string): Promise<WebhookWork> {
  const rows = await readRows<{ events: number; deliveries: number; verifications: number }>(
    db,
    `select
       exists (select 1 from webhook_events where due_time <= ?) as events,
       exists (select 1 from webhook_deliveries where ((status = 'pending' and next_attempt_time <= ?)
         or (status = 'delivering' and lease_until <= ?))
         and subscription_id in (select id from webhook_subscriptions where status = 'active')) as deliveries,
       exists (select 1 from webhook_subscriptions where status = 'pending_verification'
         and verification_requested_time is not null and verification_sent_time is null) as verifications`,
    [now, now, now],
  );
  const row = rows[0];
  // SQLite answers 0/1, PostgreSQL booleans.
  return {
    events: Boolean(row?.events),
    deliveries: Boolean(row?.deliveries),
    verifications: Boolean(row?.verifications),
  };
}
