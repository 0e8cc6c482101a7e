import type { Kysely } from "kysely";

/**
 * Async tasks (reference/retrieve-async-task): one row per accepted `allow_async` write. The table is
 * also the work queue: a worker claims `queued` rows (FOR UPDATE SKIP LOCKED on PostgreSQL), so any
 * Quire process sharing the database can run a task, and a task survives the process that accepted it.
 */
export const asyncTasksMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("async_tasks")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("operation", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("result", "text")
      .addColumn("error", "text")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("updated_time", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("async_tasks_queue")
      .on("async_tasks")
      .columns(["status", "created_time"])
      .execute();
  },
};
