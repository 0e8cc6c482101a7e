import { pageTitle } from "../../domain/page-title.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { findBlocks } from "../../storage/block-repo.ts";
import { findUsers } from "../../storage/identity-repo.ts";
import type { ServiceContext } from "../context.ts";
import { readerFor } from "../access/reader.ts";
import type { Viewer } from "../access/viewer.ts";
import type { FileLinks } from "../files/file-links.ts";

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

/** Display names of the people and titles of the pages rows refer to, as the viewer may see them. */
export async function labelsOf(
  ctx: ServiceContext,
  viewer: Viewer,
  rows: TableRow[],
): Promise<Pick<TableView, "people" | "pageTitles">> {
  const db = ctx.store.db;
  const people = new Map<string, string>();
  const pageTitles = new Map<string, string>();
  const all = rows.flatMap((r) => Object.values(r.values));
  const users = await findUsers(db, viewer.workspaceId, [...new Set(userIds(all))]);
  for (const user of users) people.set(user.id, user.name ?? user.email ?? "Someone");
  const relatedIds = [...new Set(ids(all, "relation"))];
  const visible = await readerFor(db, viewer).reachable(relatedIds);
  const related = await findBlocks(db, viewer.workspaceId, [...visible]);
  for (const page of related) {
    if (page.inTrash) continue;
    pageTitles.set(page.id, pageTitle(page) || "Untitled");
  }
  return { people, pageTitles };
}
