import { type Kysely, sql } from "kysely";
import type { Dialect } from "../store.ts";

/**
 * Rate-limit buckets shared by every Quire process on one PostgreSQL (`quire serve --rate-limit`): one row
 * per caller holding the instant (epoch seconds) its bucket would be full again plus one interval, and the
 * last decision so an upsert can report it. SQLite means one process, which keeps its buckets in memory;
 * the table exists there too so both engines have one schema.
 */
export function rateLimitsMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Buckets are worth nothing after a crash, so PostgreSQL skips the WAL for them: a write-ahead log
      // flush per API request would cost more than the request itself.
      const table = dialect === "postgres" ? sql`unlogged table` : sql`table`;
      await sql`create ${table} rate_limit_buckets (
        key text primary key,
        tat double precision not null,
        allowed integer not null
      )`.execute(db);
    },
  };
}
