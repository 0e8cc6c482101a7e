import { RICH_TEXT_LIMITS } from "../rich-text.ts";
import type { JsonObject } from "../validation.ts";
import { apiColor } from "./colors.ts";
import { idFromUrl, parseAttributes } from "./escape.ts";

/**
 * Inline Notion-flavored Markdown → rich text request items (guides/data-apis/enhanced-markdown,
 * "Inline"): `**bold**`, `*italic*`, `~~strike~~`, `` `code` ``, `<span color underline>`, links,
 * `$math$`, `<br>`, and `<mention-*>` tags. Unmatched markers stay literal text, so any string parses.
 */
export type RichTextRequest = JsonObject;

interface Marks {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  code: boolean;
  spans: Array<{ color?: string; underline?: boolean }>;
  link: string | null;
}

interface Run {
  kind: "text" | "equation" | "mention";
  text: string;
  mention?: JsonObject;
  annotations: JsonObject;
  link: string | null;
}

function annotationsOf(marks: Marks): JsonObject {
  let color = "default";
  let underline = false;
  for (const span of marks.spans) {
    if (span.color) color = span.color;
    if (span.underline) underline = true;
  }
  return {
    bold: marks.bold,
    italic: marks.italic,
    strikethrough: marks.strikethrough,
    underline,
    code: marks.code,
    color,
  };
}

