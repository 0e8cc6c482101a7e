import type { DisplayName, NewComment } from "../../domain/comments.ts";
import { newId } from "../../domain/ids.ts";
import type { RichTextItem } from "../../domain/rich-text.ts";
import { notFound } from "../../errors.ts";
import { lockParent } from "../../storage/block-repo.ts";
import {
  type CommentRecord,
  findComment,
  findDiscussionStart,
  insertComment,
  listComments as listStoredComments,
  markCommentDeleted,
  nextPosition,
  updateCommentText,
} from "../../storage/comment-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { findUsers, integrationOwnerId } from "../../storage/identity-repo.ts";
import { assertNotInTrash, canReach, isPage, loadVisible } from "../access/kinds.ts";
import { attachCommentFiles } from "../files/attach-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { recordCommentEvent } from "../webhooks/content-events.ts";
import { readMentions, resolveMentionText } from "../access/mentions.ts";
import {
  type Page,
  type PageRequest,
  invalidCursor,
  pageOf,
  positionCursor,
  readPositionCursor,
} from "../pagination.ts";
import { readerFor } from "../access/reader.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/** A comment with what its wire shape needs resolved: the name it is shown under. */
export interface CommentView extends CommentRecord {
  resolvedName: string | null;
}

/**
 * Capabilities (reference/capabilities): "read comments" for list and retrieve, "insert comments" for
 * create. Notion documents none for update and delete; changing a comment is writing one, so Quire asks
 * for "insert comments" there too.
 */
const READ = "read_comments";
const WRITE = "insert_comments";

/** `POST /v1/comments`: a page-level discussion, an inline (block) discussion, or a reply in one. */
export async function createComment(
  ctx: ServiceContext,
  viewer: Viewer,
  input: NewComment,
): Promise<CommentView> {
  requireCapability(viewer, WRITE);
  const created = await ctx.store.transaction(async (trx) => {
    const place = await resolveTarget(trx, viewer, input.target);
    await lockParent(trx, ctx.store.dialect, { blockId: place.parentId });
    await assertNotInTrash(trx, place.parentId);
    await resolveMentionText(trx, viewer, ctx.publicUrl, input.richText);
    const display = await displayOf(trx, viewer, input.displayName);
    const now = nowIso(ctx);
    const attachments = await attachCommentFiles(trx, viewer, input.attachments, now);
    const comment: CommentRecord = {
      id: newId(),
      workspaceId: viewer.workspaceId,
      parentType: place.parentType,
      parentId: place.parentId,
      discussionId: place.discussionId,
      position: await nextPosition(trx, place.parentId),
      richText: input.richText,
      attachments,
      displayType: display.type,
      displayUserId: display.userId,
      displayCustomName: display.customName,
      createdTime: now,
      createdBy: viewer.userId,
      lastEditedTime: now,
    };
    await insertComment(trx, comment);
    await recordCommentEvent(trx, ctx, viewer, "comment.created", comment);
    return comment;
  });
  return (await views(ctx, viewer, [created]))[0] as CommentView;
}

interface Place {
  parentType: CommentRecord["parentType"];
  parentId: string;
  discussionId: string;
}

async function resolveTarget(db: Executor, viewer: Viewer, target: NewComment["target"]): Promise<Place> {
  if (target.kind === "discussion") {
    const start = await findDiscussionStart(db, viewer.workspaceId, target.id);
    if (!start || !(await canReach(db, viewer, start.parentId))) {
      throw notFound("discussion", target.id, viewer.integration);
    }
    return { parentType: start.parentType, parentId: start.parentId, discussionId: target.id };
  }
  // A page is also a block: `parent.block_id` naming a page starts a page-level discussion.
  const block = await loadVisible(db, viewer, target.id, target.kind);
  return { parentType: isPage(block) ? "page_id" : "block_id", parentId: block.id, discussionId: newId() };
}

/**
 * Whose name the comment shows. Without `display_name`, an integration's comments show the integration
 * and a person's their own name. `user` from an integration shows the person who installed it.
 */
async function displayOf(db: Executor, viewer: Viewer, requested: DisplayName | undefined) {
  const type = requested?.type ?? (viewer.integration ? "integration" : "user");
  if (requested?.type === "custom") return { type, userId: null, customName: requested.name };
  const userId =
    type === "user" && viewer.integration
      ? ((await integrationOwnerId(db, viewer.integration.id)) ?? viewer.userId)
      : viewer.userId;
  return { type, userId, customName: null };
}

/** `GET /v1/comments?block_id=` (built by routes/comments/schema.ts). */
export interface ListCommentsRequest {
  blockId: string;
  page: PageRequest;
}

