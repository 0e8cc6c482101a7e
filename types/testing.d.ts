// Types of `quire-server/testing` for consumers (scripts/build.js compiles the code to dist/ and copies
// this file to dist/testing.d.cts for `require`). Kept equal to src/testing/index.ts by
// test/package/declared-types.ts, which `tsc --noEmit` checks in both directions.
import type { Client } from "@notionhq/client";

export type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

export type Capability =
  "read" | "update" | "insert" | "read_comments" | "insert_comments" | "user_info" | "user_info_email";

export interface StartQuireOptions {
  /** A seed file (`.yaml`, `.yml`, `.json`) or a seed object, applied before the baseline is taken. */
  seed?: string | object | undefined;
  /** A PostgreSQL URL; each instance gets its own schema. Default: a temporary SQLite file. */
  databaseUrl?: string | undefined;
  /** Mounts the `/__quire/*` harness API (default true). */
  harness?: boolean | undefined;
  /** Webhook aggregation window in ms (default 3000; 0 sends every change as its own event). */
  webhookWindowMs?: number | undefined;
  /** Delays in ms before webhook attempts 2, 3, … (default about a day over 8 attempts). */
  webhookRetryScheduleMs?: number[] | undefined;
}

export interface SeedResult {
  /** Seed key → id of the page, database or row. */
  ids: Record<string, string>;
  /** Database key → id of its data source. */
  dataSources: Record<string, string>;
  /** User key (or email) → user id. */
  users: Record<string, string>;
  /** Integration name → its token. */
  integrations: Record<string, string>;
}

/** The server's clock: every timestamp Quire writes reads it. */
export interface QuireClock {
  now(): Date;
  readonly frozen: boolean;
  freeze(at?: Date): void;
  advance(ms: number): void;
  resume(): void;
  reset(): void;
}

export type FaultAction =
  | "rate_limited"
  | "service_overload"
  | "internal_server_error"
  | "bad_gateway"
  | "service_unavailable"
  | "gateway_timeout"
  | "latency"
  | "drop_connection";

/** A fault rule, in the same shape as `POST /__quire/faults` (docs/harness.md). */
export interface FaultRuleRequest {
  method?: string | undefined;
  path: string;
  action: FaultAction;
  retry_after?: number | undefined;
  latency_ms?: number | undefined;
  message?: string | undefined;
  times?: number | null | undefined;
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

/** A webhook subscription, as `quire webhook create` prints it. */
export interface WebhookSubscription {
  object: "webhook_subscription";
  id: string;
  integration_id: string;
  integration_name: string;
  url: string;
  event_types: string[];
  api_version: string;
  status: "pending_verification" | "active" | "paused";
  created_time: string;
  verified_time: string | null;
}

/** One event for one subscription in the delivery log (`GET /__quire/webhooks/deliveries`). */
export interface WebhookDelivery {
  id: string;
  subscription_id: string;
  type: string;
  timestamp: string;
  status: "pending" | "delivering" | "delivered" | "failed";
  attempts: number;
  next_attempt_time: string | null;
  created_time: string;
  finished_time: string | null;
  payload: Record<string, unknown>;
  attempt_log: {
    attempt_number: number;
    started_time: string;
    status_code: number | null;
    latency_ms: number;
    error: string | null;
    response_excerpt: string | null;
  }[];
}

export interface WebhookRequest {
  integration: string;
  url: string;
  event_types?: string[] | undefined;
  api_version?: string | undefined;
}

export interface WaitForWebhookOptions {
  timeoutMs?: number | undefined;
  status?: "delivered" | "failed" | undefined;
  subscriptionId?: string | undefined;
}

export interface Quire {
  url: string;
  token: string;
  harnessToken: string | undefined;
  clock: QuireClock;
  seeded: SeedResult;
  client(options?: ClientOptions): Client;
  integration(name: string, options?: { capabilities?: Capability[]; share?: string[] }): Promise<string>;
  fault(rule: FaultRuleRequest): string;
  clearFaults(): void;
  requests(): LoggedRequest[];
  reset(): Promise<void>;
  seed(seed: string | object): Promise<SeedResult>;
  snapshot(name: string): Promise<void>;
  restore(name: string): Promise<void>;
  close(): Promise<void>;
  /** Creates a webhook subscription; Quire POSTs its verification token to `url`. */
  webhook(request: WebhookRequest): Promise<WebhookSubscription>;
  verifyWebhook(subscriptionId: string, token: string): Promise<WebhookSubscription>;
  /** The delivery log, oldest first. */
  webhookDeliveries(filter?: { type?: string; subscriptionId?: string }): Promise<WebhookDelivery[]>;
  /** Resolves with the first delivery of `type` that reached `status` (default `delivered`). */
  waitForWebhook(type: string, options?: WaitForWebhookOptions): Promise<WebhookDelivery>;
}

export declare function startQuire(options?: StartQuireOptions): Promise<Quire>;

export declare class SeedError extends Error {
  readonly issues: string[];
  constructor(issues: string[]);
}

export declare const DEMO_SEED: object;
