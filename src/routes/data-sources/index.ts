import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { pathId } from "../../http/params.ts";
import { presentDataSource } from "../../presenters/present-database.ts";
import { presentQueryResult } from "../../presenters/present-query-result.ts";
import { presentTemplateList } from "../../presenters/present-template.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import {
  createDataSource,
  getDataSource,
  updateDataSource,
} from "../../services/data-sources/data-source-service.ts";
import { listTemplates } from "../../services/templates/data-source-templates.ts";
import { queryDataSource } from "../../services/data-sources/query-service.ts";
import {
  parseCreateDataSource,
  parseListTemplates,
  parseQueryDataSource,
  parseUpdateDataSource,
} from "./schema.ts";

export function registerDataSourceRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/data_sources", async ({ viewer, version, body }) => {
    // A connection without the capability is refused before its body is read.
    requireCapability(viewer, "insert");
    const request = parseCreateDataSource(body, version);
    return presentDataSource(
      await createDataSource(ctx, viewer, request),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
    );
  });

  apiRoute(app, ctx, "GET", "/v1/data_sources/:data_source_id", async ({ viewer, version, params }) =>
    presentDataSource(
      await getDataSource(ctx, viewer, pathId(params, "data_source_id")),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
    ),
  );

  apiRoute(
    app,
    ctx,
    "PATCH",
    "/v1/data_sources/:data_source_id",
    async ({ viewer, version, params, body }) => {
      const id = pathId(params, "data_source_id");
      requireCapability(viewer, "update");
      const request = parseUpdateDataSource(body, version);
      return presentDataSource(
        await updateDataSource(ctx, viewer, id, request),
        version,
        ctx.publicUrl,
        await fileLinks(ctx),
      );
    },
  );

  apiRoute(
    app,
    ctx,
    "POST",
    "/v1/data_sources/:data_source_id/query",
    async ({ viewer, version, params, body, query }) => {
      const id = pathId(params, "data_source_id");
      const request = parseQueryDataSource(body, query);
      const result = await queryDataSource(ctx, viewer, { dataSourceId: id }, request);
      return presentQueryResult(
        result,
        version,
        ctx.publicUrl,
        await fileLinks(ctx),
        request.filterProperties,
      );
    },
  );

  apiRoute(
    app,
    ctx,
    "GET",
    "/v1/data_sources/:data_source_id/templates",
    async ({ viewer, params, query }) => {
      const id = pathId(params, "data_source_id");
      const { page, name } = parseListTemplates(query);
      const { templates, nextCursor } = await listTemplates(ctx, viewer, id, page, name);
      return presentTemplateList(templates, nextCursor);
    },
  );
}
