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

export interface AccountTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdTime: string;
}

export interface MembershipTable {
  accountId: string;
  workspaceId: string;
  userId: string;
  role: "owner" | "member" | "guest";
  createdTime: string;
}

export interface SessionTable {
  idHash: string;
  accountId: string;
  workspaceId: string;
  csrfToken: string;
  createdTime: string;
  expiresTime: string;
}

export interface SignInFailureTable {
  key: string;
  failures: number;
  firstFailureTime: string;
  lockedUntil: string | null;
}

export interface GuestShareTable {
  userId: string;
  blockId: string;
  createdTime: string;
}

export interface OauthClientTable {
  integrationId: string;
  clientId: string;
  clientSecretHash: string;
  redirectUris: string;
  templatePageId: string | null;
}

export interface OauthGrantTable {
  id: string;
  clientIntegrationId: string;
  installationId: string;
  workspaceId: string;
  userId: string;
  duplicatedTemplateId: string | null;
  createdTime: string;
  revokedTime: string | null;
}

export interface OauthCodeTable {
  codeHash: string;
  grantId: string;
  redirectUri: string | null;
  codeChallenge: string | null;
  expiresTime: string;
  usedTime: string | null;
}

export interface OauthRefreshTokenTable {
  tokenHash: string;
  grantId: string;
  createdTime: string;
  usedTime: string | null;
}

export interface OauthAccessTokenTable {
  tokenId: string;
  grantId: string;
}

/** One caller's rate-limit bucket (see http/rate-limit.ts); PostgreSQL only in practice. */
export interface RateLimitBucketTable {
  key: string;
  tat: number;
  allowed: number;
}

/** A named copy of every other table (see storage/sql-dump.ts). */
export interface HarnessSnapshotTable {
  name: string;
  createdTime: string;
  /** JSON of a `TableDump`. */
  data: string;
}

/** A webhook subscription (migration 015); `eventTypes` is a JSON list. */
export interface WebhookSubscriptionTable {
  id: string;
  workspaceId: string;
  integrationId: string;
  url: string;
  eventTypes: string;
  apiVersion: string;
  status: "pending_verification" | "active" | "paused";
  /** The HMAC key of every signature, so it is kept as given (it can't be hashed). */
  verificationToken: string;
  createdTime: string;
  verifiedTime: string | null;
  verificationRequestedTime: string | null;
  verificationSentTime: string | null;
  /** The receiver's answer to the verification request; null with `verificationError` when unreachable. */
  verificationStatus: number | null;
  verificationError: string | null;
}

/** An event in the outbox, waiting for its aggregation window (`dueTime`) to end. */
export interface WebhookEventTable {
  id: string;
  workspaceId: string;
  type: string;
  entityId: string;
  entityType: string;
  /** The block whose reach decides who may receive it (the page a comment is on, …). */
  reachId: string;
  authors: string;
  data: string;
  timestamp: string;
  dueTime: string;
  /** Orders events recorded in one millisecond (see services/webhooks/record-event.ts). */
  sortKey: string;
}

export interface WebhookDeliveryTable {
  id: string;
  subscriptionId: string;
  workspaceId: string;
  type: string;
  timestamp: string;
  /** The event's `sortKey`: deliveries of one subscription go out in this order. */
  sortKey: string;
  /** The envelope without `attempt_number`, which each try sets. */
  payload: string;
  status: "pending" | "delivering" | "delivered" | "failed";
  attempts: number;
  nextAttemptTime: string;
  leaseUntil: string | null;
  createdTime: string;
  finishedTime: string | null;
}

export interface WebhookAttemptTable {
  deliveryId: string;
  attemptNumber: number;
  startedTime: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/** A file upload (storage/file-upload-repo.ts); its bytes are its parts' blobs in order. */
export interface FileUploadTable {
  id: string;
  workspaceId: string;
  createdBy: string;
  createdByType: "person" | "bot";
  mode: "single_part" | "multi_part" | "external_url";
  status: "pending" | "uploaded" | "expired" | "failed";
  filename: string | null;
  contentType: string | null;
  contentLength: number | string | null;
  numberOfParts: number | null;
  externalUrl: string | null;
  /** JSON of the `file_import_result`, external_url uploads only. */
  importResult: string | null;
  expiryTime: string | null;
  attached: number;
  createdTime: string;
  lastEditedTime: string;
}

export interface FileUploadPartTable {
  uploadId: string;
  partNumber: number;
  size: number | string;
  blobKey: string;
}

/** PostgreSQL only: a blob as fixed-size chunks (storage/blobs/pg-blob-store.ts). */
export interface FileBlobChunkTable {
  blobKey: string;
  seq: number;
  data: Buffer;
}

export interface FileUrlKeyTable {
  id: string;
  secret: string;
}

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
  fileUploads: FileUploadTable;
  fileUploadParts: FileUploadPartTable;
  fileBlobChunks: FileBlobChunkTable;
  fileUrlKeys: FileUrlKeyTable;
  views: ViewTable;
  viewQueries: ViewQueryTable;
}

export function readJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
