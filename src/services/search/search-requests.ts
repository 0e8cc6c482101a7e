import { type JsonObject, fail, isObject, optionalBoolean, requireEnum } from "../../domain/validation.ts";
import type { ApiVersion } from "../../domain/versions.ts";
import type { SearchKey, SearchOrder } from "../../storage/search/search-repo.ts";
import { invalidCursor } from "../pagination.ts";

export type SearchObject = "page" | "data_source" | "database";

export interface SearchRequest {
  query: string;
  object: SearchObject | undefined;
  trashed: boolean;
  order: SearchOrder | undefined;
}

/**
 * `filter.value` names what a database is in the caller's version: `database` in 2022-06-28 and
 * `data_source` from 2025-09-03 (reference/post-search; upgrade guide 2025-09-03, step 4).
 */
function objectValues(version: ApiVersion): readonly SearchObject[] {
  return version === "2022-06-28" ? ["page", "database"] : ["page", "data_source"];
}

function parseFilter(value: unknown, version: ApiVersion): Pick<SearchRequest, "object" | "trashed"> {
  if (value === undefined || value === null) return { object: undefined, trashed: false };
  if (!isObject(value)) fail("body.filter", "an object", value);
  const trashed = optionalBoolean(value.in_trash, "body.filter.in_trash") ?? false;
  // `{in_trash}` alone is the second form of the filter (SDK 5.23.2).
  if (value.property === undefined && value.value === undefined) {
    if (value.in_trash === undefined) fail("body.filter.property", "defined", undefined);
    return { object: undefined, trashed };
  }
  requireEnum(value.property, "body.filter.property", ["object"]);
  return { object: requireEnum(value.value, "body.filter.value", objectValues(version)), trashed };
}

function parseSort(value: unknown): SearchOrder | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail("body.sort", "an object", value);
  if (value.property !== undefined) {
    requireEnum(value.property, "body.sort.property", ["relevance"]);
    return "relevance";
  }
  requireEnum(value.timestamp, "body.sort.timestamp", ["last_edited_time"]);
  return requireEnum(value.direction, "body.sort.direction", ["ascending", "descending"] as const);
}

export function parseSearchRequest(body: JsonObject, version: ApiVersion): SearchRequest {
  const query = body.query;
  if (query !== undefined && query !== null && typeof query !== "string")
    fail("body.query", "a string", query);
  return {
    query: typeof query === "string" ? query : "",
    ...parseFilter(body.filter, version),
    order: parseSort(body.sort),
  };
}

/** Cursors carry the order they were made for and the key of the last result served. */
export function searchCursor(order: SearchOrder, key: SearchKey): string {
  return Buffer.from(JSON.stringify([order, key.tier, key.time, key.id])).toString("base64url");
}

export function readSearchCursor(cursor: string, order: SearchOrder): SearchKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    throw invalidCursor(cursor);
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalidCursor(cursor);
  const [cursorOrder, tier, time, id] = parsed as unknown[];
  if (
    cursorOrder !== order ||
    typeof tier !== "number" ||
    typeof time !== "string" ||
    typeof id !== "string"
  ) {
    throw invalidCursor(cursor);
  }
  return { tier, time, id };
}
