import { newId } from "../../domain/ids.ts";
import { type RecordedEvent, type WebhookParent, isAggregated, mergeData } from "../../domain/webhooks.ts";
import { type BlockRecord, findBlock } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { Dialect } from "../../storage/store.ts";
import { readJson } from "../../storage/schema.ts";
import { findOpenEvent, insertEvent, updateOpenEvent } from "../../storage/webhook-outbox-repo.ts";
import { hasActiveSubscription } from "../../storage/webhook-repo.ts";
import type { ServiceContext } from "../context.ts";
import type { Viewer } from "../access/viewer.ts";
import { DEFAULT_WINDOW_MS } from "./webhook-settings.ts";

export interface Author {
  id: string;
  type: "person" | "bot";
}

export interface EventToRecord extends RecordedEvent {
  /** The block whose sharing decides which integrations receive the event. */
  reachId: string;
  /** When it happened, if the change has its own time (a page's `last_edited_time`); else now. */
  timestamp?: string;
}

/**
 * Puts an event in the outbox inside the caller's transaction, so it commits (or not) with the change
 * that caused it. A workspace without an active subscription records nothing: Notion delivers only to
 * verified subscriptions, and a write there pays one indexed lookup. Aggregated types merge into the
 * entity's open event until its window ends.
 */
export async function recordEvent(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  event: EventToRecord,
): Promise<void> {
  const author: Author = { id: viewer.userId, type: viewer.integration ? "bot" : "person" };
  await recordEventBy(trx, ctx, { workspaceId: viewer.workspaceId, author }, event);
}

/** The same for a change no request made just now (an upload's background import, its expiry). */
export async function recordEventBy(
  trx: Executor,
  ctx: ServiceContext,
  by: { workspaceId: string; author: Author },
  event: EventToRecord,
): Promise<void> {
  const viewer = { workspaceId: by.workspaceId };
  const { author } = by;
  if (!(await hasActiveSubscription(trx, viewer.workspaceId))) return;
  const timestamp = event.timestamp ?? ctx.clock().toISOString();
  // The window runs on the wall clock, not the harness clock: a frozen clock must not hold events back.
  const now = Date.now();
  const windowMs = ctx.webhooks?.windowMs ?? DEFAULT_WINDOW_MS;
  const dialect: Dialect = ctx.store.dialect;
  if (isAggregated(event.type) && windowMs > 0) {
    const open = await findOpenEvent(trx, dialect, {
      type: event.type,
      entityId: event.entity.id,
      now: new Date(now).toISOString(),
    });
    if (open) {
      const authors = readJson<Author[]>(open.authors) ?? [];
      if (!authors.some((a) => a.id === author.id)) authors.push(author);
      const data = mergeData(readJson<RecordedEvent["data"]>(open.data) ?? {}, event.data);
      await updateOpenEvent(trx, open.id, {
        authors: JSON.stringify(authors),
        data: JSON.stringify(data),
        timestamp,
      });
      return;
    }
  }
  const { reachId } = event;
  await insertEvent(trx, {
    id: newId(),
    workspaceId: viewer.workspaceId,
    type: event.type,
    entityId: event.entity.id,
    entityType: event.entity.type,
    reachId,
    authors: JSON.stringify([author]),
    data: JSON.stringify(event.data),
    timestamp,
    dueTime: new Date(now + (isAggregated(event.type) ? windowMs : 0)).toISOString(),
    sortKey: nextSortKey(now),
  });
}

let counter = 0;

/**
 * The wall-clock millisecond and a counter of this process: events recorded in one millisecond keep
 * the order they were written in. Across processes it orders by the millisecond, which is all Notion
 * promises too (events "may be out of order"; receivers sort by `timestamp`).
 */
function nextSortKey(now: number): string {
  counter = (counter + 1) % 1_000_000;
  return `${new Date(now).toISOString()}.${String(counter).padStart(6, "0")}`;
}

/** Where a page, database or data source sits, as webhook payloads name it. */
export function parentOf(block: BlockRecord): WebhookParent {
  switch (block.parentType) {
    case "workspace":
      return { id: block.workspaceId, type: "space" };
    case "page_id":
      return { id: block.parentId ?? "", type: "page" };
    case "block_id":
      return { id: block.parentId ?? "", type: "block" };
    case "database_id":
      return { id: block.parentId ?? "", type: "database" };
    case "data_source_id":
      return {
        id: block.parentDatabaseId ?? block.parentId ?? "",
        type: "database",
        dataSourceId: block.parentId ?? "",
      };
  }
}

/** Row changes that are also their data source's `content_updated` (Notion: rows added, edited, removed). */
const ROW_CHANGES = new Set(["page.created", "page.properties_updated", "page.deleted", "page.undeleted"]);

/** A page event (`page.created`, `page.moved`, …) for a stored page. */
export async function recordPageEvent(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  type: string,
  page: BlockRecord,
  extra: Omit<RecordedEvent["data"], "parent"> = {},
): Promise<void> {
  await recordEvent(trx, ctx, viewer, {
    type,
    entity: { id: page.id, type: "page" },
    reachId: page.id,
    timestamp: page.lastEditedTime,
    data: { parent: parentOf(page), ...extra },
  });
  if (page.parentType !== "data_source_id" || !page.parentId || !ROW_CHANGES.has(type)) return;
  const databaseId = page.parentDatabaseId ?? "";
  const database = await findBlock(trx, page.workspaceId, databaseId);
  await recordEvent(trx, ctx, viewer, {
    type: "data_source.content_updated",
    entity: { id: page.parentId, type: "data_source" },
    reachId: page.parentId,
    data: {
      parent: { id: databaseId, type: "database" },
      databaseId,
      ...(database ? { databaseParent: parentOf(database) } : {}),
      updatedBlocks: [{ id: page.id, type: "page" }],
    },
  });
}
