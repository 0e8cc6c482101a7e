/**
 * Portable representations on both engines: text UUIDs, ISO-8601 UTC timestamps as text, JSON as text
 * (read through `readJson`), booleans as 0/1 integers. Columns are snake_case in SQL and camelCase here
 * (Kysely's CamelCasePlugin maps them).
 */
import type {
  AccountTable,
  MembershipTable,
  SessionTable,
  SignInFailureTable,
  GuestShareTable,
  OauthClientTable,
  OauthGrantTable,
  OauthCodeTable,
  OauthRefreshTokenTable,
  OauthAccessTokenTable,
} from "./schema-accounts.ts";
import type {
  WebhookSubscriptionTable,
  WebhookEventTable,
  WebhookDeliveryTable,
  WebhookAttemptTable,
} from "./schema-webhooks.ts";
import type {
  FileUploadTable,
  FileUploadPartTable,
  FileBlobChunkTable,
  FileUrlKeyTable,
} from "./schema-files.ts";
import type { ViewTable, ViewQueryTable } from "./schema-views.ts";
import type { McpClientTable, McpGrantTable, McpCodeTable, McpTokenTable } from "./schema-mcp.ts";

export type * from "./schema-accounts.ts";
export type * from "./schema-webhooks.ts";
export type * from "./schema-files.ts";
export type * from "./schema-views.ts";
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
  /** `internal`, `public`, or `installation` (a public integration installed through OAuth). */
  kind: "internal" | "public" | "installation";
  icon: string | null;
  /** For an installation: the public integration it was installed from. */
  installedFrom: string | null;
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
  /** A name the person gave a personal access token, shown in the dashboard. */
  label?: string | null;
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
  /** 1 for a data source template (migration 006): a page of the source that queries never return. */
  isTemplate?: number;
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
  /** The template `pages.create` applies for `template: {type: "default"}` (migration 006). */
  defaultTemplateId?: string | null;
}

export interface CustomEmojiTable {
  id: string;
  workspaceId: string;
  name: string;
  url: string;
  createdBy: string;
  createdTime: string;
}

export interface CommentTable {
  id: string;
  workspaceId: string;
  parentType: "page_id" | "block_id";
  parentId: string;
  discussionId: string;
  position: number;
  richText: string;
  attachments: string;
  displayType: "integration" | "user" | "custom";
  displayUserId: string | null;
  displayCustomName: string | null;
  createdTime: string;
  createdBy: string;
  lastEditedTime: string;
  deletedTime: string | null;
}

/** An accepted `allow_async` write and, once run, its outcome (JSON text columns). */
export interface AsyncTaskTable {
  id: string;
  workspaceId: string;
  /** Who asked (a person, or an integration's bot user); only they can read the task. */
  userId: string;
  /** Notion's operation name, e.g. `PATCH /v1/pages/:page_id/markdown`. */
  operation: string;
  status: "queued" | "running" | "retrying" | "succeeded" | "failed";
  /** The request to replay: viewer, API version, path parameters and body. */
  payload: string;
  result: string | null;
  error: string | null;
  attempts: number;
  createdTime: string;
  updatedTime: string;
}

/** One caller's rate-limit bucket (see http/rate-limit.ts); PostgreSQL only in practice. */
export interface RateLimitBucketTable {
  key: string;
  tat: number;
  allowed: number;
}

/** A workspace that reached the Free plan's block limit (migration 022). */
export interface BlockLimitGraceTable {
  workspaceId: string;
  reachedTime: string;
  graceEndsTime: string;
}

/** A named copy of every other table (see storage/sql-dump.ts). */
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
  comments: CommentTable;
  customEmojis: CustomEmojiTable;
  asyncTasks: AsyncTaskTable;
  webhookSubscriptions: WebhookSubscriptionTable;
  webhookEvents: WebhookEventTable;
  webhookDeliveries: WebhookDeliveryTable;
  webhookAttempts: WebhookAttemptTable;
  accounts: AccountTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  signInFailures: SignInFailureTable;
  guestShares: GuestShareTable;
  oauthClients: OauthClientTable;
  oauthGrants: OauthGrantTable;
  oauthCodes: OauthCodeTable;
  oauthRefreshTokens: OauthRefreshTokenTable;
  oauthAccessTokens: OauthAccessTokenTable;
  rateLimitBuckets: RateLimitBucketTable;
  harnessSnapshots: HarnessSnapshotTable;
  blockLimitGraces: BlockLimitGraceTable;
  fileUploads: FileUploadTable;
  fileUploadParts: FileUploadPartTable;
  fileBlobChunks: FileBlobChunkTable;
  fileUrlKeys: FileUrlKeyTable;
  views: ViewTable;
  viewQueries: ViewQueryTable;
  mcpClients: McpClientTable;
  mcpGrants: McpGrantTable;
  mcpCodes: McpCodeTable;
  mcpTokens: McpTokenTable;
}

export function readJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