/** `GET /v1/comments?block_id=`: the open comments on that page or block, oldest first. */
export async function listComments(
  ctx: ServiceContext,
  viewer: Viewer,
  { blockId, page }: ListCommentsRequest,
): Promise<Page<CommentView>> {
  requireCapability(viewer, READ);
  const db = ctx.store.db;
  const parent = await loadVisible(db, viewer, blockId, "block");
  const fromPosition = page.startCursor === undefined ? 0 : cursorPosition(page.startCursor, parent.id);
  const rows = await listStoredComments(db, parent.id, { fromPosition, limit: page.pageSize + 1 });
  const listed = pageOf(rows, page.pageSize, (row) => positionCursor(parent.id, String(row.position)));
  return { results: await views(ctx, viewer, listed.results), nextCursor: listed.nextCursor };
}

function cursorPosition(cursor: string, parentId: string): number {
  const position = Number(readPositionCursor(cursor, parentId));
  if (!Number.isSafeInteger(position)) throw invalidCursor(cursor);
  return position;
}

/** A live comment on something the viewer can reach; anything else is the same 404. */
async function loadComment(db: Executor, viewer: Viewer, id: string): Promise<CommentRecord> {
  const comment = await findComment(db, viewer.workspaceId, id);
  if (!comment || !(await canReach(db, viewer, comment.parentId))) {
    throw notFound("comment", id, viewer.integration);
  }
  return comment;
}

/**
 * "A connection can only update comments that it created. Attempting to update a comment created by
 * another user or connection will return a 404 error." (reference/update-a-comment; same for delete.)
 */
async function loadOwnComment(db: Executor, viewer: Viewer, id: string): Promise<CommentRecord> {
  const comment = await loadComment(db, viewer, id);
  if (comment.createdBy !== viewer.userId) throw notFound("comment", id, viewer.integration);
  return comment;
}

export async function getComment(ctx: ServiceContext, viewer: Viewer, id: string): Promise<CommentView> {
  requireCapability(viewer, READ);
  const comment = await loadComment(ctx.store.db, viewer, id);
  return (await views(ctx, viewer, [comment]))[0] as CommentView;
}

/** `PATCH /v1/comments/{id}`: replaces the text (`rich_text` or `markdown`). */
export async function updateComment(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  richText: RichTextItem[],
): Promise<CommentView> {
  requireCapability(viewer, WRITE);
  const updated = await ctx.store.transaction(async (trx) => {
    const comment = await loadOwnComment(trx, viewer, id);
    await assertNotInTrash(trx, comment.parentId);
    await resolveMentionText(trx, viewer, ctx.publicUrl, richText);
    const now = nowIso(ctx);
    await updateCommentText(trx, comment.id, richText, now);
    await recordCommentEvent(trx, ctx, viewer, "comment.updated", comment);
    return { ...comment, richText, lastEditedTime: now };
  });
  return (await views(ctx, viewer, [updated]))[0] as CommentView;
}

/** `DELETE /v1/comments/{id}`: removes one comment and answers it as it was. */
export async function deleteComment(ctx: ServiceContext, viewer: Viewer, id: string): Promise<CommentView> {
  requireCapability(viewer, WRITE);
  const deleted = await ctx.store.transaction(async (trx) => {
    const comment = await loadOwnComment(trx, viewer, id);
    await assertNotInTrash(trx, comment.parentId);
    await markCommentDeleted(trx, comment.id, nowIso(ctx));
    await recordCommentEvent(trx, ctx, viewer, "comment.deleted", comment);
    return comment;
  });
  return (await views(ctx, viewer, [deleted]))[0] as CommentView;
}

/**
 * Display names and mention text are resolved when read, so renames show (as Notion renders them), and
 * through the reader's access, so a mention of a page the reader cannot reach shows no title.
 */
async function views(ctx: ServiceContext, viewer: Viewer, comments: CommentRecord[]): Promise<CommentView[]> {
  const first = comments[0];
  if (!first) return [];
  const db = ctx.store.db;
  const userIds = [...new Set(comments.flatMap((c) => (c.displayUserId ? [c.displayUserId] : [])))];
  const names = new Map((await findUsers(db, first.workspaceId, userIds)).map((u) => [u.id, u.name]));
  await readMentions(
    db,
    readerFor(db, viewer),
    ctx.publicUrl,
    comments.map((c) => c.richText),
  );
  return comments.map((c) => ({
    ...c,
    resolvedName: c.displayCustomName ?? (c.displayUserId ? (names.get(c.displayUserId) ?? null) : null),
  }));
}
