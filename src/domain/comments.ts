import { parseInlineMarkdown } from "./markdown/inline.ts";
import { type RichTextItem, parseRichText } from "./rich-text.ts";
import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  optionalArray,
  optionalEnum,
  optionalObject,
  requireEnum,
  requireNonEmptyString,
  requireObject,
  requireString,
  requireUuid,
} from "./validation.ts";

/** Where a new comment goes: a page or block starts a discussion, a discussion id replies in it. */
export type CommentTarget = { kind: "page" | "block"; id: string } | { kind: "discussion"; id: string };

/** Whose name a comment shows (reference/comment-object `display_name`). */
export type DisplayName = { type: "integration" } | { type: "user" } | { type: "custom"; name: string };

export interface NewComment {
  target: CommentTarget;
  richText: RichTextItem[];
  /** `file_upload_id`s, in order. */
  attachments: string[];
  displayName: DisplayName | undefined;
}

/** Comments take at most three attachments (S5src comments.ts). */
export const MAX_COMMENT_ATTACHMENTS = 3;

/** Exactly one of two keys must be present, with Notion's "Fix one:" message otherwise. */
function exactlyOne(body: JsonObject, first: string, second: string): string {
  const a = body[first] !== undefined;
  const b = body[second] !== undefined;
  if (a !== b) return a ? first : second;
  const expected = a ? "not present" : "defined";
  failOneOf("body", [
    expectation(`body.${first}`, expected, body[first]),
    expectation(`body.${second}`, expected, body[second]),
  ]);
}

/**
 * The text of a comment: `rich_text`, or `markdown` (SDK ≥ 5.17) converted to rich text — "exactly one
 * of rich_text or markdown must be provided" (reference/update-a-comment).
 */
export function parseCommentText(body: JsonObject): RichTextItem[] {
  if (exactlyOne(body, "rich_text", "markdown") === "rich_text") {
    return parseRichText(body.rich_text, "body.rich_text");
  }
  // Comment Markdown is inline only (reference/update-a-comment); the items are checked again as rich
  // text, so the 2,000-character and 100-item limits hold for it too.
  const markdown = requireString(body.markdown, "body.markdown");
  return parseRichText(parseInlineMarkdown(markdown), "body.markdown");
}

function parseTarget(body: JsonObject): CommentTarget {
  if (exactlyOne(body, "parent", "discussion_id") === "discussion_id") {
    return { kind: "discussion", id: requireUuid(body.discussion_id, "body.discussion_id") };
  }
  const parent = requireObject(body.parent, "body.parent");
  const type =
    optionalEnum(parent.type, "body.parent.type", ["page_id", "block_id"]) ??
    (parent.page_id !== undefined ? "page_id" : parent.block_id !== undefined ? "block_id" : undefined);
  if (type === undefined) {
    failOneOf("body.parent", [
      expectation("body.parent.page_id", "defined", undefined),
      expectation("body.parent.block_id", "defined", undefined),
    ]);
  }
  const id = requireUuid(parent[type], `body.parent.${type}`);
  return { kind: type === "page_id" ? "page" : "block", id };
}

function parseDisplayName(value: unknown): DisplayName | undefined {
  const input = optionalObject(value, "body.display_name");
  if (!input) return undefined;
  const type = requireEnum(input.type, "body.display_name.type", ["integration", "user", "custom"]);
  if (type !== "custom") {
    if (input.custom !== undefined) fail("body.display_name.custom", "not present", input.custom);
    return { type };
  }
  const custom = requireObject(input.custom, "body.display_name.custom");
  return { type, name: requireNonEmptyString(custom.name, "body.display_name.custom.name") };
}

function parseAttachments(value: unknown): string[] {
  const list = optionalArray(value, "body.attachments", MAX_COMMENT_ATTACHMENTS) ?? [];
  return list.map((item, i) => {
    const path = `body.attachments[${i}]`;
    const attachment = requireObject(item, path);
    optionalEnum(attachment.type, `${path}.type`, ["file_upload"]);
    return requireUuid(attachment.file_upload_id, `${path}.file_upload_id`);
  });
}

/** Parses `POST /v1/comments`. */
export function parseNewComment(body: JsonObject): NewComment {
  const target = parseTarget(body);
  const attachments = parseAttachments(body.attachments);
  const displayName = parseDisplayName(body.display_name);
  return { target, richText: parseCommentText(body), attachments, displayName };
}
