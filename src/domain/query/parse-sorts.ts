import { validationError } from "../../errors.ts";
import type { PropertySchema } from "../properties/types.ts";
import {
  excerpt,
  expectation,
  failOneOf,
  isObject,
  requireArray,
  requireEnum,
  requireObject,
  requireString,
} from "../validation.ts";
import type { RowColumn, SortNode, SortValue } from "./ast.ts";
import { MAX_ARRAY_ITEMS } from "./parse-conditions.ts";
import { findProperty } from "./parse-filter.ts";

const DIRECTIONS = ["ascending", "descending"] as const;
const TIMESTAMPS = ["created_time", "last_edited_time"] as const;

function optionNames(property: PropertySchema): string[] {
  const options = property.config["options"];
  if (!Array.isArray(options)) return [];
  return options.flatMap((option) =>
    isObject(option) && typeof option["name"] === "string" ? [option["name"]] : [],
  );
}

/** What a sort on a property reads; see `SortValue`. */
export function sortValueOf(property: PropertySchema): SortValue {
  const propertyId = property.id;
  switch (property.type) {
    case "number":
    case "unique_id":
    case "files":
      return { kind: "number", propertyId };
    case "date":
      return { kind: "date", propertyId };
    case "checkbox":
      return { kind: "boolean", propertyId };
    case "select":
    case "status":
      return { kind: "option", propertyId, options: optionNames(property) };
    case "multi_select":
      return { kind: "first_option", propertyId, options: optionNames(property) };
    case "people":
    case "relation":
      return { kind: "first_text", propertyId };
    case "formula":
    case "rollup":
      return { kind: "computed", propertyId };
    case "created_time":
    case "last_edited_time":
    case "created_by":
    case "last_edited_by":
      return { kind: "column", column: property.type satisfies RowColumn };
    default:
      return { kind: "text", propertyId };
  }
}

/**
 * `sorts: [{property, direction} | {timestamp, direction}]` (S5 `QueryDataSourceBodyParameters`);
 * earlier entries take precedence.
 */
export function parseSorts(input: unknown, path: string, schema: PropertySchema[]): SortNode[] {
  if (input === undefined) return [];
  const sorts = requireArray(input, path, MAX_ARRAY_ITEMS);
  return sorts.map((item, i) => {
    const at = `${path}[${i}]`;
    const sort = requireObject(item, at);
    if (sort.property === undefined && sort.timestamp === undefined) {
      failOneOf(at, [
        expectation(`${at}.property`, "defined", undefined),
        expectation(`${at}.timestamp`, "defined", undefined),
      ]);
    }
    const direction = requireEnum(sort.direction, `${at}.direction`, DIRECTIONS);
    if (sort.property === undefined) {
      const column = requireEnum(sort.timestamp, `${at}.timestamp`, TIMESTAMPS);
      return { value: { kind: "column", column }, direction };
    }
    const name = requireString(sort.property, `${at}.property`);
    const property = findProperty(schema, name);
    if (!property) throw validationError(`Could not find sort property with name or id: ${excerpt(name)}`);
    return { value: sortValueOf(property), direction };
  });
}
