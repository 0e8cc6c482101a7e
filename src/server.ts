import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createRateLimiter } from "./http/rate-limit.ts";
import type { ServiceContext } from "./services/context.ts";
import { type DataDirLock, lockDataDir } from "./storage/data-dir-lock.ts";
import { migrate, openStore } from "./storage/store.ts";
import { createPersonalToken, ensureDefaultWorkspace } from "./services/identity/workspace-service.ts";
import { ensureOwnerAccount } from "./services/identity/account-service.ts";
import { HarnessClock } from "./harness/clock.ts";
import { startHarness } from "./harness/serve-harness.ts";
import { applySeed } from "./services/seed/apply-seed.ts";
import { DEMO_SEED } from "./services/seed/demo-seed.ts";
import { readSeed } from "./services/seed/seed-format.ts";
import { startWebhookWorker } from "./services/webhooks/delivery-worker.ts";
import { webhookSettings } from "./webhook-runtime.ts";

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
function claimDataDir(dataDir: string, allowShared: boolean | undefined): DataDirLock | undefined {
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

/** Runs the server in the foreground until SIGINT/SIGTERM. */
export async function serve(config: Config, options: ServeOptions = {}): Promise<void> {
  const lock = config.databaseUrl ? undefined : claimDataDir(config.dataDir, options.allowSharedData);
  const store = openStore({
    dataDir: config.dataDir,
    url: config.databaseUrl,
    sqliteSync: config.sqliteSync,
  });
  await migrate(store);
  const clock = new HarnessClock();
  const allowPrivateNetwork = config.allowPrivateNetwork || options.harness === true;
  const webhooks = webhookSettings(config.webhooks, { allowPrivateNetwork });
  const ctx: ServiceContext = {
    store,
    clock: () => clock.now(),
    publicUrl: config.publicUrl ?? "",
    webhooks,
    allowPrivateNetwork,
  };
  const { owner, workspace, created } = await ensureDefaultWorkspace(ctx);
  const token = created ? await createPersonalToken(ctx, workspace.id, owner.id) : undefined;
  const harness = await startHarness(ctx, clock, options.harness, config.requestLogSize);
  const app = createApp(ctx, {
    logger: config.log,
    harness: harness?.options,
    rateLimiter: createRateLimiter(store, config.rateLimit),
    connections: config.connections,
  });
  await app.listen({ port: config.port, host: config.host });
  const webhookWorker = startWebhookWorker(ctx, webhooks);
  ctx.webhookWorker = webhookWorker;
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${displayHost(config.host)}:${port}`;
  ctx.publicUrl = config.publicUrl ?? url;
  lock?.announce(url);
  // A new user's first look should show real content; a harness run starts empty.
  const demo =
    created && !options.harness && !options.noDemo
      ? await applySeed(ctx, { workspaceId: workspace.id, ownerId: owner.id }, readSeed(DEMO_SEED))
      : undefined;
  console.log(`Listening on ${url}`);
  if (config.rateLimit) {
    console.log(
      `Rate limit: ${config.rateLimit.perSecond} requests/s per connection, bursts of ${config.rateLimit.burst}`,
    );
  }
  console.log(
    `Workspace "${workspace.name}" on ${config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`}`,
  );
  harness?.announce(url);
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
  const shutdown = async () => {
    await app.close();
    await webhookWorker.stop();
    await store.close();
    lock?.release();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}
