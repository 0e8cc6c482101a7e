import { parseInlineMarkdown } from "../../domain/markdown/inline.ts";
import { type JsonObject, isObject } from "../../domain/validation.ts";

/**
 * Seed shorthands → the Notion API's request shapes. Anything already in Notion's shape passes through,
 * so a seed can always fall back to what the API reference shows.
 */

/** Looks up the id created for a seed key (pages, databases, rows) or a user's key or email. */
export interface Resolver {
  object(key: string): string | undefined;
  dataSource(databaseKey: string): string | undefined;
  user(keyOrEmail: string): string | undefined;
}

export function richText(text: string): JsonObject[] {
  return [{ type: "text", text: { content: text } }];
}

/** Block text in a seed is inline Markdown: `**bold**`, `*italic*`, `` `code` ``, `[links](https://…)`. */
function inlineText(text: string): JsonObject[] {
  return parseInlineMarkdown(text);
}

function blockText(value: unknown): unknown {
  return typeof value === "string" ? inlineText(value) : value;
}

/** An emoji, or an image URL. */
export function icon(value: string): JsonObject {
  return /^https?:\/\//.test(value)
    ? { type: "external", external: { url: value } }
    : { type: "emoji", emoji: value };
}

export function cover(url: string): JsonObject {
  return { type: "external", external: { url } };
}

/** Markdown-like prefixes a plain string may start with. */
const LINE_PREFIXES: [RegExp, string, JsonObject?][] = [
  [/^### /, "heading_3"],
  [/^## /, "heading_2"],
  [/^# /, "heading_1"],
  [/^[-*] \[ \] /, "to_do", { checked: false }],
  [/^[-*] \[x\] /i, "to_do", { checked: true }],
  [/^[-*] /, "bulleted_list_item"],
  [/^\d+\. /, "numbered_list_item"],
  [/^> /, "quote"],
];

function lineBlock(line: string): JsonObject {
  if (/^-{3,}$/.test(line.trim())) return { divider: {} };
  for (const [pattern, type, extra] of LINE_PREFIXES) {
    if (pattern.test(line)) return { [type]: { rich_text: inlineText(line.replace(pattern, "")), ...extra } };
  }
  return { paragraph: { rich_text: inlineText(line) } };
}

/**
 * One block: a string (a paragraph, or a heading, list item, to-do, quote or divider by its Markdown
 * prefix), `{ <type>: "text" }`, `{ <type>: { text, …fields, children } }`, or a Notion block object.
 */
export function block(value: unknown, resolve: Resolver): unknown {
  if (typeof value === "string") return lineBlock(value);
  if (!isObject(value) || value.type !== undefined || Object.keys(value).length !== 1) return value;
  const [type, body] = Object.entries(value)[0] as [string, unknown];
  if (type === "link_to_page" && typeof body === "string") {
    return { link_to_page: { type: "page_id", page_id: resolve.object(body) ?? body } };
  }
  if (typeof body === "string") {
    if (type === "code") return { code: { rich_text: richText(body), language: "plain text" } };
    if (type === "equation") return { equation: { expression: body } };
    if (["image", "video", "file", "pdf", "embed", "bookmark"].includes(type)) return mediaBlock(type, body);
    return { [type]: { rich_text: inlineText(body) } };
  }
  if (!isObject(body)) return value;
  const { text, children, icon: iconValue, ...rest } = body;
  const converted: JsonObject = { ...rest };
  if (text !== undefined) converted.rich_text = blockText(text);
  if (typeof iconValue === "string") converted.icon = icon(iconValue);
  else if (iconValue !== undefined) converted.icon = iconValue;
  if (Array.isArray(children)) converted.children = children.map((c) => block(c, resolve));
  return { [type]: converted };
}

function mediaBlock(type: string, url: string): JsonObject {
  if (type === "embed" || type === "bookmark") return { [type]: { url } };
  return { [type]: { type: "external", external: { url } } };
}

function option(value: unknown): unknown {
  return typeof value === "string" ? { name: value } : value;
}

/** Property types whose settings name other properties or databases: added after every database exists. */
export const LINKED_TYPES = ["relation", "rollup", "formula"];

/** A seed schema entry (see seed-format.ts readProperty) → Notion's `{ <type>: settings }`. */
export function propertySchema(definition: JsonObject, resolve: Resolver): JsonObject {
  const type = String(definition.type);
  if (definition.notion !== undefined) return { [type]: definition.notion };
  const settings: JsonObject = {};
  if (Array.isArray(definition.options)) settings.options = definition.options.map(option);
  if (definition.format !== undefined) settings.format = definition.format;
  if (definition.prefix !== undefined) settings.prefix = definition.prefix;
  if (type === "formula") settings.expression = definition.expression;
  if (type === "relation") {
    const target = String(definition.database);
    settings.data_source_id = resolve.dataSource(target) ?? target;
    if (typeof definition.dual === "string") {
      settings.type = "dual_property";
      settings.dual_property = { synced_property_name: definition.dual };
    } else {
      settings.type = "single_property";
      settings.single_property = {};
    }
  }
  if (type === "rollup") {
    settings.relation_property_name = definition.relation;
    settings.rollup_property_name = definition.property;
    settings.function = definition.function ?? "show_original";
  }
  return { [type]: settings };
}

function ids(value: unknown, lookup: (key: string) => string | undefined): unknown {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === "string" ? { id: lookup(v) ?? v } : v));
}

/** A row's value for a property of `type`, from its shorthand; Notion's `{ <type>: … }` passes through. */
export function propertyValue(type: string, value: unknown, resolve: Resolver): unknown {
  if (isObject(value) && type in value) return value;
  switch (type) {
    case "title":
    case "rich_text":
      // Property values stay plain text: a title with `*` in it is just a title.
      return { [type]: typeof value === "string" ? richText(value) : value };
    case "select":
    case "status":
      return { [type]: value === null ? null : option(value) };
    case "multi_select":
      return { multi_select: (Array.isArray(value) ? value : [value]).map(option) };
    case "date":
      return { date: typeof value === "string" ? { start: value } : value };
    case "relation":
      return { relation: ids(value, (key) => resolve.object(key)) };
    case "people":
      return { people: ids(value, (key) => resolve.user(key)) };
    case "files":
      return {
        files: (Array.isArray(value) ? value : [value]).map((f) =>
          typeof f === "string" ? { name: f.split("/").pop() ?? f, external: { url: f } } : f,
        ),
      };
    default:
      return { [type]: value };
  }
}
