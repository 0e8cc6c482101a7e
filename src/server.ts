import { FREE_PLAN_BLOCK_LIMIT } from "./services/access/block-limit.ts";
import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createRateLimiter, describeRateLimit } from "./http/rate-limit.ts";
import type { ServiceContext } from "./services/context.ts";
import { type DataDirLock, lockDataDir } from "./storage/data-dir-lock.ts";
import { type Store, migrate, openStore } from "./storage/store.ts";
import { servePrimary, serveWorker } from "./serve-cluster.ts";
import { createPersonalToken, ensureDefaultWorkspace } from "./services/identity/workspace-service.ts";
import { ensureOwnerAccount } from "./services/identity/account-service.ts";
import { HarnessClock } from "./harness/clock.ts";
import { startHarness } from "./harness/serve-harness.ts";
import { applySeed } from "./services/seed/apply-seed.ts";
import { DEMO_SEED } from "./services/seed/demo-seed.ts";
import { readSeed } from "./services/seed/seed-format.ts";
import { startWebhookWorker } from "./services/webhooks/delivery-worker.ts";
import { webhookSettings } from "./webhook-runtime.ts";
import type { WebhookSettings } from "./services/webhooks/webhook-settings.ts";
import { closeGracefully } from "./http/graceful-close.ts";

function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

export interface ServeOptions {
  /** Mount the developer harness (`/__quire/*`); its token comes from QUIRE_HARNESS_TOKEN or is minted. */
  harness?: boolean | undefined;
  /** Skip the demo content a new workspace otherwise starts with. */
  noDemo?: boolean | undefined;
  /** Start even though another server holds the SQLite data directory. */
  allowSharedData?: boolean | undefined;
}

/**
 * A second server on one SQLite directory is most often a mistake (an old one still running, a test
 * runner starting its own): say so, and who holds it, before touching the database.
 */
export function claimDataDir(dataDir: string, allowShared: boolean | undefined): DataDirLock | undefined {
  const claim = lockDataDir(dataDir);
  if ("release" in claim) return claim;
  const holder = claim.heldBy;
  const who = holder
    ? `pid ${holder.pid}${holder.url ? ` on ${holder.url}` : ""}, started ${holder.startedTime}`
    : "it has not said who it is yet";
  const found = `Another Quire server is serving ${dataDir} (${who}).`;
  const why =
    "On SQLite, servers sharing a directory take turns for every write: a second one adds no write " +
    "throughput, and its writes wait for the first's (up to 10 s, then 409 conflict_error). Several " +
    "processes on one workspace need PostgreSQL (--database-url). CLI commands such as `quire token`, " +
    "`quire share` and `quire seed` work beside the running server as they are.";
  if (!allowShared) throw new Error(`${found}\n${why}\nPass --allow-shared-data to start anyway.`);
  console.warn(`${found} Starting anyway (--allow-shared-data).\n${why}`);
  return undefined;
}

interface Serving {
  store: Store;
  ctx: ServiceContext;
  clock: HarnessClock;
  webhooks: WebhookSettings;
}

/** The database brought up to date, with the context every service is called with. */
export async function openServing(config: Config, options: ServeOptions = {}): Promise<Serving> {
  const serving = servingContext(config, options);
  await migrate(serving.store);
  return serving;
}

/** The store and the context every service is called with; a cluster worker's, whose primary migrated. */
export function servingContext(config: Config, options: ServeOptions = {}): Serving {
  const store = openStore({
    dataDir: config.dataDir,
    blobDir: config.blobDir,
    url: config.databaseUrl,
    sqliteSync: config.sqliteSync,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
  });
  const clock = new HarnessClock();
  const allowPrivateNetwork = config.allowPrivateNetwork || options.harness === true;
  const webhooks = webhookSettings(config.webhooks, { allowPrivateNetwork });
  const ctx: ServiceContext = {
    store,
    clock: () => clock.now(),
    publicUrl: config.publicUrl ?? "",
    webhooks,
    allowPrivateNetwork,
    allowedNetworks: config.allowedNetworks,
  };
  return { store, ctx, clock, webhooks };
}

export function listeningUrl(config: Config, port: number): string {
  return `http://${displayHost(config.host)}:${port}`;
}

/**
 * What a new server says once it listens: where, on which store, the demo content, and for a new
 * workspace its first token and the owner's sign-in. The demo is written here, after the address is
 * known, because its links carry it.
 */
