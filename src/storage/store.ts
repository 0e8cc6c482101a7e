import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import { coreMigration } from "./migrations/001-core.ts";
import { databasesMigration } from "./migrations/002-databases.ts";
import { liveChildrenMigration } from "./migrations/003-live-children.ts";
import { searchMigration } from "./migrations/004-search.ts";
import { commentsMigration } from "./migrations/005-comments.ts";
import { templatesEmojisMigration } from "./migrations/006-templates-emojis.ts";
import { harnessSnapshotsMigration } from "./migrations/007-harness-snapshots.ts";
import { rateLimitsMigration } from "./migrations/008-rate-limits.ts";
import { rateLimitWindowsMigration } from "./migrations/020-rate-limit-windows.ts";
import { accountsOauthMigration } from "./migrations/009-accounts-oauth.ts";
import { asyncTasksMigration } from "./migrations/010-async-tasks.ts";
import { rowValuesMigration } from "./migrations/011-row-values.ts";
import { fileUploadsMigration } from "./migrations/012-file-uploads.ts";
import { viewsMigration } from "./migrations/013-views.ts";
import { titleGramsMigration } from "./migrations/014-title-grams.ts";
import { webhooksMigration } from "./migrations/015-webhooks.ts";
import { mcpOauthMigration } from "./migrations/016-mcp-oauth.ts";
import { withCachedStatements } from "./sqlite-statements.ts";
import { cheapFoldMigration } from "./migrations/021-cheap-fold.ts";
import { blockLimitMigration } from "./migrations/022-block-limit.ts";
import { DEFAULT_LOCK_WAIT_MS, retryConflicts, takeTurns, whileBusy } from "./contention.ts";
import { loadPg, openSqliteFile } from "./drivers.ts";
import type { Executor } from "./executor.ts";
import { type Guard, GuardedDialect } from "./guarded-dialect.ts";
import { attachRunner, postgresPoolRunner, postgresTransactionRunner, sqliteRunner } from "./raw-sql.ts";
import type { Schema } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";

export interface Store {
  db: Kysely<Schema>;
  dialect: Dialect;
  /**
   * Runs `work` in one transaction; always use this rather than `db.transaction()` (see raw-sql.ts).
   * On SQLite it holds the write lock from its start; on PostgreSQL `work` may run again after a
   * deadlock, so it must do nothing outside the database (no caches, no messages) until it returns.
   */
  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T>;
  /**
   * A number that changes whenever any connection, in this process or another, commits a write; the same
   * number means nothing was committed since it was read, so what was read then is still current. SQLite
   * answers it from the WAL index in about 2 µs (`pragma data_version`, sqlite.org/pragma.html#pragma_data_version);
   * PostgreSQL has no such signal without a round trip, so there it is undefined.
   */
  changeMark?: (() => number) | undefined;
  /**
   * Where file uploads' bytes live as files (`--blob-dir`); when undefined, `<data dir>/files` on
   * SQLite and the database itself on PostgreSQL (storage/blobs/blob-store.ts).
   */
  blobDir?: string | undefined;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Directory for the embedded SQLite file; ignored when `url` is set. */
  dataDir: string;
  /** A directory for file uploads' bytes instead of the default (`Store.blobDir`). */
  blobDir?: string | undefined;
  /** A `postgres://` URL; when set, PostgreSQL is used instead of SQLite. */
  url?: string | undefined;
  /** SQLite only: fsync every commit (`full`) instead of at checkpoints (`normal`, the default). */
  sqliteSync?: "normal" | "full" | undefined;
  /** SQLite only: how long a write waits for another process's lock before answering 409. */
  lockWaitMs?: number | undefined;
  /** SQLite only: pause now and then between transactions for a server on the same file (`takeTurns`). */
  takeTurns?: boolean | undefined;
  /** PostgreSQL only: connections this process keeps (default 10); docs/scale-out.md sizes it. */
  poolSize?: number | undefined;
  /** PostgreSQL only: the server cancels a statement running longer (`statement_timeout`); none by default. */
  statementTimeoutMs?: number | undefined;
}

export function openStore(options: StoreOptions): Store {
  const store = options.url
    ? openPostgres(options.url, options)
    : (mkdirSync(options.dataDir, { recursive: true }),
      openSqlite(join(options.dataDir, "quire.db"), options));
  if (options.blobDir !== undefined) store.blobDir = options.blobDir;
  return store;
}

