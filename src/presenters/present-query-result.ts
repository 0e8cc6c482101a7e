import { type ApiVersion, pageListType } from "../domain/versions.ts";
import type { QueryResult } from "../services/data-sources/query-service.ts";
import type { FileLinks } from "./present-file.ts";
import { presentList } from "./present-list.ts";
import { presentPage } from "./present-page.ts";

/** Query results as Notion lists them; `request_status` says when the 10,000-row cap cut them off. */
export function presentQueryResult(
  result: QueryResult,
  version: ApiVersion,
  publicUrl: string,
  files: FileLinks,
  only?: string[],
) {
  const list = presentList(
    pageListType(version),
    result.rows.map((row) => presentPage(row, version, publicUrl, files, only)),
    result.nextCursor,
  );
  return result.incomplete
    ? { ...list, request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" } }
    : list;
}
