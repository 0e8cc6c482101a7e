import type { JsonObject } from "../domain/validation.ts";
import type { ViewSettings, ViewType } from "../domain/views/view-types.ts";
import type { Executor } from "./executor.ts";
import { type ViewQueryTable, type ViewTable, readJson } from "./schema.ts";

export interface ViewRecord {
  id: string;
  workspaceId: string;
  databaseId: string;
  dataSourceId: string | null;
  dashboardViewId: string | null;
  name: string;
  type: ViewType;
  settings: ViewSettings;
  sortKey: string;
  createdTime: string;
  createdBy: string;
  lastEditedTime: string;
  lastEditedBy: string;
}

function toRecord(row: ViewTable): ViewRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    databaseId: row.databaseId,
    dataSourceId: row.dataSourceId,
    dashboardViewId: row.dashboardViewId,
    name: row.name,
    type: row.type as ViewType,
    settings: {
      filter: readJson<JsonObject>(row.filter),
      sorts: readJson<JsonObject[]>(row.sorts),
      quickFilters: readJson<Record<string, JsonObject>>(row.quickFilters),
      configuration: readJson<JsonObject>(row.configuration),
    },
    sortKey: row.sortKey,
    createdTime: row.createdTime,
    createdBy: row.createdBy,
    lastEditedTime: row.lastEditedTime,
    lastEditedBy: row.lastEditedBy,
  };
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

function settingsColumns(settings: ViewSettings) {
  return {
    filter: json(settings.filter),
    sorts: json(settings.sorts),
    quickFilters: json(settings.quickFilters),
    configuration: json(settings.configuration),
  };
}

export async function insertView(db: Executor, view: ViewRecord): Promise<void> {
  const { settings, ...rest } = view;
  await db
    .insertInto("views")
    .values({ ...rest, ...settingsColumns(settings) })
    .execute();
}

export async function findView(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ViewRecord | undefined> {
  const row = await db
    .selectFrom("views")
    .selectAll()
    .where("id", "=", id)
    .where("workspaceId", "=", workspaceId)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function updateView(
  db: Executor,
  id: string,
  patch: { name: string; settings: ViewSettings; lastEditedTime: string; lastEditedBy: string },
): Promise<void> {
  await db
    .updateTable("views")
    .set({
      name: patch.name,
      ...settingsColumns(patch.settings),
      lastEditedTime: patch.lastEditedTime,
      lastEditedBy: patch.lastEditedBy,
    })
    .where("id", "=", id)
    .execute();
}

export async function updateViewConfiguration(
  db: Executor,
  id: string,
  configuration: JsonObject,
): Promise<void> {
  await db
    .updateTable("views")
    .set({ configuration: JSON.stringify(configuration) })
    .where("id", "=", id)
    .execute();
}

/** Deletes views and the queries kept for them. */
export async function deleteViews(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("viewQueries").where("viewId", "in", ids).execute();
  await db.deleteFrom("views").where("id", "in", ids).execute();
}

export type ViewScope = { databaseId: string } | { dataSourceId: string } | { dashboardViewId: string };

/** A database's (or a data source's, or a dashboard's) views in tab order, after a position. */
export async function listViews(
  db: Executor,
  scope: ViewScope,
  options: { after?: { sortKey: string; id: string } | undefined; limit: number },
): Promise<ViewRecord[]> {
  let query = db.selectFrom("views").selectAll();
  if ("databaseId" in scope) query = query.where("databaseId", "=", scope.databaseId);
  else if ("dataSourceId" in scope) query = query.where("dataSourceId", "=", scope.dataSourceId);
  else query = query.where("dashboardViewId", "=", scope.dashboardViewId);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("sortKey", ">", after.sortKey),
        eb.and([eb("sortKey", "=", after.sortKey), eb("id", ">", after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy("sortKey").orderBy("id").limit(options.limit).execute();
  return rows.map(toRecord);
}

/** The sort keys of a database's tabs, in order, for placing a new one. */
export async function tabKeys(db: Executor, databaseId: string): Promise<{ id: string; sortKey: string }[]> {
  return db
    .selectFrom("views")
    .select(["id", "sortKey"])
    .where("databaseId", "=", databaseId)
    .where("dashboardViewId", "is", null)
    .orderBy("sortKey")
    .orderBy("id")
    .execute();
}

export interface ViewQueryRecord {
  id: string;
  viewId: string;
  workspaceId: string;
  userId: string;
  rowIds: string[];
  totalCount: number;
  incomplete: boolean;
  createdTime: string;
  expiresAt: string;
}

export async function insertViewQuery(db: Executor, query: ViewQueryRecord): Promise<void> {
  const row: ViewQueryTable = {
    ...query,
    rowIds: JSON.stringify(query.rowIds),
    incomplete: query.incomplete ? 1 : 0,
  };
  await db.insertInto("viewQueries").values(row).execute();
}

export async function findViewQuery(
  db: Executor,
  viewId: string,
  id: string,
): Promise<ViewQueryRecord | undefined> {
  const row = await db
    .selectFrom("viewQueries")
    .selectAll()
    .where("id", "=", id)
    .where("viewId", "=", viewId)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      rowIds: readJson<string[]>(row.rowIds) ?? [],
      totalCount: Number(row.totalCount),
      incomplete: Boolean(row.incomplete),
    }
  );
}

export async function deleteViewQuery(db: Executor, viewId: string, id: string): Promise<void> {
  await db.deleteFrom("viewQueries").where("id", "=", id).where("viewId", "=", viewId).execute();
}

/** Expired queries are never served again; they are removed as new ones are made. */
export async function deleteExpiredViewQueries(db: Executor, now: string): Promise<void> {
  await db.deleteFrom("viewQueries").where("expiresAt", "<=", now).execute();
}

export async function updateViewSortKey(db: Executor, id: string, sortKey: string): Promise<void> {
  await db.updateTable("views").set({ sortKey }).where("id", "=", id).execute();
}

/** A data source's views, moved with it to another database (its tabs now after that database's). */
export async function moveViewsOfSource(
  db: Executor,
  sourceId: string,
  databaseId: string,
  sortKeys: (count: number) => string[],
): Promise<void> {
  const views = await db
    .selectFrom("views")
    .select("id")
    .where("dataSourceId", "=", sourceId)
    .orderBy("sortKey")
    .orderBy("id")
    .execute();
  const keys = sortKeys(views.length);
  for (const [i, view] of views.entries()) {
    await db
      .updateTable("views")
      .set({ databaseId, sortKey: keys[i] ?? "" })
      .where("id", "=", view.id)
      .execute();
  }
}

/** Whether a database has a view of this data source (how a linked database shows another's source). */
export async function hasViewOfSource(
  db: Executor,
  databaseId: string,
  dataSourceId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("views")
    .select("id")
    .where("databaseId", "=", databaseId)
    .where("dataSourceId", "=", dataSourceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
