import type { FastifyInstance } from "fastify";
import { fail } from "../../domain/validation.ts";
import type { ApiVersion } from "../../domain/versions.ts";
import { apiRoute } from "../../http/api-route.ts";
import { bodyPage } from "../../http/params.ts";
import { presentDataSource, presentDatabase } from "../../presenters/present-database.ts";
import { presentPage } from "../../presenters/present-page.ts";
import type { ServiceContext } from "../../services/context.ts";
import { type SearchResult, search } from "../../services/search/search-service.ts";

/**
 * `Quire-Search: content` also matches pages by the text of their blocks. A header because the SDK
 * strips body keys it does not know; Notion itself searches titles only (docs/search.md).
 */
function contentSearch(header: string | string[] | undefined): boolean {
  const value = (Array.isArray(header) ? header.at(-1) : header)?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "title") return false;
  if (value === "content") return true;
  return fail("headers.quire-search", '`"title"` or `"content"`', value);
}

function presentResult(result: SearchResult, version: ApiVersion, publicUrl: string) {
  if (result.object === "page") return presentPage(result.view, version, publicUrl);
  if (result.object === "data_source") return presentDataSource(result.view, version, publicUrl);
  return presentDatabase(result.view, version, publicUrl);
}

export function registerSearchRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/search", async ({ viewer, version, body, headers }) => {
    const content = contentSearch(headers["quire-search"]);
    const { results, nextCursor } = await search(ctx, viewer, body, version, bodyPage(body), { content });
    const type = version === "2022-06-28" ? "page_or_database" : "page_or_data_source";
    return {
      object: "list",
      results: results.map((r) => presentResult(r, version, ctx.publicUrl)),
      next_cursor: nextCursor,
      has_more: nextCursor !== null,
      type,
      [type]: {},
    };
  });
}
