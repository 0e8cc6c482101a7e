import { type JsonObject, fail, isObject, optionalBoolean, requireEnum } from "../../domain/validation.ts";
import { type ApiVersion, hasDataSources } from "../../domain/versions.ts";
import type { SearchObject, SearchRequest } from "../../services/search/search-service.ts";

/** The body of `POST /v1/search` (reference/post-search); the cursor and page size are read before it. */
type SearchBody = Omit<SearchRequest, "page" | "content">;

/**
 * `filter.value` names what a database is in the caller's version: `database` in 2022-06-28 and
 * `data_source` from 2025-09-03 (reference/post-search; upgrade guide 2025-09-03, step 4).
 */
function objectValues(version: ApiVersion): readonly SearchObject[] {
  return hasDataSources(version) ? ["page", "data_source"] : ["page", "database"];
}

function parseFilter(value: unknown, version: ApiVersion): Pick<SearchBody, "object" | "trashed"> {
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

function parseSort(value: unknown): SearchBody["order"] {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail("body.sort", "an object", value);
  if (value.property !== undefined) {
    requireEnum(value.property, "body.sort.property", ["relevance"]);
    return "relevance";
  }
  requireEnum(value.timestamp, "body.sort.timestamp", ["last_edited_time"]);
  return requireEnum(value.direction, "body.sort.direction", ["ascending", "descending"] as const);
}

export function parseSearchRequest(body: JsonObject, version: ApiVersion): SearchBody {
  const query = body.query;
  if (query !== undefined && query !== null && typeof query !== "string")
    fail("body.query", "a string", query);
  return {
    query: typeof query === "string" ? query : "",
    ...parseFilter(body.filter, version),
    order: parseSort(body.sort),
  };
}

/**
 * `Quire-Search: content` also matches pages by the text of their blocks. A header because the SDK
 * strips body keys it does not know; Notion itself searches titles only (docs/search.md).
 */
export function parseSearchMode(header: string | string[] | undefined): boolean {
  const value = (Array.isArray(header) ? header.at(-1) : header)?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "title") return false;
  if (value === "content") return true;
  return fail("headers.quire-search", '`"title"` or `"content"`', value);
}
