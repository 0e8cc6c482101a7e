import type { CommentView } from "../services/comments/comment-service.ts";
import { isObject } from "../domain/validation.ts";
import { partialUser } from "./present-common.ts";
import type { FileLinks } from "./present-file.ts";

/**
 * The comment object (reference/comment-object; S5 `CommentObjectResponse`), the same in every API
 * version. `attachments` is optional in the SDK's type and appears only when the comment has some.
 */
export function presentComment(comment: CommentView, files: FileLinks) {
  const parent =
    comment.parentType === "page_id"
      ? { type: "page_id", page_id: comment.parentId }
      : { type: "block_id", block_id: comment.parentId };
  return {
    object: "comment",
    id: comment.id,
    parent,
    discussion_id: comment.discussionId,
    created_time: comment.createdTime,
    last_edited_time: comment.lastEditedTime,
    created_by: partialUser(comment.createdBy),
    rich_text: comment.richText,
    display_name: { type: comment.displayType, resolved_name: comment.resolvedName },
    ...(comment.attachments.length > 0
      ? { attachments: comment.attachments.map((a) => presentAttachment(a, files)) }
      : {}),
  };
}

/** Stored as `{file_upload_id, category}`; shown as `{category, file:{url, expiry_time}}`. */
function presentAttachment(stored: unknown, files: FileLinks) {
  const id = isObject(stored) && typeof stored.file_upload_id === "string" ? stored.file_upload_id : "";
  const category = isObject(stored) && typeof stored.category === "string" ? stored.category : "productivity";
  return { category, file: files.fileOf(id) };
}
