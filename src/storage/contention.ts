import { setTimeout as sleep } from "node:timers/promises";
import { ConflictError } from "../errors.ts";

/**
 * How long a SQLite write waits for another process (a second server, `quire seed`, `quire token`) to
 * let go of the file before it answers 409. Matches the busy timeout the connections had before.
 */
export const DEFAULT_LOCK_WAIT_MS = 10_000;

/** Transactions PostgreSQL rolled back as a deadlock victim or a serialization failure run this often at most. */
export const MAX_TRANSACTION_ATTEMPTS = 5;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** SQLITE_BUSY and its extended codes (`_SNAPSHOT`, `_RECOVERY`, `_TIMEOUT`): another connection has the lock. */
export function isSqliteBusy(error: unknown): boolean {
  return codeOf(error)?.startsWith("SQLITE_BUSY") ?? false;
}

/**
 * PostgreSQL's `deadlock_detected` (40P01) and `serialization_failure` (40001): the server rolled the
 * transaction back and documents that running it again may succeed (PostgreSQL manual, 13.4 and
 * Appendix A).
 */
const POSTGRES_RETRYABLE = new Set(["40P01", "40001"]);

/** The error a caller should see: lock contention becomes Notion's 409, anything else passes through. */
export function asConflict(error: unknown): unknown {
  if (error instanceof ConflictError) return error;
  const code = codeOf(error);
  if (code !== undefined && POSTGRES_RETRYABLE.has(code))
    return new ConflictError(`PostgreSQL ${code}`, true);
  if (isSqliteBusy(error)) return new ConflictError(code ?? "SQLITE_BUSY", false);
  return error;
}

/** Doubling waits from `baseMs` up to `capMs`, with jitter so that competing processes fall out of step. */
function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** attempt) * (0.5 + Math.random());
}

/**
 * The longest pause between two tries for a SQLite lock (with its jitter). Long work pauses for more
 * than this between its transactions (see `takeTurns`), so a waiting process always finds the gap.
 */
export const MAX_LOCK_POLL_MS = 7.5;

/**
 * Runs `attempt` (a `BEGIN IMMEDIATE`, or one write outside a transaction) on a SQLite connection that
 * has no busy timeout of its own, trying again while another process holds the write lock. Waiting here
 * rather than in SQLite's busy handler keeps this process's event loop free: it goes on serving reads,
 * which WAL never blocks. Gives up after `waitMs` with a 409.
 */
export async function whileBusy<T>(attempt: () => T | Promise<T>, waitMs: number): Promise<T> {
  const deadline = performance.now() + waitMs;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      if (performance.now() >= deadline) {
        throw new ConflictError(`SQLite write lock still held by another process after ${waitMs} ms`, false);
      }
      await sleep(backoffMs(n, 1, MAX_LOCK_POLL_MS / 1.5));
    }
  }
}

/**
 * PostgreSQL: runs a whole transaction again when the server rolled it back to break a deadlock or a
 * serialization conflict, a bounded number of times, then answers 409. `transaction` must be safe to
 * run again: it does nothing outside the database (services keep side effects after the commit).
 */
export async function retryConflicts<T>(
  transaction: () => Promise<T>,
  attempts = MAX_TRANSACTION_ATTEMPTS,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await transaction();
    } catch (error) {
      const mapped = asConflict(error);
      if (!(mapped instanceof ConflictError) || !mapped.retryable || n >= attempts) throw mapped;
      await sleep(backoffMs(n, 5, 100));
    }
  }
}

/** Wall time a long job on SQLite works between two pauses, and how long it pauses (see `takeTurns`). */
const TURN_MS = 50;
const PAUSE_MS = Math.ceil(MAX_LOCK_POLL_MS) + 3;

/**
 * For processes that run long work as many transactions back to back (`quire seed`, `quire import`):
 * called before each transaction, it pauses every `TURN_MS` for longer than a waiting process polls,
 * so a server on the same SQLite file gets the write lock in between instead of waiting out the whole
 * job (SQLite's locks are not queued: whoever asks right after a commit wins). Costs such a job about
 * a fifth of its speed; PostgreSQL locks rows, not the file, and does not need it.
 */
export function takeTurns(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < TURN_MS) return;
    await sleep(PAUSE_MS);
    since = performance.now();
  };
}
