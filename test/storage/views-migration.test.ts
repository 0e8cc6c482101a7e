import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";

import { viewsMigration } from "../../src/storage/migrations/013-views.ts";
import { runRaw } from "../../src/storage/raw-sql.ts";
import { isolatedServer } from "../support/isolated-database.ts";
import { newTable } from "../contract/databases/fixtures.ts";

/** Migration 013 on a workspace made before it: every existing data source gains its default table view. */
const isolated = isolatedServer();

describe("migration 013 (views)", () => {
  it("gives each existing data source one default table view", async () => {
    const ws = await isolated.server().workspace();
    const first = await newTable(ws, { Name: { title: {} } });
    const second = await newTable(ws, { Name: { title: {} } });
    const extra = await first.client.dataSources.create({
      parent: { type: "database_id", database_id: first.databaseId },
      properties: { Name: { title: {} } },
    });
    const store = isolated.server().store;
    await store.transaction(async (trx) => {
      await runRaw(trx, `drop table view_queries`, []);
      await runRaw(trx, `drop table views`, []);
    });
    // Run by itself: later migrations stay applied, as on a server upgraded in steps.
    await viewsMigration.up(store.db as Kysely<unknown>);
    const client = first.client;
    const ofFirst = await client.views.list({ database_id: first.databaseId });
    expect(ofFirst.results).toHaveLength(2);
    const ofExtra = await client.views.list({ data_source_id: extra.id });
    expect(ofExtra.results).toHaveLength(1);
    const [view] = (await client.views.list({ database_id: second.databaseId })).results;
    expect(await client.views.retrieve({ view_id: view?.id ?? "" })).toMatchObject({
      name: "Default view",
      type: "table",
      data_source_id: second.dataSourceId,
      parent: { type: "database_id", database_id: second.databaseId },
    });
  });
});
