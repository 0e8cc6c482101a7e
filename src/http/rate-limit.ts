import { ApiError } from "../errors.ts";
import type { Store } from "../storage/store.ts";
import { takeFromBucket } from "../storage/rate-limit-repo.ts";
import {
  type Plan,
  type WindowLimits,
  MemoryWindowLimiter,
  PostgresWindowLimiter,
  notionWindowLimits,
} from "./rate-limit-windows.ts";
import {
  type RateLimitReason,
  type RateLimitRefusal,
  type RateLimitedCall,
  type RateLimiter,
  retryAfter,
} from "./rate-limit-types.ts";

export type { RateLimitReason, RateLimitRefusal, RateLimitedCall, RateLimiter } from "./rate-limit-types.ts";

/** The old model: a sustained rate with a burst allowance, a token bucket of `burst` refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** What `--rate-limit` chooses: the average-rate bucket (`average`, or N per second) or Notion's windows. */
export type RateLimitConfig = RateLimit | WindowLimits;

/**
 * Notion's older published limit ("an average of three requests per second" per connection, bursts
 * allowed): a bucket of 180 refilled at 3/s keeps that average and lets a minute's worth through at once.
 * Kept as `--rate-limit average` for suites written against it.
 */
export const NOTION_RATE_LIMIT: RateLimit = { perSecond: 3, burst: 180 };

/**
 * `notion` (Notion's current windows for `plan`), `average` (the older 3 requests/s with bursts of 180),
 * a number of requests per second (bursts up to one second's worth), or `off`.
 */
export function parseRateLimit(text: string | undefined, plan: Plan = "free"): RateLimitConfig | undefined {
  if (text === undefined || text === "" || text === "off") return undefined;
  if (text === "notion") return notionWindowLimits(plan);
  if (text === "average") return NOTION_RATE_LIMIT;
  const perSecond = Number(text);
  if (!Number.isFinite(perSecond) || perSecond <= 0) {
    throw new Error(
      `Invalid rate limit: ${text} (expected "notion", "average", "off" or requests per second)`,
    );
  }
  return { perSecond, burst: Math.max(1, Math.ceil(perSecond)) };
}

/** One line for the startup banner. */
export function describeRateLimit(limit: RateLimitConfig): string {
  if ("plan" in limit) {
    return (
      `Rate limit: Notion's ${limit.plan} plan, ${limit.connection.budget} requests per connection per ` +
      `${limit.connection.windowS} s, ${limit.workspace.budget} per workspace per ${limit.workspace.windowS} s`
    );
  }
  return `Rate limit: ${limit.perSecond} requests/s per connection, bursts of ${limit.burst}`;
}

/** Notion's 429 body (reference/request-limits); `Retry-After` travels as a header too. */
export function rateLimited(
  retryAfterSeconds: number,
  reason: RateLimitReason = "public_api_request_rate_limit",
): ApiError {
  return new ApiError("rate_limited", "You have been rate limited. Please try again in a few minutes.", {
    rate_limit_reason: reason,
    retry_after: String(retryAfterSeconds),
  });
}

const MAX_TRACKED_CALLERS = 10_000;

/**
 * One process's buckets, as a generic cell rate algorithm: each caller has a "theoretical arrival time"
 * that moves forward by one interval per request; a request is refused when that time is more than a
 * burst's worth of intervals ahead of now. Equivalent to a token bucket, with one number per caller.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly arrival = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(
    limit: RateLimit,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.intervalMs = 1000 / limit.perSecond;
    // Slack for the rounding of repeated additions (1000/3 does not add up to 1000 exactly).
    this.toleranceMs = (limit.burst - 1) * this.intervalMs + 1e-6;
  }

  take({ connection }: RateLimitedCall): Promise<RateLimitRefusal | null> {
    const now = this.nowMs();
    const start = Math.max(this.arrival.get(connection) ?? now, now);
    if (start - now > this.toleranceMs) return Promise.resolve(refusal(start - now - this.toleranceMs));
    if (this.arrival.size >= MAX_TRACKED_CALLERS) this.forgetIdle(now);
    this.arrival.set(connection, start + this.intervalMs);
    return Promise.resolve(null);
  }

  /** Callers whose bucket has refilled completely carry no state worth keeping. */
  private forgetIdle(now: number): void {
    for (const [key, at] of this.arrival) if (at <= now) this.arrival.delete(key);
  }
}

function refusal(waitMs: number): RateLimitRefusal {
  return { retryAfter: retryAfter(waitMs), reason: "public_api_request_rate_limit" };
}

/**
 * The same algorithm in PostgreSQL, so every Quire process sharing one database agrees on each caller's
 * budget (DESIGN.md, scale-out): one upsert per request, timed by the database's clock.
 */
export class PostgresRateLimiter implements RateLimiter {
  private readonly intervalS: number;
  private readonly toleranceS: number;

  constructor(
    private readonly store: Store,
    limit: RateLimit,
  ) {
    this.intervalS = 1 / limit.perSecond;
    this.toleranceS = (limit.burst - 1) * this.intervalS + 1e-9;
  }

  async take({ connection }: RateLimitedCall): Promise<RateLimitRefusal | null> {
    const row = await takeFromBucket(this.store.db, connection, this.intervalS, this.toleranceS);
    if (!row || row.allowed === 1) return null;
    return refusal(Number(row.waitS) * 1000);
  }
}

/** PostgreSQL keeps the counters when several processes may share it; SQLite means one process. */
export function createRateLimiter(store: Store, limit: RateLimitConfig | undefined): RateLimiter | undefined {
  if (!limit) return undefined;
  const shared = store.dialect === "postgres";
  if ("plan" in limit)
    return shared ? new PostgresWindowLimiter(store, limit) : new MemoryWindowLimiter(limit);
  return shared ? new PostgresRateLimiter(store, limit) : new MemoryRateLimiter(limit);
}
