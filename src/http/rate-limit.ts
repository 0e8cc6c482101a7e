import { ApiError } from "../errors.ts";
import type { Store } from "../storage/store.ts";
import { takeFromBucket } from "../storage/rate-limit-repo.ts";

/** A sustained rate with a burst allowance: a token bucket of `burst` tokens refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * Notion's published limit (reference/request-limits): "an average of three requests per second" per
 * connection, with bursts allowed; the current page puts it as 180 requests per minute. A bucket of 180
 * refilled at 3/s keeps that average and lets a minute's worth through at once.
 */
export const NOTION_RATE_LIMIT: RateLimit = { perSecond: 3, burst: 180 };

/** `notion`, `off`, or a number of requests per second (bursts up to one second's worth). */
export function parseRateLimit(text: string | undefined): RateLimit | undefined {
  if (text === undefined || text === "" || text === "off") return undefined;
  if (text === "notion") return NOTION_RATE_LIMIT;
  const perSecond = Number(text);
  if (!Number.isFinite(perSecond) || perSecond <= 0) {
    throw new Error(`Invalid rate limit: ${text} (expected "notion", "off" or requests per second)`);
  }
  return { perSecond, burst: Math.max(1, Math.ceil(perSecond)) };
}

/** Takes one request from a caller's bucket: `null` when it may proceed, else the seconds to wait. */
export interface RateLimiter {
  take(key: string): Promise<number | null>;
}

/** Notion's 429 body (reference/request-limits); `Retry-After` travels as a header too. */
export function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError("rate_limited", "You have been rate limited. Please try again in a few minutes.", {
    rate_limit_reason: "public_api_request_rate_limit",
    retry_after: String(retryAfterSeconds),
  });
}

/** Whole seconds, at least one: Notion sends integers and a zero would invite an immediate retry. */
function retryAfter(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
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

  take(key: string): Promise<number | null> {
    const now = this.nowMs();
    const start = Math.max(this.arrival.get(key) ?? now, now);
    if (start - now > this.toleranceMs) return Promise.resolve(retryAfter(start - now - this.toleranceMs));
    if (this.arrival.size >= MAX_TRACKED_CALLERS) this.forgetIdle(now);
    this.arrival.set(key, start + this.intervalMs);
    return Promise.resolve(null);
  }

  /** Callers whose bucket has refilled completely carry no state worth keeping. */
  private forgetIdle(now: number): void {
    for (const [key, at] of this.arrival) if (at <= now) this.arrival.delete(key);
  }
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

  async take(key: string): Promise<number | null> {
    const row = await takeFromBucket(this.store.db, key, this.intervalS, this.toleranceS);
    if (!row || row.allowed === 1) return null;
    return retryAfter(Number(row.waitS) * 1000);
  }
}

/** PostgreSQL keeps the buckets when several processes may share it; SQLite means one process. */
export function createRateLimiter(store: Store, limit: RateLimit | undefined): RateLimiter | undefined {
  if (!limit) return undefined;
  return store.dialect === "postgres" ? new PostgresRateLimiter(store, limit) : new MemoryRateLimiter(limit);
}
