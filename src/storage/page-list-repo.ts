import type { JsonObject } from "../domain/validation.ts";
import type { Executor } from "./executor.ts";
import { decodeObject } from "./json-columns.ts";
import type { BlockTable } from "./schema.ts";

/** Pages and databases as the web UI's page tree lists them: a few columns, JSON decoded. */
export interface PageListRow {
  id: string;
  type: string;
  content: JsonObject;
  parentId: string | null;
  parentType: BlockTable["parentType"];
  icon: JsonObject | null;
}

const MENTION_MARK = '"type":"mention"';

/**
 * Live pages and databases of a workspace outside data sources, in sort-key order, at most `limit`.
 * Rows of data sources are left out: the UI shows them in their table.
 */
export async function listWorkspacePages(
  db: Executor,
  workspaceId: string,
  limit: number,
): Promise<PageListRow[]> {
  const rows = await db
    .selectFrom("blocks")
    .select(["id", "type", "content", "parentId", "parentType", "icon", "sortKey"])
    .where("workspaceId", "=", workspaceId)
    .where("type", "in", ["child_page", "child_database"])
    .where("inTrash", "=", 0)
    .where("parentType", "in", ["workspace", "page_id", "block_id"])
    .orderBy("sortKey")
    .limit(limit)
    .execute();
  return rows.map(pageListRow);
}

type StoredPageColumns = Pick<BlockTable, "id" | "type" | "content" | "parentId" | "parentType" | "icon">;

function pageListRow(r: StoredPageColumns): PageListRow {
  return {
    id: r.id,
    type: r.type,
    content: decodeObject(r.content, "block content") ?? {},
    parentId: r.parentId,
    parentType: r.parentType,
    icon: decodeObject(r.icon, "block icon"),
  };
}

export interface TreeLevelRow {
  id: string;
  /** Whether the stored properties hold a mention, whose text depends on who reads it. */
  propertiesMention: boolean;
  /** Pages and databases with their JSON decoded; null for other blocks (only their ids are walked). */
  page: PageListRow | null;
}

function isPage(type: string): boolean {
  return type === "child_page" || type === "child_database";
}

/**
 * One level of a block tree walked breadth-first: the live blocks with the given ids (`ids`), or the
 * live blocks inside pages and blocks with the given ids (`childrenOf`), in sort-key order.
 */
export async function listTreeLevel(
  db: Executor,
  workspaceId: string,
  level: { ids: string[] } | { childrenOf: string[] },
  limit: number,
): Promise<TreeLevelRow[]> {
  const query = db
    .selectFrom("blocks")
    .select(["id", "type", "content", "properties", "parentId", "parentType", "icon"])
    .where("workspaceId", "=", workspaceId)
    .where("inTrash", "=", 0);
  const rows = await (
    "ids" in level
      ? query.where("id", "in", level.ids)
      : query.where("parentId", "in", level.childrenOf).where("parentType", "in", ["page_id", "block_id"])
  )
    .orderBy("sortKey")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    propertiesMention: r.properties?.includes(MENTION_MARK) ?? false,
    page: isPage(r.type) ? pageListRow(r) : null,
  }));
}
