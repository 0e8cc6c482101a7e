import { resolve } from "node:path";
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from "./http/connections.ts";
import { type RateLimitConfig, parseRateLimit } from "./http/rate-limit.ts";
import { parsePlan } from "./http/rate-limit-windows.ts";
import { DEFAULT_REQUEST_LOG_SIZE } from "./harness/request-log.ts";
import { DEFAULT_SHUTDOWN_GRACE_MS } from "./http/graceful-close.ts";
import { networkList } from "./services/net/outbound-fetch.ts";
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  DEFAULT_WINDOW_MS,
  parseRetrySchedule,
  parseWindowMs,
} from "./services/webhooks/webhook-settings.ts";

/** Every setting, from flags first and then the environment. */
export interface Config {
  /** TCP port; 0 picks a free one. Flag `--port`, env `QUIRE_PORT`, default 7878. */
  port: number;
  /** Interface to bind. Flag `--host`, env `QUIRE_HOST`, default 127.0.0.1 (this machine only). */
  host: string;
  /** Where the embedded SQLite database lives. Flag `--data`, env `QUIRE_DATA_DIR`, default `./.quire`. */
  dataDir: string;
  /** PostgreSQL instead of SQLite. Flag `--database-url`, env `QUIRE_DATABASE_URL`. */
  databaseUrl: string | undefined;
  /** Base of the `url` fields in responses. Env `QUIRE_PUBLIC_URL`, default the listening address. */
  publicUrl: string | undefined;
  /** Log each request to stderr. Env `QUIRE_LOG=1`. */
  log: boolean;
  /** SQLite fsync policy: `normal` (survives a killed process) or `full` (also power loss). Env `QUIRE_SQLITE_SYNC`. */
  sqliteSync: "normal" | "full";
  /**
   * Rate limits: `notion` (Notion's current per-connection and per-workspace windows for the plan),
   * `average` (the older 3 requests/s with bursts of 180), a number of requests per second, or off (the
   * default). Flag `--rate-limit`, env `QUIRE_RATE_LIMIT`; the plan: flag `--plan`, env `QUIRE_PLAN`,
   * `free` (default), `plus`, `business` or `enterprise`.
   */
  rateLimit: RateLimitConfig | undefined;
  /**
   * The Free plan's workspace block limit (services/access/block-limit.ts). Flag `--block-limit`, env
   * `QUIRE_BLOCK_LIMIT=1`; off by default, and only with the Free plan.
   */
  blockLimit: boolean;
  /** How many requests the harness request log keeps. Env `QUIRE_REQUEST_LOG_SIZE`, default 1000. */
  requestLogSize: number;
  /**
   * What one client may hold (docs/limits.md). `bodyTimeoutMs`: seconds a request's headers and body
   * have to arrive in full, env `QUIRE_BODY_TIMEOUT`, default 30 (Node's own is 300). `idleTimeoutMs`:
   * seconds a connection may stay silent, during a request or kept alive between two, env
   * `QUIRE_IDLE_TIMEOUT`, default 60 (the SDK's request timeout). `maxConnectionsPerAddress`: open
   * connections per client address, env `QUIRE_MAX_CONNECTIONS_PER_ADDRESS`, default 256, 0 for no cap
   * (behind a reverse proxy every client shares the proxy's address).
   */
  connections: ConnectionLimits;
  /**
   * Webhook aggregation window in ms (`--webhook-window-ms`, env `QUIRE_WEBHOOK_WINDOW_MS`, default
   * 3000) and the delays before attempts 2, 3, … (`--webhook-retry-schedule-ms 200,400,…`, env
   * `QUIRE_WEBHOOK_RETRY_SCHEDULE_MS`; default about a day over 8 attempts). See docs/webhooks.md.
   */
  webhooks: { windowMs: number; retryScheduleMs: number[] };
  /**
   * Lets outbound fetches (external_url file imports) reach loopback, private and link-local addresses,
   * which they refuse otherwise (SSRF). Flag `--allow-private-network`, env `QUIRE_ALLOW_PRIVATE_NETWORK=1`;
   * on for `serve --harness` and startQuire().
   */
  allowPrivateNetwork: boolean;
  /**
   * Private ranges outbound fetches may reach although the rest stays refused, e.g. `10.0.4.0/24` for
   * an internal file server. Flag `--allow-network 10.0.4.0/24,127.0.0.1`, env `QUIRE_ALLOW_NETWORKS`.
   * Link-local and cloud metadata addresses stay refused whatever is allowed.
   */
  allowedNetworks: string[];
  /**
   * Where uploaded files' bytes live when they are files: default `<data dir>/files` on SQLite; on
   * PostgreSQL the database holds them unless this names a directory (one every process shares). Flag
   * `--blob-dir`, env `QUIRE_BLOB_DIR`. See docs/file-uploads.md.
   */
  blobDir: string | undefined;
  /**
   * Worker processes sharing the port (Node's cluster module): PostgreSQL, or SQLite for mostly reads.
   * Flag `--processes`, env `QUIRE_PROCESSES`, default 1 (no cluster). See docs/scale-out.md.
   */
  processes: number;
  /** PostgreSQL connections per process. Env `QUIRE_PG_POOL_SIZE`, default 10. */
  poolSize: number | undefined;
  /** PostgreSQL `statement_timeout`. Env `QUIRE_PG_STATEMENT_TIMEOUT` (seconds), default none. */
  statementTimeoutMs: number | undefined;
  /**
   * On SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are cut.
   * Env `QUIRE_SHUTDOWN_GRACE` (seconds), default 10.
   */
  shutdownGraceMs: number;
}

