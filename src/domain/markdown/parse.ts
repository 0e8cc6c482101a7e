import type { JsonObject } from "../validation.ts";
import { apiColor } from "./colors.ts";
import { idFromUrl, parseAttributes, splitTrailingAttributes, unescapeText } from "./escape.ts";
import { parseInlineMarkdown } from "./inline.ts";
import { codeLanguage } from "./languages.ts";
import { type MarkdownNode, TEXT_CONTAINERS } from "./nodes.ts";
import { parseTable } from "./parse-table.ts";

/**
 * Notion-flavored Markdown → block nodes (guides/data-apis/enhanced-markdown). One block per line;
 * lines indented deeper than a text block (tabs, or four spaces each) are its children; XML-style
 * containers (`<details>`, `<callout>`, `<columns>`, `<table>`, `<synced_block>`) hold their body until
 * the closing tag. Blank lines separate nothing and are skipped; `<empty-block/>` is an empty paragraph.
 */
export function parseMarkdown(markdown: string): MarkdownNode[] {
  const lines = markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw, i) => toLine(raw, i + 1));
  const reader = new Reader(lines);
  return reader.level(0);
}

interface Line {
  depth: number;
  text: string;
  raw: string;
  number: number;
}

function toLine(raw: string, number: number): Line {
  const lead = /^[\t ]*/.exec(raw)?.[0] ?? "";
  let depth = 0;
  let spaces = 0;
  for (const c of lead) {
    if (c === "\t") {
      depth++;
      spaces = 0;
    } else if (++spaces === 4) {
      depth++;
      spaces = 0;
    }
  }
  return { depth, text: raw.slice(lead.length).trimEnd(), raw, number };
}

function textData(text: string, attributes: Record<string, string> = {}): JsonObject {
  const data: JsonObject = { rich_text: parseInlineMarkdown(text) };
  const color = attributes.color === undefined ? undefined : apiColor(attributes.color);
  if (color) data.color = color;
  return data;
}

function node(type: string, data: JsonObject, line: number, children: MarkdownNode[] = []): MarkdownNode {
  return { type, data, children, line };
}

