import { validationError } from "../../errors.ts";
import type { PropertySchema } from "../properties/types.ts";
import { findProperty } from "../query/parse-filter.ts";
import { type JsonObject, excerpt, isObject } from "../validation.ts";

/**
 * A view refers to properties by id when stored and by name (with `property_name` beside ids in its
 * configuration) when served, like Notion's own views: renaming a property shows in every view at once,
 * and a property deleted from the schema drops out of every filter, sort and configuration that used it.
 */

export function propertyIdOf(schema: PropertySchema[], nameOrId: string): string {
  const property = findProperty(schema, nameOrId);
  if (!property) throw validationError(`Could not find property with name or id: ${excerpt(nameOrId)}`);
  return property.id;
}

const COMPOUND = ["and", "or"] as const;

/** A filter (already validated) with `property` turned into ids. */
export function filterToIds(filter: JsonObject, schema: PropertySchema[]): JsonObject {
  for (const key of COMPOUND) {
    const items = filter[key];
    if (Array.isArray(items)) return { [key]: items.map((item) => filterToIds(item as JsonObject, schema)) };
  }
  if (typeof filter.property === "string")
    return { ...filter, property: propertyIdOf(schema, filter.property) };
  return filter;
}

/**
 * A stored filter with property ids turned back into the current names. Conditions on deleted
 * properties are dropped, and a compound filter left empty goes with them.
 */
export function filterToNames(filter: JsonObject, schema: PropertySchema[]): JsonObject | null {
  for (const key of COMPOUND) {
    const items = filter[key];
    if (!Array.isArray(items)) continue;
    const kept = items.flatMap((item) => filterToNames(item as JsonObject, schema) ?? []);
    return kept.length > 0 ? { [key]: kept } : null;
  }
  if (typeof filter.property !== "string") return filter;
  const property = schema.find((p) => p.id === filter.property);
  return property ? { ...filter, property: property.name } : null;
}

export function sortsToIds(sorts: JsonObject[], schema: PropertySchema[]): JsonObject[] {
  return sorts.map((sort) =>
    typeof sort.property === "string" ? { ...sort, property: propertyIdOf(schema, sort.property) } : sort,
  );
}

export function sortsToNames(sorts: JsonObject[], schema: PropertySchema[]): JsonObject[] {
  return sorts.flatMap((sort) => {
    if (typeof sort.property !== "string") return [sort];
    const property = schema.find((p) => p.id === sort.property);
    return property ? [{ ...sort, property: property.name }] : [];
  });
}

export function quickFiltersToNames(
  quick: Record<string, JsonObject>,
  schema: PropertySchema[],
): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [id, condition] of Object.entries(quick)) {
    const property = schema.find((p) => p.id === id);
    if (property) out[property.name] = condition;
  }
  return out;
}

/** Keys of a configuration that hold one property id, and the `*_name` key served beside it. */
const ID_FIELDS: Record<string, string> = {
  date_property_id: "date_property_name",
  end_date_property_id: "end_date_property_name",
  map_by: "map_by_property_name",
  x_axis_property_id: "x_axis_property_name",
  y_axis_property_id: "y_axis_property_name",
};
/** Keys holding an object with its own `property_id`. */
const NESTED_FIELDS = [
  "group_by",
  "sub_group_by",
  "x_axis",
  "stack_by",
  "y_axis",
  "value",
  "cover",
  "subtasks",
  "arrows_by",
];
/** Keys holding a list of per-property settings. */
const LIST_FIELDS = ["properties", "table_properties"];

/**
 * A stored configuration as served: each property id gets its current `property_name`; per-property
 * entries and groupings of deleted properties are dropped.
 */
export function configurationToNames(configuration: JsonObject, schema: PropertySchema[]): JsonObject {
  const byId = new Map(schema.map((p) => [p.id, p]));
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(configuration)) {
    if (key in ID_FIELDS && typeof value === "string") {
      const property = byId.get(value);
      if (!property) continue;
      out[key] = value;
      out[ID_FIELDS[key] as string] = property.name;
    } else if (NESTED_FIELDS.includes(key) && isObject(value) && typeof value.property_id === "string") {
      const property = byId.get(value.property_id);
      if (!property) continue;
      // Covers and subtasks are served without a name in S5's types; groupings and axes with one.
      out[key] = ["cover", "subtasks", "arrows_by", "y_axis", "value"].includes(key)
        ? value
        : { ...value, property_name: property.name };
    } else if (LIST_FIELDS.includes(key) && Array.isArray(value)) {
      out[key] = (value as JsonObject[]).flatMap((entry) => {
        const property = byId.get(String(entry.property_id));
        return property ? [{ ...entry, property_name: property.name }] : [];
      });
    } else {
      out[key] = value;
    }
  }
  return out;
}
