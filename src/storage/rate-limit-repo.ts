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

/** One counter to count a request in: its key and the length of its window in seconds. */
export interface WindowCounter {
  key: string;
  windowS: number;
}

/**
 * Counts one request in each counter's current fixed window, in one upsert timed by the database's
 * clock (so every process sharing a PostgreSQL database agrees): a window that has run its length starts
 * again at this request. Returns, per counter in the order given, the requests its window has seen
 * (this one included) and the seconds until it resets. Rows are locked in the order given, which every
 * caller keeps (connection, endpoint, workspace), so concurrent requests cannot deadlock.
 */
export async function countInWindows(
  db: Executor,
  counters: readonly WindowCounter[],
): Promise<{ used: number; resetS: number }[]> {
  const keys = counters.map((c) => c.key);
  const lengths = counters.map((c) => c.windowS);
  const now = sql`extract(epoch from now())::float8`;
  const expired = sql`w.started + w.window_s <= ${now}`;
  const { rows } = await sql<{ key: string; used: number; resetS: number }>`
    insert into rate_limit_windows as w (key, window_s, started, used)
    select k, l, ${now}, 1 from unnest(${keys}::text[], ${lengths}::float8[]) with ordinality as c(k, l, n)
    order by n
    on conflict (key) do update set
      window_s = excluded.window_s,
      used = case when ${expired} then 1 else w.used + 1 end,
      started = case when ${expired} then ${now} else w.started end
    returning key, used, started + window_s - ${now} as reset_s`.execute(db);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key) => {
    const row = byKey.get(key);
    return { used: Number(row?.used ?? 0), resetS: Number(row?.resetS ?? 0) };
  });
}
