// Types of `quire/testing` for consumers (the package itself runs from TypeScript source; see
// scripts/build-testing.js). Kept equal to src/testing/index.ts by test/package/declared-types.ts,
// which `tsc --noEmit` checks in both directions.
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

export interface Quire {
  url: string;
  token: string;
  harnessToken: string | undefined;
  clock: QuireClock;
  seeded: SeedResult;
  client(options?: ClientOptions): Client;
  integration(name: string, options?: { capabilities?: Capability[]; share?: string[] }): Promise<string>;
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
