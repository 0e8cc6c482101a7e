import type { JsonObject } from "../domain/validation.ts";
import type { QueryValues } from "../domain/properties/types.ts";
import type { Dialect } from "./store.ts";
import type { Executor } from "./executor.ts";
import { placeholders, readArrays, readRows, runRaw } from "./raw-sql.ts";
import { insertRowValues, replaceRowValues } from "./row-values.ts";
import { type BlockTable, readJson } from "./schema.ts";

export interface BlockRecord {
  id: string;
  workspaceId: string;
  type: string;
  parentType: BlockTable["parentType"];
  parentId: string | null;
  sortKey: string;
  content: JsonObject;
  properties: JsonObject | null;
  icon: JsonObject | null;
  cover: JsonObject | null;
  isLocked: boolean;
  inTrash: boolean;
  isArchived: boolean;
  createdTime: string;
  createdBy: string;
  lastEditedTime: string;
  lastEditedBy: string;
  hasChildren: boolean;
  /** For rows of a data source: the database that holds the source (parents show both ids). */
  parentDatabaseId: string | null;
  /** Whether the stored JSON holds any mention, whose display text is rendered at read time. */
  hasMentions: boolean;
}

export type NewBlockRecord = Omit<BlockRecord, "hasChildren" | "hasMentions" | "parentDatabaseId"> & {
  /** Rows of a data source: what filters and sorts read. */
  queryValues?: QueryValues;
};

const MENTION_MARK = '"type":"mention"';

export type Row = Omit<BlockTable, "queryValues"> & {
  hasChildren: number | boolean | string;
  parentDatabaseId: string | null;
};

export function toRecord(row: Row): BlockRecord {
  return {
    ...row,
    content: readJson<JsonObject>(row.content) ?? {},
    properties: readJson<JsonObject>(row.properties),
    icon: readJson<JsonObject>(row.icon),
    cover: readJson<JsonObject>(row.cover),
    isLocked: Boolean(row.isLocked),
    inTrash: Boolean(row.inTrash),
    isArchived: Boolean(row.isArchived),
    hasChildren: Number(row.hasChildren) > 0,
    hasMentions: row.content.includes(MENTION_MARK) || (row.properties?.includes(MENTION_MARK) ?? false),
  };
}

// `fromArray` reads these by position: keep the order.
const BASE_COLUMNS = `b.id, b.workspace_id as "workspaceId", b.type, b.parent_type as "parentType",
  b.parent_id as "parentId", b.sort_key as "sortKey", b.content, b.properties, b.icon, b.cover,
  b.is_locked as "isLocked", b.in_trash as "inTrash", b.is_archived as "isArchived",
  b.created_time as "createdTime", b.created_by as "createdBy", b.last_edited_time as "lastEditedTime",
  b.last_edited_by as "lastEditedBy",
  (case when b.parent_type = 'data_source_id' then (select s.parent_id from blocks s where s.id = b.parent_id) end)
    as "parentDatabaseId"`;

// A scalar subquery with LIMIT rather than EXISTS, which PostgreSQL may turn into a hashed subplan over
// the whole table; blocks_live_children (migration 003) answers it in one probe.
const HAS_CHILDREN = `(case when b.type = 'data_source' then 0 when (select 1 from blocks c where c.parent_id = b.id
    and c.in_trash = 0 and c.parent_type in ('page_id', 'block_id') limit 1) is not null then 1 else 0 end)
    as "hasChildren"`;

export const BLOCK_COLUMNS = `${BASE_COLUMNS}, ${HAS_CHILDREN}`;

/** Data source rows are served as pages, which have no `has_children`. */
export const ROW_COLUMNS = `${BASE_COLUMNS}, 0 as "hasChildren"`;

/**
 * A record from a row of `BLOCK_COLUMNS` or `ROW_COLUMNS` read as an array (`readArrays`): the hot reads
 * (a block by id, a page of children) build it with one object literal of fixed shape.
 */
function fromArray(r: unknown[]): BlockRecord {
  const content = r[6] as string;
  const properties = r[7] as string | null;
  return {
    id: r[0] as string,
    workspaceId: r[1] as string,
    type: r[2] as string,
    parentType: r[3] as BlockRecord["parentType"],
    parentId: r[4] as string | null,
    sortKey: r[5] as string,
    content: readJson<JsonObject>(content) ?? {},
    properties: readJson<JsonObject>(properties),
    icon: readJson<JsonObject>(r[8] as string | null),
    cover: readJson<JsonObject>(r[9] as string | null),
    isLocked: Boolean(r[10]),
    inTrash: Boolean(r[11]),
    isArchived: Boolean(r[12]),
    createdTime: r[13] as string,
    createdBy: r[14] as string,
    lastEditedTime: r[15] as string,
    lastEditedBy: r[16] as string,
    parentDatabaseId: r[17] as string | null,
    hasChildren: Number(r[18]) > 0,
    hasMentions: content.includes(MENTION_MARK) || (properties?.includes(MENTION_MARK) ?? false),
  };
}

