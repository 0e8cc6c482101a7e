import { createHmac } from "node:crypto";
import type { WebhookAttemptTable, WebhookDeliveryTable } from "../../storage/schema.ts";
import { readJson } from "../../storage/schema.ts";
import { claimDeliveries, finishDeliveries, webhookWorkDue } from "../../storage/webhook-outbox-repo.ts";
import { findSubscription } from "../../storage/webhook-repo.ts";
import type { ServiceContext } from "../context.ts";
import { dispatchDueEvents } from "./dispatch-events.ts";
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
  /** Requests in flight at once in this process. */
  concurrency?: number;
  /**
   * Of those, at most this many claimed for one subscription, sent one at a time in order: a slow
   * endpoint holds up only its own events.
   */
  perSubscription?: number;
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body keyed by the verification token (the SDK's verifyWebhookSignature). */
export function signBody(body: string, token: string): string {
  return `sha256=${createHmac("sha256", token).update(body).digest("hex")}`;
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
  const concurrency = options.concurrency ?? 64;
  const perSubscription = options.perSubscription ?? 8;
  const inFlight = new Map<string, number>();
  const sends = new Set<Promise<void>>();
  let stopped = false;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const total = () => [...inFlight.values()].reduce((a, b) => a + b, 0);

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
      // Most polls find nothing: a read says so without taking a transaction.
      if (await webhookWorkDue(ctx.store.db, new Date().toISOString())) {
        if ((await sendDueVerifications(ctx, settings)) > 0) busy = true;
        while (!stopped && (await dispatchDueEvents(ctx)) > 0) busy = true;
        const free = concurrency - total();
        if (!stopped && free > 0) {
          const now = Date.now();
          const claimed = await ctx.store.transaction((trx) =>
            claimDeliveries(trx, ctx.store.dialect, {
              now: new Date(now).toISOString(),
              // Long enough for a subscription's whole chain to time out, one request after another.
              leaseUntil: new Date(now + settings.timeoutMs * perSubscription + 30_000).toISOString(),
              limit: free,
              skipSubscriptions: [...inFlight].filter(([, n]) => n >= perSubscription).map(([id]) => id),
            }),
          );
          for (const delivery of claimed) start(delivery);
          if (claimed.length === free) busy = true;
        }
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
  let flushing: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    while (outcomes.length > 0) {
      const batch = outcomes;
      outcomes = [];
      try {
        await ctx.store.transaction((trx) => finishDeliveries(trx, batch));
      } catch {
        // The database is closing or unreachable: the leases run out and the sends are retried.
      }
    }
    flushing = undefined;
  };
  const record = (outcome: Outcome) => {
    outcomes.push(outcome);
    // A short pause gathers the outcomes of many sends into one transaction.
    flushing ??= new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS)).then(flush);
  };

  // One chain per subscription: its deliveries go out one after another in claim (timestamp) order,
  // while other subscriptions' chains run beside it.
  const chains = new Map<string, Promise<void>>();

  function start(delivery: WebhookDeliveryTable): void {
    inFlight.set(delivery.subscriptionId, (inFlight.get(delivery.subscriptionId) ?? 0) + 1);
    const previous = chains.get(delivery.subscriptionId) ?? Promise.resolve();
    const send = previous
      .then(() => deliver(ctx, settings, delivery))
      .then((outcome) => outcome && record(outcome))
      .catch(() => undefined)
      .finally(() => {
        if (chains.get(delivery.subscriptionId) === send) chains.delete(delivery.subscriptionId);
        const left = (inFlight.get(delivery.subscriptionId) ?? 1) - 1;
        if (left > 0) inFlight.set(delivery.subscriptionId, left);
        else inFlight.delete(delivery.subscriptionId);
        sends.delete(send);
        // Claim more when a subscription's chain runs dry, not after every send: each turn is a
        // transaction or two, which on SQLite wait for the write lock beside the API's writes.
        if (left === 0) schedule(0);
      });
    chains.set(delivery.subscriptionId, send);
    sends.add(send);
  }

  schedule(0);
  return {
    wake: () => schedule(0),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...sends]);
      await flushing;
    },
  };
}

const EXCERPT = 500;
const FLUSH_MS = 25;

/** One attempt's log row and what becomes of the delivery. */
export interface Outcome {
  attempt: WebhookAttemptTable;
  finish: Pick<WebhookDeliveryTable, "status" | "nextAttemptTime" | "finishedTime">;
}

async function deliver(
  ctx: ServiceContext,
  settings: WebhookSettings,
  delivery: WebhookDeliveryTable,
): Promise<Outcome | undefined> {
  const subscription = await findSubscription(ctx.store.db, delivery.workspaceId, delivery.subscriptionId);
  if (!subscription) return undefined; // Deleted meanwhile; its deliveries went with it.
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
