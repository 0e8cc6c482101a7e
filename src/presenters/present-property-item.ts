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

const ARRAY_ITEM_TYPES = new Set(["title", "rich_text", "people", "relation"]);

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
    // One item per value as the page-property endpoint lists them: a title or text element is one
    // rich text item each (S5 TitlePropertyItemObjectResponse holds a single RichTextItemResponse).
    const rolled = elements.flatMap((element) => {
      if (!isObject(element) || typeof element.type !== "string") return [item(element)];
      const inner = element[element.type];
      return ARRAY_ITEM_TYPES.has(element.type) && Array.isArray(inner)
        ? inner.map((part) => item(part, element.type as string))
        : [item(inner, element.type)];
    });
    // The summary counts the elements without repeating them (S5: `array: Array<EmptyObject>`).
    const summary = value.type === "array" ? { ...value, array: elements.map(() => ({})) } : value;
    return listOf(request, rolled, summary, selfUrl);
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
