import { isObject } from "../../domain/validation.ts";
import { notFound } from "../../errors.ts";
import type { PageView } from "./page-types.ts";
import { loadVisible } from "../access/kinds.ts";
import type { ServiceContext } from "../context.ts";
import { pageView } from "./page-service.ts";
import { invalidCursor, type PageRequest } from "../pagination.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

export interface PropertyRequest {
  view: PageView;
  property: { id: string; name: string; type: string };
  /** Index of the first element for paginated types (title, rich_text, people, relation). */
  start: number;
  pageSize: number;
}

/** `GET /v1/pages/{id}/properties/{property_id}`: the id arrives percent-decoded, and names work too. */
export async function getPageProperty(
  ctx: ServiceContext,
  viewer: Viewer,
  pageId: string,
  propertyId: string,
  request: PageRequest,
): Promise<PropertyRequest> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  const view = await pageView(db, ctx, viewer, await loadVisible(db, viewer, pageId, "page"));
  const property = view.schema
    ? view.schema.find((p) => p.id === propertyId || p.name === propertyId)
    : propertyId === "title"
      ? { id: "title", name: "title", type: "title" }
      : undefined;
  if (!property || (!view.schema && !isObject(view.page.properties?.title))) {
    throw notFound("property", propertyId, viewer.integration?.name);
  }
  const start = request.startCursor === undefined ? 0 : Number(request.startCursor);
  if (!Number.isInteger(start) || start < 0) throw invalidCursor(String(request.startCursor));
  return {
    view,
    property: { id: property.id, name: property.name, type: property.type },
    start,
    pageSize: request.pageSize,
  };
}
