import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Store } from "./store.ts";
import type { Executor } from "./executor.ts";
import { type TableInfo, tableLayout } from "./sql-tables.ts";

/** The rows of every table, as stored (snake_case columns, engine-neutral values). */
export interface TableDump {
  tables: Record<string, { columns: string[]; rows: unknown[][] }>;
}

/** Which rows of a table to copy; every row when a table has no entry. */
export type RowFilter = Record<string, RawBuilder<unknown>>;

function raw(executor: Executor): Kysely<unknown> {
  return executor.withoutPlugins() as unknown as Kysely<unknown>;
}

function plainValue(value: unknown, json: boolean): unknown {
  // `pg` parses json/jsonb; it would send a JS array back as a PostgreSQL array literal.
  if (json && value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Copies the rows of every table (or, with `only`, of the listed tables matching their condition). */
export async function dumpTables(
  store: Store,
  executor: Executor = store.db,
  only?: RowFilter,
): Promise<TableDump> {
  const tables: TableDump["tables"] = {};
  for (const table of await tableLayout(store)) {
    if (table.derived || (only && !(table.name in only))) continue;
    const where = only?.[table.name];
    const names = table.columns.map((c) => c.name);
    const { rows } = await sql<Record<string, unknown>>`select ${sql.join(names.map((n) => sql.id(n)))}
      from ${sql.table(table.name)} ${where ? sql`where ${where}` : sql``}`.execute(raw(executor));
    tables[table.name] = {
      columns: names,
      rows: rows.map((row) => table.columns.map((c) => plainValue(row[c.name], c.json))),
    };
  }
  return { tables };
}

/** Empties every table the harness manages, dependants first. */
async function emptyTables(
  executor: Executor,
  dialect: Store["dialect"],
  layout: TableInfo[],
): Promise<void> {
  const db = raw(executor);
  const dependantsFirst = [...layout].reverse();
  if (dialect === "postgres") {
    // One round trip: without parameters, several statements travel as one simple query.
    const deletes = dependantsFirst.map((t) => sql`delete from ${sql.table(t.name)}`);
    await sql`${sql.join(deletes, sql`; `)}`.execute(db);
    return;
  }
  for (const table of dependantsFirst.filter((t) => !t.derived)) {
    await sql`delete from ${sql.table(table.name)}`.execute(db);
  }
  // Indexes over other tables' content go last: triggers on those tables may still update them, and an
  // FTS5 'delete' of a row the index no longer holds corrupts it.
  for (const table of dependantsFirst.filter((t) => t.derived)) {
    await sql`insert into ${sql.table(table.name)} (${sql.id(table.name)}) values ('delete-all')`.execute(db);
  }
}

/** Rows per INSERT: both engines cap bound parameters (SQLite 32,766; PostgreSQL 65,535). */
function chunkSize(columns: number): number {
  return Math.max(1, Math.floor(30_000 / Math.max(1, columns)));
}

async function insertRows(executor: Executor, table: TableInfo, data: TableDump["tables"][string]) {
  // Only columns that still exist: a snapshot may predate a migration that dropped or added some.
  const wanted = table.columns.filter((c) => data.columns.includes(c.name));
  const positions = wanted.map((c) => data.columns.indexOf(c.name));
  const overriding = wanted.some((c) => c.identityAlways) ? sql`overriding system value` : sql``;
  const size = chunkSize(wanted.length);
  for (let start = 0; start < data.rows.length; start += size) {
    const values = data.rows
      .slice(start, start + size)
      .map(
        (row) => sql`(${sql.join(positions.map((p, i) => plainValue(row[p], wanted[i]?.json ?? false)))})`,
      );
    await sql`insert into ${sql.table(table.name)} (${sql.join(wanted.map((c) => sql.id(c.name)))})
      ${overriding} values ${sql.join(values)}`.execute(raw(executor));
  }
}

/**
 * Replaces the contents of every table with `dump`, in one transaction: emptied dependants first, filled
 * referenced tables first. Tables missing from the dump end up empty.
 */
export async function restoreTables(store: Store, dump: TableDump): Promise<void> {
  const layout = await tableLayout(store);
  await store.transaction(async (trx) => {
    // A dump taken from a consistent database is consistent; defer SQLite's checks to the commit anyway
    // so a table that references itself can arrive in any row order.
    if (store.dialect === "sqlite") await sql`pragma defer_foreign_keys = on`.execute(raw(trx));
    await emptyTables(trx, store.dialect, layout);
    for (const table of layout) {
      const data = dump.tables[table.name];
      if (!table.derived && data && data.rows.length > 0) {
        await insertRows(trx, table, data);
        if (store.dialect === "postgres") await moveSequences(trx, table);
      }
    }
    // Indexes over other tables' content are rebuilt once that content is back.
    for (const table of layout.filter((t) => t.derived)) {
      await sql`insert into ${sql.table(table.name)} (${sql.id(table.name)}) values ('rebuild')`.execute(
        raw(trx),
      );
    }
  });
}

/** Serial and identity columns continue after the restored values, as they did when the dump was taken. */
async function moveSequences(executor: Executor, table: TableInfo): Promise<void> {
  for (const column of table.columns.filter((c) => c.sequence)) {
    await sql`select setval(pg_get_serial_sequence(${table.name}, ${column.name}),
      coalesce((select max(${sql.id(column.name)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(
      raw(executor),
    );
  }
}

/** JSON text of a dump; byte columns survive as `{type: "Buffer", data}` (Buffer's own JSON form). */
export function serializeDump(dump: TableDump): string {
  return JSON.stringify(dump);
}

export function parseDump(text: string): TableDump {
  return JSON.parse(text, (_key, value: unknown) => {
    if (
      value !== null &&
      typeof value === "object" &&
      (value as { type?: unknown }).type === "Buffer" &&
      Array.isArray((value as { data?: unknown }).data)
    ) {
      return Buffer.from((value as { data: number[] }).data);
    }
    return value;
  }) as TableDump;
}
