import type { PropertyItems } from "../services/page-property-service.ts";

/**
 * A single property item, or for title/rich_text/people/relation a list with one item per element and a
 * `property_item` summary whose `next_url` fetches the next page (S5 PropertyItemListResponse).
 */
export function presentPropertyItems(items: PropertyItems, selfUrl: string) {
  if (!items.page)
    return { object: "property_item", id: items.id, type: items.type, [items.type]: items.value };
  const next = items.page.nextCursor;
  return {
    object: "list",
    results: items.page.results.map((element) => ({
      object: "property_item",
      id: items.id,
      type: items.type,
      [items.type]: element,
    })),
    next_cursor: next,
    has_more: next !== null,
    type: "property_item",
    property_item: {
      id: items.id,
      next_url: next === null ? null : `${selfUrl}?start_cursor=${encodeURIComponent(next)}`,
      type: items.type,
      [items.type]: {},
    },
  };
}
