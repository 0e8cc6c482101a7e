import { sql } from "kysely";
import type { Executor } from "./executor.ts";

/**
 * One step of the generic cell rate algorithm on a caller's row of `rate_limit_buckets`, in one upsert
 * timed by the database's clock, so every process sharing a PostgreSQL database agrees. `allowed` is 1
 * when the request fits; `waitS` is then how far past the tolerance the caller's arrival time lies.
 */
export async function takeFromBucket(
  db: Executor,
  key: string,
  intervalS: number,
  toleranceS: number,
): Promise<{ allowed: number; waitS: number } | undefined> {
  const interval = sql`${intervalS}::float8`;
  const tolerance = sql`${toleranceS}::float8`;
  const now = sql`extract(epoch from now())::float8`;
  const start = sql`greatest(b.tat, ${now})`;
  const fits = sql`${start} - ${now} <= ${tolerance}`;
  const { rows } = await sql<{ allowed: number; waitS: number }>`
    insert into rate_limit_buckets as b (key, tat, allowed) values (${key}, ${now} + ${interval}, 1)
    on conflict (key) do update set
      allowed = case when ${fits} then 1 else 0 end,
      tat = case when ${fits} then ${start} + ${interval} else b.tat end
    returning allowed, tat - ${now} - ${tolerance} as wait_s`.execute(db);
  return rows[0];
}
