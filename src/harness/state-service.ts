import { ApiError, validationError } from "../errors.ts";
import type { Store } from "../storage/store.ts";
import type { Executor } from "../storage/executor.ts";
import {
  deleteSnapshotRow,
  dumpAtOneInstant,
  dumpWorkspaceAndOwner,
  listSnapshotRows,
  readSnapshotData,
  writeSnapshot,
} from "../storage/snapshot-repo.ts";
import { type TableDump, parseDump, restoreTables, serializeDump } from "../storage/sql-dump.ts";
import { clearTokenCache } from "../services/identity/auth-service.ts";
import { type ServiceContext, nowIso } from "../services/context.ts";
import { ensureDefaultWorkspace } from "../services/identity/workspace-service.ts";

/**
 * The developer harness's whole-database operations: reset to a baseline, and named snapshots. They work
 * on storage rows (every table, found in the catalog), so they cover tables added later without change.
 */

export interface SnapshotInfo {
  name: string;
  createdTime: string;
  /** Size of the stored copy in bytes. */
  bytes: number;
}

const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** The reset target lives beside user snapshots under a name users cannot give (it starts with a dot). */
const BASELINE = ".baseline";

/** Parsed baselines, so that a reset does not read and parse its target every time. */
const baselines = new WeakMap<Store, TableDump>();

function checkName(name: string): void {
  if (!SNAPSHOT_NAME.test(name)) {
    throw validationError(
      `Snapshot names are 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit; got "${name}".`,
    );
  }
}

function snapshotNotFound(name: string): ApiError {
  return new ApiError("object_not_found", `Could not find snapshot named "${name}".`);
}

/** Reads every table at one instant (PostgreSQL's default isolation would let each table see another). */
export async function consistentDump(store: Store): Promise<TableDump> {
  return dumpAtOneInstant(store);
}

async function store(db: Executor, name: string, createdTime: string, dump: TableDump): Promise<number> {
  const data = serializeDump(dump);
  await writeSnapshot(db, name, createdTime, data);
  return Buffer.byteLength(data);
}

async function load(db: Executor, name: string): Promise<TableDump | undefined> {
  const data = await readSnapshotData(db, name);
  return data === undefined ? undefined : parseDump(data);
}

/** After the rows changed under them, in-process caches must forget what they knew. */
function forgetCaches(ctx: ServiceContext): void {
  clearTokenCache(ctx.store);
}

/**
 * Makes the current state the reset target. `everything` keeps every row (startQuire: the workspace,
 * its owner's token and the startup seed); `workspace` keeps only the default workspace, its owner and
 * the owner's personal tokens (`quire serve --harness`, so the printed token survives a reset).
 */
export async function captureBaseline(ctx: ServiceContext, keep: "everything" | "workspace"): Promise<void> {
  let dump: TableDump;
  if (keep === "everything") {
    dump = await consistentDump(ctx.store);
  } else {
    const { workspace, owner } = await ensureDefaultWorkspace(ctx);
    dump = await dumpWorkspaceAndOwner(ctx.store, workspace.id, owner.id);
  }
  await store(ctx.store.db, BASELINE, nowIso(ctx), dump);
  baselines.set(ctx.store, dump);
}

/**
 * Puts the database back to its baseline. Without one, empties everything and creates a fresh default
 * workspace (its owner's old tokens stop working).
 */
export async function resetState(ctx: ServiceContext): Promise<void> {
  let baseline = baselines.get(ctx.store);
  if (!baseline) {
    baseline = await load(ctx.store.db, BASELINE);
    if (baseline) baselines.set(ctx.store, baseline);
  }
  await restoreTables(ctx.store, baseline ?? { tables: {} });
  forgetCaches(ctx);
  if (!baseline) await ensureDefaultWorkspace(ctx);
}

/** Puts back a state read by `consistentDump`, e.g. to undo a seed that failed half way. */
export async function replaceState(ctx: ServiceContext, dump: TableDump): Promise<void> {
  await restoreTables(ctx.store, dump);
  forgetCaches(ctx);
}

export async function saveSnapshot(ctx: ServiceContext, name: string): Promise<SnapshotInfo> {
  checkName(name);
  const dump = await consistentDump(ctx.store);
  const createdTime = nowIso(ctx);
  const bytes = await store(ctx.store.db, name, createdTime, dump);
  return { name, createdTime, bytes };
}

export async function restoreSnapshot(ctx: ServiceContext, name: string): Promise<void> {
  checkName(name);
  const dump = await load(ctx.store.db, name);
  if (!dump) throw snapshotNotFound(name);
  await restoreTables(ctx.store, dump);
  forgetCaches(ctx);
}

export async function listSnapshots(ctx: ServiceContext): Promise<SnapshotInfo[]> {
  return listSnapshotRows(ctx.store.db, BASELINE);
}

export async function deleteSnapshot(ctx: ServiceContext, name: string): Promise<void> {
  checkName(name);
  if (!(await deleteSnapshotRow(ctx.store.db, name))) throw snapshotNotFound(name);
}