export async function announceServing(
  ctx: ServiceContext,
  config: Config,
  options: ServeOptions,
  started: {
    url: string;
    workspace: { id: string; name: string };
    owner: Parameters<typeof ensureOwnerAccount>[1];
    created: boolean;
    token: string | undefined;
    harness?: { announce(url: string): void } | undefined;
    processes?: number;
  },
): Promise<void> {
  const { url, workspace, owner, created, token } = started;
  // A new user's first look should show real content; a harness run starts empty.
  const demo =
    created && !options.harness && !options.noDemo
      ? await applySeed(ctx, { workspaceId: workspace.id, ownerId: owner.id }, readSeed(DEMO_SEED))
      : undefined;
  console.log(`Listening on ${url}`);
  if (started.processes) console.log(`${started.processes} worker processes share the port`);
  if (config.rateLimit) {
    console.log(describeRateLimit(config.rateLimit));
  }
  if (config.blockLimit) {
    const { lifetimeBlocks, graceMs } = FREE_PLAN_BLOCK_LIMIT;
    console.log(
      `Block limit: the Free plan's ${lifetimeBlocks.toLocaleString("en-US")} blocks per workspace with more than one member, ` +
        `then ${graceMs / 86_400_000} days of grace, for internal integrations`,
    );
  }
  console.log(
    `Workspace "${workspace.name}" on ${config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`}`,
  );
  started.harness?.announce(url);
  if (demo?.ids["welcome"]) {
    console.log(
      `Added demo content: the "Welcome to Quire" page (${demo.ids["welcome"]}) and its Projects and Tasks.`,
    );
  }
  if (token) {
    console.log(
      `\nA new workspace was created. Personal access token for ${owner.name ?? "the owner"}:\n\n  ${token}\n`,
    );
    console.log("Use it with the official SDK:\n");
    console.log(`  import { Client } from "@notionhq/client";`);
    console.log(`  const notion = new Client({ auth: "${token}", baseUrl: "${ctx.publicUrl}" });`);
    console.log(`  console.log(await notion.users.me({}));\n`);
  } else {
    console.log("Run `npx quire token` for a new personal access token.");
  }
  const signIn = await ensureOwnerAccount(ctx, owner);
  if (signIn) {
    console.log(`Sign in at ${ctx.publicUrl}/sign-in as the owner (the password is shown only now):\n`);
    console.log(`  email:    ${signIn.email}\n  password: ${signIn.password}\n`);
  }
}

/** The workspace a server serves, created with its first personal token when the database is new. */
export async function serveWorkspace(ctx: ServiceContext) {
  const { owner, workspace, created } = await ensureDefaultWorkspace(ctx);
  const token = created ? await createPersonalToken(ctx, workspace.id, owner.id) : undefined;
  return { owner, workspace, created, token };
}

/** Runs the server in the foreground until SIGINT/SIGTERM; `--processes N` runs N workers under a primary. */
export async function serve(config: Config, options: ServeOptions = {}): Promise<void> {
  if (cluster.isWorker) return serveWorker(config);
  if (config.processes > 1) return servePrimary(config, options);
  const lock = config.databaseUrl ? undefined : claimDataDir(config.dataDir, options.allowSharedData);
  const { store, ctx, clock, webhooks } = await openServing(config, options);
  const started = await serveWorkspace(ctx);
  const harness = await startHarness(ctx, clock, options.harness, config.requestLogSize);
  const app = createApp(ctx, {
    logger: config.log,
    harness: harness?.options,
    rateLimiter: createRateLimiter(store, config.rateLimit),
    blockLimit: config.blockLimit ? FREE_PLAN_BLOCK_LIMIT : undefined,
    connections: config.connections,
  });
  await app.listen({ port: config.port, host: config.host });
  const webhookWorker = startWebhookWorker(ctx, webhooks);
  ctx.webhookWorker = webhookWorker;
  const { port } = app.server.address() as AddressInfo;
  const url = listeningUrl(config, port);
  ctx.publicUrl = config.publicUrl ?? url;
  lock?.announce(url);
  await announceServing(ctx, config, options, { ...started, url, harness });
  const shutdown = async () => {
    await closeGracefully(app, config.shutdownGraceMs);
    await webhookWorker.stop();
    await store.close();
    lock?.release();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}
