import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Store, openStore } from "../../src/storage/store.ts";
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
