import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { pathId } from "../../http/params.ts";
import { presentDatabase } from "../../presenters/present-database.ts";
import { presentQueryResult } from "../../presenters/present-query-result.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import { createDatabase, getDatabase, updateDatabase } from "../../services/databases/database-service.ts";
import { queryDataSource } from "../../services/data-sources/query-service.ts";
import { parseQueryDataSource } from "../data-sources/schema.ts";
import { parseCreateDatabase, parseUpdateDatabase } from "./schema.ts";

export function registerDatabaseRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/databases", async ({ viewer, version, body }) => {
    // A connection without the capability is refused before its body is read.
    requireCapability(viewer, "insert");
    const request = parseCreateDatabase(body, version);
    return presentDatabase(
      await createDatabase(ctx, viewer, request),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
    );
  });

  apiRoute(app, ctx, "GET", "/v1/databases/:database_id", async ({ viewer, version, params }) =>
    presentDatabase(
      await getDatabase(ctx, viewer, pathId(params, "database_id"), version),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
    ),
  );

  apiRoute(app, ctx, "PATCH", "/v1/databases/:database_id", async ({ viewer, version, params, body }) => {
    const id = pathId(params, "database_id");
    requireCapability(viewer, "update");
    const request = parseUpdateDatabase(body, version);
    return presentDatabase(
      await updateDatabase(ctx, viewer, id, request, version),
      version,
      ctx.publicUrl,
      await fileLinks(ctx),
    );
  });

  // 2022-06-28: the database is its one table. Later versions query data sources instead.
  apiRoute(
    app,
    ctx,
    "POST",
    "/v1/databases/:database_id/query",
    async ({ viewer, version, params, body, query }) => {
      const id = pathId(params, "database_id");
      const request = parseQueryDataSource(body, query);
      const result = await queryDataSource(ctx, viewer, { databaseId: id }, request);
      return presentQueryResult(
        result,
        version,
        ctx.publicUrl,
        await fileLinks(ctx),
        request.filterProperties,
      );
    },
  );
}
