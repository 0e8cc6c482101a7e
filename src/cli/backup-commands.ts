import { writeSqliteBackup, restoreSqliteBackup } from "../storage/backup.ts";
import { lockDataDir } from "../storage/data-dir-lock.ts";
import { openStore } from "../storage/store.ts";
import type { Config } from "../config.ts";

export const BACKUP_USAGE = `  quire backup --out FILE [--data DIR]    a consistent copy of a SQLite workspace, taken while it serves
  quire restore FILE [--data DIR] [--force]   puts a backup in place (stop the server first); what it replaces is kept`;

const POSTGRES_ADVICE =
  "On PostgreSQL, back up with pg_dump and restore with pg_restore: docs/backups.md gives the commands.";

/** `quire backup` and `quire restore`; returns the lines to print. */
export async function runBackupCommand(
  command: "backup" | "restore",
  args: string[],
  flags: { out?: string | undefined; force?: boolean | undefined },
  config: Config,
): Promise<string[]> {
  if (config.databaseUrl) throw new Error(POSTGRES_ADVICE);
  if (command === "backup") {
    if (!flags.out) throw new Error(`Usage:\n${BACKUP_USAGE}`);
    // No lock: the backup reads beside a running server, as SQLite lets readers do in WAL mode.
    const store = openStore({ dataDir: config.dataDir, blobDir: config.blobDir, takeTurns: true });
    try {
      const done = await writeSqliteBackup(store, flags.out);
      return [
        `Backed up ${config.dataDir} to ${done.file} (${done.bytes} bytes, ${done.blobs} files), as of ${done.takenTime}.`,
        ...(done.missingBlobs > 0
          ? [`${done.missingBlobs} upload parts were gone when read (uploads that expired meanwhile).`]
          : []),
      ];
    } finally {
      await store.close();
    }
  }
  const [file] = args;
  if (!file) throw new Error(`Usage:\n${BACKUP_USAGE}`);
  const lock = lockDataDir(config.dataDir);
  if (!("release" in lock)) {
    const holder = lock.heldBy;
    throw new Error(
      `A Quire server is serving ${config.dataDir}${holder ? ` (pid ${holder.pid}${holder.url ? ` on ${holder.url}` : ""})` : ""}. Stop it, then restore.`,
    );
  }
  try {
    const done = await restoreSqliteBackup(config.dataDir, file, {
      replace: flags.force === true,
      blobDir: config.blobDir,
    });
    return [
      `Restored ${file} (as of ${done.takenTime}, ${done.blobs} files) into ${config.dataDir}.`,
      ...(done.keptAs ? [`The database it replaced is kept as ${done.keptAs}.`] : []),
    ];
  } finally {
    lock.release();
  }
}
