import { type Kysely, sql } from "kysely";
import type { Dialect } from "../store.ts";

/**
 * Fixed-window request counters for `quire serve --rate-limit notion` (developers.notion.com/reference/
 * request-limits: a budget per connection per 60-second window, one per workspace, some per endpoint),
 * shared by every Quire process on one PostgreSQL. One row per counter: when its window started (epoch
 * seconds), how long the window is, and how many requests it has seen. SQLite means one process, which
 * counts in memory; the table exists there too so both engines have one schema.
 */
export function rateLimitWindowsMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Counters are worth nothing after a crash: no write-ahead log flush per API request (as 008).
      const table = dialect === "postgres" ? sql`unlogged table` : sql`table`;
      await sql`create ${table} rate_limit_windows (
        key text primary key,
        window_s double precision not null,
        started double precision not null,
        used integer not null
      )`.execute(db);
    },
  };
}
