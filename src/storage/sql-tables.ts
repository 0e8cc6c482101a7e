import { type Kysely, sql } from "kysely";
import type { Store } from "./store.ts";

/** How one table is copied: the columns that take values, and what to do after rows arrive. */
export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Tables this one references; they are filled before it and emptied after it. */
  references: string[];
  /**
   * SQLite FTS5 tables over another table's content: never copied, rebuilt after a restore (their
   * contents follow from the table they index).
   */
  derived: boolean;
}

export interface ColumnInfo {
  name: string;
  /** PostgreSQL `json`/`jsonb`: `pg` returns these parsed, and they must go back as JSON text. */
  json: boolean;
  /** PostgreSQL `GENERATED ALWAYS AS IDENTITY`: inserting it needs `OVERRIDING SYSTEM VALUE`. */
  identityAlways: boolean;
  /** Filled from a sequence (serial or identity): the sequence moves past the restored values. */
  sequence: boolean;
}

/**
 * Tables the harness never copies or empties: migration bookkeeping, the snapshots themselves, and
 * what file uploads keep beside the rows. Blobs are written once under fresh keys and never changed, so
 * a restored upload row finds its bytes where they were (on SQLite they are files, outside any dump
 * too); and the URL-signing key stays the one every process already holds.
 */
const KEPT = new Set([
  "kysely_migration",
  "kysely_migration_lock",
  "harness_snapshots",
  "file_blob_chunks",
  "file_url_keys",
]);

const layouts = new WeakMap<Store, Promise<TableInfo[]>>();

/**
 * Every table of the database in foreign-key order (referenced tables first). Read from the catalog, so
 * tables added by later migrations are covered without listing them; cached per database, as the
 * schema only changes at startup.
 */
export function tableLayout(store: Store): Promise<TableInfo[]> {
  let layout = layouts.get(store);
  if (!layout) {
    const raw = store.db.withoutPlugins() as Kysely<unknown>;
    layout = (store.dialect === "sqlite" ? sqliteTables(raw) : postgresTables(raw)).then(inForeignKeyOrder);
    layouts.set(store, layout);
    layout.catch(() => layouts.delete(store));
  }
  return layout;
}

/**
 * Tables that triggers write (the search indexes and their keys): deleting and inserting the rows they
 * follow already empties and refills them, so copying them too would insert every row twice.
 */
async function triggerMaintained(db: Kysely<unknown>): Promise<Set<string>> {
  const { rows } = await sql<{ sql: string | null }>`
    select sql from sqlite_master where type = 'trigger'`.execute(db);
  const names = rows.flatMap((r) => [...(r.sql ?? "").matchAll(/\binsert\s+into\s+["`]?(\w+)/gi)]);
  return new Set(names.map((m) => m[1] ?? ""));
}

async function sqliteTables(db: Kysely<unknown>): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string; sql: string | null }>`
    select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  const virtual = rows.filter((r) => /^create\s+virtual\s+table/i.test(r.sql ?? "")).map((r) => r.name);
  // FTS5 and friends keep their data in shadow tables named `<table>_<suffix>`; only the virtual table
  // itself may be read and written.
  const shadow = (name: string) => virtual.some((v) => name !== v && name.startsWith(`${v}_`));
  const maintained = await triggerMaintained(db);
  const tables: TableInfo[] = [];
  for (const row of rows) {
    if (KEPT.has(row.name) || shadow(row.name) || maintained.has(row.name)) continue;
    const isVirtual = virtual.includes(row.name);
    const columns = await sql<{ name: string; hidden: number }>`
      select name, hidden from pragma_table_xinfo(${row.name})`.execute(db);
    const keys = isVirtual
      ? { rows: [] }
      : await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${row.name})`.execute(db);
    tables.push({
      name: row.name,
      // hidden: 1 is a virtual table's hidden column, 2 and 3 are generated columns.
      columns: columns.rows
        .filter((c) => c.hidden === 0)
        .map((c) => ({ name: c.name, json: false, identityAlways: false, sequence: false })),
      references: [...new Set(keys.rows.map((k) => k.table))],
      derived: isVirtual && /\bcontent\s*=\s*['"]?\w/i.test(row.sql ?? ""),
    });
  }
  return tables;
}

async function postgresTables(db: Kysely<unknown>): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const columns = await sql<{
    table: string;
    name: string;
    type: string;
    generated: string;
    identity: string | null;
    defaults: string | null;
  }>`
    select table_name as "table", column_name as name, data_type as type, is_generated as generated,
           identity_generation as identity, column_default as defaults
      from information_schema.columns
     where table_schema = current_schema()
     order by table_name, ordinal_position`.execute(db);
  const keys = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
     where k.contype = 'f' and k.connamespace = current_schema()::regnamespace`.execute(db);
  return tables.rows
    .filter((t) => !KEPT.has(t.name))
    .map((t) => ({
      name: t.name,
      columns: columns.rows
        .filter((c) => c.table === t.name && c.generated !== "ALWAYS")
        .map((c) => ({
          name: c.name,
          json: c.type === "json" || c.type === "jsonb",
          identityAlways: c.identity === "ALWAYS",
          sequence: c.identity !== null || (c.defaults ?? "").startsWith("nextval("),
        })),
      references: [...new Set(keys.rows.filter((k) => k.child === t.name).map((k) => k.parent))],
      derived: false,
    }));
}

/** Referenced tables first; a cycle (not present today) keeps catalog order for its members. */
function inForeignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: TableInfo): void => {
    if (state.has(table.name)) return;
    state.set(table.name, "visiting");
    for (const name of table.references) {
      const parent = byName.get(name);
      if (parent && name !== table.name) visit(parent);
    }
    state.set(table.name, "done");
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return ordered;
}
