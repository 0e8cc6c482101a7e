import { propertyItems } from "../domain/properties/index.ts";
import { isObject } from "../domain/validation.ts";
import type { ApiVersion } from "../domain/versions.ts";
import type { PropertyRequest } from "../services/pages/page-property-service.ts";
import { presentList } from "./present-list.ts";
import type { FileLinks } from "./present-file.ts";
import { presentPageProperties } from "./present-page.ts";

const LISTED_TYPES = new Set(["title", "rich_text", "people", "relation"]);

function listOf(
  request: PropertyRequest,
  items: unknown[],
  summary: Record<string, unknown>,
  selfUrl: string,
) {
  const { id, type } = request.property;
  const end = request.start + request.pageSize;
  const next = end < items.length ? String(end) : null;
  return presentList("property_item", items.slice(request.start, end), next, {
    id,
    next_url: next === null ? null : `${selfUrl}?start_cursor=${encodeURIComponent(next)}`,
    type,
    [type]: summary,
  });
}

/**
 * A single property item, or for title/rich_text/people/relation a list with one item per element
 * (all of them: the page object shows only 25 relations) and a `property_item` summary whose
 * `next_url` fetches the next page; a rollup is a list of the values it rolled up, with its computed
 * value in the summary (S5 PropertyItemListResponse).
 */
export function presentPropertyItems(
  request: PropertyRequest,
  version: ApiVersion,
  selfUrl: string,
  files: FileLinks,
) {
  const { id, name, type } = request.property;
  const item = (value: unknown, itemType = type) => ({
    object: "property_item",
    id,
    type: itemType,
    [itemType]: value,
  });
  const schemaEntry = request.view.schema?.find((p) => p.id === id);
  if (schemaEntry && LISTED_TYPES.has(type)) {
    const items = propertyItems(schemaEntry, request.view.page.properties?.[id]);
    if (items.kind === "list")
      return listOf(
        request,
        items.items.map((element) => item(element)),
        {},
        selfUrl,
      );
  }
  const served = presentPageProperties(request.view, files)[name] as Record<string, unknown> | undefined;
  const value = served?.[type];
  if (type === "rollup" && isObject(value)) {
    const elements = Array.isArray(value.array) ? value.array : [];
    const rolled = elements.map((element) =>
      isObject(element) && typeof element.type === "string"
        ? item(element[element.type], element.type)
        : item(element),
    );
    return listOf(request, rolled, value, selfUrl);
  }
  if (LISTED_TYPES.has(type) && Array.isArray(value)) {
    return listOf(
      request,
      value.map((element: unknown) => item(element)),
      {},
      selfUrl,
    );
  }
  return item(value ?? null);
}
