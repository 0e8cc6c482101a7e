import type { StoredValues } from "../domain/properties/types.ts";
import type { Executor } from "./executor.ts";
import { decodeObject } from "./json-columns.ts";

/** Narrow reads of blocks for callers that need a column or two, not a whole `BlockRecord`. */

/** Where a block sits: its parent and its sort key there (in any workspace; callers check the parent). */
export async function blockPlace(
  db: Executor,
  id: string,
): Promise<{ parentId: string | null; sortKey: string } | undefined> {
  return db.selectFrom("blocks").select(["parentId", "sortKey"]).where("id", "=", id).executeTakeFirst();
}

/** The workspace a block belongs to, or undefined when there is no such block. */
export async function blockWorkspaceId(db: Executor, id: string): Promise<string | undefined> {
  const row = await db.selectFrom("blocks").select(["workspaceId"]).where("id", "=", id).executeTakeFirst();
  return row?.workspaceId;
}

export interface StoredRowValues {
  id: string;
  sortKey: string;
  /** The row's stored property values by property id (`{}` when it has none). */
  properties: StoredValues;
}

/**
 * The next `limit` rows of a data source (trashed ones included) after sort key `after`, in sort-key
 * order, so a caller can walk a large source in batches with flat memory.
 */
export async function sourceRowsAfter(
  db: Executor,
  sourceId: string,
  after: string,
  limit: number,
): Promise<StoredRowValues[]> {
  const rows = await db
    .selectFrom("blocks")
    .select(["id", "sortKey", "properties"])
    .where("parentId", "=", sourceId)
    .where("parentType", "=", "data_source_id")
    .where("sortKey", ">", after)
    .orderBy("sortKey")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    sortKey: row.sortKey,
    properties: row.properties ? (decodeObject(row.properties, "row properties") ?? {}) : {},
  }));
}
