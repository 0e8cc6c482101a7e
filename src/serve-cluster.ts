import { FREE_PLAN_BLOCK_LIMIT } from "./services/access/block-limit.ts";
import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createRateLimiter } from "./http/rate-limit.ts";
import { retirementOf } from "./http/retirement.ts";
import { startWebhookWorker } from "./services/webhooks/delivery-worker.ts";
import {
  type ServeOptions,
  announceServing,
  claimDataDir,
  listeningUrl,
  openServing,
  servingContext,
  serveWorkspace,
} from "./server.ts";

/** The message a worker gets when it should finish what it serves and exit. */
const SHUTDOWN = "quire:shutdown";
/** A retiring worker's word that it stopped listening, and the primary's answer (see `drained`). */
const STOPPED_LISTENING = "quire:stopped-listening";
const NO_MORE_CONNECTIONS = "quire:no-more-connections";
/** A replaced worker that still serves after this long is killed. */
const SHUTDOWN_GRACE_MS = 30_000;
/** Crashes closer together than this wait before the worker is forked again, so a crash loop idles. */
const CRASH_WINDOW_MS = 1000;

/**
 * What several processes cannot share, refused before anything starts: everything a worker keeps must
 * live in the database, or each worker would answer differently.
 */
function refuseUnshareable(config: Config, options: ServeOptions): void {
  if (options.harness) {
    throw new Error(
      "--harness keeps its clock, faults and request log in one process's memory: run it with --processes 1.",
    );
  }
  if (config.rateLimit && !config.databaseUrl) {
    throw new Error(
      "--rate-limit on SQLite counts requests in one process's memory: with --processes, use PostgreSQL " +
        "(--database-url), whose buckets every process shares.",
    );
  }
}

/**
 * `quire serve --processes N`: this primary migrates the database, makes the workspace, forks N workers
 * that share the listening port (Node's cluster module hands each new connection to the next worker),
 * and answers for them: a worker that dies is replaced, SIGHUP replaces every worker one at a time
 * (each new one listens before its predecessor stops taking connections and finishes what it serves),
 * and SIGINT/SIGTERM stop them all the same graceful way.
 */
export async function servePrimary(config: Config, options: ServeOptions): Promise<void> {
  refuseUnshareable(config, options);
  const lock = config.databaseUrl ? undefined : claimDataDir(config.dataDir, options.allowSharedData);
  const { store, ctx } = await openServing(config);
  const started = await serveWorkspace(ctx);
  const workers = new Set<Worker>();
  const retiring = new WeakSet<Worker>();
  const listening = new WeakSet<Worker>();
  let stopping = false;
  // Until every first worker listens, a worker that exits is a failure to start, not a crash.
  let running = false;
  let lastCrash = 0;

  const fork = async (): Promise<{ worker: Worker; port: number }> => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.on("message", (message) => {
      if (message === STOPPED_LISTENING) worker.send(NO_MORE_CONNECTIONS);
    });
    worker.once("exit", (code, signal) => {
      workers.delete(worker);
      if (stopping || !running || retiring.has(worker)) return;
      console.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
      const wait = Date.now() - lastCrash < CRASH_WINDOW_MS ? CRASH_WINDOW_MS : 0;
      lastCrash = Date.now();
      setTimeout(() => void fork().catch((error: unknown) => console.error(error)), wait);
    });
    // Settles once: an exit long after listening (a later crash, a retirement) rejects nothing.
    const port = await new Promise<number>((resolve, reject) => {
      worker.once("listening", (address: AddressInfo) => {
        listening.add(worker);
        resolve(address.port);
      });
      worker.once("exit", () => reject(new Error(`Worker ${worker.process.pid} exited before it listened.`)));
    });
    return { worker, port };
  };

  const retire = async (worker: Worker): Promise<void> => {
    retiring.add(worker);
    const exited = once(worker, "exit");
    // One still starting serves nothing yet and listens to no message: a signal ends it at once.
    if (listening.has(worker)) worker.send(SHUTDOWN);
    else worker.process.kill("SIGTERM");
    const timer = setTimeout(() => worker.process.kill("SIGKILL"), SHUTDOWN_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  let first: { port: number };
  try {
    first = await fork();
    for (let i = 1; i < config.processes; i++) await fork();
  } catch (error) {
    stopping = true;
    for (const worker of workers) worker.process.kill("SIGTERM");
    await store.close();
    lock?.release();
    throw error;
  }
  running = true;

  let restarting = false;
  process.on("SIGHUP", () => {
    if (restarting || stopping) return;
    restarting = true;
    console.log(`Restarting ${workers.size} workers one at a time.`);
    void (async () => {
      for (const old of [...workers]) {
        await fork();
        await retire(old);
      }
      console.log(`Restarted ${config.processes} workers.`);
    })()
      .catch((error: unknown) => console.error(error))
      .finally(() => (restarting = false));
  });
  const shutdown = async () => {
    stopping = true;
    await Promise.all([...workers].map(retire));
    lock?.release();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  // Only now, with every signal handled: whoever reads "Listening on" may signal at once.
  const url = listeningUrl(config, first.port);
  ctx.publicUrl = config.publicUrl ?? url;
  lock?.announce(url);
  await announceServing(ctx, config, options, { ...started, url, processes: config.processes });
  // The workers serve every request; the primary keeps no connection the pool size must count.
  await store.close();
}

/**
 * Resolves once the primary will hand this worker no more connections. The primary passes each new
 * connection over the IPC channel and keeps its own copy until the worker acknowledges it; one still in
 * the channel when the worker exits is never acknowledged, so its client waits forever. The worker stops
 * listening first (the cluster module tells the primary), then asks: the answer comes after every
 * connection the primary sent before it learnt, each of which this worker has by then handed back.
 */
function drained(): Promise<void> {
  if (!process.send || !process.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      process.off("message", onMessage);
      process.off("disconnect", done);
      resolve();
    };
    const onMessage = (message: unknown) => {
      if (message === NO_MORE_CONNECTIONS) done();
    };
    process.on("message", onMessage);
    // A primary that is gone hands out nothing more.
    process.once("disconnect", done);
    process.send?.(STOPPED_LISTENING);
  });
}

/**
 * One worker: the app on the database the primary prepared, listening on the shared port. It stops
 * when the primary says so, or on a signal of its own (a terminal's Ctrl-C reaches every process).
 */
export async function serveWorker(config: Config): Promise<void> {
  const { store, ctx, webhooks } = servingContext(config);
  const app = createApp(ctx, {
    logger: config.log,
    rateLimiter: createRateLimiter(store, config.rateLimit),
    blockLimit: config.blockLimit ? FREE_PLAN_BLOCK_LIMIT : undefined,
    connections: config.connections,
    // A request that reaches a retiring worker on a kept-alive connection is served, not refused.
    serveWhileClosing: true,
  });
  const retirement = retirementOf(app.server);
  await app.listen({ port: config.port, host: config.host });
  // Every worker delivers webhooks; each delivery is claimed by one (FOR UPDATE SKIP LOCKED).
  const webhookWorker = startWebhookWorker(ctx, webhooks);
  ctx.webhookWorker = webhookWorker;
  const { port } = app.server.address() as AddressInfo;
  ctx.publicUrl = config.publicUrl ?? listeningUrl(config, port);
  let closing: Promise<void> | undefined;
  const stop = () => {
    closing ??= (async () => {
      const retired = retirement.retire();
      await drained();
      await retired;
      await app.close();
      await webhookWorker.stop();
      await store.close();
      process.exit(0);
    })();
  };
  process.on("message", (message) => {
    if (message === SHUTDOWN) stop();
  });
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
