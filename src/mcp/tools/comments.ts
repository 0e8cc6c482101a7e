import { parseNewComment } from "../../domain/comments.ts";
import { parseId } from "../../domain/ids.ts";
import { renderRichText } from "../../domain/markdown/index.ts";
import { createComment, listComments } from "../../services/comments/comment-service.ts";
import type { CommentView } from "../../services/comments/comment-service.ts";
import { optionalBoolean, optionalString, requiredString, wrong } from "../args.ts";
import { readId, userUrl } from "../ids.ts";
import type { Tool } from "../tool.ts";
import { ToolInputError } from "../tool-errors.ts";

/** `discussion://<page>/<block>/<discussion>` (the hosted form) or a bare discussion id. */
function discussionId(raw: string): string {
  const last =
    raw
      .trim()
      .replace(/^discussion:\/\//, "")
      .split("/")
      .at(-1) ?? "";
  const id = parseId(last);
  if (!id)
    throw new ToolInputError(
      `discussion_id should be a discussion://… URL or a discussion id, instead was "${raw.slice(0, 100)}".`,
    );
  return id;
}

function discussionUrl(pageId: string, comment: CommentView): string {
  return `discussion://${pageId}/${comment.parentId}/${comment.discussionId}`;
}

export const getCommentsTool: Tool = {
  name: "notion-get-comments",
  title: "Get comments",
  readOnly: true,
  description:
    "List the open discussions on a page, each with its comments in order, as XML: <discussion url> with " +
    "<comment> elements (author as user:// URL, time, text as Notion-flavored Markdown). Give discussion_id " +
    "to read one discussion. Reply with notion-create-comment and the discussion's url.",
  inputSchema: {
    type: "object",
    properties: {
      page_id: { type: "string", description: "The page's URL or id." },
      discussion_id: { type: "string", description: "Only this discussion (discussion://… URL or id)." },
      include_all_blocks: {
        type: "boolean",
        description: "Not yet served by Quire: only page-level discussions are listed.",
      },
    },
    required: ["page_id"],
  },
  async run({ ctx, viewer, args }) {
    const pageId = readId(requiredString(args, "page_id"), "page_id").id;
    if (optionalBoolean(args, "include_all_blocks") === true)
      throw new ToolInputError(
        "include_all_blocks is not served by Quire yet; leave it out to list the page's own discussions.",
      );
    const only = optionalString(args, "discussion_id");
    const wanted = only === undefined ? undefined : discussionId(only);
    const comments: CommentView[] = [];
    let cursor: string | undefined;
    do {
      const page = await listComments(ctx, viewer, {
        blockId: pageId,
        page: { pageSize: 100, startCursor: cursor },
      });
      comments.push(...page.results);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const discussions = new Map<string, CommentView[]>();
    for (const c of comments) {
      if (wanted && c.discussionId !== wanted) continue;
      discussions.set(c.discussionId, [...(discussions.get(c.discussionId) ?? []), c]);
    }
    const lines = ["<discussions>"];
    for (const thread of discussions.values()) {
      const first = thread[0] as CommentView;
      lines.push(`<discussion url="${discussionUrl(pageId, first)}">`);
      for (const c of thread)
        lines.push(
          `<comment id="${c.id}" user-url="${userUrl(c.createdBy)}" datetime="${c.createdTime}">${renderRichText(c.richText)}</comment>`,
        );
      lines.push("</discussion>");
    }
    lines.push("</discussions>");
    return lines.join("\n");
  },
};

export const createCommentTool: Tool = {
  name: "notion-create-comment",
  title: "Add a comment",
  readOnly: false,
  description:
    "Comment on a page (a new page-level discussion) or reply in a discussion (discussion_id from " +
    "notion-get-comments). The text is inline Notion-flavored Markdown in `markdown`, or REST API " +
    "rich_text objects in `rich_text`; give exactly one.",
  inputSchema: {
    type: "object",
    properties: {
      page_id: { type: "string", description: "The page's URL or id." },
      discussion_id: { type: "string", description: "Reply in this discussion (discussion://… URL or id)." },
      markdown: { type: "string", description: "The comment as inline Markdown (bold, links, mentions)." },
      rich_text: {
        type: "array",
        items: { type: "object" },
        description: "The comment as rich text objects.",
      },
    },
    required: ["page_id"],
  },
  async run({ ctx, viewer, args }) {
    const pageId = readId(requiredString(args, "page_id"), "page_id").id;
    const markdown = optionalString(args, "markdown");
    const richText = args.rich_text;
    if ((markdown === undefined) === (richText === undefined))
      wrong("markdown or rich_text", "exactly one of the two", { markdown, rich_text: richText });
    const only = optionalString(args, "discussion_id");
    const body = {
      ...(only === undefined ? { parent: { page_id: pageId } } : { discussion_id: discussionId(only) }),
      ...(markdown === undefined ? { rich_text: richText } : { markdown }),
    };
    const comment = await createComment(ctx, viewer, parseNewComment(body));
    return JSON.stringify({
      id: comment.id,
      discussion_url: discussionUrl(pageId, comment),
      text: renderRichText(comment.richText),
    });
  },
};
