/**
 * Portable representations on both engines: text UUIDs, ISO-8601 UTC timestamps as text, JSON as text
 * (read through `readJson`), booleans as 0/1 integers. Columns are snake_case in SQL and camelCase here
 * (Kysely's CamelCasePlugin maps them).
 */
export interface WorkspaceTable {
  id: string;
  name: string;
  icon: string | null;
  createdTime: string;
}

export interface UserTable {
  id: string;
  workspaceId: string;
  type: "person" | "bot";
  name: string | null;
  avatarUrl: string | null;
  email: string | null;
  createdTime: string;
}

export interface IntegrationTable {
  id: string;
  workspaceId: string;
  name: string;
  botUserId: string;
  capabilities: string;
  ownerUserId: string;
  createdTime: string;
}

export interface TokenTable {
  id: string;
  tokenHash: string;
  workspaceId: string;
  kind: "personal" | "integration";
  userId: string;
  integrationId: string | null;
  createdTime: string;
  revokedTime: string | null;
}

export interface GrantTable {
  integrationId: string;
  blockId: string;
  createdTime: string;
}

/** Pages and blocks share one table: in Notion a page is the `child_page` block with the same id. */
export interface BlockTable {
  id: string;
  workspaceId: string;
  type: string;
  parentType: "workspace" | "page_id" | "block_id" | "database_id" | "data_source_id";
  parentId: string | null;
  sortKey: string;
  content: string;
  properties: string | null;
  icon: string | null;
  cover: string | null;
  isLocked: number;
  inTrash: number;
  isArchived: number;
  createdTime: string;
  createdBy: string;
  lastEditedTime: string;
  lastEditedBy: string;
  /** JSON (jsonb on PostgreSQL) of the values filters and sorts read; see domain/properties/types.ts. */
  queryValues: string;
}

export interface DatabaseTable {
  id: string;
  workspaceId: string;
  title: string;
  description: string;
  isInline: number;
}

export interface DataSourceTable {
  id: string;
  workspaceId: string;
  databaseId: string;
  title: string;
  description: string;
  properties: string;
  uniqueCounter: number;
}

/** A named copy of every other table (see storage/table-dump.ts). */
export interface HarnessSnapshotTable {
  name: string;
  createdTime: string;
  /** JSON of a `TableDump`. */
  data: string;
}

export interface Schema {
  workspaces: WorkspaceTable;
  users: UserTable;
  integrations: IntegrationTable;
  tokens: TokenTable;
  grants: GrantTable;
  blocks: BlockTable;
  databases: DatabaseTable;
  dataSources: DataSourceTable;
  harnessSnapshots: HarnessSnapshotTable;
}

export function readJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
