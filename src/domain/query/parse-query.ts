import type { PropertySchema } from "../properties/types.ts";
import { requireObject } from "../validation.ts";
import type { QueryAst } from "./ast.ts";
import { parseFilterNode } from "./parse-filter.ts";
import { parseSorts } from "./parse-sorts.ts";

export interface ParseQueryOptions {
  /** Where `filter` and `sorts` sit, for messages; `"body"` for a query request. */
  path?: string;
}

/**
 * Validates the `filter` and `sorts` of a data-source query (or a view) against the data source's
 * schema, with Notion's validation messages. Other keys of the body are left to the caller.
 */
export function parseQuery(
  body: unknown,
  schema: PropertySchema[],
  options: ParseQueryOptions = {},
): QueryAst {
  const path = options.path ?? "body";
  // The SDK sends no body at all for a query without parameters (notion-api.md §14.4).
  const input = body === undefined || body === null ? {} : requireObject(body, path);
  const filter =
    input.filter === undefined ? null : parseFilterNode(input.filter, `${path}.filter`, schema, 0);
  const sorts = parseSorts(input.sorts, `${path}.sorts`, schema);
  return { filter, sorts };
}
