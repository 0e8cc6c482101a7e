import { newId } from "../../domain/ids.ts";
import { recordViewEvent } from "../webhooks/view-events.ts";
import { isObject } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import { findDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import {
  type ViewRecord,
  type ViewScope,
  deleteViews,
  findView,
  hasViewOfSource,
  insertView,
  listViews,
  tabKeys,
  updateView as storeViewUpdate,
} from "../../storage/view-repo.ts";
import { assertNotInTrash, loadVisible } from "../access/kinds.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { invalidCursor, type Page, type PageRequest } from "../pagination.ts";
import { createLinkedDatabase } from "./linked-database.ts";
import { loadView, readView } from "./view-access.ts";
import { moveTab, placeWidget, removeWidget, tabKeyFor } from "./view-placement.ts";
import type { CreateViewRequest, UpdateViewRequest, ViewRead } from "./view-types.ts";

/** `GET /v1/views/{id}` (reference/retrieve-a-view). */
export async function getView(ctx: ServiceContext, viewer: Viewer, id: string): Promise<ViewRead> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  return readView(db, viewer, await loadView(db, viewer, id));
}

/** A data source the viewer may see, with its schema. */
async function loadSource(db: Executor, viewer: Viewer, id: string) {
  await loadVisible(db, viewer, id, "data source");
  const source = await findDataSourceFields(db, id);
  if (!source) throw new Error(`data source ${id} has no fields row`);
  return source;
}

/** A database shows its own data sources, and a linked database the source its views show. */
async function showsSource(
  db: Executor,
  databaseId: string,
  source: { id: string; databaseId: string },
): Promise<boolean> {
  return source.databaseId === databaseId || hasViewOfSource(db, databaseId, source.id);
}

/** `POST /v1/views` (reference/create-a-view): a tab of a database, or a widget of a dashboard view. */
export async function createView(
  ctx: ServiceContext,
  viewer: Viewer,
  request: CreateViewRequest,
): Promise<ViewRead> {
  requireCapability(viewer, "insert");
  return ctx.store.transaction(async (trx) => {
    const source = await loadSource(trx, viewer, request.dataSourceId);
    // Nothing is added inside the trash (as for pages and blocks).
    await assertNotInTrash(trx, source.id);
    let databaseId = source.databaseId;
    let dashboard: ViewRecord | undefined;
    if (request.linkedDatabase) {
      databaseId = await createLinkedDatabase(trx, ctx, viewer, source, request.linkedDatabase, nowIso(ctx));
    } else if (request.dashboardViewId) {
      dashboard = await loadView(trx, viewer, request.dashboardViewId);
      if (dashboard.type !== "dashboard") {
        throw validationError(
          `View ${dashboard.id} is not a dashboard view; widgets can only be added to one.`,
        );
      }
      databaseId = dashboard.databaseId;
    } else if (request.databaseId) {
      await loadVisible(trx, viewer, request.databaseId, "database");
      if (!(await showsSource(trx, request.databaseId, source))) {
        throw validationError(`Data source ${source.id} does not belong to database ${request.databaseId}.`);
      }
      databaseId = request.databaseId;
    }
    const now = nowIso(ctx);
    const settings = request.settings(request.type, source.schema, null);
    const view: ViewRecord = {
      id: newId(),
      workspaceId: viewer.workspaceId,
      databaseId,
      // "The ID of the data source this view is scoped to, or null for dashboard views" (reference/view).
      dataSourceId: request.type === "dashboard" ? null : source.id,
      dashboardViewId: dashboard?.id ?? null,
      name: request.name,
      type: request.type,
      settings:
        request.type === "dashboard"
          ? { ...settings, configuration: { type: "dashboard", rows: [] } }
          : settings,
      sortKey: await tabKeyFor(trx, databaseId, dashboard ? undefined : request.position),
      createdTime: now,
      createdBy: viewer.userId,
      lastEditedTime: now,
      lastEditedBy: viewer.userId,
    };
    await insertView(trx, view);
    if (dashboard) await placeWidget(trx, dashboard, view.id, request.placement);
    await recordViewEvent(trx, ctx, viewer, "view.created", view);
    return readView(trx, viewer, view);
  });
}

