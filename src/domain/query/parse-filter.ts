import { validationError } from "../../errors.ts";
import type { PropertySchema } from "../properties/types.ts";
import {
  excerpt,
  expectation,
  fail,
  failOneOf,
  requireArray,
  requireEnum,
  requireObject,
  requireString,
  type JsonObject,
} from "../validation.ts";
import type { Condition, FilterNode, RowColumn, Target } from "./ast.ts";
import { parseFormulaCondition, parseRollupCondition } from "./parse-composite.ts";
import {
  MAX_ARRAY_ITEMS,
  parseCheckboxCondition,
  parseFilesCondition,
  parseIdMembershipCondition,
  parseMultiSelectCondition,
  parseNumberCondition,
  parseOptionCondition,
  parseTextCondition,
  parseVerificationCondition,
} from "./parse-conditions.ts";
import { parseDateCondition } from "./parse-date.ts";

/** The condition keys of S5 `PropertyFilter`, in its order (which is also the order of Notion's "Fix one" list). */
export const FILTER_KEYS = [
  "title",
  "rich_text",
  "number",
  "checkbox",
  "select",
  "multi_select",
  "status",
  "date",
  "people",
  "files",
  "url",
  "email",
  "phone_number",
  "relation",
  "created_by",
  "created_time",
  "last_edited_by",
  "last_edited_time",
  "formula",
  "unique_id",
  "rollup",
  "verification",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const TIMESTAMPS = ["created_time", "last_edited_time"] as const;

/** Compound filters nest at most two levels (S5 `GroupFilterOperatorArray`; views.ts comment). */
const MAX_COMPOUND_DEPTH = 2;

const TEXT_TYPES = new Set(["title", "rich_text", "url", "email", "phone_number"]);

export function findProperty(schema: PropertySchema[], nameOrId: string): PropertySchema | undefined {
  // Names first: the docs describe `property` as "the name … or the property ID", and a property
  // named like another's id is far likelier to be meant by name.
  return schema.find((p) => p.name === nameOrId) ?? schema.find((p) => p.id === nameOrId);
}

type ParsedCondition = { condition: Condition; quantifier?: "any" | "every" | "none" };

function parseCondition(key: FilterKey, input: unknown, path: string): ParsedCondition {
  switch (key) {
    case "title":
    case "rich_text":
    case "url":
    case "email":
    case "phone_number":
      return { condition: parseTextCondition(input, path) };
    case "number":
    case "unique_id":
      return { condition: parseNumberCondition(input, path) };
    case "checkbox":
      return { condition: parseCheckboxCondition(input, path) };
    case "select":
    case "status":
      return { condition: parseOptionCondition(input, path) };
    case "multi_select":
      return { condition: parseMultiSelectCondition(input, path) };
    case "people":
    case "created_by":
    case "last_edited_by":
      return { condition: parseIdMembershipCondition(input, path, true) };
    case "relation":
      return { condition: parseIdMembershipCondition(input, path, false) };
    case "date":
    case "created_time":
    case "last_edited_time":
      return { condition: parseDateCondition(input, path) };
    case "files":
      return { condition: parseFilesCondition(input, path) };
    case "formula":
      return { condition: parseFormulaCondition(input, path) };
    case "rollup": {
      const { quantifier, condition } = parseRollupCondition(input, path);
      return quantifier === null ? { condition } : { condition, quantifier };
    }
    case "verification":
      return { condition: parseVerificationCondition(input, path) };
  }
}

function columnTarget(type: string): Target | null {
  const columns: readonly string[] = ["created_time", "last_edited_time", "created_by", "last_edited_by"];
  return columns.includes(type) ? { kind: "column", column: type as RowColumn } : null;
}

function parsePropertyFilter(input: JsonObject, path: string, schema: PropertySchema[]): FilterNode {
  const name = requireString(input.property, `${path}.property`);
  const declared =
    input.type === undefined ? undefined : requireEnum(input.type, `${path}.type`, FILTER_KEYS);
  const key = declared ?? FILTER_KEYS.find((k) => input[k] !== undefined);
  if (key === undefined) {
    failOneOf(
      path,
      FILTER_KEYS.map((k) => expectation(`${path}.${k}`, "defined", undefined)),
    );
  }
  if (input[key] === undefined) fail(`${path}.${key}`, "defined", undefined);
  // The body's shape is checked before the schema is consulted, as Notion does.
  const { condition, quantifier } = parseCondition(key, input[key], `${path}.${key}`);
  const property = findProperty(schema, name);
  if (!property) throw validationError(`Could not find property with name or id: ${excerpt(name)}`);
  // A `rich_text` condition also serves the other text-like types, as on Notion (filter-data-source-entries).
  const textLike = key === "rich_text" && TEXT_TYPES.has(property.type);
  if (property.type !== key && !textLike) {
    throw validationError(`database property ${property.type} does not match filter ${key}`);
  }
  if (quantifier) return { kind: "rollup", propertyId: property.id, quantifier, condition };
  const target = columnTarget(property.type) ?? {
    kind: "property",
    propertyId: property.id,
    propertyType: property.type,
  };
  return { kind: "condition", target, condition };
}

function parseTimestampFilter(input: JsonObject, path: string): FilterNode {
  const timestamp = requireEnum(input.timestamp, `${path}.timestamp`, TIMESTAMPS);
  if (input.type !== undefined) requireEnum(input.type, `${path}.type`, [timestamp]);
  const at = `${path}.${timestamp}`;
  if (input[timestamp] === undefined) fail(at, "defined", undefined);
  return {
    kind: "condition",
    target: { kind: "column", column: timestamp },
    condition: parseDateCondition(input[timestamp], at),
  };
}

/**
 * One node of the filter tree. `depth` counts enclosing compound filters: `and`/`or` is allowed at
 * depths 0 and 1, so at depth 2 they are simply not among the alternatives Notion lists.
 */
export function parseFilterNode(
  input: unknown,
  path: string,
  schema: PropertySchema[],
  depth: number,
): FilterNode {
  const filter = requireObject(input, path);
  if (filter.property !== undefined) return parsePropertyFilter(filter, path, schema);
  if (filter.timestamp !== undefined) return parseTimestampFilter(filter, path);
  const canNest = depth < MAX_COMPOUND_DEPTH;
  const compound = canNest ? (["or", "and"] as const).find((k) => filter[k] !== undefined) : undefined;
  if (compound === undefined) {
    const keys = [...(canNest ? ["or", "and"] : []), ...FILTER_KEYS];
    failOneOf(
      path,
      keys.map((k) => expectation(`${path}.${k}`, "defined", undefined)),
    );
  }
  const other = compound === "or" ? "and" : "or";
  if (filter[other] !== undefined) fail(`${path}.${other}`, "not present", filter[other]);
  const at = `${path}.${compound}`;
  const items = requireArray(filter[compound], at, MAX_ARRAY_ITEMS);
  // An empty group would silently mean "everything" for `and` and "nothing" for `or`; Notion's
  // UI never builds one, so it is far likelier a bug in the caller than an intent.
  if (items.length === 0) fail(`${at}.length`, "≥ `1`", 0);
  return {
    kind: compound,
    filters: items.map((item, i) => parseFilterNode(item, `${at}[${i}]`, schema, depth + 1)),
  };
}
