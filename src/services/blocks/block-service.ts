import {
  MAX_BLOCK_ELEMENTS,
  canHaveChildren,
  collectReferences,
  countBlockElements,
  parseBlockChildren,
} from "../../domain/blocks/index.ts";
import type { NewBlock } from "../../domain/blocks/types.ts";
import { type JsonObject, isObject } from "../../domain/validation.ts";
import { notFound, validationError } from "../../errors.ts";
import {
  type BlockRecord,
  findBlock,
  lastChildKey,
  listChildren,
  lockBlock,
  lockParent,
  neighbourKeys,
  updateBlock,
} from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { assertNotInTrash, canReach, isPage, loadVisible } from "../access/kinds.ts";
import { insertBlockTree } from "./block-tree.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { recordContentUpdate, recordTrashChange } from "../webhooks/content-events.ts";
import { attachUploads } from "../files/attach-service.ts";
import { nameUploadedFiles } from "../../domain/blocks/media-blocks.ts";
import { resolveMentionText } from "../access/mentions.ts";
import { readAs } from "../access/read-model.ts";
import { type Page, type PageRequest, pageOf, positionCursor, readPositionCursor } from "../pagination.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/** Notion caps one request at 1,000 block elements, nested ones included (reference/request-limits). */
export function assertElementLimit(blocks: NewBlock[]): void {
  const elements = countBlockElements(blocks);
  if (elements > MAX_BLOCK_ELEMENTS) {
    throw validationError(
      `body failed validation: the request has ${elements} block elements, more than the limit of ${MAX_BLOCK_ELEMENTS}.`,
    );
  }
}

export async function getBlock(ctx: ServiceContext, viewer: Viewer, id: string): Promise<BlockRecord> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  return readAs(db, ctx, viewer, await withSyncedChildren(db, await loadVisible(db, viewer, id, "block")));
}

/** A synced duplicate shows its original's children (reference: synced_block). */
async function withSyncedChildren(db: Executor, block: BlockRecord): Promise<BlockRecord> {
  const source = syncedSource(block);
  if (!source) return block;
  const original = await findBlock(db, block.workspaceId, source);
  return { ...block, hasChildren: original?.hasChildren ?? false };
}

function syncedSource(block: BlockRecord): string | null {
  if (block.type !== "synced_block") return null;
  const from = block.content.synced_from;
  return isObject(from) && typeof from.block_id === "string" ? from.block_id : null;
}

export async function listBlockChildren(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  page: PageRequest,
): Promise<Page<BlockRecord>> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  const parent = await loadVisible(db, viewer, id, "block");
  const parentId = syncedSource(parent) ?? parent.id;
  const fromSortKey =
    page.startCursor === undefined ? undefined : readPositionCursor(page.startCursor, parentId);
  const rows = await listChildren(db, parentId, { fromSortKey, limit: page.pageSize + 1 });
  const children = await Promise.all(rows.map((row) => withSyncedChildren(db, row)));
  await readAs(db, ctx, viewer, children);
  return pageOf(children, page.pageSize, (row) => positionCursor(parentId, row.sortKey));
}

/** `PATCH /v1/blocks/{id}/children` (built by routes/blocks/schema.ts). */
export interface AppendRequest {
  /** Validated once the parent is known: what may be appended depends on it (rows to tables, …). */
  children: unknown;
  afterId: string | null;
  position: "start" | "end" | "after_block";
}

export async function appendBlockChildren(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  request: AppendRequest,
): Promise<BlockRecord[]> {
  requireCapability(viewer, "insert");
  return ctx.store.transaction(async (trx) => {
    const parent = await loadVisible(trx, viewer, id, "block");
    await lockParent(trx, ctx.store.dialect, { blockId: parent.id });
    await assertNotInTrash(trx, parent.id);
    if (!isPage(parent) && !canHaveChildren(parent.type, parent.content)) {
      throw validationError(`Block type ${parent.type} does not support children.`);
    }
    const children = parseBlockChildren(request.children, "body.children", 2, {
      type: parent.type,
      content: parent.content,
    });
    assertElementLimit(children);
    await checkReferences(trx, viewer, children, nowIso(ctx));
    await resolveMentionText(trx, viewer, ctx.publicUrl, children);
    const between = await insertionPoint(trx, viewer.workspaceId, parent.id, request);
    const now = nowIso(ctx);
    const created = await insertBlockTree(
      trx,
      {
        workspaceId: viewer.workspaceId,
        parentId: parent.id,
        parentIsPage: isPage(parent),
        userId: viewer.userId,
        now,
      },
      children,
      between,
    );
    await updateBlock(trx, parent.id, { lastEditedTime: now, lastEditedBy: viewer.userId });
    await recordContentUpdate(
      trx,
      ctx,
      viewer,
      parent.id,
      created.map((b) => b.id),
    );
    return readAs(
      trx,
      ctx,
      viewer,
      await Promise.all(created.map((block) => withSyncedChildren(trx, block))),
    );
  });
}

