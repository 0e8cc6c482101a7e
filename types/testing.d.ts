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
}

export declare function startQuire(options?: StartQuireOptions): Promise<Quire>;

export declare class SeedError extends Error {
  readonly issues: string[];
  constructor(issues: string[]);
}

export declare const DEMO_SEED: object;