export function openSqlite(
  file: string,
  options: Pick<StoreOptions, "sqliteSync" | "lockWaitMs" | "takeTurns"> = {},
): Store {
  const lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  const sync = options.sqliteSync ?? "normal";
  const turn = options.takeTurns ? takeTurns() : undefined;
  const sqlite = openSqliteFile(file, { timeout: lockWaitMs });
  // WAL lets `quire token` write while a server runs. With synchronous=NORMAL a commit is in the WAL
  // file before it is acknowledged, so it survives the process being killed (kill -9); only a power
  // loss or kernel crash can lose the last commits. FULL closes that gap at ~1 ms per commit.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${sync === "full" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("foreign_keys = ON");
  // From here the writing connection never sleeps inside SQLite, which would stop this whole process:
  // writes wait for another process's lock in `whileBusy`, between turns of the event loop.
  sqlite.pragma("busy_timeout = 0");
  // A deferred BEGIN reads first and asks for the write lock at its first write; if another process
  // wrote in between, SQLite answers SQLITE_BUSY at once, without waiting, because the transaction's
  // snapshot is stale (sqlite.org/lang_transaction.html, "deferred"; sqlite.org/wal.html). IMMEDIATE
  // takes the write lock before reading, so a transaction waits for its turn and then cannot fail.
  const begin = sqlite.prepare("begin immediate");
  const guard: Guard = {
    begin: async () => {
      await whileBusy(() => begin.run(), lockWaitMs);
    },
    inTransaction: () => sqlite.inTransaction,
    // A write outside a transaction (a session, a revoked token) waits the same way.
    statement: <T>(run: () => Promise<T>) => (sqlite.inTransaction ? run() : whileBusy(run, lockWaitMs)),
  };
  const db = new Kysely<Schema>({
    dialect: new GuardedDialect(new SqliteDialect({ database: withCachedStatements(sqlite) }), guard),
    plugins: [new CamelCasePlugin()],
  });
  // Readers are never blocked by a writer in WAL; the timeout covers the rare recovery of the WAL index.
  const readConnection = openSqliteFile(file, { readonly: true, timeout: lockWaitMs });
  attachRunner(db, sqliteRunner(readConnection));
  const writer = sqliteRunner(sqlite);
  // Read on the read connection: it counts the commits of every other connection, this process's
  // writer included.
  const dataVersion = readConnection.prepare("pragma data_version").pluck();
  return {
    db,
    dialect: "sqlite",
    changeMark: () => dataVersion.get() as number,
    transaction: async (work) => {
      await turn?.();
      return db.transaction().execute((trx) => {
        attachRunner(trx, writer);
        return work(trx);
      });
    },
    close: async () => {
      readConnection.close();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, options: Pick<StoreOptions, "poolSize" | "statementTimeoutMs">): Store {
  const pool = new (loadPg().Pool)({
    connectionString: withSessionOptions(url, options.statementTimeoutMs),
    max: options.poolSize ?? 10,
  });
  const db = new Kysely<Schema>({
    dialect: new GuardedDialect(new PostgresDialect({ pool }), {}),
    plugins: [new CamelCasePlugin()],
  });
  attachRunner(db, postgresPoolRunner(pool));
  return {
    db,
    dialect: "postgres",
    // Row locks are taken in one order (lockParent), so deadlocks are rare; when PostgreSQL still
    // picks a transaction as a deadlock victim, it runs again from the start.
    transaction: (work) =>
      retryConflicts(() =>
        db.transaction().execute((trx) => {
          attachRunner(trx, postgresTransactionRunner(trx));
          return work(trx);
        }),
      ),
    close: () => db.destroy(),
  };
}

/**
 * Prepared statements keep their parse but are planned for each execution's values: a generic plan
 * can't see a LIMIT or a cursor bound and picks full scans for the data-source queries. A startup
 * option holds before the first query; it joins the URL's own `options` (e.g. a `search_path`), which
 * pg would otherwise let override a separate `options` setting. A statement timeout, when set, travels
 * the same way, so it holds for every pooled connection from its first statement.
 */
function withSessionOptions(url: string, statementTimeoutMs: number | undefined): string {
  const parsed = new URL(url);
  const own = parsed.searchParams.get("options");
  const timeout = statementTimeoutMs ? `-c statement_timeout=${statementTimeoutMs}` : undefined;
  parsed.searchParams.set(
    "options",
    [own, "-c plan_cache_mode=force_custom_plan", timeout].filter(Boolean).join(" "),
  );
  return parsed.toString();
}

/** Brings the schema up to date; safe to run from several processes at once (Kysely locks). */
export async function migrate(store: Store): Promise<void> {
  const migrations = {
    "001-core": coreMigration(store.dialect),
    "002-databases": databasesMigration(store.dialect),
    "003-live-children": liveChildrenMigration,
    "004-search": searchMigration(store.dialect),
    "005-comments": commentsMigration,
    "006-templates-emojis": templatesEmojisMigration,
    "007-harness-snapshots": harnessSnapshotsMigration,
    "008-rate-limits": rateLimitsMigration(store.dialect),
    "009-accounts-oauth": accountsOauthMigration,
    "010-async-tasks": asyncTasksMigration,
    "011-row-values": rowValuesMigration(store.dialect),
    "012-file-uploads": fileUploadsMigration(store.dialect),
    "013-views": viewsMigration,
    "014-title-grams": titleGramsMigration(store.dialect),
    "015-webhooks": webhooksMigration,
    "016-mcp-oauth": mcpOauthMigration,
    "020-rate-limit-windows": rateLimitWindowsMigration(store.dialect),
    "021-cheap-fold": cheapFoldMigration(store.dialect),
    "022-block-limit": blockLimitMigration,
  };
  // Kysely looks for its bookkeeping tables in any schema unless told which; with a search_path (several
  // Quire databases in one PostgreSQL) it must be the current one.
  const schema =
    store.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
