import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { bodyPage, pathId, queryList, queryPage } from "../../http/params.ts";
import { presentDataSource } from "../../presenters/present-database.ts";
import { presentPage } from "../../presenters/present-page.ts";
import { presentTemplateList } from "../../presenters/present-template.ts";
import type { ServiceContext } from "../../services/context.ts";
import { createDataSource, getDataSource, updateDataSource } from "../../services/data-sources/data-source-service.ts";
import { listTemplates } from "../../services/templates/data-source-templates.ts";
import { type QueryResult, queryDataSource } from "../../services/data-sources/query-service.ts";
import { recomputeSource } from "../../services/computed/computed-values.ts";
import type { ApiVersion } from "../../domain/versions.ts";

/** Query results as Notion lists them; `request_status` says when the 10,000-row cap cut them off. */
export function presentQueryResult(
  result: QueryResult,
  version: ApiVersion,
  publicUrl: string,
  only?: string[],
) {
  const type = version === "2022-06-28" ? "page_or_database" : "page_or_data_source";
  return {
    object: "list",
    results: result.rows.map((row) => presentPage(row, version, publicUrl, only)),
    next_cursor: result.nextCursor,
    has_more: result.nextCursor !== null,
    type,
    [type]: {},
    ...(result.incomplete
      ? { request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" } }
      : {}),
  };
}

export function registerDataSourceRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/data_sources", async ({ viewer, version, body }) =>
    presentDataSource(await createDataSource(ctx, viewer, body, version), version, ctx.publicUrl),
  );

  apiRoute(app, ctx, "GET", "/v1/data_sources/:data_source_id", async ({ viewer, version, params }) =>
    presentDataSource(
      await getDataSource(ctx, viewer, pathId(params, "data_source_id")),
      version,
      ctx.publicUrl,
    ),
  );

  apiRoute(
    app,
    ctx,
    "PATCH",
    "/v1/data_sources/:data_source_id",
    async ({ viewer, version, params, body }) => {
      const id = pathId(params, "data_source_id");
      const view = await updateDataSource(ctx, viewer, id, body, version, (trx, sourceId, previous) =>
        recomputeSource(trx, ctx, viewer.workspaceId, sourceId, previous),
      );
      return presentDataSource(view, version, ctx.publicUrl);
    },
  );

  apiRoute(
    app,
    ctx,
    "POST",
    "/v1/data_sources/:data_source_id/query",
    async ({ viewer, version, params, body, query }) => {
      const id = pathId(params, "data_source_id");
      const result = await queryDataSource(ctx, viewer, { dataSourceId: id }, body, bodyPage(body));
      return presentQueryResult(result, version, ctx.publicUrl, queryList(query, "filter_properties"));
    },
  );

  apiRoute(
    app,
    ctx,
    "GET",
    "/v1/data_sources/:data_source_id/templates",
    async ({ viewer, params, query }) => {
      const id = pathId(params, "data_source_id");
      const name = queryList(query, "name")?.at(-1);
      const { templates, nextCursor } = await listTemplates(ctx, viewer, id, queryPage(query), name);
      return presentTemplateList(templates, nextCursor);
    },
  );
}
