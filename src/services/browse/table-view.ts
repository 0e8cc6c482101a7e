import { plainText } from "../../domain/rich-text.ts";
import { pageTitle } from "../../domain/page-title.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { presentRowProperties } from "../../domain/properties/row-present.ts";
import { findBlocks } from "../../storage/block-repo.ts";
import { findUsers } from "../../storage/identity-repo.ts";
import type { ServiceContext } from "../context.ts";
import { loadDatabase } from "../databases/database-service.ts";
import { queryDataSource } from "../data-sources/query-service.ts";
import { readerFor } from "../access/reader.ts";
import type { Viewer } from "../access/viewer.ts";
import { type FileLinks, fileLinks } from "../files/file-links.ts";

/** Rows per page of the web UI's table; the query service pages through the source, never loading it whole. */
export const TABLE_PAGE_SIZE = 25;

export interface TableRow {
  id: string;
  /** Wire-shaped property values (as the API serves them), by property name. */
  values: Record<string, unknown>;
}

export interface TableView {
  databaseId: string;
  title: string;
  sources: { id: string; name: string }[];
  sourceId: string;
  schema: PropertySchema[];
  rows: TableRow[];
  nextCursor: string | null;
  /** Display names of the people and titles of the pages the shown rows refer to. */
  people: Map<string, string>;
  pageTitles: Map<string, string>;
  /** Signs the uploads `files` values name, for the links the table shows. */
  files: FileLinks;
}

function ids(values: unknown[], key: "people" | "relation"): string[] {
  const out: string[] = [];
  for (const value of values) {
    const list = (value as Record<string, unknown>)[key];
    if (Array.isArray(list))
      for (const item of list)
        if (typeof (item as { id?: unknown }).id === "string") out.push((item as { id: string }).id);
  }
  return out;
}

function userIds(values: unknown[]): string[] {
  const out = ids(values, "people");
  for (const value of values) {
    const v = value as { type?: string } & Record<string, unknown>;
    if (v.type === "created_by" || v.type === "last_edited_by") {
      const user = v[v.type] as { id?: unknown } | undefined;
      if (typeof user?.id === "string") out.push(user.id);
    }
  }
  return out;
}

/**
 * One page of a database's rows for the web table, read through the query service (Notion's default
 * order, `TABLE_PAGE_SIZE` at a time), so rows show what the viewer may see: a guest never learns the
 * titles of related pages not shared with them.
 */
export async function tableOf(
  ctx: ServiceContext,
  viewer: Viewer,
  databaseId: string,
  options: { sourceId?: string | undefined; cursor?: string | undefined },
): Promise<TableView> {
  const db = ctx.store.db;
  const database = await loadDatabase(db, viewer, databaseId);
  const sources = database.sources.map((s) => ({ id: s.id, name: plainText(s.title) || "Untitled" }));
  const source = database.sources.find((s) => s.id === options.sourceId) ?? database.sources[0];
  const base = {
    databaseId,
    title: plainText(database.fields.title) || "Untitled database",
    sources,
    people: new Map<string, string>(),
    pageTitles: new Map<string, string>(),
    files: await fileLinks(ctx),
  };
  if (!source) return { ...base, sourceId: "", schema: [], rows: [], nextCursor: null };
  const result = await queryDataSource(
    ctx,
    viewer,
    { dataSourceId: source.id },
    { page: { pageSize: TABLE_PAGE_SIZE, startCursor: options.cursor } },
  );
  const rows = result.rows.map((row) => ({
    id: row.page.id,
    values: presentRowProperties(source.schema, row.page),
  }));
  const all = rows.flatMap((r) => Object.values(r.values));
  const users = await findUsers(db, viewer.workspaceId, [...new Set(userIds(all))]);
  for (const user of users) base.people.set(user.id, user.name ?? user.email ?? "Someone");
  const relatedIds = [...new Set(ids(all, "relation"))];
  const visible = await readerFor(db, viewer).reachable(relatedIds);
  const related = await findBlocks(db, viewer.workspaceId, [...visible]);
  for (const page of related) {
    if (page.inTrash) continue;
    base.pageTitles.set(page.id, pageTitle(page) || "Untitled");
  }
  return { ...base, sourceId: source.id, schema: source.schema, rows, nextCursor: result.nextCursor };
}
