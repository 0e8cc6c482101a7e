import { type NewComment, parseCommentText, parseNewComment } from "../../domain/comments.ts";
import { parseId } from "../../domain/ids.ts";
import type { RichTextItem } from "../../domain/rich-text.ts";
import { type JsonObject, fail } from "../../domain/validation.ts";
import { type Query, queryPage } from "../../http/params.ts";
import type { ListCommentsRequest } from "../../services/comments/comment-service.ts";

/**
 * Request schemas of `/v1/comments`. The body shapes (target, rich text or markdown, attachments,
 * display name) are parsed by domain/comments.ts, which holds their Notion messages.
 */

/** `POST /v1/comments`: a page-level discussion, an inline (block) discussion, or a reply in one. */
export function parseCreateComment(body: JsonObject): NewComment {
  return parseNewComment(body);
}

/** `PATCH /v1/comments/{id}`: the new text, as `rich_text` or `markdown`. */
export function parseUpdateComment(body: JsonObject): RichTextItem[] {
  return parseCommentText(body);
}

/** `block_id` is required on `GET /v1/comments` (a page id or a block id). */
function blockIdOf(query: Query): string {
  const raw = Array.isArray(query.block_id) ? query.block_id[query.block_id.length - 1] : query.block_id;
  if (raw === undefined) fail("query.block_id", "defined", raw);
  const id = parseId(raw);
  if (!id) fail("query.block_id", "a valid uuid", raw);
  return id;
}

/** `GET /v1/comments?block_id=`: the page or block whose comments are listed, a page at a time. */
export function parseListComments(query: Query): ListCommentsRequest {
  return { blockId: blockIdOf(query), page: queryPage(query) };
}
