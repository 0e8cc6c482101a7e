import { newId } from "../../domain/ids.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import { DEFAULT_VIEW_NAME, NO_SETTINGS } from "../../domain/views/view-types.ts";
import { insertView, tabKeys } from "../../storage/view-repo.ts";
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
