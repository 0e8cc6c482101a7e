import { newId } from "../../domain/ids.ts";
import { viewQueryAst } from "../../domain/views/view-settings.ts";
import { isObject } from "../../domain/validation.ts";
import { notFound, validationError } from "../../errors.ts";
import { findDataSourceFields } from "../../storage/database-repo.ts";
import {
  type ViewQueryRecord,
  deleteExpiredViewQueries,
  deleteViewQuery as removeViewQuery,
  findViewQuery,
  insertViewQuery,
} from "../../storage/view-repo.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { QUERY_RESULT_CAP, queryDataSource } from "../data-sources/query-service.ts";
import { invalidCursor, type PageRequest } from "../pagination.ts";
import { loadView } from "./view-access.ts";

/** "Cached results expire after 15 minutes" (reference/create-view-query). */
export const VIEW_QUERY_LIFETIME_MS = 15 * 60 * 1000;

export interface ViewQueryPage {
  query: ViewQueryRecord;
  /** Ids of the rows on this page, in the view's order. */
  rowIds: string[];
  nextCursor: string | null;
}

function pageOfQuery(query: ViewQueryRecord, page: PageRequest): ViewQueryPage {
  const start = page.startCursor === undefined ? 0 : readOffset(query, page.startCursor);
  const end = start + page.pageSize;
  const rowIds = query.rowIds.slice(start, end);
  const nextCursor = end < query.rowIds.length ? writeOffset(query.id, end) : null;
  return { query, rowIds, nextCursor };
}

// The cursor is a position in the kept result, tied to its query: rows written after the query was
// made never move a page's start.
function writeOffset(queryId: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: queryId, o: offset })).toString("base64url");
}

function readOffset(query: ViewQueryRecord, cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (isObject(value) && value.q === query.id && Number.isInteger(value.o) && Number(value.o) >= 0) {
      return Number(value.o);
    }
  } catch {
    // Notion's invalid-cursor error below
  }
  throw invalidCursor(cursor);
}

/**
 * `POST /v1/views/{id}/queries` (reference/create-view-query): runs the view's filter, quick filters
 * and sorts through the data-source query engine, keeps up to 10,000 matching rows, and returns the
 * first page.
 */
export async function createViewQuery(
  ctx: ServiceContext,
  viewer: Viewer,
  viewId: string,
  page: PageRequest,
): Promise<ViewQueryPage> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  const view = await loadView(db, viewer, viewId);
  if (!view.dataSourceId) throw validationError("Dashboard views cannot be queried; query their widgets.");
  const source = await findDataSourceFields(db, view.dataSourceId);
  if (!source) throw notFound("data source", view.dataSourceId, viewer.integration);
  const ast = viewQueryAst(view.settings, source.schema);
  const result = await queryDataSource(
    ctx,
    viewer,
    { dataSourceId: view.dataSourceId },
    { page: { pageSize: QUERY_RESULT_CAP }, conditions: () => ({ ast, inTrash: false }), idsOnly: true },
  );
  const now = ctx.clock();
  const rowIds = result.ids;
  const query: ViewQueryRecord = {
    id: newId(),
    viewId: view.id,
    workspaceId: viewer.workspaceId,
    userId: viewer.userId,
    rowIds,
    totalCount: rowIds.length,
    incomplete: result.incomplete,
    createdTime: now.toISOString(),
    expiresAt: new Date(now.getTime() + VIEW_QUERY_LIFETIME_MS).toISOString(),
  };
  await ctx.store.transaction(async (trx) => {
    await deleteExpiredViewQueries(trx, query.createdTime);
    await insertViewQuery(trx, query);
  });
  return pageOfQuery(query, { pageSize: page.pageSize });
}

/** A live query of this view made by this viewer; an expired one is gone ("returns a 404"). */
async function loadQuery(ctx: ServiceContext, viewer: Viewer, viewId: string, queryId: string) {
  const db = ctx.store.db;
  await loadView(db, viewer, viewId);
  const query = await findViewQuery(db, viewId, queryId);
  if (!query || query.userId !== viewer.userId || query.expiresAt <= nowIso(ctx)) {
    throw notFound("view query", queryId, viewer.integration);
  }
  return query;
}

/** `GET /v1/views/{id}/queries/{query_id}` (reference/get-view-query-results). */
export async function viewQueryResults(
  ctx: ServiceContext,
  viewer: Viewer,
  viewId: string,
  queryId: string,
  page: PageRequest,
): Promise<ViewQueryPage> {
  requireCapability(viewer, "read");
  return pageOfQuery(await loadQuery(ctx, viewer, viewId, queryId), page);
}

/** `DELETE /v1/views/{id}/queries/{query_id}`: idempotent, "even if the query doesn't exist or has already expired". */
export async function deleteViewQuery(
  ctx: ServiceContext,
  viewer: Viewer,
  viewId: string,
  queryId: string,
): Promise<{ id: string; deleted: boolean }> {
  requireCapability(viewer, "read");
  await loadView(ctx.store.db, viewer, viewId);
  await ctx.store.transaction(async (trx) => {
    const query = await findViewQuery(trx, viewId, queryId);
    if (query && query.userId === viewer.userId) await removeViewQuery(trx, viewId, queryId);
  });
  return { id: queryId, deleted: true };
}
