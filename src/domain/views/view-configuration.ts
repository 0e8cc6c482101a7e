import { validationError } from "../../errors.ts";
import type { PropertySchema, PropertyType } from "../properties/types.ts";
import { findProperty } from "../query/parse-filter.ts";
import { type JsonObject, excerpt, fail, requireObject, requireString } from "../validation.ts";
import type { ViewType } from "./view-types.ts";

/**
 * `configuration` of a view request (S5 `ViewConfigRequest`, one shape per view type): checked against
 * the view's type and the data source's schema, with every property reference stored by id. `null`
 * values clear a setting. Settings Quire does not interpret (widths, cover sizes, chart styling) are
 * kept as sent and served back.
 */

/** The group-by `type` each groupable property type takes (S5 `GroupByConfigRequest`). */
const GROUP_TYPE: Partial<Record<PropertyType, string>> = {
  select: "select",
  multi_select: "multi_select",
  status: "status",
  people: "person",
  created_by: "created_by",
  last_edited_by: "last_edited_by",
  relation: "relation",
  date: "date",
  created_time: "created_time",
  last_edited_time: "last_edited_time",
  title: "title",
  rich_text: "text",
  url: "url",
  email: "email",
  phone_number: "phone_number",
  number: "number",
  checkbox: "checkbox",
  formula: "formula",
};

const DATE_TYPES = new Set<PropertyType>(["date", "created_time", "last_edited_time", "formula"]);

/** Which keys of a configuration each view type requires (S5: no `?` on these). */
const REQUIRED: Partial<Record<ViewType, string[]>> = {
  board: ["group_by"],
  calendar: ["date_property_id"],
  timeline: ["date_property_id"],
  chart: ["chart_type"],
};

function propertyAt(schema: PropertySchema[], value: unknown, path: string): PropertySchema {
  const key = requireString(value, path);
  const property = findProperty(schema, key);
  if (!property) throw validationError(`Could not find property with name or id: ${excerpt(key)}`);
  return property;
}

/** A group-by (board columns, table groups, chart axes): its property must be one Notion can group by. */
export function parseGroupBy(input: unknown, path: string, schema: PropertySchema[]): JsonObject {
  const group = requireObject(input, path);
  const property = propertyAt(schema, group.property_id, `${path}.property_id`);
  const expected = GROUP_TYPE[property.type];
  if (!expected) {
    throw validationError(`Cannot group by property "${excerpt(property.name)}" of type ${property.type}.`);
  }
  if (group.type !== expected) fail(`${path}.type`, `\`"${expected}"\``, group.type);
  if (
    expected === "status" &&
    group.group_by !== undefined &&
    !["group", "option"].includes(String(group.group_by))
  ) {
    fail(`${path}.group_by`, '`"group"` or `"option"`', group.group_by);
  }
  const sort = group.sort === undefined ? { type: "manual" } : requireObject(group.sort, `${path}.sort`);
  const defaults = expected === "status" ? { group_by: "option" } : {};
  return { ...defaults, ...group, property_id: property.id, sort };
}

function parsePropertyList(input: unknown, path: string, schema: PropertySchema[]): JsonObject[] {
  if (!Array.isArray(input)) fail(path, "an array", input);
  return input.map((item, i) => {
    const entry = requireObject(item, `${path}[${i}]`);
    const property = propertyAt(schema, entry.property_id, `${path}[${i}].property_id`);
    return { ...entry, property_id: property.id };
  });
}

function parseField(key: string, value: unknown, path: string, schema: PropertySchema[]): unknown {
  switch (key) {
    case "group_by":
    case "sub_group_by":
    case "x_axis":
    case "stack_by":
      return parseGroupBy(value, path, schema);
    case "properties":
    case "table_properties":
      return parsePropertyList(value, path, schema);
    case "date_property_id":
    case "end_date_property_id": {
      const property = propertyAt(schema, value, path);
      if (!DATE_TYPES.has(property.type)) {
        throw validationError(`Property "${excerpt(property.name)}" is not a date property.`);
      }
      return property.id;
    }
    case "map_by":
    case "x_axis_property_id":
    case "y_axis_property_id":
      return propertyAt(schema, value, path).id;
    case "cover":
    case "subtasks":
    case "arrows_by":
    case "y_axis":
    case "value": {
      const nested = requireObject(value, path);
      if (nested.property_id === undefined || nested.property_id === null) return nested;
      return { ...nested, property_id: propertyAt(schema, nested.property_id, `${path}.property_id`).id };
    }
    default:
      return value;
  }
}

/**
 * The stored configuration after a request: `current` (the view's, when updating) with the request's
 * keys applied. A configuration names the view's type; it cannot change it.
 */
export function parseConfiguration(
  input: unknown,
  viewType: ViewType,
  schema: PropertySchema[],
  path: string,
  current: JsonObject | null = null,
): JsonObject {
  const config = requireObject(input, path);
  if (viewType === "dashboard") {
    throw validationError("Dashboard views have no configuration; add views to them with view_id.");
  }
  if (config.type !== viewType) fail(`${path}.type`, `\`"${viewType}"\``, config.type);
  const out: JsonObject = { ...(current ?? {}), type: viewType };
  for (const [key, value] of Object.entries(config)) {
    if (key === "type") continue;
    if (value === null) delete out[key];
    else out[key] = parseField(key, value, `${path}.${key}`, schema);
  }
  for (const key of REQUIRED[viewType] ?? []) {
    if (out[key] === undefined) fail(`${path}.${key}`, "defined", undefined);
  }
  return out;
}

/** The configuration a new view of a type without one starts with, if the type needs settings. */
export function defaultConfiguration(viewType: ViewType, schema: PropertySchema[]): JsonObject | null {
  if (viewType === "board") {
    const groupable = schema.find((p) => p.type === "status") ?? schema.find((p) => p.type === "select");
    if (!groupable) return null;
    const type = GROUP_TYPE[groupable.type] as string;
    return {
      type: "board",
      group_by: {
        type,
        property_id: groupable.id,
        sort: { type: "manual" },
        ...(type === "status" ? { group_by: "option" } : {}),
      },
    };
  }
  if (viewType === "calendar" || viewType === "timeline") {
    const date = schema.find((p) => p.type === "date");
    return date ? { type: viewType, date_property_id: date.id } : null;
  }
  return null;
}