function poolSize(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > 1000)
    throw new Error(`Invalid QUIRE_PG_POOL_SIZE: ${text} (expected 1 to 1000)`);
  return size;
}

/** More workers than this on one machine only add contention for the database. */
const MAX_PROCESSES = 64;

function processCount(text: string | undefined): number {
  if (text === undefined || text === "") return 1;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PROCESSES)
    throw new Error(`Invalid process count: ${text} (expected 1 to ${MAX_PROCESSES})`);
  return count;
}

function secondsSetting(env: NodeJS.ProcessEnv, name: string, defaultMs: number): number {
  const text = env[name];
  if (!text) return defaultMs;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new Error(`Invalid ${name}: ${text} (expected seconds, more than 0 and at most 3600)`);
  }
  return Math.round(seconds * 1000);
}

function connectionLimits(env: NodeJS.ProcessEnv): ConnectionLimits {
  const capText = env.QUIRE_MAX_CONNECTIONS_PER_ADDRESS;
  const cap = capText ? Number(capText) : DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress;
  if (!Number.isInteger(cap) || cap < 0) {
    throw new Error(`Invalid QUIRE_MAX_CONNECTIONS_PER_ADDRESS: ${capText} (expected 0 or more)`);
  }
  return {
    bodyTimeoutMs: secondsSetting(env, "QUIRE_BODY_TIMEOUT", DEFAULT_CONNECTION_LIMITS.bodyTimeoutMs),
    idleTimeoutMs: secondsSetting(env, "QUIRE_IDLE_TIMEOUT", DEFAULT_CONNECTION_LIMITS.idleTimeoutMs),
    maxConnectionsPerAddress: cap,
  };
}

export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  data?: string | undefined;
  "database-url"?: string | undefined;
  "rate-limit"?: string | undefined;
  plan?: string | undefined;
  "block-limit"?: boolean | undefined;
  "webhook-window-ms"?: string | undefined;
  "webhook-retry-schedule-ms"?: string | undefined;
  "allow-private-network"?: boolean | undefined;
  "allow-network"?: string | undefined;
  "blob-dir"?: string | undefined;
  processes?: string | undefined;
}

export function loadConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const portText = flags.port ?? env.QUIRE_PORT ?? "7878";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${portText}`);
  const logSizeText = env.QUIRE_REQUEST_LOG_SIZE || String(DEFAULT_REQUEST_LOG_SIZE);
  const requestLogSize = Number(logSizeText);
  if (!Number.isInteger(requestLogSize) || requestLogSize < 1 || requestLogSize > 1_000_000) {
    throw new Error(`Invalid request log size: ${logSizeText}`);
  }
  const plan = parsePlan(flags.plan ?? (env.QUIRE_PLAN || undefined));
  const blockLimit = flags["block-limit"] === true || env.QUIRE_BLOCK_LIMIT === "1";
  if (blockLimit && plan !== "free")
    throw new Error(
      `--block-limit models the Free plan's block limit; the plan is ${plan}. Use --plan free.`,
    );
  return {
    port,
    host: flags.host ?? env.QUIRE_HOST ?? "127.0.0.1",
    dataDir: resolve(flags.data ?? env.QUIRE_DATA_DIR ?? ".quire"),
    databaseUrl: flags["database-url"] ?? (env.QUIRE_DATABASE_URL || undefined),
    publicUrl: env.QUIRE_PUBLIC_URL || undefined,
    log: env.QUIRE_LOG === "1",
    sqliteSync: env.QUIRE_SQLITE_SYNC === "full" ? "full" : "normal",
    rateLimit: parseRateLimit(flags["rate-limit"] ?? (env.QUIRE_RATE_LIMIT || undefined), plan),
    blockLimit,
    requestLogSize,
    connections: connectionLimits(env),
    webhooks: webhookConfig(flags, env),
    allowPrivateNetwork: flags["allow-private-network"] === true || env.QUIRE_ALLOW_PRIVATE_NETWORK === "1",
    allowedNetworks: allowedNetworks(flags["allow-network"] ?? env.QUIRE_ALLOW_NETWORKS),
    blobDir: blobDirOf(flags["blob-dir"] ?? env.QUIRE_BLOB_DIR),
    processes: processCount(flags.processes ?? env.QUIRE_PROCESSES),
    poolSize: poolSize(env.QUIRE_PG_POOL_SIZE),
    statementTimeoutMs: env.QUIRE_PG_STATEMENT_TIMEOUT
      ? secondsSetting(env, "QUIRE_PG_STATEMENT_TIMEOUT", 0)
      : undefined,
    shutdownGraceMs: secondsSetting(env, "QUIRE_SHUTDOWN_GRACE", DEFAULT_SHUTDOWN_GRACE_MS),
  };
}

function allowedNetworks(text: string | undefined): string[] {
  const ranges = (text ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  networkList(ranges); // throws naming a range that is not one
  return ranges;
}

function blobDirOf(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : resolve(text);
}

function webhookConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv): Config["webhooks"] {
  const windowText = flags["webhook-window-ms"] ?? (env.QUIRE_WEBHOOK_WINDOW_MS || undefined);
  const scheduleText =
    flags["webhook-retry-schedule-ms"] ?? (env.QUIRE_WEBHOOK_RETRY_SCHEDULE_MS || undefined);
  return {
    windowMs: windowText === undefined ? DEFAULT_WINDOW_MS : parseWindowMs(windowText),
    retryScheduleMs:
      scheduleText === undefined ? DEFAULT_RETRY_SCHEDULE_MS : parseRetrySchedule(scheduleText),
  };
}
