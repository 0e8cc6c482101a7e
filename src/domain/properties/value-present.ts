import { type JsonObject, isObject } from "../validation.ts";
import { readOptions } from "./select-options.ts";
import type { PropertySchema, PropertyType } from "./types.ts";

/** Page objects list at most 25 relation references and flag the rest (D:reference/page-property-values). */
export const PAGE_RELATION_LIMIT = 25;

const LIST_TYPES = new Set<PropertyType>(["title", "rich_text", "people", "files", "relation"]);
const TEXT_TYPES = new Set<PropertyType>(["url", "email", "phone_number"]);
const LISTED_ITEM_TYPES = new Set<PropertyType>(["title", "rich_text", "people", "relation"]);

/** Select-like values follow the schema: a renamed or recoloured option shows its new name and colour. */
function currentOption(entry: PropertySchema, value: unknown) {
  if (!isObject(value)) return null;
  const option = readOptions(entry.config).find((o) => o.id === value.id);
  return option ? { id: option.id, name: option.name, color: option.color } : null;
}

/** The `<type>` value of a stored property, with Notion's empty form when nothing is stored. */
export function presentValue(entry: PropertySchema, stored: unknown): unknown {
  const type = entry.type;
  if (LIST_TYPES.has(type)) return Array.isArray(stored) ? stored : [];
  if (TEXT_TYPES.has(type)) return typeof stored === "string" ? stored : null;
  switch (type) {
    case "number":
      return typeof stored === "number" ? stored : null;
    case "checkbox":
      return stored === true;
    case "select":
    case "status":
      return currentOption(entry, stored);
    case "multi_select":
      return Array.isArray(stored)
        ? stored.map((v) => currentOption(entry, v)).filter((o) => o !== null)
        : [];
    case "date":
    case "place":
      return isObject(stored) ? stored : null;
    case "unique_id": {
      // The prefix is the schema's current one; the number was assigned when the row was created.
      const prefix = typeof entry.config.prefix === "string" ? entry.config.prefix : null;
      const number = isObject(stored) && typeof stored.number === "number" ? stored.number : null;
      return { prefix, number };
    }
    case "verification":
      return isObject(stored) ? stored : { state: "unverified", date: null, verified_by: null };
    case "button":
      return {};
    default:
      return stored ?? null;
  }
}

/** One entry of `page.properties`: `{id, type, <type>: value}` (S5 PagePropertyValueWithIdResponse). */
export function presentRowValue(entry: PropertySchema, stored: unknown): JsonObject {
  const value = presentValue(entry, stored);
  if (entry.type === "relation" && Array.isArray(value)) {
    return {
      id: entry.id,
      type: entry.type,
      relation: value.slice(0, PAGE_RELATION_LIMIT),
      has_more: value.length > PAGE_RELATION_LIMIT,
    };
  }
  return { id: entry.id, type: entry.type, [entry.type]: value };
}

/** Computed values (formula, rollup, created_*, last_edited_*) are built by the caller and wrapped here. */
export function presentComputed(entry: PropertySchema, typeValue: unknown): JsonObject {
  return { id: entry.id, type: entry.type, [entry.type]: typeValue };
}

export type PropertyItems =
  | { kind: "list"; id: string; type: PropertyType; items: unknown[] }
  | { kind: "single"; id: string; type: PropertyType; value: unknown };

/**
 * What `GET /v1/pages/{id}/properties/{property_id}` pages through: title, rich_text, people and
 * relation list one element per property item (all of them, not the page object's first 25); other
 * types are a single item. Rollups are computed, so the caller builds those.
 */
export function propertyItems(entry: PropertySchema, stored: unknown): PropertyItems {
  const value = presentValue(entry, stored);
  if (LISTED_ITEM_TYPES.has(entry.type) && Array.isArray(value)) {
    return { kind: "list", id: entry.id, type: entry.type, items: value };
  }
  return { kind: "single", id: entry.id, type: entry.type, value };
}
