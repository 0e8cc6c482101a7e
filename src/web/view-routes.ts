import type { FastifyInstance } from "fastify";
import { parseId } from "../domain/ids.ts";
import type { JsonObject } from "../domain/validation.ts";
import { TOOLS_VERSION } from "../domain/versions.ts";
import { MOVABLE_GROUP_TYPES, groupValue } from "../domain/views/view-groups.ts";
import { parseUpdatePage } from "../routes/pages/schema.ts";
import { parseCreateView, parseUpdateView } from "../routes/views/schema.ts";
import type { ServiceContext } from "../services/context.ts";
import { getDataSource } from "../services/data-sources/data-source-service.ts";
import { updatePage } from "../services/pages/page-service.ts";
import { createView, deleteView, getView, reorderView, updateView } from "../services/views/view-service.ts";
import { cellValue } from "./cell-values.ts";
import { field, fields } from "./forms.ts";
import { EDITABLE_TYPES } from "./render-cells.ts";
import { member, messagePage } from "./guard.ts";
import { viewerOf } from "./page-routes.ts";
import type { WebSession } from "./session.ts";

/**
 * The web UI's view forms (docs/web-ui.md). Each form is turned into the body the API takes and read by
 * the same request schema, so a view made here is the view `views.retrieve` returns, with the same
 * validation messages when something is wrong.
 */

function groupConfiguration(
  type: string,
  groupBy: string | undefined,
  date: string | undefined,
): JsonObject | undefined {
  if (type === "board" && groupBy)
    return { type, group_by: { type: "__from_property__", property_id: groupBy, sort: { type: "manual" } } };
  if (type === "calendar" && date) return { type, date_property_id: date };
  return undefined;
}

/** The group-by `type` follows from the chosen property, which only the schema knows; see `fillGroupType`. */
function fillGroupType(configuration: JsonObject | undefined, schema: { id: string; type: string }[]) {
  const group = configuration?.group_by as JsonObject | undefined;
  if (!group) return;
  const property = schema.find((p) => p.id === group.property_id);
  const map: Record<string, string> = { people: "person", rich_text: "text" };
  group.type = property ? (map[property.type] ?? property.type) : "select";
  if (group.type === "status") group.group_by = "option";
}

export function registerViewRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  // The `url` of pages, databases and views (`<slug>-<id>` or `<id>?v=<view>`, as Notion's) opens them
  // here; any other single-segment path is the usual not-found.
  scope.get("/:slug", async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const id = parseId(/[0-9a-f]{32}$/i.exec(slug)?.[0] ?? "");
    if (!id) return reply.callNotFound();
    const view = parseId(field(request.query, "v") ?? "");
    return reply.redirect(`/pages/${id}${view ? `?v=${view}` : ""}`, 302);
  });

  const post = (
    path: string,
    run: (
      session: WebSession,
      body: unknown,
      ids: { pageId: string; viewId: string },
    ) => Promise<string | null>,
  ) =>
    scope.post(path, async (request, reply) => {
      const session = await member(ctx, request, reply, true);
      if (!session) return reply;
      const params = request.params as { id: string; viewId?: string };
      const pageId = parseId(params.id) ?? "";
      const viewId = parseId(params.viewId ?? "") ?? "";
      try {
        const next = await run(session, request.body, { pageId, viewId });
        return reply.redirect(`/pages/${pageId}${next ? `?v=${next}` : ""}`, 303);
      } catch (error) {
        if (!(error instanceof Error && "code" in error)) throw error;
        const status = (error as { status?: number }).status ?? 400;
        return messagePage(reply, session, status, "Nothing was saved", error.message);
      }
    });

  post("/pages/:id/views", async (session, body, { pageId }) => {
    const viewer = viewerOf(session);
    const type = field(body, "type") ?? "table";
    const configuration = groupConfiguration(
      type,
      field(body, "group_by") || undefined,
      field(body, "date_property") || undefined,
    );
    const dataSourceId = field(body, "data_source_id") ?? "";
    if (configuration)
      fillGroupType(configuration, (await getDataSource(ctx, viewer, dataSourceId)).fields.schema);
    const request = parseCreateView({
      data_source_id: dataSourceId,
      database_id: pageId,
      name: field(body, "name") ?? "",
      type,
      ...(configuration ? { configuration } : {}),
    });
    return (await createView(ctx, viewer, request)).view.id;
  });

  post("/pages/:id/views/:viewId", async (session, body, { viewId }) => {
    const viewer = viewerOf(session);
    const current = await getView(ctx, viewer, viewId);
    const sortProperty = field(body, "sort_property");
    const filterText = (field(body, "filter") ?? "").trim();
    let filter: unknown = null;
    if (filterText) {
      try {
        filter = JSON.parse(filterText);
      } catch {
        throw Object.assign(new Error("The filter is not valid JSON."), {
          code: "validation_error",
          status: 400,
        });
      }
    }
    const configuration = groupConfiguration(
      current.view.type,
      field(body, "group_by") || undefined,
      field(body, "date_property") || undefined,
    );
    fillGroupType(configuration, current.schema);
    const request = parseUpdateView({
      name: field(body, "name") ?? current.view.name,
      filter,
      sorts: sortProperty
        ? [{ property: sortProperty, direction: field(body, "sort_direction") ?? "ascending" }]
        : null,
      ...(configuration ? { configuration } : {}),
    });
    await updateView(ctx, viewer, viewId, request);
    return viewId;
  });

  post("/pages/:id/views/:viewId/delete", async (session, _body, { viewId }) => {
    await deleteView(ctx, viewerOf(session), viewId);
    return null;
  });

  post("/pages/:id/views/:viewId/reorder", async (session, body, { viewId }) => {
    await reorderView(ctx, viewerOf(session), viewId, field(body, "direction") === "left" ? "left" : "right");
    return viewId;
  });

  // An edited table cell: the row's property takes the value, through the page update the API uses.
  post("/pages/:id/views/:viewId/cell", async (session, body, { viewId }) => {
    const viewer = viewerOf(session);
    const { schema } = await getView(ctx, viewer, viewId);
    const property = schema.find((p) => p.id === field(body, "property_id"));
    const rowId = parseId(field(body, "row_id") ?? "") ?? "";
    if (!property || !rowId || !EDITABLE_TYPES.has(property.type)) return viewId;
    const request = parseUpdatePage(
      { properties: { [property.name]: cellValue(property.type, fields(body, "value")) } },
      TOOLS_VERSION,
    );
    await updatePage(ctx, viewer, rowId, request);
    return viewId;
  });

  // A card dropped on another column (or moved with its menu): the row's grouped property takes the column's value.
  post("/pages/:id/views/:viewId/move", async (session, body, { viewId }) => {
    const viewer = viewerOf(session);
    const { view, schema } = await getView(ctx, viewer, viewId);
    const groupId = (view.settings.configuration?.group_by as { property_id?: unknown } | undefined)
      ?.property_id;
    const property = schema.find((p) => p.id === groupId);
    const rowId = parseId(field(body, "row_id") ?? "") ?? "";
    if (!property || !rowId || !MOVABLE_GROUP_TYPES.has(property.type)) return viewId;
    const value = field(body, "value") || null;
    const request = parseUpdatePage(
      { properties: { [property.name]: groupValue(property, value) } },
      TOOLS_VERSION,
    );
    await updatePage(ctx, viewer, rowId, request);
    return viewId;
  });
}
