import { describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Store } from "../../src/storage/store.ts";
import { rowValuesMigration } from "../../src/storage/migrations/011-row-values.ts";
import { readRows, runRaw } from "../../src/storage/raw-sql.ts";
import { isolatedServer } from "../support/isolated-database.ts";
import { addRows, matching, newTable } from "../contract/databases/fixtures.ts";

/**
 * Migration 011 on a workspace made before it: the per-source indexes go, and the typed entries and
 * rollup links it fills from stored rows are the ones Quire writes itself.
 */
const isolated = isolatedServer();

const entries = (store: Store) =>
  readRows<Record<string, unknown>>(
    store.db,
    `select row_id, source_id, property_id, num, txt from row_values order by row_id, property_id, num, txt`,
    [],
  );
const links = (store: Store) =>
  readRows<Record<string, unknown>>(
    store.db,
    `select source_id, property_id, target_source_id from rollup_links order by source_id, property_id`,
    [],
  );

/**
 * Puts the database back as it was before migration 011, with an index of the kind it used to add. The
 * migration is then run by itself: later migrations stay applied, as on a server upgraded in steps.
 */
async function undoMigration(store: Store): Promise<void> {
  await store.transaction(async (trx) => {
    await runRaw(trx, `drop table row_values`, []);
    await runRaw(trx, `drop table rollup_links`, []);
    await runRaw(trx, `create index qv_old_source_title on blocks (parent_id) where parent_id = 'x'`, []);
  });
}

describe("migration 011 (row values)", () => {
  it("fills the entries and links of existing rows and drops the per-source indexes", async () => {
    const ws = await isolated.server().workspace();
    const tasks = await newTable(ws, {
      Name: { title: {} },
      Points: { number: {} },
      Tags: { multi_select: { options: [{ name: "Red" }, { name: "Blue" }] } },
      Due: { date: {} },
      Done: { checkbox: {} },
    });
    await addRows(tasks, {
      Write: { Points: { number: 3 }, Done: { checkbox: true } },
      Ship: {
        Tags: { multi_select: [{ name: "Red" }, { name: "Blue" }] },
        Due: { date: { start: "2026-12-07", end: "2026-12-09" } },
      },
    });
    const projects = await newTable(ws, {
      Name: { title: {} },
      Tasks: { relation: { data_source_id: tasks.dataSourceId, single_property: {} } },
    });
    await tasks.client.dataSources.update({
      data_source_id: projects.dataSourceId,
      properties: {
        Total: {
          rollup: { relation_property_name: "Tasks", rollup_property_name: "Points", function: "sum" },
        },
      },
    });
    const written = {
      entries: await entries(isolated.server().store),
      links: await links(isolated.server().store),
    };
    expect(written.entries).toHaveLength(8); // 3 values of Write, 5 of Ship (two tags)
    expect(written.links).toHaveLength(1);

    await undoMigration(isolated.server().store);
    await rowValuesMigration(isolated.server().store.dialect).up(
      isolated.server().store.db as Kysely<unknown>,
    );

    expect(await entries(isolated.server().store)).toEqual(written.entries);
    expect(await links(isolated.server().store)).toEqual(written.links);
    const indexes =
      isolated.server().store.dialect === "sqlite"
        ? await readRows(
            isolated.server().store.db,
            `select name from sqlite_master where name like 'qv_%'`,
            [],
          )
        : await readRows(
            isolated.server().store.db,
            `select indexname from pg_indexes where schemaname = current_schema() and indexname like 'qv_%'`,
            [],
          );
    expect(indexes).toEqual([]);
    expect(await matching(tasks, { property: "Tags", multi_select: { contains: "Blue" } })).toEqual(["Ship"]);
  });
});
