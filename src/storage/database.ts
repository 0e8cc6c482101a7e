import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { coreMigration } from "./migrations/001-core.ts";
import { databasesMigration } from "./migrations/002-databases.ts";
import { liveChildrenMigration } from "./migrations/003-live-children.ts";
import { commentsMigration } from "./migrations/005-comments.ts";
import { templatesEmojisMigration } from "./migrations/006-templates-emojis.ts";
import { asyncTasksMigration } from "./migrations/010-async-tasks.ts";
import { accountsOauthMigration } from "./migrations/009-accounts-oauth.ts";
import { searchMigration } from "./migrations/004-search.ts";
import { rateLimitsMigration } from "./migrations/008-rate-limits.ts";
import { harnessSnapshotsMigration } from "./migrations/007-harness-snapshots.ts";
import { rowValuesMigration } from "./migrations/011-row-values.ts";
import type { Executor } from "./executor.ts";
import { attachRunner, postgresPoolRunner, postgresTransactionRunner, sqliteRunner } from "./raw-sql.ts";
import type { Schema } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** Runs `work` in one transaction; always use this rather than `db.transaction()` (see raw-sql.ts). */
  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Directory for the embedded SQLite file; ignored when `url` is set. */
  dataDir: string;
  /** A `postgres://` URL; when set, PostgreSQL is used instead of SQLite. */
  url?: string | undefined;
  /** SQLite only: fsync every commit (`full`) instead of at checkpoints (`normal`, the default). */
  sqliteSync?: "normal" | "full" | undefined;
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) return openPostgres(options.url);
  mkdirSync(options.dataDir, { recursive: true });
  return openSqlite(join(options.dataDir, "quire.db"), options.sqliteSync ?? "normal");
}

export function openSqlite(file: string, sync: "normal" | "full" = "normal"): Database {
  const sqlite = new SQLite(file);
  // WAL lets `quire token` write while a server runs. With synchronous=NORMAL a commit is in the WAL
  // file before it is acknowledged, so it survives the process being killed (kill -9); only a power
  // loss or kernel crash can lose the last commits. FULL closes that gap at ~1 ms per commit.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${sync === "full" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  const readConnection = new SQLite(file, { readonly: true });
  readConnection.pragma("busy_timeout = 10000");
  attachRunner(db, sqliteRunner(readConnection));
  const writer = sqliteRunner(sqlite);
  return {
    db,
    dialect: "sqlite",
    transaction: (work) =>
      db.transaction().execute((trx) => {
        attachRunner(trx, writer);
        return work(trx);
      }),
    close: async () => {
      readConnection.close();
      await db.destroy();
    },
  };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Prepared statements keep their parse but are planned for each execution's values: a generic plan
  // can't see a LIMIT or a cursor bound and picks full scans for the data-source queries.
  pool.on("connect", (client) => {
    client.query("set plan_cache_mode = force_custom_plan").catch(() => undefined);
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  attachRunner(db, postgresPoolRunner(pool));
  return {
    db,
    dialect: "postgres",
    transaction: (work) =>
      db.transaction().execute((trx) => {
        attachRunner(trx, postgresTransactionRunner(trx));
        return work(trx);
      }),
    close: () => db.destroy(),
  };
}

/** Brings the schema up to date; safe to run from several processes at once (Kysely locks). */
export async function migrate(database: Database): Promise<void> {
  const migrations = {
    "001-core": coreMigration(database.dialect),
    "002-databases": databasesMigration(database.dialect),
    "003-live-children": liveChildrenMigration,
    "005-comments": commentsMigration,
    "006-templates-emojis": templatesEmojisMigration,
    "010-async-tasks": asyncTasksMigration,
    "009-accounts-oauth": accountsOauthMigration,
    "004-search": searchMigration(database.dialect),
    "008-rate-limits": rateLimitsMigration(database.dialect),
    "007-harness-snapshots": harnessSnapshotsMigration,
    "011-row-values": rowValuesMigration(database.dialect),
  };
  // Kysely looks for its bookkeeping tables in any schema unless told which; with a search_path (several
  // Quire databases in one PostgreSQL) it must be the current one.
  const schema =
    database.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
