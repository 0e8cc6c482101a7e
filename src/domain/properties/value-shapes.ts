import { type DateValue, parseDate } from "../dates.ts";
import { type RichTextItem, parseRichText } from "../rich-text.ts";
import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  optionalEnum,
  optionalString,
  requireArray,
  requireBoolean,
  requireEnum,
  requireNonEmptyString,
  requireNumber,
  requireObject,
  requireString,
  requireUrl,
  requireUuid,
} from "../validation.ts";
import type { WritableType } from "./model.ts";
import { SELECT_COLORS } from "./select-options.ts";

/** Limits from D:reference/request-limits. */
export const VALUE_LIMITS = { url: 2000, email: 200, phone_number: 200, list: 100 } as const;

export interface OptionRef {
  id?: string | undefined;
  name?: string | undefined;
  color?: string | undefined;
}

/**
 * A property value as the request gave it, validated without the schema (Notion checks the body shape
 * before it looks at the data source, so shape errors win over "not a property" errors).
 */
export type Shape =
  | { type: "title" | "rich_text"; value: RichTextItem[] }
  | { type: "number"; value: number | null }
  | { type: "url" | "email" | "phone_number"; value: string | null }
  | { type: "checkbox"; value: boolean }
  | { type: "select" | "status"; ref: OptionRef | null }
  | { type: "multi_select"; refs: OptionRef[] }
  | { type: "date"; value: DateValue | null }
  | { type: "people"; value: JsonObject[] }
  | { type: "relation"; ids: string[] }
  | { type: "files"; value: JsonObject[]; uploads: string[] }
  | { type: "verification"; value: JsonObject }
  | { type: "place"; value: JsonObject | null };

/** `{id, name?, color?, description?}` or `{name, id?, …}` (S5 select/status/multi_select requests). */
function optionRef(value: unknown, path: string): OptionRef {
  const input = requireObject(value, path);
  if (input.id === undefined && input.name === undefined) {
    failOneOf(path, [
      expectation(`${path}.id`, "defined", undefined),
      expectation(`${path}.name`, "defined", undefined),
    ]);
  }
  return {
    id: optionalString(input.id, `${path}.id`),
    name: optionalString(input.name, `${path}.name`),
    color: optionalEnum(input.color, `${path}.color`, SELECT_COLORS),
  };
}

function nullableText(value: unknown, path: string, max: number): string | null {
  if (value === null) return null;
  // Notion does not store empty strings; `null` clears (D:reference/intro).
  return requireNonEmptyString(value, path, max);
}

function person(value: unknown, path: string): JsonObject {
  const input = requireObject(value, path);
  const id = requireUuid(input.id, `${path}.id`);
  const object = optionalEnum(input.object, `${path}.object`, ["user", "group"]) ?? "user";
  if (object === "user") return { object, id };
  const name = input.name === null ? null : (optionalString(input.name, `${path}.name`) ?? null);
  return { object, id, name };
}

const FILE_KINDS = ["file", "external", "file_upload"] as const;

function file(value: unknown, path: string, uploads: string[]): JsonObject {
  const input = requireObject(value, path);
  const kind =
    optionalEnum(input.type, `${path}.type`, FILE_KINDS) ?? FILE_KINDS.find((k) => input[k] !== undefined);
  if (!kind)
    failOneOf(
      path,
      FILE_KINDS.map((k) => expectation(`${path}.${k}`, "defined", undefined)),
    );
  const target = requireObject(input[kind], `${path}.${kind}`);
  if (kind === "file_upload") {
    const id = requireUuid(target.id, `${path}.file_upload.id`);
    uploads.push(id);
    // Resolved by the service into `{name, type: "file", file: {url, expiry_time}}`.
    return { name: optionalString(input.name, `${path}.name`) ?? "", type: kind, file_upload: { id } };
  }
  const name = requireString(input.name, `${path}.name`);
  const url = requireUrl(target.url, `${path}.${kind}.url`);
  if (kind === "external") return { name, type: kind, external: { url } };
  const expiry = optionalString(target.expiry_time, `${path}.file.expiry_time`) ?? null;
  return { name, type: kind, file: { url, expiry_time: expiry } };
}

function verification(value: unknown, path: string): JsonObject {
  const input = requireObject(value, path);
  const state = requireEnum(input.state, `${path}.state`, ["verified", "unverified"]);
  if (state === "unverified") return { state, date: null, verified_by: null };
  const date = input.date === undefined || input.date === null ? null : parseDate(input.date, `${path}.date`);
  // `verified_by` is the writer; the service fills it in.
  return { state, date, verified_by: null };
}

function coordinate(value: unknown, path: string, limit: number): number {
  const n = requireNumber(value, path);
  if (n < -limit) fail(path, `≥ \`${-limit}\``, n);
  if (n > limit) fail(path, `≤ \`${limit}\``, n);
  return n;
}

function place(value: unknown, path: string): JsonObject | null {
  if (value === null) return null;
  const input = requireObject(value, path);
  const out: JsonObject = {
    lat: coordinate(input.lat, `${path}.lat`, 90),
    lon: coordinate(input.lon, `${path}.lon`, 180),
  };
  for (const key of ["name", "address", "aws_place_id", "google_place_id"]) {
    const text = input[key] === null ? null : optionalString(input[key], `${path}.${key}`);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))));
}

/** Validates the `<type>` value of one property write; `path` ends at the type key. */
export function parseShape(type: WritableType, value: unknown, path: string): Shape {
  switch (type) {
    case "title":
    case "rich_text":
      return { type, value: parseRichText(value, path) };
    case "number":
      return { type, value: value === null ? null : requireNumber(value, path) };
    case "url":
    case "email":
    case "phone_number":
      return { type, value: nullableText(value, path, VALUE_LIMITS[type]) };
    case "checkbox":
      return { type, value: requireBoolean(value, path) };
    case "select":
    case "status":
      return { type, ref: value === null ? null : optionRef(value, path) };
    case "multi_select":
      return {
        type,
        refs: requireArray(value, path, VALUE_LIMITS.list).map((v, i) => optionRef(v, `${path}[${i}]`)),
      };
    case "date":
      return { type, value: value === null ? null : parseDate(value, path) };
    case "people": {
      const people = requireArray(value, path, VALUE_LIMITS.list).map((v, i) => person(v, `${path}[${i}]`));
      return { type, value: unique(people, (p) => String(p.id)) };
    }
    case "relation": {
      const ids = requireArray(value, path, VALUE_LIMITS.list).map((v, i) => {
        const item = requireObject(v, `${path}[${i}]`);
        return requireUuid(item.id, `${path}[${i}].id`);
      });
      return { type, ids: unique(ids, (id) => id) };
    }
    case "files": {
      const uploads: string[] = [];
      const files = requireArray(value, path).map((v, i) => file(v, `${path}[${i}]`, uploads));
      return { type, value: files, uploads };
    }
    case "verification":
      return { type, value: verification(value, path) };
    case "place":
      return { type, value: place(value, path) };
  }
}
