import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@notionhq/client";
import { createApp } from "../app.ts";
import { HarnessClock } from "../harness/clock.ts";
import { parseFaultRule } from "../harness/fault-routes.ts";
import { type FaultAction, FaultStore } from "../harness/faults.ts";
import { presentRequestLogEntry } from "../harness/request-log-routes.ts";
import { RequestLog } from "../harness/request-log.ts";
import { type SeedResult, applySeed } from "../services/seed/apply-seed.ts";
import { loadSeed } from "../services/seed/load-seed.ts";
import { seedWorkspace } from "../services/seed/seed-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { captureBaseline, resetState, restoreSnapshot, saveSnapshot } from "../harness/state-service.ts";
import { type Capability, DEFAULT_CAPABILITIES } from "../services/access/viewer.ts";
import {
  createIntegration,
  createPersonalToken,
  ensureDefaultWorkspace,
  shareWithIntegration,
} from "../services/identity/workspace-service.ts";
import { type Store, migrate, openStore } from "../storage/store.ts";
import { loadPg } from "../storage/drivers.ts";
import { type WebhookWorker, startWebhookWorker } from "../services/webhooks/delivery-worker.ts";
import { webhookSettings } from "../webhook-runtime.ts";
import { type WebhookHelpers, webhookHelpers } from "./webhook-helpers.ts";

export interface StartQuireOptions {
  /** A seed file (`.yaml`, `.yml`, `.json`) or a seed object, applied before the baseline is taken. */
  seed?: string | object | undefined;
  /**
   * A PostgreSQL URL. Each instance gets its own schema in that database, dropped by `close()`. Without
   * it, each instance gets its own SQLite file in a temporary directory.
   */
  databaseUrl?: string | undefined;
  /** Mounts the `/__quire/*` harness API (default true); its token is `harnessToken`. */
  harness?: boolean | undefined;
  /** Webhook aggregation window in ms (default 3000; 0 sends every change as its own event). */
  webhookWindowMs?: number | undefined;
  /** Delays in ms before webhook attempts 2, 3, … (default about a day over 8 attempts). */
  webhookRetryScheduleMs?: number[] | undefined;
}

/** What tests may do with the server's clock. */
export type QuireClock = Pick<HarnessClock, "now" | "frozen" | "freeze" | "advance" | "resume" | "reset">;

/** A fault rule, in the same shape as `POST /__quire/faults` (docs/harness.md). */
export interface FaultRuleRequest {
  /** An HTTP method; any method when left out. */
  method?: string | undefined;
  /** A glob over the URL path: `*` is one segment, `**` any number (`/v1/pages/*`). */
  path: string;
  action: FaultAction;
  /** `rate_limited`: the `Retry-After` seconds (default 1). */
  retry_after?: number | undefined;
  /** `latency`: how long to hold each matching request. */
  latency_ms?: number | undefined;
  message?: string | undefined;
  /** How many matching requests it applies to (default 1); `null` for every one. */
  times?: number | null | undefined;
  /** The chance that a matching request is affected (default 1). */
  probability?: number | undefined;
}

/** One request the server answered, as `GET /__quire/requests` lists it (secrets redacted). */
export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  notion_version: string | null;
  integration: { id: string; name: string } | null;
  status: number | null;
  duration_ms: number;
  fault: string | null;
  request_body: unknown;
  response_body: unknown;
}

