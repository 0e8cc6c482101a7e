import type { Store } from "../storage/store.ts";
import { type WindowCounter, countInWindows } from "../storage/rate-limit-repo.ts";
import {
  type RateLimitReason,
  type RateLimitRefusal,
  type RateLimitedCall,
  type RateLimiter,
  retryAfter,
} from "./rate-limit-types.ts";

/**
 * Notion's current rate limits (developers.notion.com/reference/request-limits, "Rate limits"): each
 * connection has "a fixed budget of requests per 60-second window, based on the workspace's plan" that
 * "can be spent at any pace within the window — spread out evenly or in a single burst", and its
 * `Retry-After` "is the time until the window resets, so it is at most 60 seconds"; "a separate limit is
 * shared across all of the workspace's connections and scaled to the workspace's plan", whose
 * `Retry-After` "can be longer than a minute"; and "some endpoints also have their own limit". Each
 * refusal names the limit in `additional_data.rate_limit_reason`.
 */
export type Plan = "free" | "plus" | "business" | "enterprise";
export const PLANS: readonly Plan[] = ["free", "plus", "business", "enterprise"];

/** A budget of requests per fixed window that starts with the first request counted in it. */
export interface RateWindow {
  budget: number;
  windowS: number;
}

export interface WindowLimits {
  plan: Plan;
  connection: RateWindow;
  workspace: RateWindow;
  /** Budgets per connection for single endpoints, keyed as the route is registered: `GET /v1/pages/:page_id`. */
  endpoints: Readonly<Record<string, RateWindow>>;
}

/**
 * The per-connection budgets are Notion's: 180 requests per minute on every plan but Business and
 * Enterprise, 600 on those (request-limits, as of the 2026 page). Notion publishes neither the
 * per-workspace figures nor which endpoints have a limit of their own, so Quire's choices are these: a
 * five-minute workspace window holding what five connections could send at full speed (so a workspace
 * limit is only reached by several connections together, and its `Retry-After` can exceed a minute,
 * as Notion's may), and no endpoint limits unless configured (docs/harness.md says how).
 */
export function notionWindowLimits(
  plan: Plan,
  endpoints: Readonly<Record<string, RateWindow>> = {},
): WindowLimits {
  const perMinute = plan === "business" || plan === "enterprise" ? 600 : 180;
  return {
    plan,
    connection: { budget: perMinute, windowS: 60 },
    workspace: { budget: perMinute * 5 * 5, windowS: 300 },
    endpoints,
  };
}

export function parsePlan(text: string | undefined): Plan {
  if (text === undefined || text === "") return "free";
  if ((PLANS as readonly string[]).includes(text)) return text as Plan;
  throw new Error(`Invalid plan: ${text} (expected ${PLANS.join(", ")})`);
}

interface Counted {
  window: RateWindow;
  reason: RateLimitReason;
  counter: WindowCounter;
}

/** The counters one request is counted in, always in the same order (connection, endpoint, workspace). */
function countersFor(limits: WindowLimits, call: RateLimitedCall): Counted[] {
  const counted: Counted[] = [
    {
      window: limits.connection,
      reason: "public_api_request_rate_limit",
      counter: { key: `c:${call.connection}`, windowS: limits.connection.windowS },
    },
  ];
  const endpoint = limits.endpoints[call.endpoint];
  if (endpoint) {
    counted.push({
      window: endpoint,
      reason: "public_api_endpoint_rate_limit",
      counter: { key: `e:${call.connection}:${call.endpoint}`, windowS: endpoint.windowS },
    });
  }
  counted.push({
    window: limits.workspace,
    reason: "public_api_space_request_rate_limit",
    counter: { key: `w:${call.workspace}`, windowS: limits.workspace.windowS },
  });
  return counted;
}

/**
 * Every request counts, refused ones included (as a fixed window counts arrivals); of the limits a
 * request exceeds, the one that resets last is named, since its `Retry-After` is the wait that works.
 */
function verdict(counted: Counted[], results: { used: number; resetS: number }[]): RateLimitRefusal | null {
  let worst: RateLimitRefusal | null = null;
  counted.forEach((c, i) => {
    const result = results[i];
    if (!result || result.used <= c.window.budget) return;
    const wait = retryAfter(result.resetS * 1000);
    if (!worst || wait > worst.retryAfter) worst = { retryAfter: wait, reason: c.reason };
  });
  return worst;
}

const MAX_TRACKED_COUNTERS = 10_000;

/** One process's windows (SQLite: one process serves the data directory). */
export class MemoryWindowLimiter implements RateLimiter {
  private readonly windows = new Map<string, { started: number; windowS: number; used: number }>();

  constructor(
    private readonly limits: WindowLimits,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  take(call: RateLimitedCall): Promise<RateLimitRefusal | null> {
    const now = this.nowMs() / 1000;
    if (this.windows.size >= MAX_TRACKED_COUNTERS) this.forgetExpired(now);
    const counted = countersFor(this.limits, call);
    const results = counted.map(({ counter }) => {
      let window = this.windows.get(counter.key);
      if (!window)
        this.windows.set(counter.key, (window = { started: now, windowS: counter.windowS, used: 0 }));
      else if (window.started + window.windowS <= now) Object.assign(window, { started: now, used: 0 });
      window.used++;
      return { used: window.used, resetS: window.started + window.windowS - now };
    });
    return Promise.resolve(verdict(counted, results));
  }

  private forgetExpired(now: number): void {
    for (const [key, w] of this.windows) if (w.started + w.windowS <= now) this.windows.delete(key);
  }
}

/** The same windows in PostgreSQL, shared by every process on it: one upsert per request. */
export class PostgresWindowLimiter implements RateLimiter {
  constructor(
    private readonly store: Store,
    private readonly limits: WindowLimits,
  ) {}

  async take(call: RateLimitedCall): Promise<RateLimitRefusal | null> {
    const counted = countersFor(this.limits, call);
    const results = await countInWindows(
      this.store.db,
      counted.map((c) => c.counter),
    );
    return verdict(counted, results);
  }
}
