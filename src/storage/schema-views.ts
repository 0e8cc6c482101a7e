/** Database views and the queries run through them (migration 013). Conventions as in schema.ts. */

/** A database view (migration 013): settings are JSON text naming properties by id. */
export interface ViewTable {
  id: string;
  workspaceId: string;
  databaseId: string;
  dataSourceId: string | null;
  /** The dashboard this view is a widget of; null for a tab of its database. */
  dashboardViewId: string | null;
  name: string;
  type: string;
  filter: string | null;
  sorts: string | null;
  quickFilters: string | null;
  configuration: string | null;
  sortKey: string;
  createdTime: string;
  createdBy: string;
  lastEditedTime: string;
  lastEditedBy: string;
}

/** The rows a view query matched (migration 013), kept until `expiresAt`. */
export interface ViewQueryTable {
  id: string;
  viewId: string;
  workspaceId: string;
  userId: string;
  /** JSON array of row ids, in the view's order. */
  rowIds: string;
  totalCount: number;
  incomplete: number;
  createdTime: string;
  expiresAt: string;
}