export interface Quire extends WebhookHelpers {
  /** Base URL for any Notion client: `new Client({ auth: quire.token, baseUrl: quire.url })`. */
  url: string;
  /** A personal access token of the workspace owner: sees and may do everything. */
  token: string;
  /** Token for the `/__quire/*` harness API; undefined when started with `harness: false`. */
  harnessToken: string | undefined;
  /** The server's clock: `freeze()`, `advance(ms)`, `resume()`. Every timestamp Quire writes reads it. */
  clock: QuireClock;
  /** What the startup seed created: `ids` by seed key, `dataSources` by database key, tokens by name. */
  seeded: SeedResult;
  /** An `@notionhq/client` Client for this server, as the owner unless `auth` is given. */
  client(options?: ClientOptions): Client;
  /** Creates an internal integration, shares the given pages or databases with it, and returns its token. */
  integration(name: string, options?: { capabilities?: Capability[]; share?: string[] }): Promise<string>;
  /** Makes matching requests misbehave (429, 529, 5xx, latency, a dropped connection); returns the rule id. */
  fault(rule: FaultRuleRequest): string;
  /** Removes every fault rule. */
  clearFaults(): void;
  /** The API requests answered so far, oldest first (the latest 1,000). */
  requests(): LoggedRequest[];
  /** Back to the state right after start (startup seed included; same ids and tokens), clock included. */
  reset(): Promise<void>;
  /** Applies a seed file or object on top of the current state. */
  seed(seed: string | object): Promise<SeedResult>;
  /** Saves the whole state under `name`. */
  snapshot(name: string): Promise<void>;
  /** Returns to a saved state. */
  restore(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Options of `new Client(…)`; `auth` and `baseUrl` default to this server and its owner token. */
export type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

type ClientConstructor = new (options?: ClientOptions) => Client;

/** The consumer's own `@notionhq/client`, if installed; `client()` needs it, nothing else does. */
async function findClient(): Promise<ClientConstructor | undefined> {
  try {
    return (await import("@notionhq/client")).Client;
  } catch {
    return undefined;
  }
}

/** An isolated database: a temporary SQLite file, or a new schema of the given PostgreSQL database. */
async function ephemeralStore(url: string | undefined): Promise<{ store: Store; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-"));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (!url) {
    return {
      store: openStore({ dataDir }),
      drop: async () => removeDir(),
    };
  }
  const schema = `quire_${randomBytes(8).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new (loadPg().Client)({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  return {
    store: openStore({ dataDir, url: scoped.toString() }),
    drop: async () => {
      removeDir();
      await admin(`drop schema ${schema} cascade`);
    },
  };
}

/**
 * Starts Quire in this process on its own ephemeral database and a free port. Each call is isolated
 * from every other, so test files can run in parallel with one instance each.
 */
export async function startQuire(options: StartQuireOptions = {}): Promise<Quire> {
  const seedInput = options.seed === undefined ? undefined : await loadSeed(options.seed);
  const { store, drop } = await ephemeralStore(options.databaseUrl);
  const clock = new HarnessClock();
  const webhooks = webhookSettings({
    ...(options.webhookWindowMs !== undefined ? { windowMs: options.webhookWindowMs } : {}),
    ...(options.webhookRetryScheduleMs ? { retryScheduleMs: options.webhookRetryScheduleMs } : {}),
  });
  // Tests import files from servers they start on this machine.
  const ctx: ServiceContext = {
    store,
    clock: () => clock.now(),
    publicUrl: "",
    allowPrivateNetwork: true,
    webhooks,
  };
  const harnessToken = options.harness === false ? undefined : `qh_${randomBytes(24).toString("hex")}`;
  const faults = new FaultStore();
  const requestLog = new RequestLog();
  let app: ReturnType<typeof createApp> | undefined;
  let worker: WebhookWorker | undefined;
  try {
    await migrate(store);
    const { workspace, owner } = await ensureDefaultWorkspace(ctx);
    const token = await createPersonalToken(ctx, workspace.id, owner.id);
    app = createApp(ctx, {
      harness: harnessToken ? { token: harnessToken, clock, faults, requestLog } : undefined,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    ctx.publicUrl = url;
    worker = startWebhookWorker(ctx, webhooks);
    ctx.webhookWorker = worker;
    const target = { workspaceId: workspace.id, ownerId: owner.id };
    const seeded = seedInput
      ? await applySeed(ctx, target, seedInput)
      : { ids: {}, dataSources: {}, users: { owner: owner.id }, integrations: {} };
    await captureBaseline(ctx, "everything");
    const NotionClient = await findClient();
    const server = app;
    return {
      url,
      token,
      harnessToken,
      clock,
      seeded,
      client: (clientOptions = {}) => {
        if (!NotionClient)
          throw new Error("quire.client() needs @notionhq/client: npm install -D @notionhq/client");
        return new NotionClient({ auth: token, baseUrl: url, ...clientOptions });
      },
      integration: async (name, { capabilities, share = [] } = {}) => {
        const created = await createIntegration(ctx, workspace.id, {
          name,
          capabilities: capabilities ?? DEFAULT_CAPABILITIES,
          ownerUserId: owner.id,
        });
        for (const id of share) await shareWithIntegration(ctx, workspace.id, name, id);
        return created.token;
      },
      fault: (rule) => faults.add(parseFaultRule(rule)).id,
      clearFaults: () => faults.clear(),
      requests: () =>
        requestLog.entries().map((entry) => {
          const view = presentRequestLogEntry(entry);
          return {
            method: view.method,
            path: view.path,
            query: view.query,
            notion_version: view.notion_version,
            integration: view.integration,
            status: view.status,
            duration_ms: view.duration_ms,
            fault: view.fault,
            request_body: view.request_body,
            response_body: view.response_body,
          };
        }),
      reset: async () => {
        await resetState(ctx);
        clock.reset();
        faults.clear();
        requestLog.clear();
      },
      seed: async (seed) => seedWorkspace(ctx, target, await loadSeed(seed)),
      snapshot: async (name) => {
        await saveSnapshot(ctx, name);
      },
      restore: (name) => restoreSnapshot(ctx, name),
      ...webhookHelpers(ctx, workspace.id),
      close: async () => {
        const closing = server.close();
        // A test ends with its requests: close() must not wait on a connection one left busy (a
        // request its client never finished), which app.close() alone would.
        server.server.closeAllConnections();
        await closing;
        await worker?.stop();
        await store.close();
        await drop();
      },
    };
  } catch (error) {
    await worker?.stop();
    await app?.close();
    await store.close();
    await drop();
    throw error;
  }
}