/** `PATCH /v1/views/{id}` (reference/update-a-view). */
export async function updateView(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  request: UpdateViewRequest,
): Promise<ViewRead> {
  requireCapability(viewer, "update");
  return ctx.store.transaction(async (trx) => {
    const view = await loadView(trx, viewer, id);
    const source = view.dataSourceId ? await findDataSourceFields(trx, view.dataSourceId) : undefined;
    const settings = request.settings(view.type, source?.schema ?? [], view.settings);
    const now = nowIso(ctx);
    const patch = {
      name: request.name ?? view.name,
      settings,
      lastEditedTime: now,
      lastEditedBy: viewer.userId,
    };
    await storeViewUpdate(trx, id, patch);
    await recordViewEvent(trx, ctx, viewer, "view.updated", { ...view, ...patch }, view);
    return readView(trx, viewer, { ...view, ...patch });
  });
}

/**
 * `DELETE /v1/views/{id}` (reference/delete-a-view). A database keeps at least one tab, as in Notion's
 * UI; deleting a dashboard deletes its widgets, and deleting a widget takes it off its dashboard.
 */
export async function deleteView(ctx: ServiceContext, viewer: Viewer, id: string): Promise<ViewRecord> {
  requireCapability(viewer, "update");
  return ctx.store.transaction(async (trx) => {
    const view = await loadView(trx, viewer, id);
    if (!view.dashboardViewId) {
      const tabs = await tabKeys(trx, view.databaseId);
      if (tabs.length <= 1) throw validationError("A database must keep at least one view.");
    }
    const widgets =
      view.type === "dashboard"
        ? await listViews(trx, { dashboardViewId: view.id }, { limit: Number.MAX_SAFE_INTEGER })
        : [];
    await deleteViews(trx, [view.id, ...widgets.map((w) => w.id)]);
    const dashboard = view.dashboardViewId && (await findView(trx, viewer.workspaceId, view.dashboardViewId));
    if (dashboard) await removeWidget(trx, dashboard, view.id);
    await recordViewEvent(trx, ctx, viewer, "view.deleted", view);
    return view;
  });
}

export type ListViewsTarget =
  { databaseId: string } | { dataSourceId: string } | { databaseId: string; dataSourceId: string };

function readListCursor(cursor: string): { sortKey: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (isObject(value) && typeof value.k === "string" && typeof value.i === "string") {
      return { sortKey: value.k, id: value.i };
    }
  } catch {
    // Notion's invalid-cursor error below
  }
  throw invalidCursor(cursor);
}

/** `GET /v1/views?database_id=…|data_source_id=…` (reference/list-views), in tab order. */
export async function listDatabaseViews(
  ctx: ServiceContext,
  viewer: Viewer,
  target: ListViewsTarget,
  page: PageRequest,
): Promise<Page<ViewRecord>> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  if ("databaseId" in target) await loadVisible(db, viewer, target.databaseId, "database");
  if ("dataSourceId" in target) {
    await loadVisible(db, viewer, target.dataSourceId, "data source");
    const source = await findDataSourceFields(db, target.dataSourceId);
    if ("databaseId" in target && !(source && (await showsSource(db, target.databaseId, source)))) {
      throw validationError(
        `Data source ${target.dataSourceId} does not belong to database ${target.databaseId}.`,
      );
    }
  }
  const scope: ViewScope =
    "dataSourceId" in target ? { dataSourceId: target.dataSourceId } : { databaseId: target.databaseId };
  const after = page.startCursor === undefined ? undefined : readListCursor(page.startCursor);
  const rows = await listViews(db, scope, { after, limit: page.pageSize + 1 });
  const results = rows.slice(0, page.pageSize);
  const last = results.at(-1);
  const nextCursor =
    rows.length > page.pageSize && last
      ? Buffer.from(JSON.stringify({ k: last.sortKey, i: last.id })).toString("base64url")
      : null;
  return { results, nextCursor };
}

/** Moves a database tab one place (the web UI; the API places views only when they are created). */
export async function reorderView(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  direction: "left" | "right",
): Promise<void> {
  requireCapability(viewer, "update");
  await ctx.store.transaction(async (trx) => {
    const view = await loadView(trx, viewer, id);
    if (!view.dashboardViewId) await moveTab(trx, view, direction);
  });
}
