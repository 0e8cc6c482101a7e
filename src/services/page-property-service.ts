import { isObject } from "../domain/validation.ts";
import { notFound } from "../errors.ts";
import { loadVisible } from "./access.ts";
import type { ServiceContext } from "./context.ts";
import { refreshMentions } from "./mentions.ts";
import { type Page, type PageRequest, invalidCursor } from "./pagination.ts";
import { requireCapability, type Viewer } from "./viewer.ts";

export interface PropertyItems {
  id: string;
  type: string;
  /** Paginated types (title, rich_text, people, relation) list one element per item. */
  page: Page<unknown> | null;
  value: unknown;
}

const LISTED_TYPES = new Set(["title", "rich_text", "people", "relation"]);

/** `GET /v1/pages/{id}/properties/{property_id}`: the id arrives percent-decoded, and names work too. */
export async function getPageProperty(
  ctx: ServiceContext,
  viewer: Viewer,
  pageId: string,
  propertyId: string,
  request: PageRequest,
): Promise<PropertyItems> {
  requireCapability(viewer, "read");
  const page = await refreshMentions(
    ctx.database.db,
    ctx.publicUrl,
    await loadVisible(ctx.database.db, viewer, pageId, "page"),
  );
  const properties = page.properties ?? {};
  const entry =
    Object.values(properties).find((p) => isObject(p) && p.id === propertyId) ?? properties[propertyId];
  if (!isObject(entry) || typeof entry.id !== "string" || typeof entry.type !== "string") {
    throw notFound("property", propertyId, viewer.integration?.name);
  }
  const value = entry[entry.type];
  if (!LISTED_TYPES.has(entry.type) || !Array.isArray(value))
    return { id: entry.id, type: entry.type, page: null, value };
  const start = request.startCursor === undefined ? 0 : Number(request.startCursor);
  if (!Number.isInteger(start) || start < 0 || start > value.length)
    throw invalidCursor(String(request.startCursor));
  const end = start + request.pageSize;
  return {
    id: entry.id,
    type: entry.type,
    value,
    page: { results: value.slice(start, end), nextCursor: end < value.length ? String(end) : null },
  };
}
