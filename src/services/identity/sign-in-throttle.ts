import { setTimeout as sleep } from "node:timers/promises";
import { countFailure, deleteExpiredFailures, findFailureRows } from "../../storage/account-repo.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Web sign-in throttling. Failures are counted per email, per client address and for everyone; past a
 * key's free failures its attempts are spaced out, each waiting its turn, with the spacing doubling up
 * to a ceiling. An attempt is only ever delayed, then its password is checked: a lock on the email
 * would let anyone lock the owner out with five wrong passwords, which is what OWASP's authentication
 * cheat sheet warns against and why identity servers (Auth0's brute-force protection, Keycloak's wait
 * increments) throttle the source of the failures instead. Only while attempts arrive faster than the
 * spacing lets them through (a flood in progress) does an attempt get "try again in N seconds"
 * without a check, since the queue may not grow without bound.
 */
export interface ThrottleRule {
  /** Failures within the window that cost nothing. */
  free: number;
  /** The spacing after the first failure past `free`; it doubles with each further one. */
  baseMs: number;
  /** The spacing's ceiling. */
  maxMs: number;
}

export interface SignInThrottlePolicy {
  /** Failures for one email (guessing one person's password). */
  email: ThrottleRule;
  /** Failures from one client address (spraying many emails). */
  address: ThrottleRule;
  /** Failures across the server (spraying from many addresses). */
  everyone: ThrottleRule;
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** The longest an attempt waits for its turn before it is told to come back. */
  maxWaitMs: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottlePolicy = {
  email: { free: 5, baseMs: 1_000, maxMs: 10_000 },
  address: { free: 10, baseMs: 1_000, maxMs: 10_000 },
  everyone: { free: 100, baseMs: 100, maxMs: 1_000 },
  windowMs: 60 * 60_000,
  maxWaitMs: 15_000,
};

/** Told to come back later: attempts for this email, address or server are arriving too fast. */
export class SignInThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many sign-in attempts right now. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
    );
  }
}

/** The throttle keys of one attempt; an email always contains "@", so the prefixes cannot collide. */
export interface AttemptKeys {
  email: string;
  address: string;
  everyone: string;
}

const EVERYONE = "*";

function spacing(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(30, failures - rule.free));
}

export interface SignInThrottle {
  /** Waits for the attempt's turn (or throws `SignInThrottled`); returns its keys. */
  admit(ctx: ServiceContext, email: string, address: string): Promise<AttemptKeys>;
  /** Counts a wrong password (or an unknown email) against every key of the attempt. */
  failed(ctx: ServiceContext, keys: AttemptKeys): Promise<void>;
}

/**
 * One throttle per app. Counts live in the database (every process of a scale-out deployment sees the
 * same failures); the turns are kept in this process, which is what spaces out its own attempts.
 */
export function createSignInThrottle(overrides: Partial<SignInThrottlePolicy> = {}): SignInThrottle {
  const policy = { ...DEFAULT_SIGN_IN_THROTTLE, ...overrides };
  // Key → the earliest wall-clock instant its next attempt may start.
  const nextTurn = new Map<string, number>();

  const forgetPastTurns = (now: number) => {
    if (nextTurn.size < 1_000) return;
    for (const [key, at] of nextTurn) if (at <= now) nextTurn.delete(key);
  };

  return {
    async admit(ctx, email, address) {
      const keys: AttemptKeys = { email, address: `ip:${address}`, everyone: EVERYONE };
      const windowStart = new Date(ctx.clock().getTime() - policy.windowMs).toISOString();
      const rows = await findFailureRows(ctx.store.db, [keys.email, keys.address, keys.everyone]);
      const failuresOf = (key: string) => {
        const row = rows.find((r) => r.key === key);
        return row && row.firstFailureTime >= windowStart ? row.failures : 0;
      };
      const spaced = [
        { key: keys.email, ms: spacing(policy.email, failuresOf(keys.email)) },
        { key: keys.address, ms: spacing(policy.address, failuresOf(keys.address)) },
        { key: keys.everyone, ms: spacing(policy.everyone, failuresOf(keys.everyone)) },
      ].filter((s) => s.ms > 0);
      // From here to the reservation nothing awaits, so two attempts in this process never take one turn.
      const now = Date.now();
      const start = Math.max(now, ...spaced.map((s) => nextTurn.get(s.key) ?? 0));
      const wait = start - now;
      if (wait > policy.maxWaitMs) throw new SignInThrottled(Math.max(1, Math.ceil(wait / 1000)));
      for (const s of spaced) nextTurn.set(s.key, start + s.ms);
      forgetPastTurns(now);
      if (wait > 0) await sleep(wait);
      return keys;
    },

    async failed(ctx, keys) {
      const now = ctx.clock();
      const nowIso = now.toISOString();
      const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
      const db = ctx.store.db;
      await countFailure(db, keys.email, nowIso, windowStart);
      await countFailure(db, keys.address, nowIso, windowStart);
      // The server-wide count restarts once per window: the moment to drop everyone's stale rows.
      if ((await countFailure(db, keys.everyone, nowIso, windowStart)) === 1) {
        await deleteExpiredFailures(db, windowStart);
      }
    },
  };
}
