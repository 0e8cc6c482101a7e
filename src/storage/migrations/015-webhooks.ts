import type { Kysely } from "kysely";

/**
 * Webhooks (reference/webhooks). Three tables make the durable pipeline:
 * - `webhook_subscriptions`: one integration's endpoint, event types and payload version.
 * - `webhook_events`: the outbox. A write inserts its events in its own transaction, so an
 *   acknowledged write's events survive a crash; rapid edits to one page merge into one row until
 *   `due_time` (the aggregation window). A dispatcher turns each due event into deliveries and deletes it.
 * - `webhook_deliveries`: one event for one subscription, with its signed payload's fields, retry
 *   state and lease (claimed with FOR UPDATE SKIP LOCKED on PostgreSQL); `webhook_attempts` logs tries.
 */
export const webhooksMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("webhook_subscriptions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("integration_id", "text", (c) => c.notNull())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("event_types", "text", (c) => c.notNull())
      .addColumn("api_version", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("verification_token", "text", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("verified_time", "text")
      // The verification request is sent by a running server (whose SSRF rule applies), not by the
      // CLI process that created the subscription: requested → sent, with the receiver's answer.
      .addColumn("verification_requested_time", "text")
      .addColumn("verification_sent_time", "text")
      .addColumn("verification_status", "integer")
      .addColumn("verification_error", "text")
      .execute();
    await db.schema
      .createIndex("webhook_subscriptions_workspace")
      .on("webhook_subscriptions")
      .columns(["workspace_id", "status"])
      .execute();
    await db.schema
      .createTable("webhook_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("entity_id", "text", (c) => c.notNull())
      .addColumn("entity_type", "text", (c) => c.notNull())
      .addColumn("reach_id", "text", (c) => c.notNull())
      .addColumn("authors", "text", (c) => c.notNull())
      .addColumn("data", "text", (c) => c.notNull())
      .addColumn("timestamp", "text", (c) => c.notNull())
      .addColumn("due_time", "text", (c) => c.notNull())
      .addColumn("sort_key", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("webhook_events_due").on("webhook_events").columns(["due_time"]).execute();
    await db.schema
      .createIndex("webhook_events_merge")
      .on("webhook_events")
      .columns(["entity_id", "type"])
      .execute();
    await db.schema
      .createTable("webhook_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("subscription_id", "text", (c) => c.notNull())
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("timestamp", "text", (c) => c.notNull())
      .addColumn("sort_key", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("next_attempt_time", "text", (c) => c.notNull())
      .addColumn("lease_until", "text")
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("finished_time", "text")
      .execute();
    await db.schema
      .createIndex("webhook_deliveries_queue")
      .on("webhook_deliveries")
      .columns(["status", "next_attempt_time"])
      .execute();
    await db.schema
      .createIndex("webhook_deliveries_subscription")
      .on("webhook_deliveries")
      .columns(["subscription_id", "created_time"])
      .execute();
    await db.schema
      .createTable("webhook_attempts")
      .addColumn("delivery_id", "text", (c) => c.notNull())
      .addColumn("attempt_number", "integer", (c) => c.notNull())
      .addColumn("started_time", "text", (c) => c.notNull())
      .addColumn("status_code", "integer")
      .addColumn("latency_ms", "integer", (c) => c.notNull())
      .addColumn("error", "text")
      .addColumn("response_excerpt", "text")
      .addPrimaryKeyConstraint("webhook_attempts_pk", ["delivery_id", "attempt_number", "started_time"])
      .execute();
  },
};
