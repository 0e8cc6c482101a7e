import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { pathId, queryList, queryPage } from "../../http/params.ts";
import { presentPage } from "../../presenters/present-page.ts";
import { presentPropertyItems } from "../../presenters/present-property-item.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import { getPageProperty } from "../../services/pages/page-property-service.ts";
import { createPage, getPage, movePage, updatePage } from "../../services/pages/page-service.ts";
import { createPageWithMarkdown, registerPageMarkdownRoutes } from "./markdown.ts";
import { parseCreatePage, parseMovePage, parseUpdatePage } from "./schema.ts";

export function registerPageRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/pages", async (request) => {
    const { viewer, version, body, query } = request;
    if (body.markdown !== undefined) return createPageWithMarkdown(ctx, request);
    // A connection without the capability is refused before its body is read.
    requireCapability(viewer, "insert");
    return presentPage(
      await createPage(ctx, viewer, parseCreatePage(body)),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
      queryList(query, "filter_properties"),
    );
  });
  registerPageMarkdownRoutes(app, ctx);

  apiRoute(app, ctx, "GET", "/v1/pages/:page_id", async ({ viewer, version, params, query }) =>
    presentPage(
      await getPage(ctx, viewer, pathId(params, "page_id")),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
      queryList(query, "filter_properties"),
    ),
  );

  apiRoute(app, ctx, "PATCH", "/v1/pages/:page_id", async ({ viewer, version, params, body, query }) => {
    const id = pathId(params, "page_id");
    requireCapability(viewer, "update");
    return presentPage(
      await updatePage(ctx, viewer, id, parseUpdatePage(body, version)),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
      queryList(query, "filter_properties"),
    );
  });

  apiRoute(app, ctx, "POST", "/v1/pages/:page_id/move", async ({ viewer, version, params, body }) => {
    const id = pathId(params, "page_id");
    requireCapability(viewer, "update");
    const page = await movePage(ctx, viewer, id, parseMovePage(body));
    return presentPage(page, version, ctx.publicUrl, await fileLinks(ctx));
  });

  apiRoute(
    app,
    ctx,
    "GET",
    "/v1/pages/:page_id/properties/:property_id",
    async ({ viewer, version, params, query }) => {
      const items = await getPageProperty(
        ctx,
        viewer,
        pathId(params, "page_id"),
        params.property_id ?? "",
        queryPage(query),
      );
      const selfUrl = `${ctx.publicUrl}/v1/pages/${params.page_id ?? ""}/properties/${encodeURIComponent(items.property.id)}`;
      return presentPropertyItems(items, version, selfUrl, await fileLinks(ctx));
    },
  );
}
