import { type BlockRecord, ROW_COLUMNS, type Row, BLOCK_COLUMNS, toRecord } from "./block-repo.ts";
import type { Executor } from "./executor.ts";
import { readRows } from "./raw-sql.ts";

/** Reads the export walks: a workspace's top level, a data source's rows in order, the page count. */

export async function workspaceTopLevel(db: Executor, workspaceId: string): Promise<BlockRecord[]> {
  const rows = await readRows<Row>(
    db,
    `select ${BLOCK_COLUMNS} from blocks b where b.workspace_id = ? and b.parent_type = 'workspace'
      and b.in_trash = 0 and b.type in ('child_page', 'child_database') order by b.sort_key`,
    [workspaceId],
  );
  return rows.map(toRecord);
}

export async function sourceRows(db: Executor, sourceId: string): Promise<BlockRecord[]> {
  const rows = await readRows<Row>(
    db,
    `select ${ROW_COLUMNS} from blocks b where b.parent_id = ? and b.parent_type = 'data_source_id'
      and b.in_trash = 0 order by b.sort_key`,
    [sourceId],
  );
  return rows.map(toRecord);
}

/** Live pages (rows included) of a workspace: the progress bar's total. */
export async function countPages(db: Executor, workspaceId: string): Promise<number> {
  const rows = await readRows<{ n: number | string }>(
    db,
    `select count(*) as n from blocks b where b.workspace_id = ? and b.type = 'child_page' and b.in_trash = 0`,
    [workspaceId],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function userNames(db: Executor, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("workspaceId", "=", workspaceId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name ?? r.id]));
}
