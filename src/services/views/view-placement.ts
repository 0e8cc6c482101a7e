import { newId } from "../../domain/ids.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import type { Executor } from "../../storage/executor.ts";
import {
  type ViewRecord,
  tabKeys,
  updateViewConfiguration,
  updateViewSortKey,
} from "../../storage/view-repo.ts";
import type { ViewPosition, WidgetPlacement } from "./view-types.ts";

/** The sort key of a new tab of a database: first, last (the default) or right after another tab. */
export async function tabKeyFor(
  db: Executor,
  databaseId: string,
  position: ViewPosition | undefined,
): Promise<string> {
  const tabs = await tabKeys(db, databaseId);
  if (!position || position.type === "end") return keyBetween(tabs.at(-1)?.sortKey ?? null, null);
  if (position.type === "start") return keyBetween(null, tabs[0]?.sortKey ?? null);
  const at = tabs.findIndex((t) => t.id === position.viewId);
  if (at < 0) {
    throw validationError(`position.view_id ${position.viewId} is not a view of database ${databaseId}.`);
  }
  return keyBetween(tabs[at]?.sortKey ?? null, tabs[at + 1]?.sortKey ?? null);
}

interface DashboardRow {
  id: string;
  widgets: { id: string; view_id: string }[];
}

function rowsOf(dashboard: ViewRecord): DashboardRow[] {
  const rows = dashboard.settings.configuration?.rows;
  return Array.isArray(rows) ? (rows as DashboardRow[]) : [];
}

/**
 * Adds a widget to a dashboard's layout (S5 `WidgetPlacementRequest`): a new row, at `row_index` or at
 * the end, or beside the widgets of an existing row.
 */
export async function placeWidget(
  db: Executor,
  dashboard: ViewRecord,
  viewId: string,
  placement: WidgetPlacement | undefined,
): Promise<void> {
  const rows = rowsOf(dashboard).map((r) => ({ ...r, widgets: [...r.widgets] }));
  const widget = { id: newId(), view_id: viewId };
  if (placement?.type === "existing_row") {
    const row = rows[placement.rowIndex];
    if (!row) {
      throw validationError(
        `placement.row_index ${placement.rowIndex} is out of range; the dashboard has ${rows.length} rows.`,
      );
    }
    row.widgets.push(widget);
  } else {
    const index = Math.min(placement?.rowIndex ?? rows.length, rows.length);
    rows.splice(index, 0, { id: newId(), widgets: [widget] });
  }
  await saveRows(db, dashboard.id, rows);
}

/** Takes a deleted widget out of its dashboard; a row left empty goes too. */
export async function removeWidget(db: Executor, dashboard: ViewRecord, viewId: string): Promise<void> {
  const rows = rowsOf(dashboard)
    .map((r) => ({ ...r, widgets: r.widgets.filter((w) => w.view_id !== viewId) }))
    .filter((r) => r.widgets.length > 0);
  await saveRows(db, dashboard.id, rows);
}

async function saveRows(db: Executor, dashboardId: string, rows: DashboardRow[]): Promise<void> {
  const configuration: JsonObject = { type: "dashboard", rows };
  await updateViewConfiguration(db, dashboardId, configuration);
}

/** Moves a tab one place left or right among its database's tabs (the web UI's reorder buttons). */
export async function moveTab(db: Executor, view: ViewRecord, direction: "left" | "right"): Promise<void> {
  const tabs = await tabKeys(db, view.databaseId);
  const at = tabs.findIndex((t) => t.id === view.id);
  const key = (i: number) => tabs[i]?.sortKey ?? null;
  if (direction === "left" && at > 0)
    await updateViewSortKey(db, view.id, keyBetween(key(at - 2), key(at - 1)));
  if (direction === "right" && at >= 0 && at < tabs.length - 1)
    await updateViewSortKey(db, view.id, keyBetween(key(at + 1), key(at + 2)));
}
