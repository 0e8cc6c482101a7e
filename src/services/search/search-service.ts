import { type QueryWord, foldText, queryWords, titleMatches } from "../../domain/search-text.ts";
import { type ApiVersion, hasDataSources } from "../../domain/versions.ts";
import type { DataSourceView, DatabaseView } from "../../storage/database-repo.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { pageTitle } from "../../domain/page-title.ts";
import { type BlockRecord, findBlocks } from "../../storage/block-repo.ts";
import {
  type DataSourceFields,
  findDataSourceFields,
  findDatabaseFields,
  listDataSourceFields,
} from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import {
  type SearchHit,
  type SearchOrder,
  type SearchSpec,
  searchCandidates,
} from "../../storage/search/search-repo.ts";
import type { ServiceContext } from "../context.ts";
import type { PageRequest } from "../pagination.ts";
import { readAs, readDataSourceAs, readDatabaseAs } from "../access/read-model.ts";
import { type Reader, readerFor } from "../access/reader.ts";
import { readSearchCursor, searchCursor } from "./search-cursor.ts";
import { type Viewer, requireCapability } from "../access/viewer.ts";

export type SearchObject = "page" | "data_source" | "database";

export interface SearchRequest {
  query: string;
  object: SearchObject | undefined;
  trashed: boolean;
  order: SearchOrder | undefined;
  page: PageRequest;
  /** Quire extension: also match pages by the text of their blocks (opt-in, see docs/search.md). */
  content: boolean;
}

/** A page found, with the schema its properties follow when it is a row of a data source. */
export interface PageHit {
  page: BlockRecord;
  schema: PropertySchema[] | null;
}

export type SearchResult =
  | { object: "page"; view: PageHit; titleChanged?: boolean }
  | { object: "data_source"; view: DataSourceView }
  | { object: "database"; view: DatabaseView };

/** Candidates are fetched in growing batches until a page of reachable ones is found. */
const FIRST_BATCH_SLACK = 10;
const MAX_BATCH = 2000;

async function reachable(reader: Reader, hits: SearchHit[], trashed: boolean) {
  const sights = await reader.sights(hits.map((h) => h.id));
  return hits.filter((hit) => {
    const sight = sights.get(hit.id);
    return sight !== undefined && sight.visible && (trashed || !sight.trashedAbove);
  });
}

/**
 * `POST /v1/search`: titles of the pages and databases the viewer can reach (reference/post-search).
 * Without `sort`, the most recently edited come first, as Notion documents.
 */
export async function search(
  ctx: ServiceContext,
  viewer: Viewer,
  request: SearchRequest,
  version: ApiVersion,
): Promise<{ results: SearchResult[]; nextCursor: string | null }> {
  requireCapability(viewer, "read");
  const { page } = request;
  const words = queryWords(request.query);
  // Without words every result ties on relevance, so the order is simply the most recent first.
  const order =
    request.order === "relevance" && words.length === 0 ? "descending" : (request.order ?? "descending");
  const spec: SearchSpec = {
    workspaceId: viewer.workspaceId,
    words,
    phrase: foldText(request.query.normalize("NFKC").trim().replace(/\s+/g, " ")),
    pages: request.object !== "data_source" && request.object !== "database",
    databases: request.object === "page" ? null : hasDataSources(version) ? "data_source" : "child_database",
    trashed: request.trashed,
    content: request.content,
    order,
    after: page.startCursor === undefined ? undefined : readSearchCursor(page.startCursor, order),
    limit: page.pageSize + 1 + FIRST_BATCH_SLACK,
  };
  const db = ctx.store.db;
  const reader = readerFor(db, viewer);
  const found: SearchHit[] = [];
  while (found.length <= page.pageSize) {
    const hits = await searchCandidates(db, ctx.store.dialect, spec);
    found.push(...(await reachable(reader, hits, spec.trashed)));
    const last = hits.at(-1);
    if (hits.length < spec.limit || !last) break;
    spec.after = last;
    spec.limit = Math.min(spec.limit * 4, MAX_BATCH);
  }
  const served = found.slice(0, page.pageSize);
  const lastServed = served.at(-1);
  const nextCursor = found.length > page.pageSize && lastServed ? searchCursor(order, lastServed) : null;
  const results = await loadResults(ctx, db, viewer, served);
  return { results: reader.complete ? results : results.filter((r) => stillMatches(r, words)), nextCursor };
}

async function loadResults(
  ctx: ServiceContext,
  db: Executor,
  viewer: Viewer,
  hits: SearchHit[],
): Promise<SearchResult[]> {
  const { workspaceId } = viewer;
  const blocks = await findBlocks(
    db,
    workspaceId,
    hits.map((h) => h.id),
  );
  const parentIds = blocks.filter((b) => b.type === "data_source" && b.parentId).map((b) => b.parentId ?? "");
  const parents = await findBlocks(db, workspaceId, [...new Set(parentIds)]);
  const byId = new Map([...blocks, ...parents].map((b) => [b.id, b]));
  const stored = new Map(blocks.map((b) => [b.id, pageTitle(b)]));
  await readAs(db, ctx, viewer, blocks);
  const sources = new Map<string, DataSourceFields | undefined>();
  const sourceFields = async (id: string) => {
    if (!sources.has(id)) sources.set(id, await findDataSourceFields(db, id));
    return sources.get(id);
  };
  const results: SearchResult[] = [];
  for (const hit of hits) {
    const block = byId.get(hit.id);
    if (!block) continue;
    const result = await loadResult(db, block, byId, sourceFields);
    if (result?.object === "page") {
      const titleChanged = stored.get(block.id) !== pageTitle(block);
      results.push({ ...result, ...(titleChanged ? { titleChanged } : {}) });
    } else if (result?.object === "data_source") {
      results.push({ ...result, view: await readDataSourceAs(db, ctx, viewer, result.view) });
    } else if (result) {
      results.push({ ...result, view: await readDatabaseAs(db, ctx, viewer, result.view) });
    }
  }
  return results;
}

/**
 * A title holding a mention matched on the mentioned page's title; a reader who cannot reach that page
 * reads "Untitled" there, and must not learn the hidden title from the match either.
 */
function stillMatches(result: SearchResult, words: QueryWord[]): boolean {
  if (result.object !== "page" || !result.titleChanged || words.length === 0) return true;
  return titleMatches(pageTitle(result.view.page), words);
}

async function loadResult(
  db: Executor,
  block: BlockRecord,
  byId: Map<string, BlockRecord>,
  sourceFields: (id: string) => Promise<DataSourceFields | undefined>,
): Promise<SearchResult | undefined> {
  if (block.type === "child_page") {
    const inSource = block.parentType === "data_source_id" && block.parentId;
    const schema = inSource ? ((await sourceFields(block.parentId ?? ""))?.schema ?? []) : null;
    return { object: "page", view: { page: block, schema } };
  }
  if (block.type === "data_source") {
    const fields = await sourceFields(block.id);
    const databaseBlock = block.parentId ? byId.get(block.parentId) : undefined;
    const databaseFields = fields && (await findDatabaseFields(db, fields.databaseId));
    if (!fields || !databaseBlock || !databaseFields) return undefined;
    return {
      object: "data_source",
      view: { block, fields, database: { block: databaseBlock, fields: databaseFields } },
    };
  }
  const fields = await findDatabaseFields(db, block.id);
  if (!fields) return undefined;
  return { object: "database", view: { block, fields, sources: await listDataSourceFields(db, block.id) } };
}
