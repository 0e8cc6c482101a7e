import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { bodyPage, pathId, queryList } from "../../http/params.ts";
import { presentDatabase } from "../../presenters/present-database.ts";
import { recomputeSource } from "../../services/computed/computed-values.ts";
import type { ServiceContext } from "../../services/context.ts";
import { updateSchema } from "../../services/data-sources/data-source-service.ts";
import { createDatabase, getDatabase, updateDatabase } from "../../services/databases/database-service.ts";
import { queryDataSource } from "../../services/data-sources/query-service.ts";
import { presentQueryResult } from "../data-sources/index.ts";

export function registerDatabaseRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/databases", async ({ viewer, version, body }) =>
    presentDatabase(await createDatabase(ctx, viewer, body, version), version, ctx.publicUrl),
  );

  apiRoute(app, ctx, "GET", "/v1/databases/:database_id", async ({ viewer, version, params }) =>
    presentDatabase(
      await getDatabase(ctx, viewer, pathId(params, "database_id"), version),
      version,
      ctx.publicUrl,
    ),
  );

  apiRoute(app, ctx, "PATCH", "/v1/databases/:database_id", async ({ viewer, version, params, body }) => {
    const view = await updateDatabase(
      ctx,
      viewer,
      pathId(params, "database_id"),
      body,
      version,
      async (trx, sourceId, properties) => {
        const previous = await updateSchema(trx, viewer, sourceId, properties, version);
        await recomputeSource(trx, ctx, viewer.workspaceId, sourceId, previous);
      },
    );
    return presentDatabase(view, version, ctx.publicUrl);
  });

  // 2022-06-28: the database is its one table. Later versions query data sources instead.
  apiRoute(
    app,
    ctx,
    "POST",
    "/v1/databases/:database_id/query",
    async ({ viewer, version, params, body, query }) => {
      const id = pathId(params, "database_id");
      const result = await queryDataSource(ctx, viewer, { databaseId: id }, body, bodyPage(body));
      return presentQueryResult(result, version, ctx.publicUrl, queryList(query, "filter_properties"));
    },
  );
}
