import type { ApiVersion } from "./versions.ts";
import { hasDataSources } from "./versions.ts";

/**
 * Webhook event types as delivered (reference/webhooks-events-delivery; the SDK's
 * `api-endpoints/webhooks.d.ts`). Which of them a subscription can receive depends on its API version:
 * `data_source.*` exist from 2025-09-03, when `database.content_updated` and `database.schema_updated`
 * became `data_source.content_updated` and `data_source.schema_updated`.
 */
export const PAGE_EVENT_TYPES = [
  "page.created",
  "page.content_updated",
  "page.properties_updated",
  "page.moved",
  "page.deleted",
  "page.undeleted",
  "page.locked",
  "page.unlocked",
] as const;
export const DATABASE_EVENT_TYPES = [
  "database.created",
  "database.moved",
  "database.deleted",
  "database.undeleted",
  "database.content_updated",
  "database.schema_updated",
] as const;
export const DATA_SOURCE_EVENT_TYPES = [
  "data_source.created",
  "data_source.moved",
  "data_source.deleted",
  "data_source.undeleted",
  "data_source.content_updated",
  "data_source.schema_updated",
] as const;
export const COMMENT_EVENT_TYPES = ["comment.created", "comment.updated", "comment.deleted"] as const;
/** The SDK's payload types: an upload's life (created, completed, expired, an import that failed). */
export const FILE_UPLOAD_EVENT_TYPES = [
  "file_upload.created",
  "file_upload.completed",
  "file_upload.expired",
  "file_upload.upload_failed",
] as const;
export const VIEW_EVENT_TYPES = ["view.created", "view.updated", "view.deleted"] as const;

export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  ...PAGE_EVENT_TYPES,
  ...DATABASE_EVENT_TYPES,
  ...DATA_SOURCE_EVENT_TYPES,
  ...COMMENT_EVENT_TYPES,
  ...FILE_UPLOAD_EVENT_TYPES,
  ...VIEW_EVENT_TYPES,
];

/** Types Notion batches: rapid changes to one entity arrive as one event (the docs' "aggregated" ★). */
const AGGREGATED = new Set([
  "page.content_updated",
  "page.properties_updated",
  "data_source.content_updated",
]);

export function isAggregated(type: string): boolean {
  return AGGREGATED.has(type);
}

/** Comment events need "read comments"; every other event needs "read content" (reference/capabilities). */
export function capabilityFor(type: string): "read" | "read_comments" {
  return type.startsWith("comment.") ? "read_comments" : "read";
}

/** The event types a version delivers: no `data_source.*` before 2025-09-03, no deprecated ones after. */
export function typesFor(version: ApiVersion): string[] {
  if (!hasDataSources(version)) {
    return [
      ...PAGE_EVENT_TYPES,
      ...DATABASE_EVENT_TYPES,
      ...COMMENT_EVENT_TYPES,
      ...FILE_UPLOAD_EVENT_TYPES,
      ...VIEW_EVENT_TYPES,
    ];
  }
  return WEBHOOK_EVENT_TYPES.filter(
    (t) => t !== "database.content_updated" && t !== "database.schema_updated",
  );
}

export interface WebhookParent {
  id: string;
  type: "space" | "block" | "page" | "database";
  /** A page in a data source, or a data source: the source (2025-09-03 and later only). */
  dataSourceId?: string;
}

/** What a write records: the canonical event, before any version shapes it. */
export interface RecordedEvent {
  type: string;
  entity: {
    id: string;
    type: "page" | "block" | "database" | "data_source" | "comment" | "file_upload" | "view";
  };
  data: {
    parent?: WebhookParent;
    /** For data source events: the database holding the source (the 2022-06-28 entity). */
    databaseId?: string;
    /** For data source events: where that database sits (the 2022-06-28 parent). */
    databaseParent?: WebhookParent;
    pageId?: string;
    updatedBlocks?: { id: string; type: "page" | "database" | "block" }[];
    updatedProperties?: string[];
    updatedSchema?: { id: string; name: string | null; action: "created" | "updated" | "deleted" }[];
    /** `view.created`: the view's type. */
    viewType?: string;
    /** `view.updated`: which of name, filter, sorts, configuration changed. */
    updatedFields?: string[];
    /** `file_upload.upload_failed`: the import's result, as the upload object shows it (wire keys). */
    fileImportResult?: Record<string, unknown>;
  };
}

/** Merges a later change into an aggregated event (union of updated blocks and properties, in order). */
export function mergeData(
  earlier: RecordedEvent["data"],
  later: RecordedEvent["data"],
): RecordedEvent["data"] {
  const blocks = [...(earlier.updatedBlocks ?? [])];
  for (const b of later.updatedBlocks ?? []) if (!blocks.some((x) => x.id === b.id)) blocks.push(b);
  const properties = [...new Set([...(earlier.updatedProperties ?? []), ...(later.updatedProperties ?? [])])];
  return {
    ...earlier,
    ...later,
    ...(blocks.length > 0 ? { updatedBlocks: blocks } : {}),
    ...(properties.length > 0 ? { updatedProperties: properties } : {}),
  };
}

/** An event as one API version delivers it (camelCase; presenters/present-webhook-event.ts writes the wire). */
export interface ShapedEvent {
  type: string;
  entity: { id: string; type: string };
  data: Omit<RecordedEvent["data"], "databaseId" | "databaseParent">;
}

/** The `type`, `entity` and `data` of an event as one API version delivers it, or null if it has none. */
export function shapeEvent(event: RecordedEvent, version: ApiVersion): ShapedEvent | null {
  const withSources = hasDataSources(version);
  let type = event.type;
  let entity: { id: string; type: string } = event.entity;
  if (type.startsWith("data_source.") && !withSources) {
    // 2022-06-28 knows no data sources: content and schema changes are the database's own.
    if (type !== "data_source.content_updated" && type !== "data_source.schema_updated") return null;
    if (!event.data.databaseId) return null;
    type = type.replace("data_source.", "database.");
    entity = { id: event.data.databaseId, type: "database" };
  }
  const { databaseId: _databaseId, databaseParent, ...rest } = event.data;
  const parent = withSources ? event.data.parent : (databaseParent ?? event.data.parent);
  const { parent: _parent, ...others } = rest;
  const data: ShapedEvent["data"] = { ...others };
  if (parent) {
    data.parent = {
      id: parent.id,
      type: parent.type,
      ...(withSources && parent.dataSourceId ? { dataSourceId: parent.dataSourceId } : {}),
    };
  }
  return { type, entity: { id: entity.id, type: entity.type }, data };
}
