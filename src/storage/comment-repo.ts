import type { JsonObject } from "../domain/validation.ts";
import type { Executor } from "./executor.ts";
import { type CommentTable, readJson } from "./schema.ts";

export interface CommentRecord {
  id: string;
  workspaceId: string;
  parentType: CommentTable["parentType"];
  parentId: string;
  discussionId: string;
  position: number;
  richText: JsonObject[];
  attachments: JsonObject[];
  displayType: CommentTable["displayType"];
  displayUserId: string | null;
  displayCustomName: string | null;
  createdTime: string;
  createdBy: string;
  lastEditedTime: string;
}

function toRecord(row: CommentTable): CommentRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    parentType: row.parentType,
    parentId: row.parentId,
    discussionId: row.discussionId,
    position: Number(row.position),
    richText: readJson<JsonObject[]>(row.richText) ?? [],
    attachments: readJson<JsonObject[]>(row.attachments) ?? [],
    displayType: row.displayType,
    displayUserId: row.displayUserId,
    displayCustomName: row.displayCustomName,
    createdTime: row.createdTime,
    createdBy: row.createdBy,
    lastEditedTime: row.lastEditedTime,
  };
}

export async function insertComment(db: Executor, comment: CommentRecord): Promise<void> {
  await db
    .insertInto("comments")
    .values({
      ...comment,
      richText: JSON.stringify(comment.richText),
      attachments: JSON.stringify(comment.attachments),
      deletedTime: null,
    })
    .execute();
}

/** A live (not deleted) comment of the workspace. */
export async function findComment(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<CommentRecord | undefined> {
  const row = await db
    .selectFrom("comments")
    .selectAll()
    .where("id", "=", id)
    .where("workspaceId", "=", workspaceId)
    .where("deletedTime", "is", null)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** The first live comment of a discussion: it tells where the discussion lives. */
export async function findDiscussionStart(
  db: Executor,
  workspaceId: string,
  discussionId: string,
): Promise<CommentRecord | undefined> {
  const row = await db
    .selectFrom("comments")
    .selectAll()
    .where("discussionId", "=", discussionId)
    .where("workspaceId", "=", workspaceId)
    .where("deletedTime", "is", null)
    .orderBy("position")
    .limit(1)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** The next free position under a page or block; callers hold the parent's lock. */
export async function nextPosition(db: Executor, parentId: string): Promise<number> {
  const row = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("parentId", "=", parentId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** Live comments on one page or block in creation order, from `fromPosition` (inclusive). */
export async function listComments(
  db: Executor,
  parentId: string,
  options: { fromPosition: number; limit: number },
): Promise<CommentRecord[]> {
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("parentId", "=", parentId)
    .where("deletedTime", "is", null)
    .where("position", ">=", options.fromPosition)
    .orderBy("position")
    .limit(options.limit)
    .execute();
  return rows.map(toRecord);
}

export async function updateCommentText(
  db: Executor,
  id: string,
  richText: JsonObject[],
  lastEditedTime: string,
): Promise<void> {
  await db
    .updateTable("comments")
    .set({ richText: JSON.stringify(richText), lastEditedTime })
    .where("id", "=", id)
    .execute();
}

export async function markCommentDeleted(db: Executor, id: string, deletedTime: string): Promise<void> {
  await db.updateTable("comments").set({ deletedTime }).where("id", "=", id).execute();
}