async function insertionPoint(db: Executor, workspaceId: string, parentId: string, request: AppendRequest) {
  if (request.position === "end") return { before: await lastChildKey(db, parentId), after: null };
  if (request.position === "start") return neighbourKeys(db, parentId, null);
  const anchor = request.afterId ? await findBlock(db, workspaceId, request.afterId) : undefined;
  if (!anchor || anchor.parentId !== parentId || anchor.inTrash) {
    throw validationError(`Block ${request.afterId ?? ""} is not a child of block ${parentId}.`);
  }
  return neighbourKeys(db, parentId, anchor.sortKey);
}

/** Blocks that point at other objects must point at ones the caller can see. */
export async function checkReferences(
  db: Executor,
  viewer: Viewer,
  blocks: NewBlock[],
  now: string,
): Promise<void> {
  const refs = collectReferences(blocks);
  for (const pageId of refs.pages) {
    const target = await findBlock(db, viewer.workspaceId, pageId);
    if (!target || !(await canReach(db, viewer, pageId))) throw notFound("page", pageId, viewer.integration);
  }
  for (const blockId of refs.blocks) {
    const source = await findBlock(db, viewer.workspaceId, blockId);
    if (!source || !(await canReach(db, viewer, blockId)))
      throw notFound("block", blockId, viewer.integration);
    if (source.type !== "synced_block" || syncedSource(source)) {
      throw validationError(`Block ${blockId} is not an original synced_block.`);
    }
  }
  for (const commentId of refs.comments) throw notFound("comment", commentId, viewer.integration);
  const uploads = await attachUploads(db, viewer, refs.fileUploads, now);
  nameUploadedFiles(blocks, (id) => uploads.get(id)?.filename ?? null);
}

/** `PATCH /v1/blocks/{id}` (built by routes/blocks/schema.ts). */
export interface UpdateBlockRequest {
  inTrash: boolean | undefined;
  /**
   * The block's content with the request's changes merged in. What may change depends on the block's
   * type, so this is read once the block is loaded (domain/blocks/update.ts); `current` comes back
   * as it is when the request changes nothing.
   */
  readContent: (type: string, current: JsonObject) => JsonObject;
}

export async function updateBlockContent(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  request: UpdateBlockRequest,
): Promise<BlockRecord> {
  requireCapability(viewer, "update");
  const { inTrash } = request;
  return ctx.store.transaction(async (trx) => {
    await lockBlock(trx, ctx.store.dialect, id);
    const block = await loadVisible(trx, viewer, id, "block");
    const content = request.readContent(block.type, block.content);
    const editsContent = content !== block.content;
    if (!editsContent && inTrash === undefined) return withSyncedChildren(trx, block);
    // Content can't change inside the trash, unless the same request restores the block.
    if (editsContent && inTrash !== false) await assertNotInTrash(trx, id);
    if (editsContent) {
      await checkReferences(trx, viewer, [{ type: block.type, content, children: [] }], nowIso(ctx));
      await resolveMentionText(trx, viewer, ctx.publicUrl, content, block.content);
    }
    await updateBlock(trx, id, {
      ...(editsContent ? { content } : {}),
      ...(inTrash !== undefined ? { inTrash } : {}),
      lastEditedTime: nowIso(ctx),
      lastEditedBy: viewer.userId,
    });
    const stored = (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord;
    if (inTrash !== undefined && inTrash !== block.inTrash) await recordTrashChange(trx, ctx, viewer, stored);
    else if (editsContent && stored.parentId)
      await recordContentUpdate(trx, ctx, viewer, stored.parentId, [id]);
    const updated = await withSyncedChildren(trx, stored);
    return readAs(trx, ctx, viewer, updated);
  });
}

// Kept here for the schemas that import it from this module; it lives in domain/ now.
export { trashRequest } from "../../domain/trash-request.ts";

export async function trashBlock(ctx: ServiceContext, viewer: Viewer, id: string): Promise<BlockRecord> {
  requireCapability(viewer, "update");
  return ctx.store.transaction(async (trx) => {
    await lockBlock(trx, ctx.store.dialect, id);
    const before = await loadVisible(trx, viewer, id, "block");
    await updateBlock(trx, id, { inTrash: true, lastEditedTime: nowIso(ctx), lastEditedBy: viewer.userId });
    const trashed = (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord;
    if (!before.inTrash) await recordTrashChange(trx, ctx, viewer, trashed);
    return readAs(trx, ctx, viewer, trashed);
  });
}
