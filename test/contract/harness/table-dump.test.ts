import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type Store, migrate, openStore } from "../../../src/storage/store.ts";
import { dumpTables, parseDump, restoreTables, serializeDump } from "../../../src/storage/sql-dump.ts";
import { tableLayout } from "../../../src/storage/sql-tables.ts";
import { testDatabaseOptions, testDialect } from "../../support/test-database.ts";

/**
 * Reset and snapshots copy every table found in the catalog, so tables other features add later (search
 * indexes, request logs, queues) must survive a round trip too. On PostgreSQL each test works in its own
 * schema so its extra tables meet no one else's.
 */
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

async function freshStore(): Promise<Store> {
  const options = testDatabaseOptions();
  if (options.url) {
    const schema = `dump_${Math.random().toString(16).slice(2, 10)}`;
    const admin = openStore(options);
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    const url = new URL(options.url);
    url.searchParams.set("options", `-c search_path=${schema}`);
    options.url = url.toString();
  }
  const store = openStore(options);
  opened.push(store);
  await migrate(store);
  return store;
}

async function roundTrip(store: Store): Promise<void> {
  const dump = parseDump(serializeDump(await dumpTables(store)));
  await restoreTables(store, { tables: {} });
  await restoreTables(store, dump);
}

describe("whole-database copies", () => {
  it("orders tables so that referenced ones are filled first", async () => {
    const store = await freshStore();
    const names = (await tableLayout(store)).map((t) => t.name);
    const before = (a: string, b: string) => expect(names.indexOf(a)).toBeLessThan(names.indexOf(b));
    before("workspaces", "users");
    before("users", "integrations");
    before("integrations", "tokens");
    before("blocks", "databases");
    before("databases", "data_sources");
    expect(names).not.toContain("harness_snapshots");
    expect(names).not.toContain("kysely_migration");
  });

  it("copies tables other features add: FTS5 indexes, generated columns, serials, identities, jsonb", async () => {
    const store = await freshStore();
    await (testDialect() === "sqlite" ? sqliteExtras(store) : postgresExtras(store));
  });
});

/** An external-content FTS5 index kept by triggers: rebuilt, never copied; its shadow tables untouched. */
async function sqliteExtras(store: Store): Promise<void> {
  const run = (query: ReturnType<typeof sql>) => query.execute(store.db);
  await run(sql`create table notes (id integer primary key, body text not null,
    size integer generated always as (length(body)))`);
  await run(sql`create virtual table notes_fts using fts5(body, content='notes', content_rowid='id')`);
  await run(sql`create trigger notes_ai after insert on notes begin
    insert into notes_fts(rowid, body) values (new.id, new.body); end`);
  await run(sql`create trigger notes_ad after delete on notes begin
    insert into notes_fts(notes_fts, rowid, body) values ('delete', old.id, old.body); end`);
  await run(sql`insert into notes (body) values ('quire speaks notion'), ('snapshots are fast')`);
  const names = (await tableLayout(store)).map((t) => t.name);
  expect(names.filter((n) => n.startsWith("notes_fts_"))).toEqual([]);
  await roundTrip(store);
  const hits = await sql<{ id: number }>`select rowid as id from notes_fts
    where notes_fts match 'snapshots'`.execute(store.db);
  expect(hits.rows.map((r) => Number(r.id))).toEqual([2]);
  const sizes = await sql<{ size: number }>`select size from notes order by id`.execute(store.db);
  expect(sizes.rows.map((r) => r.size)).toEqual([19, 18]);
}

/** Serial and identity counters continue after the restored rows; jsonb arrays stay arrays. */
async function postgresExtras(store: Store): Promise<void> {
  const run = (query: ReturnType<typeof sql>) => query.execute(store.db);
  await run(sql`create table log (id serial primary key, tags jsonb not null, body text not null,
    words tsvector generated always as (to_tsvector('simple', body)) stored)`);
  await run(sql`create table ids (id integer generated always as identity primary key,
    log_id integer references log (id))`);
  await run(sql`insert into log (tags, body) values ('["a","b"]', 'first entry'), ('[]', 'second')`);
  await run(sql`insert into ids (log_id) values (1), (2)`);
  await roundTrip(store);
  await run(sql`insert into log (tags, body) values ('[1]', 'third')`);
  await run(sql`insert into ids (log_id) values (3)`);
  const rows = await sql<{ id: number; tags: unknown; words: string }>`
    select id, tags, words::text as words from log order by id`.execute(store.db);
  expect(rows.rows).toEqual([
    { id: 1, tags: ["a", "b"], words: "'entry':2 'first':1" },
    { id: 2, tags: [], words: "'second':1" },
    { id: 3, tags: [1], words: "'third':1" },
  ]);
  const identities = await sql<{ id: number }>`select id from ids order by id`.execute(store.db);
  expect(identities.rows.map((r) => r.id)).toEqual([1, 2, 3]);
}
