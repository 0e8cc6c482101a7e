import type { Kysely } from "kysely";

/**
 * Rate-limit buckets shared by every Quire process on one PostgreSQL (`quire serve --rate-limit`): one row
 * per caller holding the instant (epoch seconds) its bucket would be full again plus one interval, and the
 * last decision so an upsert can report it. SQLite means one process, which keeps its buckets in memory;
 * the table exists there too so both engines have one schema.
 */
export const rateLimitsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("rate_limit_buckets")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("tat", "double precision", (c) => c.notNull())
      .addColumn("allowed", "integer", (c) => c.notNull())
      .execute();
  },
};