const MENTION_TAG =
  /^<mention-(user|page|database|data-source|agent|date)\b((?:[^>"]|"[^"]*")*?)(?:\/>|>([\s\S]*?)<\/mention-\1>)/;

class InlineParser {
  readonly runs: Run[] = [];
  private readonly marks: Marks = {
    bold: false,
    italic: false,
    strikethrough: false,
    code: false,
    spans: [],
    link: null,
  };

  parse(text: string): void {
    let i = 0;
    while (i < text.length) i = this.step(text, i);
  }

  private push(kind: Run["kind"], text: string, mention?: JsonObject, code = false): void {
    const annotations = annotationsOf({ ...this.marks, code: this.marks.code || code });
    const run: Run = { kind, text, annotations, link: this.marks.link };
    if (mention) run.mention = mention;
    this.runs.push(run);
  }

  private literal(c: string): void {
    const last = this.runs.at(-1);
    const annotations = annotationsOf(this.marks);
    if (
      last?.kind === "text" &&
      last.link === this.marks.link &&
      JSON.stringify(last.annotations) === JSON.stringify(annotations)
    ) {
      last.text += c;
    } else this.push("text", c);
  }

  private step(text: string, i: number): number {
    const c = text[i] as string;
    const rest = text.slice(i);
    if (c === "\\" && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1] as string)) {
      this.literal(text[i + 1] as string);
      return i + 2;
    }
    if (c === "`") return this.codeSpan(text, i);
    if (c === "$") return this.math(text, i);
    if (rest.startsWith("**")) return this.toggle(text, i, "**", "bold");
    if (c === "*") return this.toggle(text, i, "*", "italic");
    if (rest.startsWith("~~")) return this.toggle(text, i, "~~", "strikethrough");
    if (c === "[") return this.link(text, i);
    if (c === "<") return this.tag(text, i);
    this.literal(c);
    return i + 1;
  }

  private toggle(text: string, i: number, marker: string, mark: "bold" | "italic" | "strikethrough"): number {
    // Opening needs a closer later on; otherwise the marker is just text.
    if (!this.marks[mark] && !hasUnescaped(text, marker, i + marker.length)) {
      for (const ch of marker) this.literal(ch);
      return i + marker.length;
    }
    this.marks[mark] = !this.marks[mark];
    return i + marker.length;
  }

  private codeSpan(text: string, i: number): number {
    const fence = /^`+/.exec(text.slice(i))?.[0] ?? "`";
    const end = text.indexOf(fence, i + fence.length);
    if (end < 0) {
      for (const ch of fence) this.literal(ch);
      return i + fence.length;
    }
    let content = text.slice(i + fence.length, end);
    if (fence.length > 1 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") {
      content = content.slice(1, -1);
    }
    this.push("text", content, undefined, true);
    return end + fence.length;
  }

  private math(text: string, i: number): number {
    const fenced = /^\$`([^`]+)`\$/.exec(text.slice(i));
    if (fenced) {
      this.push("equation", fenced[1] as string);
      return i + fenced[0].length;
    }
    const inline = /^\$([^\s$](?:[^$]*?[^\s\\$])?)\$(?![0-9])/.exec(text.slice(i));
    if (inline) {
      this.push("equation", (inline[1] as string).replace(/\\\$/g, "$"));
      return i + inline[0].length;
    }
    this.literal("$");
    return i + 1;
  }

  private link(text: string, i: number): number {
    const close = matchingBracket(text, i);
    if (close < 0) {
      this.literal("[");
      return i + 1;
    }
    const label = text.slice(i + 1, close);
    if (label.startsWith("^") && text[close + 1] !== "(") {
      // A citation `[^URL]` reads as a link to its source.
      const url = label.slice(1);
      const previous = this.marks.link;
      this.marks.link = url;
      this.literal(url);
      this.marks.link = previous;
      return close + 1;
    }
    if (text[close + 1] !== "(") {
      this.literal("[");
      return i + 1;
    }
    const end = matchingParen(text, close + 1);
    if (end < 0) {
      this.literal("[");
      return i + 1;
    }
    const url = text.slice(close + 2, end).trim();
    const previous = this.marks.link;
    this.marks.link = url.replace(/^<|>$/g, "");
    this.parse(label);
    this.marks.link = previous;
    return end + 1;
  }

  private tag(text: string, i: number): number {
    const rest = text.slice(i);
    const br = /^<br\s*\/?>/i.exec(rest);
    if (br) {
      this.literal("\n");
      return i + br[0].length;
    }
    const span = /^<span\b([^>]*)>/i.exec(rest);
    if (span) {
      const attributes = parseAttributes(span[1] ?? "");
      const entry: { color?: string; underline?: boolean } = {};
      const color = attributes.color === undefined ? undefined : apiColor(attributes.color);
      if (color) entry.color = color;
      if (attributes.underline === "true") entry.underline = true;
      this.marks.spans.push(entry);
      return i + span[0].length;
    }
    const closing = /^<\/span\s*>/i.exec(rest);
    if (closing && this.marks.spans.length > 0) {
      this.marks.spans.pop();
      return i + closing[0].length;
    }
    const mention = MENTION_TAG.exec(rest);
    if (mention) {
      this.mention(mention[1] as string, parseAttributes(mention[2] ?? ""), mention[3]);
      return i + mention[0].length;
    }
    this.literal("<");
    return i + 1;
  }

  private mention(kind: string, attributes: Record<string, string>, inner: string | undefined): void {
    if (kind === "date") {
      const date = dateOf(attributes);
      if (date) this.push("mention", "", { type: "date", date });
      else this.literal(inner ?? "");
      return;
    }
    const id = attributes.url === undefined ? undefined : idFromUrl(attributes.url);
    const type = kind === "user" ? "user" : kind === "page" ? "page" : kind === "agent" ? null : "database";
    if (!id || type === null) {
      this.parse(inner ?? "");
      return;
    }
    this.push("mention", inner ?? "", { type, [type]: { id } });
  }
}

function dateOf(attributes: Record<string, string>): JsonObject | null {
  const start = attributes.start;
  if (!start) return null;
  const withTime = (day: string, time: string | undefined) =>
    time && !day.includes("T") ? `${day}T${time.length === 5 ? `${time}:00` : time}` : day;
  const date: JsonObject = { start: withTime(start, attributes.starttime) };
  if (attributes.end) date.end = withTime(attributes.end, attributes.endtime ?? attributes.starttime);
  if (attributes.timezone) date.time_zone = attributes.timezone;
  return date;
}

function hasUnescaped(text: string, marker: string, from: number): boolean {
  let at = text.indexOf(marker, from);
  while (at >= 0) {
    if (text[at - 1] !== "\\") return true;
    at = text.indexOf(marker, at + 1);
  }
  return false;
}

function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i;
  }
  return -1;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits text into pieces of at most `size` characters without cutting a surrogate pair. */
export function chunkText(text: string, size: number = RICH_TEXT_LIMITS.content): string[] {
  if (text.length <= size) return [text];
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    chunks.push(text.slice(i, end));
    i = end;
  }
  return chunks;
}

function toRequests(run: Run): RichTextRequest[] {
  if (run.kind === "equation") {
    return [{ type: "equation", equation: { expression: run.text }, annotations: run.annotations }];
  }
  if (run.kind === "mention") {
    return [{ type: "mention", mention: run.mention ?? {}, annotations: run.annotations }];
  }
  return chunkText(run.text).map((content) => ({
    type: "text",
    text: { content, link: run.link === null ? null : { url: run.link } },
    annotations: run.annotations,
  }));
}

/**
 * Inline markdown → rich text request items (the shape `rich_text` arrays take in requests). Used for
 * block text, table cells, and comments created with `markdown`.
 */
export function parseInlineMarkdown(text: string): RichTextRequest[] {
  const parser = new InlineParser();
  parser.parse(text);
  return parser.runs.filter((run) => run.kind !== "text" || run.text !== "").flatMap(toRequests);
}
