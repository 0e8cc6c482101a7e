import type { PropertySchema } from "../properties/types.ts";
import type { FilterNode } from "../query/ast.ts";
import { parseQuery } from "../query/parse-query.ts";
import type { JsonObject } from "../validation.ts";

/** One column of a board (or group of a table): the rows whose grouped property holds `value`. */
export interface ViewGroup {
  /** The option's name, "true"/"false" for a checkbox, or null for the rows with no value. */
  value: string | null;
  label: string;
  color: string;
}

/** Property types whose rows a person can move between groups by setting one value. */
export const MOVABLE_GROUP_TYPES = new Set(["select", "status", "checkbox"]);

/** The groups of a property, in its options' order, with "No <name>" last for select and status. */
export function groupsOf(property: PropertySchema): ViewGroup[] {
  if (property.type === "checkbox") {
    return [
      { value: "false", label: "Not checked", color: "default" },
      { value: "true", label: "Checked", color: "green" },
    ];
  }
  const options = Array.isArray(property.config.options) ? (property.config.options as JsonObject[]) : [];
  const groups = options.map((o) => ({
    value: String(o.name),
    label: String(o.name),
    color: typeof o.color === "string" ? o.color : "default",
  }));
  return [...groups, { value: null, label: `No ${property.name}`, color: "default" }];
}

/** The filter condition that picks a group's rows, in the query grammar (so the query engine runs it). */
export function groupCondition(property: PropertySchema, value: string | null): FilterNode {
  const type = property.type;
  const condition =
    type === "checkbox"
      ? { equals: value === "true" }
      : value === null
        ? { is_empty: true }
        : type === "multi_select"
          ? { contains: value }
          : { equals: value };
  const parsed = parseQuery({ filter: { property: property.id, [type]: condition } }, [property]);
  if (!parsed.filter) throw new Error(`no condition for group ${value ?? "(empty)"} of ${property.name}`);
  return parsed.filter;
}

/** The property value that moves a row into a group (a page update's `properties` entry). */
export function groupValue(property: PropertySchema, value: string | null): JsonObject {
  if (property.type === "checkbox") return { checkbox: value === "true" };
  return { [property.type]: value === null ? null : { name: value } };
}
