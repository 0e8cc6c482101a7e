import { plainText } from "../rich-text.ts";
import { isObject } from "../validation.ts";
import { readOptions } from "./select-options.ts";
import type { PropertySchema, QueryValues, StoredValues } from "./types.ts";
import { dateToEpoch } from "./zoned-time.ts";

type Scalar = string | number | boolean;

/** A date value's start (and end) as epoch ms, per the encoding in types.ts. */
export function dateQueryValues(date: unknown): { start?: number; end?: number } {
  if (!isObject(date) || typeof date.start !== "string") return {};
  const zone = typeof date.time_zone === "string" ? date.time_zone : null;
  const start = dateToEpoch(date.start, zone);
  const end = typeof date.end === "string" ? dateToEpoch(date.end, zone) : undefined;
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
}

function optionName(entry: PropertySchema, value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  // Names come from the schema so a renamed option filters under its new name.
  return readOptions(entry.config).find((o) => o.id === value.id)?.name;
}

function ids(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => (isObject(v) && typeof v.id === "string" ? [v.id] : []));
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function list<T extends Scalar>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function encode(entry: PropertySchema, value: unknown): Scalar | Scalar[] | undefined {
  switch (entry.type) {
    case "title":
    case "rich_text":
      return nonEmpty(plainText(value));
    case "url":
    case "email":
    case "phone_number":
      return nonEmpty(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    case "checkbox":
      return value === true;
    case "select":
    case "status":
      return optionName(entry, value);
    case "multi_select":
      return list(Array.isArray(value) ? value.flatMap((v) => optionName(entry, v) ?? []) : []);
    case "people":
    case "relation":
      return list(ids(value));
    case "files":
      return Array.isArray(value) && value.length > 0 ? value.length : undefined;
    case "unique_id":
      return isObject(value) && typeof value.number === "number" ? value.number : undefined;
    case "verification":
      return isObject(value) ? nonEmpty(value.state) : undefined;
    case "place":
      return isObject(value) ? nonEmpty(value.name) : undefined;
    default:
      return undefined;
  }
}

/**
 * What filters and sorts read for a row's stored values (encoding documented on `QueryValues`).
 * Computed properties are added by the service; empty values are left out rather than stored as null.
 */
export function queryValues(schema: PropertySchema[], values: StoredValues): QueryValues {
  const out: QueryValues = {};
  for (const entry of schema) {
    const value = values[entry.id];
    if (entry.type === "date") {
      const { start, end } = dateQueryValues(value);
      if (start !== undefined) out[entry.id] = start;
      if (end !== undefined) out[`${entry.id}:end`] = end;
      continue;
    }
    const encoded = encode(entry, value);
    if (encoded !== undefined) out[entry.id] = encoded;
  }
  return out;
}
