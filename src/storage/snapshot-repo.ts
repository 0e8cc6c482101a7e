import { sql } from "kysely";
import type { Store } from "./store.ts";
import type { Executor } from "./executor.ts";
import { type TableDump, dumpTables } from "./sql-dump.ts";
import { tableLayout } from "./sql-tables.ts";

/** The harness's stored snapshots (`harness_snapshots`) and the table dumps they hold. */

/** Reads every table at one instant (PostgreSQL's default isolation would let each table see another). */
export async function dumpAtOneInstant(store: Store): Promise<TableDump> {
  // Read the catalog first: on SQLite the transaction holds the only writer connection.
  await tableLayout(store);
  return store.transaction(async (trx) => {
    if (store.dialect === "postgres") await sql`set transaction isolation level repeatable read`.execute(trx);
    return dumpTables(store, trx);
  });
}

/** Only one workspace, its owner and the owner's live personal tokens. */
export async function dumpWorkspaceAndOwner(
  store: Store,
  workspaceId: string,
  ownerId: string,
): Promise<TableDump> {
  return dumpTables(store, store.db, {
    workspaces: sql`id = ${workspaceId}`,
    users: sql`id = ${ownerId}`,
    tokens: sql`user_id = ${ownerId} and kind = 'personal' and revoked_time is null`,
  });
}

/** Stores serialized dump text under a name, replacing a snapshot of that name. */
export async function writeSnapshot(
  db: Executor,
  name: string,
  createdTime: string,
  data: string,
): Promise<void> {
  await db.deleteFrom("harnessSnapshots").where("name", "=", name).execute();
  await db.insertInto("harnessSnapshots").values({ name, createdTime, data }).execute();
}

export async function readSnapshotData(db: Executor, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("harnessSnapshots")
    .select("data")
    .where("name", "=", name)
    .executeTakeFirst();
  return row?.data;
}

export interface SnapshotRow {
  name: string;
  createdTime: string;
  /** Length of the stored text. */
  bytes: number;
}

/** Every snapshot but one (the reset target), by name. */
export async function listSnapshotRows(db: Executor, except: string): Promise<SnapshotRow[]> {
  const rows = await db
    .selectFrom("harnessSnapshots")
    .select(["name", "createdTime", sql<number>`length(data)`.as("bytes")])
    .where("name", "!=", except)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ name: r.name, createdTime: r.createdTime, bytes: Number(r.bytes) }));
}

/** Deletes a snapshot; false when there was none of that name. */
export async function deleteSnapshotRow(db: Executor, name: string): Promise<boolean> {
  const result = await db.deleteFrom("harnessSnapshots").where("name", "=", name).executeTakeFirst();
  return Number(result.numDeletedRows) !== 0;
}
