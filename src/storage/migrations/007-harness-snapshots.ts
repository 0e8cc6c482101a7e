import type { Kysely } from "kysely";

/**
 * Named copies of the whole database for the developer harness (`quire snapshot save NAME`,
 * `POST /__quire/snapshots`). They live in the database itself so that every process on one PostgreSQL,
 * and the CLI next to a running server, sees the same snapshots.
 */
export const harnessSnapshotsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("harness_snapshots")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("data", "text", (c) => c.notNull())
      .execute();
  },
};