const MEDIA_TAG = /^<(video|audio|file|pdf|embed|image)\b((?:[^>"]|"[^"]*")*?)(?:\/>|>(.*?)<\/\1>)$/i;
const SELF_TAG = (name: string) =>
  new RegExp(`^<${name}\\b((?:[^>"]|"[^"]*")*?)(?:\\/>|>(.*?)<\\/${name}>)$`, "i");
const PAGE_TAG = SELF_TAG("page");
const DATABASE_TAG = SELF_TAG("database");
const UNKNOWN_TAG = SELF_TAG("unknown");
const TOC_TAG = SELF_TAG("table_of_contents");

class Reader {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  /** Blocks from here while lines are at least `minDepth` deep and `until` (a closing tag) isn't met. */
  level(minDepth: number, until?: RegExp): MarkdownNode[] {
    const nodes: MarkdownNode[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.text === "") {
        this.i++;
        continue;
      }
      if (until?.test(line.text) || line.depth < minDepth) break;
      const block = this.block(line);
      if (!block) continue;
      if (TEXT_CONTAINERS.has(block.type)) block.children.push(...this.level(line.depth + 1, until));
      nodes.push(block);
    }
    return nodes;
  }

  /** A container's body up to its closing tag, which is consumed. */
  private body(line: Line, close: RegExp): MarkdownNode[] {
    const children = this.level(0, close);
    if (this.i < this.lines.length) this.i++;
    void line;
    return children;
  }

  private block(line: Line): MarkdownNode | null {
    const text = line.text;
    this.i++;
    const at = line.number;
    const fence = /^(`{3,}|~{3,})\s*(.*)$/.exec(text);
    if (fence) return this.code(line, fence[1] as string, fence[2] as string);
    if (text.startsWith("$$")) return this.equation(line);
    if (/^(-{3,}|\*{3,}|_{3,})$/.test(text)) return node("divider", {}, at);
    const heading = /^(#{1,6})\s+(.*)$/.exec(text) ?? /^(#{1,6})$/.exec(text);
    if (heading) {
      const { text: body, attributes } = splitTrailingAttributes(heading[2] ?? "");
      const level = Math.min(heading[1]?.length ?? 1, 4);
      const data = textData(body, attributes);
      if (attributes.toggle === "true") data.is_toggleable = true;
      return node(`heading_${level}`, data, at);
    }
    const todo = /^[-*+]\s+\[([ xX])\](?:\s+(.*))?$/.exec(text);
    if (todo) {
      const { text: body, attributes } = splitTrailingAttributes(todo[2] ?? "");
      return node("to_do", { ...textData(body, attributes), checked: todo[1] !== " " }, at);
    }
    const bullet = /^[-*+](?:\s+(.*))?$/.exec(text);
    if (bullet) return this.textBlock("bulleted_list_item", bullet[1] ?? "", at);
    const numbered = /^\d+[.)](?:\s+(.*))?$/.exec(text);
    if (numbered) return this.textBlock("numbered_list_item", numbered[1] ?? "", at);
    const quote = /^>\s?(.*)$/.exec(text);
    if (quote) return this.textBlock("quote", quote[1] ?? "", at);
    if (text.startsWith("<") || text.startsWith(":::") || text.startsWith("![")) {
      const tagged = this.tagged(line);
      if (tagged !== undefined) return tagged;
    }
    return this.textBlock("paragraph", text, at);
  }

  private textBlock(type: string, text: string, at: number): MarkdownNode {
    const { text: body, attributes } = splitTrailingAttributes(text);
    return node(type, textData(body, attributes), at);
  }

  private code(line: Line, fence: string, info: string): MarkdownNode {
    const body: string[] = [];
    const closer = new RegExp(`^${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    while (this.i < this.lines.length) {
      const next = this.lines[this.i] as Line;
      this.i++;
      if (closer.test(next.text)) break;
      body.push(stripTabs(next.raw, line.depth));
    }
    const content = body.join("\n");
    return node("code", { rich_text: plainItems(content), language: codeLanguage(info) }, line.number);
  }

  private equation(line: Line): MarkdownNode {
    const single = /^\$\$(.+)\$\$$/.exec(line.text);
    if (single) return node("equation", { expression: single[1]?.trim() }, line.number);
    const body: string[] = [];
    const first = line.text.slice(2).trim();
    if (first !== "") body.push(first);
    while (this.i < this.lines.length) {
      const next = this.lines[this.i] as Line;
      this.i++;
      if (next.text === "$$") break;
      if (next.text.endsWith("$$")) {
        body.push(stripTabs(next.raw, line.depth).replace(/\$\$\s*$/, ""));
        break;
      }
      body.push(stripTabs(next.raw, line.depth));
    }
    return node("equation", { expression: body.join("\n") }, line.number);
  }

  /** XML-style blocks and images; undefined when the line is ordinary text after all. */
  private tagged(line: Line): MarkdownNode | null | undefined {
    const text = line.text;
    const at = line.number;
    const open = (name: string) => new RegExp(`^<${name}\\b((?:[^>"]|"[^"]*")*)>$`, "i").exec(text);
    const attrs = (m: RegExpExecArray) => parseAttributes(m[1] ?? "");
    if (/^<empty-block\s*\/?>$/i.test(text)) return node("paragraph", { rich_text: [] }, at);
    const details = open("details");
    if (details) return this.toggle(line, attrs(details));
    const inlineCallout = /^<callout\b((?:[^>"]|"[^"]*")*)>(.+)<\/callout>$/i.exec(text);
    if (inlineCallout) return callout(attrs(inlineCallout), inlineCallout[2] ?? "", [], at);
    const calloutTag = open("callout");
    if (calloutTag) return this.callout(line, attrs(calloutTag), /^<\/callout>/i);
    const fenced = /^:::\s*callout\b\s*(?:\{(.*)\})?\s*$/i.exec(text);
    if (fenced) return this.callout(line, parseAttributes(fenced[1] ?? ""), /^:::\s*$/);
    if (open("columns")) {
      const columns = this.body(line, /^<\/columns>/i).filter((n) => n.type === "column");
      return node("column_list", {}, at, columns);
    }
    if (open("column")) return node("column", {}, at, this.body(line, /^<\/column>/i));
    if (open("table")) return this.table(line);
    const synced = open("synced_block");
    if (synced) return node("synced_block", { synced_from: null }, at, this.body(line, /^<\/synced_block>/i));
    const reference = open("synced_block_reference");
    if (reference) {
      this.body(line, /^<\/synced_block_reference>/i);
      const id = idFromUrl(attrs(reference).url ?? "");
      return id ? node("synced_block", { synced_from: { block_id: id } }, at) : null;
    }
    if (open("meeting-notes")) {
      // Meeting notes are written by Notion's AI, not through the API; their markup is skipped.
      this.body(line, /^<\/meeting-notes>/i);
      return null;
    }
    return singleLine(text, at);
  }

  private toggle(line: Line, attributes: Record<string, string>): MarkdownNode {
    let title = "";
    const next = this.lines[this.i];
    const summary = next ? /^<summary>(.*)<\/summary>$/i.exec(next.text) : null;
    if (summary) {
      title = summary[1] ?? "";
      this.i++;
    }
    return node("toggle", textData(title, attributes), line.number, this.body(line, /^<\/details>/i));
  }

  private callout(line: Line, attributes: Record<string, string>, close: RegExp): MarkdownNode {
    const body = this.body(line, close);
    const first = body[0];
    // The callout's own text is its first line when that is plain text (a paragraph).
    if (first?.type === "paragraph" && first.children.length === 0 && first.data.color === undefined) {
      return { ...callout(attributes, "", body.slice(1), line.number), data: calloutData(attributes, first) };
    }
    return callout(attributes, "", body, line.number);
  }

  private table(line: Line): MarkdownNode {
    const rows: string[] = [];
    while (this.i < this.lines.length) {
      const next = this.lines[this.i] as Line;
      this.i++;
      if (/^<\/table>/i.test(next.text)) break;
      rows.push(next.text);
    }
    return parseTable(line.text, rows.join("\n"), line.number);
  }
}

function stripTabs(raw: string, depth: number): string {
  let out = raw;
  for (let d = 0; d < depth; d++) {
    if (out.startsWith("\t")) out = out.slice(1);
    else if (out.startsWith("    ")) out = out.slice(4);
  }
  return out;
}

function plainItems(content: string): JsonObject[] {
  if (content === "") return [];
  const items: JsonObject[] = [];
  for (let i = 0; i < content.length; i += 2000) {
    items.push({ type: "text", text: { content: content.slice(i, i + 2000) } });
  }
  return items;
}

function calloutData(attributes: Record<string, string>, text: MarkdownNode): JsonObject {
  return { ...callout(attributes, "", [], text.line).data, rich_text: text.data.rich_text };
}

function callout(
  attributes: Record<string, string>,
  text: string,
  children: MarkdownNode[],
  line: number,
): MarkdownNode {
  const data = textData(text, attributes);
  if (attributes.icon) data.icon = { type: "emoji", emoji: attributes.icon };
  return node("callout", data, line, children);
}

function singleLine(text: string, at: number): MarkdownNode | null | undefined {
  const image = /^!\[(.*)\]\(\s*<?([^)\s>]*)>?\s*\)(?:\s*\{[^}]*\})?$/.exec(text);
  if (image) return media("image", image[2] ?? "", image[1] ?? "", at);
  const tag = MEDIA_TAG.exec(text);
  if (tag) {
    const type = (tag[1] as string).toLowerCase();
    const src = parseAttributes(tag[2] ?? "").src ?? "";
    if (type === "embed") {
      return node("embed", { url: src, caption: parseInlineMarkdown(tag[3] ?? "") }, at);
    }
    return media(type, src, tag[3] ?? "", at);
  }
  const page = PAGE_TAG.exec(text) ?? DATABASE_TAG.exec(text);
  if (page) {
    const id = idFromUrl(parseAttributes(page[1] ?? "").url ?? "");
    const type = text.toLowerCase().startsWith("<page") ? "child_page" : "child_database";
    return node(type, { title: unescapeText(page[2] ?? ""), ...(id ? { id } : {}) }, at);
  }
  const unknown = UNKNOWN_TAG.exec(text);
  if (unknown) {
    const attributes = parseAttributes(unknown[1] ?? "");
    const id = idFromUrl(attributes.url ?? "");
    return node("unknown", { alt: attributes.alt ?? "unknown", ...(id ? { id } : {}) }, at);
  }
  const toc = TOC_TAG.exec(text);
  if (toc) {
    const color = apiColor(parseAttributes(toc[1] ?? "").color ?? "");
    return node("table_of_contents", color ? { color } : {}, at);
  }
  return undefined;
}

function media(type: string, src: string, caption: string, at: number): MarkdownNode {
  const upload = /^file-upload:\/\/(.+)$/.exec(src);
  const source = upload
    ? { type: "file_upload", file_upload: { id: upload[1] } }
    : { type: "external", external: { url: decodeURI(src) } };
  return node(type, { caption: parseInlineMarkdown(caption), ...source }, at);
}
