import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { coreMigration } from "./migrations/001-core.ts";
import { attachReader, postgresReader, sqliteReader } from "./raw-reader.ts";
import type { Schema } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Directory for the embedded SQLite file; ignored when `url` is set. */
  dataDir: string;
  /** A `postgres://` URL; when set, PostgreSQL is used instead of SQLite. */
  url?: string | undefined;
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) return openPostgres(options.url);
  mkdirSync(options.dataDir, { recursive: true });
  return openSqlite(join(options.dataDir, "quire.db"));
}

export function openSqlite(file: string): Database {
  const sqlite = new SQLite(file);
  // WAL lets `quire token` write while a server runs; FULL syncs each commit so an acknowledged
  // write survives a crash of the machine, not only of the process.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  const readConnection = new SQLite(file, { readonly: true });
  readConnection.pragma("busy_timeout = 10000");
  attachReader(db, sqliteReader(readConnection));
  return {
    db,
    dialect: "sqlite",
    close: async () => {
      readConnection.close();
      await db.destroy();
    },
  };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  attachReader(db, postgresReader(pool));
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/** Brings the schema up to date; safe to run from several processes at once (Kysely locks). */
export async function migrate(database: Database): Promise<void> {
  const migrations = { "001-core": coreMigration(database.dialect) };
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
