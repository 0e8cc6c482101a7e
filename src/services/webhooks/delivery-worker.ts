import { createHmac } from "node:crypto";
import type { WebhookAttemptTable, WebhookDeliveryTable } from "../../storage/schema.ts";
import { readJson } from "../../storage/schema.ts";
import {
  claimDeliveries,
  finishDeliveries,
  releaseDeliveries,
  webhookWorkDue,
} from "../../storage/webhook-outbox-repo.ts";
import { type WebhookSubscriptionRecord, findSubscription } from "../../storage/webhook-repo.ts";
import type { ServiceContext } from "../context.ts";
import { DISPATCH_BATCH, dispatchDueEvents } from "./dispatch-events.ts";
import { sendDueVerifications } from "./subscription-service.ts";
import type { WebhookPayload } from "./webhook-payload.ts";
import { MAX_ATTEMPTS, type WebhookSettings } from "./webhook-settings.ts";

export interface WebhookWorker {
  /** Looks for work now (after a write, or a finished send frees a slot). */
  wake(): void;
  /** Stops claiming and waits for the requests in flight. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** How often an idle worker looks for due events and deliveries (other processes write too). */
  pollMs?: number;
  /** Deliveries claimed and not yet finished at once in this process. */
  concurrency?: number;
  /**
   * Of those, at most this many claimed for one subscription, sent one at a time in order: a slow
   * endpoint holds up only its own events. A subscription's backlog goes out in claims of this size.
   */
  perSubscription?: number;
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body keyed by the verification token (the SDK's verifyWebhookSignature). */
export function signBody(body: string, token: string): string {
  return `sha256=${createHmac("sha256", token).update(body).digest("hex")}`;
}

/** One subscription's claimed deliveries, sent one after another in claim (timestamp) order. */
interface Chain {
  batches: { deliveries: WebhookDeliveryTable[]; leaseUntil: number }[];
  left: number;
  done: Promise<void>;
}

/**
 * The delivery loop of one process. Every turn it fans out due events, then claims as many due
 * deliveries as it has free slots, leasing each for longer than a request may take; a process killed
 * mid-send leaves the lease to run out and another process (or this one, restarted) sends it again with
 * the same event `id` and the next `attempt_number`.
 */
export function startWebhookWorker(
  ctx: ServiceContext,
  settings: WebhookSettings,
  options: WorkerOptions = {},
): WebhookWorker {
  const pollMs = options.pollMs ?? 50;
  const concurrency = options.concurrency ?? 512;
  const perSubscription = options.perSubscription ?? 256;
  // A chain asks for its next claim while this many are still to send, so it never runs dry waiting.
  const refillAt = Math.max(1, Math.floor(perSubscription / 4));
  const chains = new Map<string, Chain>();
  let stopped = false;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const total = () => [...chains.values()].reduce((a, c) => a + c.left, 0);

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void turn(), ms);
  };

  async function turn(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    let busy = false;
    try {
      // Most polls find nothing: a read says so without taking a transaction, and says which kind of
      // work waits, so a busy turn takes only the transactions it needs.
      const due = await webhookWorkDue(ctx.store.db, new Date().toISOString());
      if (due.verifications && (await sendDueVerifications(ctx, settings)) > 0) busy = true;
      if (due.events) while (!stopped && (await dispatchDueEvents(ctx)) >= DISPATCH_BATCH) busy = true;
      const free = concurrency - total();
      if (!stopped && free > 0 && (due.deliveries || due.events)) {
        const now = Date.now();
        // The lease covers a few requests timing out one after another; a chain never sends past it
        // (see `runChain`), so a long claim can't overlap another process's reclaim of the same rows.
        const leaseUntil = now + settings.timeoutMs * LEASE_REQUESTS + 30_000;
        const claimed = await ctx.store.transaction((trx) =>
          claimDeliveries(trx, ctx.store.dialect, {
            now: new Date(now).toISOString(),
            leaseUntil: new Date(leaseUntil).toISOString(),
            limit: Math.min(free, perSubscription),
            skipSubscriptions: [...chains].filter(([, c]) => c.left > refillAt).map(([id]) => id),
          }),
        );
        const bySubscription = new Map<string, WebhookDeliveryTable[]>();
        for (const d of claimed)
          bySubscription.set(d.subscriptionId, [...(bySubscription.get(d.subscriptionId) ?? []), d]);
        for (const [id, deliveries] of bySubscription) enqueue(id, deliveries, leaseUntil);
        if (claimed.length === Math.min(free, perSubscription)) busy = true;
      }
    } catch {
      // The database is closing or unreachable: try again at the next poll.
    } finally {
      running = false;
    }
    if (again || busy) {
      again = false;
      schedule(0);
    } else schedule(pollMs);
  }

