import type { JsonObject } from "../validation.ts";

/** The view types Notion has (S5 `ViewTypeRequest`). */
export const VIEW_TYPES = [
  "table",
  "board",
  "list",
  "calendar",
  "timeline",
  "gallery",
  "form",
  "chart",
  "map",
  "dashboard",
] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

/** The name of the table view every data source starts with. */
export const DEFAULT_VIEW_NAME = "Default view";

/**
 * What a view shows, as stored: Notion's wire shapes, except that every reference to a property names
 * it by id (so renames need no rewrite; see view-references.ts for both directions).
 */
export interface ViewSettings {
  filter: JsonObject | null;
  sorts: JsonObject[] | null;
  /** Keyed by property id; each value is a filter condition without `property`. */
  quickFilters: Record<string, JsonObject> | null;
  configuration: JsonObject | null;
}

export const NO_SETTINGS: ViewSettings = {
  filter: null,
  sorts: null,
  quickFilters: null,
  configuration: null,
};
