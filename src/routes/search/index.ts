import type { FastifyInstance } from "fastify";
import { type ApiVersion, pageListType } from "../../domain/versions.ts";
import { apiRoute } from "../../http/api-route.ts";
import { bodyPage } from "../../http/params.ts";
import { presentDataSource, presentDatabase } from "../../presenters/present-database.ts";
import { presentList } from "../../presenters/present-list.ts";
import { presentPage } from "../../presenters/present-page.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import type { FileLinks } from "../../presenters/present-file.ts";
import { type SearchResult, search } from "../../services/search/search-service.ts";
import { parseSearchMode, parseSearchRequest } from "./schema.ts";

function presentResult(result: SearchResult, version: ApiVersion, publicUrl: string, files: FileLinks) {
  if (result.object === "page") return presentPage(result.view, version, publicUrl, files);
  if (result.object === "data_source") return presentDataSource(result.view, version, publicUrl, files);
  return presentDatabase(result.view, version, publicUrl, files);
}

export function registerSearchRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/search", async ({ viewer, version, body, headers }) => {
    const content = parseSearchMode(headers["quire-search"]);
    const page = bodyPage(body);
    // The cursor and page size are checked before the capability, the filter and sort after it.
    requireCapability(viewer, "read");
    const request = { ...parseSearchRequest(body, version), page, content };
    const { results, nextCursor } = await search(ctx, viewer, request, version);
    const files = await fileLinks(ctx);
    return presentList(
      pageListType(version),
      results.map((r) => presentResult(r, version, ctx.publicUrl, files)),
      nextCursor,
    );
  });
}
