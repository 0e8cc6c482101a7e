import { type JsonObject, isObject } from "../validation.ts";
import { markdownColor } from "./colors.ts";
import { escapeText, formatAttributes } from "./escape.ts";

/** Rich text → inline Notion-flavored Markdown; `parseInlineMarkdown` reads it back to the same items. */
export function renderRichText(items: unknown): string {
  if (!Array.isArray(items)) return "";
  return merge(items.filter(isObject)).map(renderItem).join("");
}

function linkOf(item: JsonObject): string | null {
  const text = item.text;
  if (item.type === "text" && isObject(text) && isObject(text.link) && typeof text.link.url === "string") {
    return text.link.url;
  }
  return null;
}

function contentOf(item: JsonObject): string {
  const text = item.text;
  return isObject(text) && typeof text.content === "string" ? text.content : "";
}

/** Adjacent text items with the same look merge, so their markers can't run together (`**a****b**`). */
function merge(items: JsonObject[]): JsonObject[] {
  const merged: JsonObject[] = [];
  for (const item of items) {
    const last = merged.at(-1);
    if (
      last?.type === "text" &&
      item.type === "text" &&
      linkOf(last) === linkOf(item) &&
      JSON.stringify(last.annotations) === JSON.stringify(item.annotations)
    ) {
      merged[merged.length - 1] = {
        ...last,
        text: { content: contentOf(last) + contentOf(item), link: (last.text as JsonObject).link ?? null },
      };
    } else merged.push(item);
  }
  return merged;
}

function codeSpan(content: string): string {
  if (content === "") return "";
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

function encodeUrl(url: string): string {
  return url.replace(/[()\s]/g, (c) => encodeURIComponent(c));
}

function renderMention(item: JsonObject): string {
  const mention = isObject(item.mention) ? item.mention : {};
  const plain = typeof item.plain_text === "string" ? item.plain_text : "";
  const href = typeof item.href === "string" ? item.href : undefined;
  const target = (key: string) => (isObject(mention[key]) ? (mention[key] as JsonObject) : {});
  switch (mention.type) {
    case "user": {
      const id = String(target("user").id ?? "");
      const name = plain.replace(/^@/, "");
      return `<mention-user${formatAttributes({ url: `user://${id}` })}>${escapeText(name)}</mention-user>`;
    }
    case "page":
    case "database": {
      const id = String(target(mention.type).id ?? "");
      const tag = `mention-${mention.type}`;
      return `<${tag}${formatAttributes({ url: href ?? id })}>${escapeText(plain)}</${tag}>`;
    }
    case "date": {
      const date = target("date");
      return `<mention-date${formatAttributes(dateAttributes(date))}/>`;
    }
    case "link_preview":
      return `[${escapeText(plain)}](${encodeUrl(String(target("link_preview").url ?? plain))})`;
    default:
      return escapeText(plain);
  }
}

/** `start`/`end` hold the stored date or date-time as is, so offsets survive the round trip. */
function dateAttributes(date: JsonObject): Record<string, string | undefined> {
  return {
    start: typeof date.start === "string" ? date.start : undefined,
    end: typeof date.end === "string" ? date.end : undefined,
    timeZone: typeof date.time_zone === "string" ? date.time_zone : undefined,
  };
}

function renderItem(item: JsonObject): string {
  const annotations = isObject(item.annotations) ? item.annotations : {};
  let body: string;
  if (item.type === "equation") {
    const expression = isObject(item.equation) ? String(item.equation.expression ?? "") : "";
    return wrapSpan(`$\`${expression}\`$`, annotations);
  }
  if (item.type === "mention") body = renderMention(item);
  else {
    const content = contentOf(item);
    if (content === "") return "";
    if (annotations.code === true) body = content.split("\n").map(codeSpan).join("<br>");
    else body = escapeText(content).replace(/\n/g, "<br>");
    const link = linkOf(item);
    if (link !== null) body = `[${body}](${encodeUrl(link)})`;
  }
  // Markers hug the text: leading and trailing spaces go outside them, as CommonMark requires.
  const lead = /^ */.exec(body)?.[0] ?? "";
  const trail = lead.length === body.length ? "" : (/ *$/.exec(body)?.[0] ?? "");
  let core = body.slice(lead.length, body.length - trail.length);
  if (core !== "") {
    if (annotations.strikethrough === true) core = `~~${core}~~`;
    if (annotations.italic === true) core = `*${core}*`;
    if (annotations.bold === true) core = `**${core}**`;
  }
  return wrapSpan(`${lead}${core}${trail}`, annotations);
}

function wrapSpan(text: string, annotations: JsonObject): string {
  const color = typeof annotations.color === "string" && annotations.color !== "default";
  const underline = annotations.underline === true;
  if (!color && !underline) return text;
  const attributes = formatAttributes({
    color: color ? markdownColor(String(annotations.color)) : undefined,
    underline: underline ? "true" : undefined,
  });
  return `<span${attributes}>${text}</span>`;
}
