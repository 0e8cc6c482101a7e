import type { PropertySchema } from "../../domain/properties/types.ts";
import type { QueryAst } from "../../domain/query/index.ts";
import { isObject } from "../../domain/validation.ts";
import type { BlockRecord } from "../../storage/block-repo.ts";
import { queryRows } from "../../storage/row-query.ts";
import { compileQuery } from "../../storage/query/index.ts";
import type { ServiceContext } from "../context.ts";
import { loadDataSource } from "./data-source-service.ts";
import { sourceOfDatabase } from "../databases/database-service.ts";
import { invalidCursor, type PageRequest } from "../pagination.ts";
import { readAs } from "../access/read-model.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/** Notion stops a query at 10,000 results and says so in `request_status` (reference/query-a-data-source). */
export const QUERY_RESULT_CAP = 10_000;

export interface QueryDataSourceRequest {
  page: PageRequest;
  /** Which properties the caller wants back (`filter_properties`); for the presenter. */
  filterProperties?: string[] | undefined;
  /**
   * The filter and sorts, and whether trashed rows are queried. They name the source's properties, so
   * they are read from the request once the source is loaded. None: every live row, in creation order.
   */
  conditions?: ((schema: PropertySchema[]) => { ast: QueryAst; inTrash: boolean }) | undefined;
}

export interface QueryResult {
  /** The rows served, each with the schema its properties follow. */
  rows: { page: BlockRecord; schema: PropertySchema[] }[];
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
  request: QueryDataSourceRequest,
): Promise<QueryResult> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  const sourceId =
    "dataSourceId" in target ? target.dataSourceId : await sourceOfDatabase(db, viewer, target.databaseId);
  const source = await loadDataSource(db, viewer, sourceId);
  const schema = source.fields.schema;
  const { ast, inTrash } = request.conditions?.(schema) ?? {
    ast: { filter: null, sorts: [] },
    inTrash: false,
  };
  const { page } = request;
  const compiled = compileQuery(ast, {
    dialect: ctx.store.dialect,
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
