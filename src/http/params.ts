import { parseId } from "../domain/ids.ts";
import { fail } from "../domain/validation.ts";
import type { PageRequest } from "../services/pagination.ts";

export type QueryValue = string | string[] | undefined;
export type Query = Record<string, QueryValue>;

/** IDs in paths arrive with or without dashes. */
export function pathId(params: Record<string, string>, name: string): string {
  const raw = params[name] ?? "";
  const id = parseId(raw);
  if (!id) fail(`path.${name}`, "a valid uuid", raw);
  return id;
}

function single(value: QueryValue): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** The 2022-06-28 SDK sends a `null` cursor as the string "null"; both mean "from the start". */
function cursorValue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "null" || value === "undefined") return undefined;
  return String(value);
}

function pageSizeValue(value: unknown, path: string): number {
  if (value === undefined || value === null) return 100;
  const size = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof size !== "number" || !Number.isInteger(size)) fail(path, "a number", value);
  if (size < 1) fail(path, "≥ `1`", size);
  if (size > 100) fail(path, "≤ `100`", size);
  return size;
}

/** `start_cursor` and `page_size` (default and maximum 100) from a GET query string. */
export function queryPage(query: Query): PageRequest {
  return {
    startCursor: cursorValue(single(query.start_cursor)),
    pageSize: pageSizeValue(single(query.page_size), "query.page_size"),
  };
}

/** The same from a POST body. */
export function bodyPage(body: Record<string, unknown>): PageRequest {
  if (
    body.start_cursor !== undefined &&
    body.start_cursor !== null &&
    typeof body.start_cursor !== "string"
  ) {
    fail("body.start_cursor", "a string", body.start_cursor);
  }
  return {
    startCursor: cursorValue(body.start_cursor),
    pageSize: pageSizeValue(body.page_size, "body.page_size"),
  };
}

/** Repeated keys, with or without `[]` (`filter_properties=a&filter_properties[]=b`). */
export function queryList(query: Query, name: string): string[] | undefined {
  const values = [query[name], query[`${name}[]`]].flatMap((v) =>
    v === undefined ? [] : Array.isArray(v) ? v : [v],
  );
  return values.length > 0 ? values : undefined;
}
