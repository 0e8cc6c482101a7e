import type { ApiVersion } from "../domain/versions.ts";
import type { PropertyRequest } from "../services/page-property-service.ts";
import { presentPageProperties } from "./present-page.ts";

const LISTED_TYPES = new Set(["title", "rich_text", "people", "relation"]);

/**
 * A single property item, or for title/rich_text/people/relation a list with one item per element and a
 * `property_item` summary whose `next_url` fetches the next page (S5 PropertyItemListResponse).
 */
export function presentPropertyItems(request: PropertyRequest, version: ApiVersion, selfUrl: string) {
  const { id, name, type } = request.property;
  const served = presentPageProperties(request.view, version)[name] as Record<string, unknown> | undefined;
  const value = served?.[type];
  if (!LISTED_TYPES.has(type) || !Array.isArray(value))
    return { object: "property_item", id, type, [type]: value ?? null };
  const end = request.start + request.pageSize;
  const next = end < value.length ? String(end) : null;
  return {
    object: "list",
    results: value
      .slice(request.start, end)
      .map((element: unknown) => ({ object: "property_item", id, type, [type]: element })),
    next_cursor: next,
    has_more: next !== null,
    type: "property_item",
    property_item: {
      id,
      next_url: next === null ? null : `${selfUrl}?start_cursor=${encodeURIComponent(next)}`,
      type,
      [type]: {},
    },
  };
}
