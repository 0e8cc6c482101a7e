import { newId } from "../../domain/ids.ts";
import { keyBetween, keysBetween } from "../../domain/sort-keys.ts";
import { DEFAULT_VIEW_NAME, NO_SETTINGS } from "../../domain/views/view-types.ts";
import { insertView, moveViewsOfSource, tabKeys } from "../../storage/view-repo.ts";
import { listDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { Viewer } from "../access/viewer.ts";

/**
 * The table view a new data source starts with, as the last tab of its database, so `views.list` is
 * never empty for a database (guides/data-apis/working-with-views, "Default behavior").
 */
export async function addDefaultView(
  trx: Executor,
  viewer: Viewer,
  source: { id: string; databaseId: string },
  now: string,
): Promise<void> {
  const tabs = await tabKeys(trx, source.databaseId);
  await insertView(trx, {
    id: newId(),
    workspaceId: viewer.workspaceId,
    databaseId: source.databaseId,
    dataSourceId: source.id,
    dashboardViewId: null,
    name: DEFAULT_VIEW_NAME,
    type: "table",
    settings: NO_SETTINGS,
    sortKey: keyBetween(tabs.at(-1)?.sortKey ?? null, null),
    createdTime: now,
    createdBy: viewer.userId,
    lastEditedTime: now,
    lastEditedBy: viewer.userId,
  });
}

/**
 * A data source moved to another database takes its views along; the database it left gets a default
 * view for its first remaining source if it has no tab left, so neither is ever without one.
 */
export async function moveSourceViews(
  trx: Executor,
  viewer: Viewer,
  sourceId: string,
  from: string,
  to: string,
  now: string,
): Promise<void> {
  const last = (await tabKeys(trx, to)).at(-1)?.sortKey ?? null;
  await moveViewsOfSource(trx, sourceId, to, (count) => keysBetween(last, null, count));
  if ((await tabKeys(trx, from)).length > 0) return;
  const [remaining] = await listDataSourceFields(trx, from);
  if (remaining) await addDefaultView(trx, viewer, { id: remaining.id, databaseId: from }, now);
}
