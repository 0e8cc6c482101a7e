import { parseQuery } from "../domain/query/index.ts";
import { type JsonObject, optionalBoolean } from "../domain/validation.ts";
import type { ApiVersion } from "../domain/versions.ts";
import type { PageView } from "../presenters/present-page.ts";
import { queryRows } from "../storage/block-repo.ts";
import { compileQuery } from "../storage/query/index.ts";
import { sortProbe } from "../storage/query-indexes.ts";
import type { ServiceContext } from "./context.ts";
import { loadDataSource } from "./data-source-service.ts";
import { sourceOfDatabase } from "./page-service.ts";
import { invalidCursor, type PageRequest } from "./pagination.ts";
import { refreshMentions } from "./mentions.ts";
import { requireCapability, type Viewer } from "./viewer.ts";

/** Notion stops a query at 10,000 results and says so in `request_status` (reference/query-a-data-source). */
export const QUERY_RESULT_CAP = 10_000;

export interface QueryResult {
  rows: PageView[];
  nextCursor: string | null;
  incomplete: boolean;
}

/**
 * The cursor is the offset of the next row. Without sorts rows come in creation order, so rows created
 * while a caller pages through land after the ones already served.
 */
function offsetOf(page: PageRequest): number {
  if (page.startCursor === undefined) return 0;
  const decoded = Buffer.from(page.startCursor, "base64url").toString();
  const match = /^offset:(\d+)$/.exec(decoded);
  if (!match) throw invalidCursor(page.startCursor);
  return Number(match[1]);
}

function cursorAt(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

/** `POST /v1/data_sources/{id}/query`, and `POST /v1/databases/{id}/query` through the database's source. */
export async function queryDataSource(
  ctx: ServiceContext,
  viewer: Viewer,
  target: { dataSourceId: string } | { databaseId: string },
  body: JsonObject,
  page: PageRequest,
  _version: ApiVersion,
): Promise<QueryResult> {
  requireCapability(viewer, "read");
  const db = ctx.database.db;
  const sourceId =
    "dataSourceId" in target ? target.dataSourceId : await sourceOfDatabase(db, viewer, target.databaseId);
  const source = await loadDataSource(db, viewer, sourceId);
  const schema = source.fields.schema;
  const ast = parseQuery(body, schema, { path: "body" });
  // `in_trash` (and the deprecated `archived`, or the documented `is_archived`) switch to trashed rows.
  const inTrash =
    optionalBoolean(body.in_trash, "body.in_trash") ??
    optionalBoolean(body.archived, "body.archived") ??
    optionalBoolean(body.is_archived, "body.is_archived") ??
    false;
  const compiled = compileQuery(ast, {
    dialect: ctx.database.dialect,
    dataSourceId: sourceId,
    viewerUserId: viewer.userId,
    now: ctx.clock(),
  });
  const offset = offsetOf(page);
  const limit = Math.max(0, Math.min(page.pageSize, QUERY_RESULT_CAP - offset));
  const rows = await queryRows(db, {
    dialect: ctx.database.dialect,
    sourceId,
    probe: sortProbe(ctx.database.dialect, sourceId, ast.sorts[0]),
    inTrash,
    where: compiled.where,
    orderBy: compiled.orderBy,
    params: [...compiled.params, ...compiled.orderParams],
    limit: limit + 1,
    offset,
  });
  const served = rows.slice(0, limit);
  await refreshMentions(db, ctx.publicUrl, served);
  const more = rows.length > limit;
  const incomplete = more && offset + limit >= QUERY_RESULT_CAP;
  return {
    rows: served.map((row) => ({ page: row, schema })),
    nextCursor: more && !incomplete ? cursorAt(offset + limit) : null,
    incomplete,
  };
}
