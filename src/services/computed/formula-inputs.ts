import { type FormulaValue, EMPTY } from "../../domain/formulas/index.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { plainText } from "../../domain/rich-text.ts";
import { isObject } from "../../domain/validation.ts";
import type { BlockRecord } from "../../storage/block-repo.ts";

function dateValue(value: unknown): FormulaValue {
  if (!isObject(value) || typeof value.start !== "string") return EMPTY;
  const start = Date.parse(value.start);
  const end = typeof value.end === "string" ? Date.parse(value.end) : null;
  return Number.isNaN(start) ? EMPTY : { type: "date", start, end, dateOnly: value.start.length === 10 };
}

function timestamp(iso: string): FormulaValue {
  return { type: "date", start: Date.parse(iso), end: null, dateOnly: false };
}

function person(id: string, names: ReadonlyMap<string, string>): FormulaValue {
  return { type: "person", id, name: names.get(id) ?? "" };
}

function idsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.flatMap((v) => (isObject(v) && typeof v.id === "string" ? [v.id] : []))
    : [];
}

/** A stored formula or rollup result, read back as a formula value (formulas may use both). */
function computedValue(value: unknown): FormulaValue {
  if (!isObject(value) || typeof value.type !== "string") return EMPTY;
  const inner = value[value.type];
  switch (value.type) {
    case "number":
      return typeof inner === "number" ? { type: "number", value: inner } : EMPTY;
    case "string":
      return typeof inner === "string" ? { type: "text", value: inner } : EMPTY;
    case "boolean":
      return typeof inner === "boolean" ? { type: "boolean", value: inner } : EMPTY;
    case "date":
      return dateValue(inner);
    case "array":
      return Array.isArray(inner) ? { type: "list", items: inner.map(computedValue) } : EMPTY;
    default:
      return EMPTY;
  }
}

/**
 * A property of a row as a formula sees it (`prop("Name")`): text for text-like properties, option
 * names for selects, dates as timestamps, people and related pages as lists.
 */
export function formulaInput(
  property: PropertySchema,
  row: BlockRecord,
  names: { users: ReadonlyMap<string, string>; pages: ReadonlyMap<string, string> },
): FormulaValue {
  const value = row.properties?.[property.id];
  switch (property.type) {
    case "title":
    case "rich_text":
      return { type: "text", value: plainText(value) };
    case "url":
    case "email":
    case "phone_number":
      return typeof value === "string" ? { type: "text", value } : EMPTY;
    case "number":
      return typeof value === "number" ? { type: "number", value } : EMPTY;
    case "checkbox":
      return { type: "boolean", value: value === true };
    case "select":
    case "status":
      return isObject(value) && typeof value.name === "string" ? { type: "text", value: value.name } : EMPTY;
    case "multi_select":
      return {
        type: "list",
        items: Array.isArray(value)
          ? value.flatMap((o) =>
              isObject(o) && typeof o.name === "string" ? [{ type: "text", value: o.name } as const] : [],
            )
          : [],
      };
    case "date":
      return dateValue(value);
    case "people":
      return { type: "list", items: idsOf(value).map((id) => person(id, names.users)) };
    case "relation":
      return {
        type: "list",
        items: idsOf(value).map((id) => ({ type: "page", id, title: names.pages.get(id) ?? "" })),
      };
    case "files":
      return {
        type: "list",
        items: Array.isArray(value)
          ? value.flatMap((f) =>
              isObject(f) && typeof f.name === "string" ? [{ type: "text", value: f.name } as const] : [],
            )
          : [],
      };
    case "unique_id":
      return isObject(value) && typeof value.number === "number"
        ? { type: "number", value: value.number }
        : EMPTY;
    case "created_time":
      return timestamp(row.createdTime);
    case "last_edited_time":
      return timestamp(row.lastEditedTime);
    case "created_by":
      return person(row.createdBy, names.users);
    case "last_edited_by":
      return person(row.lastEditedBy, names.users);
    case "formula":
    case "rollup":
      return computedValue(value);
    default:
      return EMPTY;
  }
}

/** Ids whose names formulas may show: people in people/by properties, and related pages. */
export function referencedIds(
  schema: PropertySchema[],
  rows: BlockRecord[],
): { users: string[]; pages: string[] } {
  const users = new Set<string>();
  const pages = new Set<string>();
  for (const row of rows) {
    users.add(row.createdBy).add(row.lastEditedBy);
    for (const property of schema) {
      const value = row.properties?.[property.id];
      if (property.type === "people") idsOf(value).forEach((id) => users.add(id));
      if (property.type === "relation") idsOf(value).forEach((id) => pages.add(id));
    }
  }
  return { users: [...users], pages: [...pages] };
}