  // Outcomes are written in batches, one transaction for many sends: on SQLite every transaction takes
  // the write lock the API's writes need. Until written, a delivery stays leased, so nobody resends it.
  let outcomes: Outcome[] = [];
  let released: string[] = [];
  let flushing: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    while (outcomes.length > 0 || released.length > 0) {
      const batch = outcomes;
      const unsent = released;
      outcomes = [];
      released = [];
      try {
        await ctx.store.transaction(async (trx) => {
          await finishDeliveries(trx, batch);
          await releaseDeliveries(trx, unsent);
        });
      } catch {
        // The database is closing or unreachable: the leases run out and the sends are retried.
      }
    }
    flushing = undefined;
  };
  const record = () => {
    // A short pause gathers the outcomes of many sends into one transaction.
    flushing ??= new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS)).then(flush);
  };

  function enqueue(subscriptionId: string, deliveries: WebhookDeliveryTable[], leaseUntil: number): void {
    const existing = chains.get(subscriptionId);
    if (existing) {
      existing.batches.push({ deliveries, leaseUntil });
      existing.left += deliveries.length;
      return;
    }
    const chain: Chain = {
      batches: [{ deliveries, leaseUntil }],
      left: deliveries.length,
      done: Promise.resolve(),
    };
    chains.set(subscriptionId, chain);
    chain.done = runChain(subscriptionId, chain)
      .catch(() => undefined)
      .finally(() => {
        if (chains.get(subscriptionId) === chain) chains.delete(subscriptionId);
        schedule(0);
      });
  }

  /**
   * Sends one subscription's claims one at a time, in order, reading the subscription once per claim
   * (not per send). Asks for the next claim before the chain runs dry. A delivery whose lease would
   * end before its request could time out is not sent but released with the rest of its claim:
   * another claim takes them again in order.
   */
  async function runChain(subscriptionId: string, chain: Chain): Promise<void> {
    while (chain.batches.length > 0) {
      const batch = chain.batches.shift() as Chain["batches"][number];
      const first = batch.deliveries[0] as WebhookDeliveryTable;
      const found = stopped
        ? undefined
        : await findSubscription(ctx.store.db, first.workspaceId, subscriptionId);
      // Paused since the claim: its deliveries wait for the resume.
      const subscription = found?.status === "active" ? found : undefined;
      for (let i = 0; i < batch.deliveries.length; i++) {
        const delivery = batch.deliveries[i] as WebhookDeliveryTable;
        if (!subscription || stopped || Date.now() + settings.timeoutMs > batch.leaseUntil) {
          // Deleted, stopping, or out of lease: hand back what's left of this claim and the later ones.
          const rest = [batch, ...chain.batches.splice(0)].flatMap((b, n) =>
            n === 0 ? b.deliveries.slice(i) : b.deliveries,
          );
          if (found || stopped) released.push(...rest.map((d) => d.id));
          chain.left = 0;
          chains.delete(subscriptionId);
          if (released.length > 0) record();
          return;
        }
        const outcome = await deliver(settings, subscription, delivery);
        outcomes.push(outcome);
        record();
        chain.left -= 1;
        if (chain.left === refillAt) schedule(0);
      }
    }
    // In the same synchronous step as the last check of `batches`: a claim arriving later starts a new chain.
    chains.delete(subscriptionId);
  }

  schedule(0);
  return {
    wake: () => schedule(0),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...chains.values()].map((c) => c.done));
      await flushing;
    },
  };
}

/** Requests a lease allows to time out one after another. */
const LEASE_REQUESTS = 8;
const EXCERPT = 500;
const FLUSH_MS = 25;

/** One attempt's log row and what becomes of the delivery. */
export interface Outcome {
  attempt: WebhookAttemptTable;
  finish: Pick<WebhookDeliveryTable, "status" | "nextAttemptTime" | "finishedTime">;
}

async function deliver(
  settings: WebhookSettings,
  subscription: Pick<WebhookSubscriptionRecord, "url" | "verificationToken">,
  delivery: WebhookDeliveryTable,
): Promise<Outcome> {
  const payload = readJson<WebhookPayload>(delivery.payload) as WebhookPayload;
  const attemptNumber = Math.min(delivery.attempts, MAX_ATTEMPTS);
  const body = settings.render(payload, attemptNumber);
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  let excerpt: string | null = null;
  try {
    const response = await settings.fetch(subscription.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Quire-Webhooks/1.0",
        "x-notion-signature": signBody(body, subscription.verificationToken),
      },
      body,
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: "manual",
    });
    statusCode = response.status;
    excerpt = (await response.text()).slice(0, EXCERPT);
  } catch (caught) {
    error =
      caught instanceof Error
        ? caught.cause instanceof Error
          ? caught.cause.message
          : caught.message
        : String(caught);
  }
  const finished = Date.now();
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const last = attemptNumber >= Math.min(MAX_ATTEMPTS, settings.retryScheduleMs.length + 1);
  const delay = settings.retryScheduleMs[attemptNumber - 1] ?? 0;
  return {
    attempt: {
      deliveryId: delivery.id,
      attemptNumber,
      startedTime: new Date(started).toISOString(),
      statusCode,
      latencyMs: finished - started,
      error,
      responseExcerpt: excerpt,
    },
    finish: {
      status: ok ? "delivered" : last ? "failed" : "pending",
      nextAttemptTime: new Date(finished + (ok || last ? 0 : delay)).toISOString(),
      finishedTime: ok || last ? new Date(finished).toISOString() : null,
    },
  };
}
