import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isSqliteBusy } from "./contention.ts";
import { openSqliteFile } from "./drivers.ts";

/** Who holds a data directory: written by the server that holds the lock, read by the one refused. */
export interface ServerInfo {
  pid: number;
  /** The listening address, once the server has one. */
  url: string | null;
  startedTime: string;
}

export interface DataDirLock {
  /** Records the listening address for the message a second server prints. */
  announce(url: string): void;
  release(): void;
}

const LOCK_FILE = "serve.lock";
const INFO_FILE = "serve.json";

function readInfo(dataDir: string): ServerInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, INFO_FILE), "utf8")) as Partial<ServerInfo>;
    if (typeof info.pid !== "number" || typeof info.startedTime !== "string") return null;
    return {
      pid: info.pid,
      url: typeof info.url === "string" ? info.url : null,
      startedTime: info.startedTime,
    };
  } catch {
    return null;
  }
}

/**
 * Claims a SQLite data directory for one `quire serve`. The claim is an exclusive lock on a file of
 * its own (SQLite's, so it works wherever the database does), held for the life of the process: the
 * operating system drops it when the process ends, however it ends (kill -9 included), so a claim can
 * never go stale the way a pid file does when its pid is reused. CLI commands don't claim: they share
 * the database with the server as SQLite allows. Returns who holds it when another process does.
 */
export function lockDataDir(dataDir: string): DataDirLock | { heldBy: ServerInfo | null } {
  mkdirSync(dataDir, { recursive: true });
  const lock = openSqliteFile(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    lock.exec("begin exclusive");
  } catch (error) {
    lock.close();
    if (isSqliteBusy(error)) return { heldBy: readInfo(dataDir) };
    throw error;
  }
  const infoFile = join(dataDir, INFO_FILE);
  const startedTime = new Date().toISOString();
  const write = (url: string | null) =>
    writeFileSync(
      infoFile,
      `${JSON.stringify({ pid: process.pid, url, startedTime } satisfies ServerInfo)}\n`,
    );
  // Written at once, so a server refused while this one still migrates names this process, not the last.
  write(null);
  return {
    announce: (url) => write(url),
    release: () => {
      rmSync(infoFile, { force: true });
      lock.close();
    },
  };
}
