import { type JsonObject, isObject } from "../validation.ts";
import { markdownColor } from "./colors.ts";
import { escapeLineStart, escapeText, formatAttributes } from "./escape.ts";
import { renderRichText } from "./render-inline.ts";
import type { RenderBlock, RenderOptions, RenderResult } from "./tree.ts";

/**
 * Blocks → Notion-flavored Markdown (guides/data-apis/enhanced-markdown). Children are indented with
 * one tab per level. Block types the format has no syntax for (bookmarks, breadcrumbs, link previews,
 * …) and blocks past the record limit become `<unknown url alt/>` tags, as Notion renders them
 * (reference/retrieve-page-markdown).
 */
export function renderMarkdown(blocks: RenderBlock[], options: RenderOptions): RenderResult {
  const state = new RenderState(options);
  const segments = blocks.map((block) => state.block(block, 0).join("\n"));
  return {
    markdown: segments.join("\n"),
    segments,
    truncated: state.truncated,
    unknownBlockIds: state.unknown,
  };
}

const TABS = (depth: number) => "\t".repeat(depth);

function text(content: JsonObject, key = "rich_text"): string {
  return renderRichText(content[key]);
}

function colorAttribute(content: JsonObject): string | undefined {
  const color = content.color;
  return typeof color === "string" && color !== "default" ? markdownColor(color) : undefined;
}

/** `{color="…"}` after a line, when the block has a color. */
function trailing(attributes: Record<string, string | undefined>): string {
  const formatted = formatAttributes(attributes);
  return formatted === "" ? "" : ` {${formatted.trim()}}`;
}

/**
 * A file Quire holds renders as `file-upload://<id>`, the form markdown writes take for an upload
 * (domain/markdown/parse.ts), so reading and writing back keeps the file; a signed URL written back
 * would turn it into an external link that stops working within the hour.
 */
function mediaUrl(content: JsonObject): string {
  const source = content[String(content.type)];
  if (content.type === "file_upload" && isObject(source) && typeof source.id === "string") {
    return `file-upload://${source.id}`;
  }
  return isObject(source) && typeof source.url === "string" ? source.url : "";
}

class RenderState {
  truncated = false;
  readonly unknown: string[] = [];
  private count = 0;

  constructor(private readonly options: RenderOptions) {}

  block(block: RenderBlock, depth: number): string[] {
    this.count++;
    if (this.count > this.options.limit || block.unavailable) {
      // Truncated or inaccessible: a tag the caller can pass back to fetch the subtree on its own.
      this.truncated = true;
      this.unknown.push(block.id);
      return [`${TABS(depth)}${this.unknownTag(block)}`];
    }
    const lines = this.lines(block, depth);
    return lines ?? [`${TABS(depth)}${this.unknownTag(block)}`];
  }

  private unknownTag(block: RenderBlock): string {
    return `<unknown${formatAttributes({ url: this.options.blockUrl(block.id), alt: block.type })}/>`;
  }

  private children(block: RenderBlock, depth: number): string[] {
    return block.children.flatMap((child) => this.block(child, depth));
  }

  /** The first line and indented children of a text block. */
  private withChildren(line: string, block: RenderBlock, depth: number): string[] {
    return [`${TABS(depth)}${line}`, ...this.children(block, depth + 1)];
  }

  /** An XML-style container: open tag, indented body, close tag. */
  private container(open: string, close: string, body: string[], depth: number): string[] {
    return [`${TABS(depth)}${open}`, ...body, `${TABS(depth)}${close}`];
  }

