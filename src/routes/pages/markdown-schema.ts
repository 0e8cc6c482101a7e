import {
  type JsonObject,
  fail,
  notPresent,
  optionalBoolean,
  optionalString,
  requireArray,
  requireEnum,
  requireObject,
  requireString,
} from "../../domain/validation.ts";
import type { MarkdownEdit } from "../../domain/markdown/edits.ts";
import type { ContentNode } from "../../domain/markdown/index.ts";
import { type RichTextItem, parseRichText } from "../../domain/rich-text.ts";
import { validationError } from "../../errors.ts";
import type { Query } from "../../http/params.ts";
import { parseContent } from "../../services/markdown/markdown-service.ts";
import type { PageParent } from "../../services/pages/page-types.ts";
import { parseCreateTemplate, parsePageParent, parsePageTitle } from "./schema.ts";

/**
 * Request schemas of the markdown endpoints: `GET`/`PATCH /v1/pages/{id}/markdown` and the `markdown`
 * variant of `POST /v1/pages`, whose body is split here into content and a plain create body.
 */

/** `GET /v1/pages/{id}/markdown` (reference/retrieve-page-markdown). */
export interface GetPageMarkdownRequest {
  includeTranscript: boolean;
}

function booleanQuery(value: unknown, path: string): boolean {
  const raw = Array.isArray(value) ? value.at(-1) : value;
  if (raw === undefined) return false;
  if (raw === "true" || raw === "false") return raw === "true";
  fail(path, "a boolean", raw);
}

export function parseGetPageMarkdown(query: Query): GetPageMarkdownRequest {
  return { includeTranscript: booleanQuery(query.include_transcript, "query.include_transcript") };
}

const EDIT_TYPES = ["insert_content", "replace_content_range", "update_content", "replace_content"] as const;

/** The MCP server caps `content_updates` at 100 (reference §2.2). */
const MAX_CONTENT_UPDATES = 100;

/** `PATCH /v1/pages/{id}/markdown` (reference/update-page-markdown). */
export function parseUpdatePageMarkdown(body: JsonObject): MarkdownEdit {
  const type = requireEnum(body.type, "body.type", EDIT_TYPES);
  for (const other of EDIT_TYPES) if (other !== type) notPresent(body[other], `body.${other}`);
  const path = `body.${type}`;
  const input = requireObject(body[type], path);
  const allowDeleting =
    optionalBoolean(input.allow_deleting_content, `${path}.allow_deleting_content`) ?? false;
  switch (type) {
    case "insert_content": {
      const content = requireString(input.content, `${path}.content`);
      const after = optionalString(input.after, `${path}.after`);
      let position: "start" | "end" = "end";
      if (input.position !== undefined) {
        if (after !== undefined) {
          throw validationError("body failed validation: You cannot specify both after and position.");
        }
        const pos = requireObject(input.position, `${path}.position`);
        position = requireEnum(pos.type, `${path}.position.type`, ["start", "end"] as const);
      }
      return after === undefined ? { type, content, position } : { type, content, after, position };
    }
    case "replace_content_range":
      return {
        type,
        content: requireString(input.content, `${path}.content`),
        contentRange: requireString(input.content_range, `${path}.content_range`),
        allowDeleting,
      };
    case "update_content": {
      const items = requireArray(input.content_updates, `${path}.content_updates`, MAX_CONTENT_UPDATES);
      if (items.length === 0) fail(`${path}.content_updates.length`, "≥ `1`", 0);
      const updates = items.map((item, i) => {
        const update = requireObject(item, `${path}.content_updates[${i}]`);
        const at = `${path}.content_updates[${i}]`;
        return {
          oldStr: requireString(update.old_str, `${at}.old_str`),
          newStr: requireString(update.new_str, `${at}.new_str`),
          replaceAll: optionalBoolean(update.replace_all_matches, `${at}.replace_all_matches`) ?? false,
        };
      });
      return { type, updates, allowDeleting };
    }
    case "replace_content":
      return { type, newStr: requireString(input.new_str, `${path}.new_str`), allowDeleting };
  }
}

/** Markdown for `pages.create`: its content, and the title its first `# heading` gives when none is set. */
interface MarkdownPageContent {
  nodes: ContentNode[];
  title: RichTextItem[] | undefined;
}

/**
 * guides/data-apis/working-with-markdown-content: "If properties.title is omitted, the first # h1
 * heading is extracted as the page title." The heading then is the title, not content.
 */
function parsePageMarkdown(body: JsonObject, wantsTitle: boolean): MarkdownPageContent {
  const markdown = requireString(body.markdown, "body.markdown");
  if (body.children !== undefined || body.content !== undefined) {
    throw validationError(
      "body failed validation: body.markdown can't be given with body.children or body.content.",
    );
  }
  const nodes = parseContent(markdown);
  if (!wantsTitle) return { nodes, title: undefined };
  const index = nodes.findIndex((n) => n.type === "heading_1");
  const heading = nodes[index];
  if (!heading) return { nodes, title: undefined };
  return {
    nodes: [...nodes.slice(0, index), ...heading.children, ...nodes.slice(index + 1)],
    title: parseRichText(heading.content.rich_text, "body.markdown"),
  };
}

/** A `pages.create` body with `markdown`, split into its content and the plain create body left. */
export interface MarkdownPageBody {
  parent: PageParent;
  /** The body without `markdown` and `allow_async`, with the heading's title: parseCreatePage reads it. */
  rest: JsonObject;
  nodes: ContentNode[];
}

/** The markdown part of `POST /v1/pages`, checked before the rest of the body (parseCreatePage). */
export function splitMarkdownBody(body: JsonObject): MarkdownPageBody {
  optionalBoolean(body.allow_async, "body.allow_async");
  const parent = parsePageParent(body.parent);
  const inSource = parent.kind === "data_source" || parent.kind === "database";
  // Before `markdown` leaves the body: a template can't come with content of its own.
  parseCreateTemplate(body, inSource);
  const wantsTitle = !inSource && parsePageTitle(body.properties) === undefined;
  const content = parsePageMarkdown(body, wantsTitle);
  const rest: JsonObject = { ...body };
  delete rest.markdown;
  delete rest.allow_async;
  if (content.title) rest.properties = { title: content.title };
  return { parent, rest, nodes: content.nodes };
}
