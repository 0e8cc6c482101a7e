import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { sql } from "kysely";
import type SQLite from "better-sqlite3";
import { blobStoreOf } from "./blobs/blob-store.ts";
import { openSqliteFile } from "./drivers.ts";
import { migrate, openStore, type Store } from "./store.ts";

/**
 * A backup of a SQLite workspace is one SQLite file: the database as it was at one instant, plus two
 * tables of its own — what took it, and the bytes of every file the database names (they live beside
 * the database, not in it). Restoring opens it as the workspace's database and puts the bytes back.
 */
const INFO_TABLE = "quire_backup_info";
const BLOB_TABLE = "quire_backup_blobs";
const FORMAT = "1";
const CHUNK_BYTES = 1024 * 1024;

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Files (upload parts) whose bytes the backup holds. */
  blobs: number;
  /** Parts whose bytes were gone when the backup read them (uploads that expired meanwhile). */
  missingBlobs: number;
  takenTime: string;
}

/** Writes a backup of a SQLite store to `outFile` while the store keeps serving (readers never block writers in WAL mode). */
export async function writeSqliteBackup(store: Store, outFile: string): Promise<BackupSummary> {
  if (store.dialect !== "sqlite")
    throw new Error("quire backup copies SQLite data directories; see docs/backups.md for PostgreSQL.");
  const file = resolve(outFile);
  const partial = join(dirname(file), `.${basename(file)}.${randomUUID()}.partial`);
  const takenTime = new Date().toISOString();
  try {
    // One read transaction copies every table at one instant; a server on the same file keeps writing.
    await sql`vacuum into ${partial}`.execute(store.db);
    const copy = openSqliteFile(partial, {});
    let blobs: { count: number; missing: number };
    try {
      blobs = await copyBlobsInto(copy, store);
      writeInfo(copy, { format: FORMAT, taken_time: takenTime, source: "sqlite" });
    } finally {
      copy.close();
    }
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, blobs: blobs.count, missingBlobs: blobs.missing, takenTime };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Stores the bytes of every part the copied database names, read from the live store's blobs. */
async function copyBlobsInto(
  copy: SQLite.Database,
  store: Store,
): Promise<{ count: number; missing: number }> {
  copy.exec(`create table ${BLOB_TABLE} (blob_key text not null, seq integer not null, data blob not null,
    primary key (blob_key, seq))`);
  const parts = copy.prepare("select blob_key as key, size from file_upload_parts").all() as {
    key: string;
    size: number;
  }[];
  const insert = copy.prepare(`insert into ${BLOB_TABLE} (blob_key, seq, data) values (?, ?, ?)`);
  const blobs = await blobStoreOf(store);
  let missing = 0;
  copy.exec("begin");
  for (const part of parts) {
    const chunks: Buffer[] = [];
    try {
      if (part.size > 0) for await (const chunk of blobs.read(part.key, 0, part.size - 1)) chunks.push(chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missing++;
      continue;
    }
    const whole = Buffer.concat(chunks);
    let seq = 0;
    for (let at = 0; at < whole.length || seq === 0; at += CHUNK_BYTES)
      insert.run(part.key, seq++, whole.subarray(at, at + CHUNK_BYTES));
  }
  copy.exec("commit");
  return { count: parts.length - missing, missing };
}

function writeInfo(copy: SQLite.Database, info: Record<string, string>): void {
  copy.exec(`create table ${INFO_TABLE} (key text primary key, value text not null)`);
  const insert = copy.prepare(`insert into ${INFO_TABLE} (key, value) values (?, ?)`);
  for (const [key, value] of Object.entries(info)) insert.run(key, value);
}

export interface RestoreSummary {
  blobs: number;
  takenTime: string;
  /** Where the database (and files) that were replaced now are; null when the directory held none. */
  keptAs: string | null;
}

/** Why a file is not a backup this Quire can restore, or when the backup was taken if it is one. */
function backupProblem(file: string): { problem: string } | { takenTime: string } {
  let db: SQLite.Database | undefined;
  try {
    db = openSqliteFile(file, { readonly: true, fileMustExist: true });
    const info = Object.fromEntries(
      (db.prepare(`select key, value from ${INFO_TABLE}`).all() as { key: string; value: string }[]).map(
        (r) => [r.key, r.value],
      ),
    );
    if (info["format"] !== FORMAT)
      return {
        problem: `it is a backup of format ${String(info["format"])}; this Quire reads format ${FORMAT}`,
      };
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") return { problem: `the file is damaged (${String(check)})` };
    return { takenTime: info["taken_time"] ?? "" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      problem: /no such table|not a database|file is not a database/.test(message)
        ? "it is not a Quire backup"
        : message,
    };
  } finally {
    db?.close();
  }
}

/**
 * Puts a backup in place as `<dataDir>/quire.db`. The caller holds the data directory's lock (no server
 * runs on it). What the directory held is renamed aside, never deleted: `quire.db` (with its WAL) and
 * `files/` get a `.before-restore-<time>` suffix.
 */
export async function restoreSqliteBackup(
  dataDir: string,
  backupFile: string,
  options: { replace: boolean; blobDir?: string | undefined },
): Promise<RestoreSummary> {
  const checked = backupProblem(backupFile);
  if ("problem" in checked) throw new Error(`${backupFile} cannot be restored: ${checked.problem}.`);
  const target = join(dataDir, "quire.db");
  if (existsSync(target) && !options.replace)
    throw new Error(
      `${dataDir} already holds a workspace. Pass --force to replace it (the current database is kept beside it).`,
    );
  const incoming = join(dataDir, `.restore.${randomUUID()}.partial`);
  copyFileSync(backupFile, incoming);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const setAsideNames = setAside(dataDir, stamp);
  renameSync(incoming, target);
  try {
    const store = openStore({ dataDir, blobDir: options.blobDir });
    try {
      await migrate(store);
      const blobs = await restoreBlobs(target, store);
      const keptAs = setAsideNames.includes("quire.db") ? `${target}.before-restore-${stamp}` : null;
      return { blobs, takenTime: checked.takenTime, keptAs };
    } finally {
      await store.close();
    }
  } catch (error) {
    // Leave the directory as it was found.
    for (const name of SET_ASIDE) rmSync(join(dataDir, name), { recursive: true, force: true });
    for (const name of setAsideNames)
      renameSync(join(dataDir, `${name}.before-restore-${stamp}`), join(dataDir, name));
    throw error;
  }
}

/** What a data directory holds of a workspace: the database with its WAL, and the uploaded files. */
const SET_ASIDE = ["quire.db", "quire.db-wal", "quire.db-shm", "files"];

/** Renames what the directory holds to `<name>.before-restore-<stamp>`; returns the names it moved. */
function setAside(dataDir: string, stamp: string): string[] {
  const present = SET_ASIDE.filter((name) => existsSync(join(dataDir, name)));
  for (const name of present)
    renameSync(join(dataDir, name), join(dataDir, `${name}.before-restore-${stamp}`));
  return present;
}

/** Writes the backup's file bytes into the store's blob store, then drops the backup's own tables. */
async function restoreBlobs(file: string, store: Store): Promise<number> {
  const blobs = await blobStoreOf(store);
  const raw = openSqliteFile(file, {});
  try {
    const keys = raw.prepare(`select distinct blob_key as key from ${BLOB_TABLE}`).pluck().all() as string[];
    const chunksOf = raw.prepare(`select data from ${BLOB_TABLE} where blob_key = ? order by seq`).pluck();
    for (const key of keys) {
      const chunks = chunksOf.all(key) as Buffer[];
      await blobs.write(key, chunks, Number.MAX_SAFE_INTEGER, () => new Error("unreachable: no size limit"));
    }
    raw.exec(`drop table ${BLOB_TABLE}; drop table ${INFO_TABLE}`);
    raw.exec("vacuum");
    return keys.length;
  } finally {
    raw.close();
  }
}
