import { parseQuery } from "../../domain/query/index.ts";
import { type JsonObject, isObject, optionalBoolean } from "../../domain/validation.ts";
import type { PageView } from "../../presenters/present-page.ts";
import { queryRows } from "../../storage/row-query.ts";
import { compileQuery } from "../../storage/query/index.ts";
import type { ServiceContext } from "../context.ts";
import { loadDataSource } from "./data-source-service.ts";
import { sourceOfDatabase } from "../pages/page-service.ts";
import { invalidCursor, type PageRequest } from "../pagination.ts";
import { readAs } from "../access/read-model.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/** Notion stops a query at 10,000 results and says so in `request_status` (reference/query-a-data-source). */
export const QUERY_RESULT_CAP = 10_000;

export interface QueryResult {
  rows: PageView[];
  nextCursor: string | null;
  incomplete: boolean;
}

/** A cursor: the last served row's order-key values, and how many rows came before (for the cap). */
interface Cursor {
  after: unknown[];
  served: number;
}

function readCursor(page: PageRequest): Cursor | null {
  if (page.startCursor === undefined) return null;
  try {
    const decoded = JSON.parse(Buffer.from(page.startCursor, "base64url").toString()) as unknown;
    if (isObject(decoded) && Array.isArray(decoded.a) && typeof decoded.n === "number") {
      return { after: decoded.a, served: decoded.n };
    }
  } catch {
    // falls through to Notion's invalid-cursor error
  }
  throw invalidCursor(page.startCursor);
}

function writeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ a: cursor.after, n: cursor.served })).toString("base64url");
}

/** `POST /v1/data_sources/{id}/query`, and `POST /v1/databases/{id}/query` through the database's source. */
export async function queryDataSource(
  ctx: ServiceContext,
  viewer: Viewer,
  target: { dataSourceId: string } | { databaseId: string },
  body: JsonObject,
  page: PageRequest,
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
  const cursor = readCursor(page);
  const before = cursor?.served ?? 0;
  const limit = Math.max(0, Math.min(page.pageSize, QUERY_RESULT_CAP - before));
  const found = await queryRows(db, {
    sourceId,
    narrowings: compiled.narrowings,
    walk: compiled.walk,
    inTrash,
    where: compiled.where,
    params: compiled.params,
    orderKeys: compiled.orderKeys,
    limit: limit + 1,
    after: cursor?.after ?? null,
  });
  const served = found.rows.slice(0, limit);
  await readAs(db, ctx, viewer, served);
  const more = found.rows.length > limit;
  const incomplete = more && before + limit >= QUERY_RESULT_CAP;
  const last = found.keys[limit - 1];
  return {
    rows: served.map((row) => ({ page: row, schema })),
    nextCursor: more && !incomplete && last ? writeCursor({ after: last, served: before + limit }) : null,
    incomplete,
  };
}
