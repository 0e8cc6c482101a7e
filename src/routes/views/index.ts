import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { bodyPage, pathId, queryPage } from "../../http/params.ts";
import {
  presentDeletedViewQuery,
  presentPartialView,
  presentView,
  presentViewList,
  presentViewQuery,
  presentViewQueryResults,
} from "../../presenters/present-view.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import {
  createViewQuery,
  deleteViewQuery,
  viewQueryResults,
} from "../../services/views/view-query-service.ts";
import {
  createView,
  deleteView,
  getView,
  listDatabaseViews,
  updateView,
} from "../../services/views/view-service.ts";
import { parseCreateView, parseListViewsTarget, parseUpdateView, requireViewsVersion } from "./schema.ts";

/** `/v1/views` and view queries (SDK ≥ 5.14; guides/data-apis/working-with-views). */
export function registerViewRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "GET", "/v1/views", async ({ viewer, version, query }) => {
    requireViewsVersion(version);
    const target = parseListViewsTarget(query);
    const page = await listDatabaseViews(ctx, viewer, target, queryPage(query));
    return presentViewList(page.results, page.nextCursor);
  });

  apiRoute(app, ctx, "POST", "/v1/views", async ({ viewer, version, body }) => {
    requireViewsVersion(version);
    requireCapability(viewer, "insert");
    return presentView(await createView(ctx, viewer, parseCreateView(body)), ctx.publicUrl);
  });

  apiRoute(app, ctx, "GET", "/v1/views/:view_id", async ({ viewer, version, params }) => {
    requireViewsVersion(version);
    return presentView(await getView(ctx, viewer, pathId(params, "view_id")), ctx.publicUrl);
  });

  apiRoute(app, ctx, "PATCH", "/v1/views/:view_id", async ({ viewer, version, params, body }) => {
    requireViewsVersion(version);
    const id = pathId(params, "view_id");
    requireCapability(viewer, "update");
    return presentView(await updateView(ctx, viewer, id, parseUpdateView(body)), ctx.publicUrl);
  });

  apiRoute(app, ctx, "DELETE", "/v1/views/:view_id", async ({ viewer, version, params }) => {
    requireViewsVersion(version);
    return presentPartialView(await deleteView(ctx, viewer, pathId(params, "view_id")));
  });

  apiRoute(app, ctx, "POST", "/v1/views/:view_id/queries", async ({ viewer, version, params, body }) => {
    requireViewsVersion(version);
    const id = pathId(params, "view_id");
    return presentViewQuery(await createViewQuery(ctx, viewer, id, bodyPage(body)));
  });

  apiRoute(
    app,
    ctx,
    "GET",
    "/v1/views/:view_id/queries/:query_id",
    async ({ viewer, version, params, query }) => {
      requireViewsVersion(version);
      const viewId = pathId(params, "view_id");
      const queryId = pathId(params, "query_id");
      return presentViewQueryResults(await viewQueryResults(ctx, viewer, viewId, queryId, queryPage(query)));
    },
  );

  apiRoute(
    app,
    ctx,
    "DELETE",
    "/v1/views/:view_id/queries/:query_id",
    async ({ viewer, version, params }) => {
      requireViewsVersion(version);
      const viewId = pathId(params, "view_id");
      const queryId = pathId(params, "query_id");
      return presentDeletedViewQuery(await deleteViewQuery(ctx, viewer, viewId, queryId));
    },
  );
}
