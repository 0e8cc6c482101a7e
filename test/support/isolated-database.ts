import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type Store, migrate, openStore } from "../../src/storage/store.ts";
import { type TestServer, startTestServer } from "./quire.ts";
import { testDatabaseOptions } from "./test-database.ts";

/**
 * A database no other test file sees, for tests that change its schema. On PostgreSQL every test file
 * shares the run's database (docs/testing.md), so this is a schema of its own (through `search_path`);
 * on SQLite every database is its own file anyway.
 */
export async function openIsolated(): Promise<{ store: Store; drop: () => Promise<void> }> {
  const options = testDatabaseOptions();
  if (!options.url) return { store: openStore(options), drop: () => Promise.resolve() };
  const schema = `query_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema "${schema}"`);
  const url = new URL(options.url);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    store: openStore({ ...options, url: url.toString() }),
    drop: () => admin(`drop schema if exists "${schema}" cascade`),
  };
}

/**
 * A test server on an isolated database for the whole file (tests that change the schema), started
 * before its tests and closed after them; `server()` is the running one.
 */
export function isolatedServer(): { server: () => TestServer } {
  let running: TestServer | undefined;
  let drop: () => Promise<void> = () => Promise.resolve();
  beforeAll(async () => {
    const isolated = await openIsolated();
    drop = isolated.drop;
    await migrate(isolated.store);
    running = await startTestServer({ store: isolated.store });
  });
  afterAll(async () => {
    await running?.close();
    await drop();
  });
  return {
    server: () => {
      if (!running) throw new Error("the isolated server starts in beforeAll");
      return running;
    },
  };
}
