import type { PropertySchema } from "../../domain/properties/types.ts";
import type { ViewSettings, ViewType } from "../../domain/views/view-types.ts";
import type { ViewRecord } from "../../storage/view-repo.ts";

/** A view as served: its record and the schema (as the reader may see it) its settings refer to. */
export interface ViewRead {
  view: ViewRecord;
  schema: PropertySchema[];
}

/**
 * A view's settings from a request. They name the data source's properties, so they are read once
 * the source is loaded; `current` is the view's own settings when it is updated.
 */
export type SettingsEdit = (
  type: ViewType,
  schema: PropertySchema[],
  current: ViewSettings | null,
) => ViewSettings;

export type ViewPosition = { type: "start" } | { type: "end" } | { type: "after_view"; viewId: string };

export type WidgetPlacement =
  { type: "new_row"; rowIndex?: number | undefined } | { type: "existing_row"; rowIndex: number };

export interface CreateViewRequest {
  dataSourceId: string;
  name: string;
  type: ViewType;
  databaseId?: string | undefined;
  /** A dashboard view to add this one to as a widget (`view_id`). */
  dashboardViewId?: string | undefined;
  settings: SettingsEdit;
  position?: ViewPosition | undefined;
  placement?: WidgetPlacement | undefined;
  /** `create_database`: a new linked database on this page, placed after a block of it or at its end. */
  linkedDatabase?: LinkedDatabaseRequest | undefined;
}

export interface LinkedDatabaseRequest {
  pageId: string;
  afterBlockId?: string | undefined;
}

export interface UpdateViewRequest {
  name?: string | undefined;
  settings: SettingsEdit;
}
