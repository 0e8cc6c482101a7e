import { type ApiVersion, pageListType } from "../domain/versions.ts";
import type { QueryResult } from "../services/data-sources/query-service.ts";
import type { FileLinks } from "./present-file.ts";
import { presentPage } from "./present-page.ts";

/** Query results as Notion lists them; `request_status` says when the 10,000-row cap cut them off. */
export function presentQueryResult(
  result: QueryResult,
  version: ApiVersion,
  publicUrl: string,
  files: FileLinks,
  only?: string[],
) {
  const type = pageListType(version);
  return {
    object: "list",
    results: result.rows.map((row) => presentPage(row, version, publicUrl, files, only)),
    next_cursor: result.nextCursor,
    has_more: result.nextCursor !== null,
    type,
    [type]: {},
    ...(result.incomplete
      ? { request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" } }
      : {}),
  };
}
