import type { RecordedEvent } from "../../domain/webhooks.ts";
import { type BlockRecord, ancestry, findBlock } from "../../storage/block-repo.ts";
import type { CommentRecord } from "../../storage/comment-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { ServiceContext } from "../context.ts";
import type { Viewer } from "../access/viewer.ts";
import { parentOf, recordEvent, recordPageEvent } from "./record-event.ts";

/**
 * One call per write site: each turns a change the service just made into the events Notion sends for
 * it (reference/webhooks-events-delivery), recorded in the same transaction.
 */

/** The page a block belongs to: the block itself if it is one, else its nearest page ancestor. */
async function pageOf(trx: Executor, blockId: string): Promise<string | undefined> {
  return (await ancestry(trx, blockId)).find((a) => a.type === "child_page")?.id;
}

type UpdatedBlock = NonNullable<RecordedEvent["data"]["updatedBlocks"]>[number];

/**
 * Blocks added, changed or removed under `containerId`: `page.content_updated` of their page, with the
 * page's parent as the SDK's payload type has it. A plain id is a block; a child page or database
 * created in the page names itself as one.
 */
export async function recordContentUpdate(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  containerId: string,
  blocks: (string | UpdatedBlock)[],
): Promise<void> {
  const pageId = await pageOf(trx, containerId);
  if (!pageId || blocks.length === 0) return;
  const page = await findBlock(trx, viewer.workspaceId, pageId);
  await recordEvent(trx, ctx, viewer, {
    type: "page.content_updated",
    entity: { id: pageId, type: "page" },
    reachId: pageId,
    data: {
      ...(page ? { parent: parentOf(page) } : {}),
      updatedBlocks: blocks.map((b) => (typeof b === "string" ? { id: b, type: "block" } : b)),
    },
  });
}

/**
 * A page or database created inside a page (not a row): the parent page's content changed too, and
 * Notion sends it `page.content_updated` naming the new child.
 */
export async function recordChildCreated(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  child: BlockRecord,
): Promise<void> {
  if (child.parentType !== "page_id" && child.parentType !== "block_id") return;
  if (!child.parentId) return;
  const type = child.type === "child_database" ? "database" : "page";
  await recordContentUpdate(trx, ctx, viewer, child.parentId, [{ id: child.id, type }]);
}

/** Property keys whose stored value differs (a row's property ids; `title` for a page outside one). */
function changedProperties(before: BlockRecord, after: BlockRecord): string[] {
  const a = before.properties ?? {};
  const b = after.properties ?? {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

/** `PATCH /v1/pages/{id}`: properties, lock and trash, each its own event type. */
export async function recordPageUpdate(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  before: BlockRecord,
  after: BlockRecord,
): Promise<void> {
  if (before.inTrash !== after.inTrash) {
    await recordPageEvent(trx, ctx, viewer, after.inTrash ? "page.deleted" : "page.undeleted", after);
  }
  if (before.isLocked !== after.isLocked) {
    await recordPageEvent(trx, ctx, viewer, after.isLocked ? "page.locked" : "page.unlocked", after);
  }
  const properties = changedProperties(before, after);
  if (properties.length > 0) {
    await recordPageEvent(trx, ctx, viewer, "page.properties_updated", after, {
      updatedProperties: properties,
    });
  }
}

/** A block trashed or restored: a page or database event when it is one, else its page's content. */
export async function recordTrashChange(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  block: BlockRecord,
): Promise<void> {
  const restored = !block.inTrash;
  if (block.type === "child_page") {
    await recordPageEvent(trx, ctx, viewer, restored ? "page.undeleted" : "page.deleted", block);
  } else if (block.type === "child_database") {
    await recordEvent(trx, ctx, viewer, {
      type: restored ? "database.undeleted" : "database.deleted",
      entity: { id: block.id, type: "database" },
      reachId: block.id,
      data: { parent: parentOf(block) },
    });
  } else if (block.parentId) {
    await recordContentUpdate(trx, ctx, viewer, block.parentId, [block.id]);
  }
}

/** `comment.created`, `comment.updated`, `comment.deleted`: `data.page_id` and the comment's parent. */
export async function recordCommentEvent(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  type: "comment.created" | "comment.updated" | "comment.deleted",
  comment: Pick<CommentRecord, "id" | "parentType" | "parentId">,
): Promise<void> {
  const pageId = (await pageOf(trx, comment.parentId)) ?? comment.parentId;
  await recordEvent(trx, ctx, viewer, {
    type,
    entity: { id: comment.id, type: "comment" },
    reachId: comment.parentId,
    data: {
      pageId,
      parent: { id: comment.parentId, type: comment.parentType === "page_id" ? "page" : "block" },
    },
  });
}