async function readBlocks(db: Executor, text: string, params: unknown[]): Promise<BlockRecord[]> {
  return (await readArrays(db, text, params)).map(fromArray);
}

export async function findBlock(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<BlockRecord | undefined> {
  const [block] = await readBlocks(
    db,
    `select ${BLOCK_COLUMNS} from blocks b where b.id = ? and b.workspace_id = ?`,
    [id, workspaceId],
  );
  return block;
}

export async function findBlocks(db: Executor, workspaceId: string, ids: string[]): Promise<BlockRecord[]> {
  if (ids.length === 0) return [];
  // The workspace is checked on the rows, not in SQL: a `workspace_id` condition tempts SQLite into
  // walking the whole workspace by its `(workspace_id, type)` index instead of looking up each id.
  const blocks = await readBlocks(
    db,
    `select ${BLOCK_COLUMNS} from blocks b where b.id in (${placeholders(ids.length)})`,
    ids,
  );
  return blocks.filter((block) => block.workspaceId === workspaceId);
}

/** Live children in order, starting at `fromSortKey` (inclusive) — cursors point at the next child. */
export async function listChildren(
  db: Executor,
  parentId: string,
  options: { fromSortKey?: string | undefined; limit: number },
): Promise<BlockRecord[]> {
  const from = options.fromSortKey ?? "";
  return readBlocks(
    db,
    `select ${BLOCK_COLUMNS} from blocks b
      where b.parent_id = ? and b.in_trash = 0 and b.sort_key >= ? and b.parent_type in ('page_id', 'block_id')
      order by b.sort_key limit ?`,
    [parentId, from, options.limit],
  );
}

/** Sort keys around an insertion point: the key to insert after, and the next sibling's key. */
export async function neighbourKeys(
  db: Executor,
  parentId: string,
  afterSortKey: string | null,
): Promise<{ before: string | null; after: string | null }> {
  if (afterSortKey === null) {
    const first = await db
      .selectFrom("blocks")
      .select("sortKey")
      .where("parentId", "=", parentId)
      .orderBy("sortKey")
      .limit(1)
      .executeTakeFirst();
    return { before: null, after: first?.sortKey ?? null };
  }
  const next = await db
    .selectFrom("blocks")
    .select("sortKey")
    .where("parentId", "=", parentId)
    .where("sortKey", ">", afterSortKey)
    .orderBy("sortKey")
    .limit(1)
    .executeTakeFirst();
  return { before: afterSortKey, after: next?.sortKey ?? null };
}

/** The last sibling key, trashed ones included, so new children always land after every existing key. */
export async function lastChildKey(db: Executor, parentId: string): Promise<string | null> {
  const [row] = await readRows<{ sortKey: string }>(
    db,
    `select sort_key as "sortKey" from blocks where parent_id = ? order by sort_key desc limit 1`,
    [parentId],
  );
  return row?.sortKey ?? null;
}

/** The last key among a workspace's top-level pages and databases. */
export async function lastWorkspaceKey(db: Executor, workspaceId: string): Promise<string | null> {
  const row = await db
    .selectFrom("blocks")
    .select("sortKey")
    .where("workspaceId", "=", workspaceId)
    .where("parentType", "=", "workspace")
    .orderBy("sortKey", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.sortKey ?? null;
}

function toRow(block: NewBlockRecord): BlockTable {
  return {
    ...block,
    content: JSON.stringify(block.content),
    properties: block.properties === null ? null : JSON.stringify(block.properties),
    icon: block.icon === null ? null : JSON.stringify(block.icon),
    cover: block.cover === null ? null : JSON.stringify(block.cover),
    isLocked: block.isLocked ? 1 : 0,
    inTrash: block.inTrash ? 1 : 0,
    isArchived: block.isArchived ? 1 : 0,
    queryValues: JSON.stringify(block.queryValues ?? {}),
  };
}

const INSERT_COLUMNS = [
  "id",
  "workspace_id",
  "type",
  "parent_type",
  "parent_id",
  "sort_key",
  "content",
  "properties",
  "icon",
  "cover",
  "is_locked",
  "in_trash",
  "is_archived",
  "created_time",
  "created_by",
  "last_edited_time",
  "last_edited_by",
  "query_values",
];
const INSERT_BATCH = 50;
const ROW_PLACEHOLDERS = `(${placeholders(INSERT_COLUMNS.length)})`;

function rowValues(block: NewBlockRecord): unknown[] {
  const row = toRow(block);
  return [
    row.id,
    row.workspaceId,
    row.type,
    row.parentType,
    row.parentId,
    row.sortKey,
    row.content,
    row.properties,
    row.icon,
    row.cover,
    row.isLocked,
    row.inTrash,
    row.isArchived,
    row.createdTime,
    row.createdBy,
    row.lastEditedTime,
    row.lastEditedBy,
    row.queryValues,
  ];
}

/**
 * Appends are the hottest write (up to 1,000 blocks a request), so rows go in as multi-row statements
 * of plain SQL rather than through the builder; batches stay under SQLite's bound-parameter limit.
 */
export async function insertBlocks(db: Executor, blocks: NewBlockRecord[]): Promise<void> {
  for (let i = 0; i < blocks.length; i += INSERT_BATCH) {
    const batch = blocks.slice(i, i + INSERT_BATCH);
    const rows = Array.from({ length: batch.length }, () => ROW_PLACEHOLDERS).join(", ");
    await runRaw(
      db,
      `insert into blocks (${INSERT_COLUMNS.join(", ")}) values ${rows}`,
      batch.flatMap(rowValues),
    );
  }
  const rows = blocks.flatMap((b) =>
    b.parentType === "data_source_id" && b.parentId && b.queryValues
      ? [{ rowId: b.id, sourceId: b.parentId, values: b.queryValues }]
      : [],
  );
  if (rows.length > 0) await insertRowValues(db, rows);
}

export type BlockPatch = Partial<
  Pick<
    NewBlockRecord,
    | "content"
    | "properties"
    | "icon"
    | "cover"
    | "isLocked"
    | "inTrash"
    | "isArchived"
    | "parentType"
    | "parentId"
    | "sortKey"
    | "lastEditedTime"
    | "lastEditedBy"
    | "queryValues"
  >
>;

export async function updateBlock(db: Executor, id: string, patch: BlockPatch): Promise<void> {
  const values: Partial<BlockTable> = {};
  if (patch.content !== undefined) values.content = JSON.stringify(patch.content);
  if (patch.properties !== undefined)
    values.properties = patch.properties && JSON.stringify(patch.properties);
  if (patch.icon !== undefined) values.icon = patch.icon && JSON.stringify(patch.icon);
  if (patch.cover !== undefined) values.cover = patch.cover && JSON.stringify(patch.cover);
  if (patch.isLocked !== undefined) values.isLocked = patch.isLocked ? 1 : 0;
  if (patch.inTrash !== undefined) values.inTrash = patch.inTrash ? 1 : 0;
  if (patch.isArchived !== undefined) values.isArchived = patch.isArchived ? 1 : 0;
  if (patch.queryValues !== undefined) values.queryValues = JSON.stringify(patch.queryValues);
  for (const key of ["parentType", "parentId", "sortKey", "lastEditedTime", "lastEditedBy"] as const) {
    if (patch[key] !== undefined) Object.assign(values, { [key]: patch[key] });
  }
  await db.updateTable("blocks").set(values).where("id", "=", id).execute();
  if (patch.queryValues !== undefined) {
    await replaceRowValues(db, id, await rowSource(db, id, patch), patch.queryValues);
  }
}

/** The data source a page is a row of after `patch`, or null when it is not a row. */
async function rowSource(db: Executor, id: string, patch: BlockPatch): Promise<string | null> {
  if (patch.parentType !== undefined) {
    return patch.parentType === "data_source_id" ? (patch.parentId ?? null) : null;
  }
  const rows = await readRows<{ parentType: string; parentId: string | null }>(
    db,
    `select parent_type as "parentType", parent_id as "parentId" from blocks where id = ?`,
    [id],
  );
  const row = rows[0];
  return row?.parentType === "data_source_id" ? row.parentId : null;
}

export interface Ancestor {
  id: string;
  type: string;
  inTrash: boolean;
  depth: number;
}

/** The block and every ancestor up to the workspace, nearest first. */
export async function ancestry(db: Executor, id: string): Promise<Ancestor[]> {
  const rows = await readRows<{ id: string; type: string; trashed: number; depth: number }>(
    db,
    `with recursive chain(id, parent_id, type, in_trash, depth) as (
      select id, parent_id, type, in_trash, 0 from blocks where id = ?
      union all
      select b.id, b.parent_id, b.type, b.in_trash, chain.depth + 1
      from blocks b join chain on b.id = chain.parent_id
      where chain.depth < 1000
    )
    select id, type, in_trash as trashed, depth from chain order by depth`,
    [id],
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    inTrash: Number(r.trashed) > 0,
    depth: Number(r.depth),
  }));
}

/**
 * Serialises writers that add children under one parent (a block, or the workspace for top-level pages),
 * so two transactions never take the same "last key". PostgreSQL gets a row lock held until commit;
 * SQLite already runs one write transaction at a time.
 *
 * Lock order on PostgreSQL: a transaction takes this lock (or `lockBlock` on the block it edits) before
 * it writes anything, so it never waits for a row while holding locks of its own that others wait
 * for. `no key update` still conflicts with every other writer of the row, but not with the key-share
 * locks that foreign keys take: inserting anything that references the row does not queue behind it.
 */
export async function lockParent(
  db: Executor,
  dialect: Dialect,
  parent: { blockId: string } | { workspaceId: string },
): Promise<void> {
  if (dialect !== "postgres") return;
  const [table, id] = "blockId" in parent ? ["blocks", parent.blockId] : ["workspaces", parent.workspaceId];
  await runRaw(db, `select id from ${table} where id = ? for no key update`, [id]);
}

/** Locks a block about to be edited, first, as `lockParent` does (then reads see its latest version). */
export async function lockBlock(db: Executor, dialect: Dialect, id: string): Promise<void> {
  await lockParent(db, dialect, { blockId: id });
}