  private lines(block: RenderBlock, depth: number): string[] | null {
    const c = block.content;
    const color = colorAttribute(c);
    const pad = TABS(depth);
    switch (block.type) {
      case "paragraph": {
        const body = text(c);
        const line = body === "" ? "<empty-block/>" : escapeLineStart(body);
        return this.withChildren(`${line}${trailing({ color })}`, block, depth);
      }
      case "heading_1":
      case "heading_2":
      case "heading_3":
      case "heading_4": {
        const level = Number(block.type.slice(-1));
        const toggle = c.is_toggleable === true ? "true" : undefined;
        const line = `${"#".repeat(level)} ${text(c)}${trailing({ toggle, color })}`;
        return this.withChildren(line, block, depth);
      }
      case "bulleted_list_item":
        return this.withChildren(`- ${text(c)}${trailing({ color })}`, block, depth);
      case "numbered_list_item":
        return this.withChildren(`1. ${text(c)}${trailing({ color })}`, block, depth);
      case "to_do":
        return this.withChildren(
          `- [${c.checked === true ? "x" : " "}] ${text(c)}${trailing({ color })}`,
          block,
          depth,
        );
      case "quote":
        return this.withChildren(`> ${text(c)}${trailing({ color })}`, block, depth);
      case "toggle":
        return this.container(
          `<details${formatAttributes({ color })}>`,
          "</details>",
          [`${pad}<summary>${text(c)}</summary>`, ...this.children(block, depth + 1)],
          depth,
        );
      case "callout": {
        const icon = isObject(c.icon) && c.icon.type === "emoji" ? String(c.icon.emoji) : undefined;
        const body = text(c);
        return this.container(
          `<callout${formatAttributes({ icon, color })}>`,
          "</callout>",
          [...(body === "" ? [] : [`${TABS(depth + 1)}${body}`]), ...this.children(block, depth + 1)],
          depth,
        );
      }
      case "code":
        return this.code(c, pad);
      case "equation":
        return [
          `${pad}$$`,
          ...String(c.expression ?? "")
            .split("\n")
            .map((l) => `${pad}${l}`),
          `${pad}$$`,
        ];
      case "divider":
        return [`${pad}---`];
      case "table":
        return this.table(block, depth);
      case "column_list":
        return this.container(
          "<columns>",
          "</columns>",
          block.children.flatMap((column) => {
            this.count++;
            return this.container("<column>", "</column>", this.children(column, depth + 2), depth + 1);
          }),
          depth,
        );
      case "image":
        return [`${pad}![${text(c, "caption")}](${mediaUrl(c).replace(/[()\s]/g, encodeURIComponent)})`];
      case "video":
      case "audio":
      case "file":
      case "pdf":
        return [
          `${pad}<${block.type}${formatAttributes({ src: mediaUrl(c) })}>${text(c, "caption")}</${block.type}>`,
        ];
      case "embed":
        return [
          `${pad}<embed${formatAttributes({ src: String(c.url ?? "") })}>${text(c, "caption")}</embed>`,
        ];
      case "child_page": {
        const title = String(c.title ?? "");
        const url = this.options.pageUrl(block.id, title);
        return [`${pad}<page${formatAttributes({ url })}>${escapeText(title)}</page>`];
      }
      case "child_database": {
        const title = String(c.title ?? "");
        const url = this.options.pageUrl(block.id, title);
        return [`${pad}<database${formatAttributes({ url })}>${escapeText(title)}</database>`];
      }
      case "table_of_contents":
        return [`${pad}<table_of_contents${formatAttributes({ color })}/>`];
      case "synced_block": {
        const from = isObject(c.synced_from) ? String(c.synced_from.block_id ?? "") : null;
        const tag = from ? "synced_block_reference" : "synced_block";
        const url = this.options.blockUrl(from ?? block.id);
        return this.container(
          `<${tag}${formatAttributes({ url })}>`,
          `</${tag}>`,
          this.children(block, depth + 1),
          depth,
        );
      }
      default:
        return null;
    }
  }

  private code(c: JsonObject, pad: string): string[] {
    const body = Array.isArray(c.rich_text)
      ? c.rich_text.map((item) => (isObject(item) ? String(item.plain_text ?? "") : "")).join("")
      : "";
    const longest = Math.max(2, ...[...body.matchAll(/^`+/gm)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const language = typeof c.language === "string" && c.language !== "plain text" ? c.language : "";
    return [`${pad}${fence}${language}`, ...body.split("\n").map((l) => `${pad}${l}`), `${pad}${fence}`];
  }

  private table(block: RenderBlock, depth: number): string[] {
    const c = block.content;
    const attributes = formatAttributes({
      "header-row": c.has_column_header === true ? "true" : undefined,
      "header-column": c.has_row_header === true ? "true" : undefined,
    });
    const rows = block.children.flatMap((row) => {
      this.count++;
      const cells = Array.isArray(row.content.cells) ? row.content.cells : [];
      const tds = cells.map((cell) => `${TABS(depth + 2)}<td>${renderRichText(cell)}</td>`);
      return this.container("<tr>", "</tr>", tds, depth + 1);
    });
    return this.container(`<table${attributes}>`, "</table>", rows, depth);
  }
}
