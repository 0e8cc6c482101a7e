import { API_COLORS } from "./colors.ts";
import { formatDateText, parseDate } from "./dates.ts";
import {
  type JsonObject,
  failOneOf,
  expectation,
  isObject,
  optionalBoolean,
  optionalEnum,
  requireArray,
  requireEnum,
  requireObject,
  requireString,
  requireUrl,
  requireUuid,
} from "./validation.ts";

/** Limits from reference/request-limits. */
export const RICH_TEXT_LIMITS = { items: 100, content: 2000, url: 2000, expression: 1000 } as const;

export interface Annotations {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: string;
}

export type RichTextItem = JsonObject & {
  type: "text" | "mention" | "equation";
  annotations: Annotations;
  plain_text: string;
  href: string | null;
};

const ITEM_TYPES = ["text", "mention", "equation"] as const;
const MENTION_TYPES = [
  "user",
  "date",
  "page",
  "database",
  "template_mention",
  "link_preview",
  "custom_emoji",
] as const;

/** A plain text item as Notion serves it (no link, default annotations). */
export function textItem(content: string): RichTextItem {
  return {
    type: "text",
    text: { content, link: null },
    annotations: {
      bold: false,
      italic: false,
      strikethrough: false,
      underline: false,
      code: false,
      color: "default",
    },
    plain_text: content,
    href: null,
  };
}

function parseAnnotations(value: unknown, path: string): Annotations {
  const input = value === undefined ? {} : requireObject(value, path);
  return {
    bold: optionalBoolean(input.bold, `${path}.bold`) ?? false,
    italic: optionalBoolean(input.italic, `${path}.italic`) ?? false,
    strikethrough: optionalBoolean(input.strikethrough, `${path}.strikethrough`) ?? false,
    underline: optionalBoolean(input.underline, `${path}.underline`) ?? false,
    code: optionalBoolean(input.code, `${path}.code`) ?? false,
    color: optionalEnum(input.color, `${path}.color`, API_COLORS) ?? "default",
  };
}

function itemType(input: JsonObject, path: string): (typeof ITEM_TYPES)[number] {
  if (input.type !== undefined) return requireEnum(input.type, `${path}.type`, ITEM_TYPES);
  const present = ITEM_TYPES.find((t) => input[t] !== undefined);
  if (present) return present;
  failOneOf(
    path,
    ITEM_TYPES.map((t) => expectation(`${path}.${t}`, "defined", undefined)),
  );
}

function parseText(
  input: JsonObject,
  path: string,
): { text: JsonObject; plain: string; href: string | null } {
  const text = requireObject(input.text, `${path}.text`);
  const content = requireString(text.content, `${path}.text.content`, RICH_TEXT_LIMITS.content);
  let link: { url: string } | null = null;
  if (text.link !== undefined && text.link !== null) {
    const linkInput = requireObject(text.link, `${path}.text.link`);
    link = { url: requireUrl(linkInput.url, `${path}.text.link.url`) };
  }
  return { text: { content, link }, plain: content, href: link?.url ?? null };
}

function parseMention(
  input: JsonObject,
  path: string,
): { mention: JsonObject; plain: string; href: string | null } {
  const mention = requireObject(input.mention, `${path}.mention`);
  const mpath = `${path}.mention`;
  const type =
    mention.type !== undefined
      ? requireEnum(mention.type, `${mpath}.type`, MENTION_TYPES)
      : MENTION_TYPES.find((t) => mention[t] !== undefined);
  switch (type) {
    case "user": {
      const user = requireObject(mention.user, `${mpath}.user`);
      const id = requireUuid(user.id, `${mpath}.user.id`);
      return { mention: { type, user: { object: "user", id } }, plain: "", href: null };
    }
    case "page":
    case "database": {
      const target = requireObject(mention[type], `${mpath}.${type}`);
      const id = requireUuid(target.id, `${mpath}.${type}.id`);
      return { mention: { type, [type]: { id } }, plain: "", href: null };
    }
    case "date": {
      const date = parseDate(mention.date, `${mpath}.date`);
      return { mention: { type, date }, plain: formatDateText(date), href: null };
    }
    case "link_preview": {
      const preview = requireObject(mention.link_preview, `${mpath}.link_preview`);
      const url = requireUrl(preview.url, `${mpath}.link_preview.url`);
      return { mention: { type, link_preview: { url } }, plain: url, href: url };
    }
    case "template_mention":
      return parseTemplateMention(mention, mpath);
    case "custom_emoji": {
      const emoji = requireObject(mention.custom_emoji, `${mpath}.custom_emoji`);
      const id = requireUuid(emoji.id, `${mpath}.custom_emoji.id`);
      const name = typeof emoji.name === "string" ? emoji.name : "";
      const url = typeof emoji.url === "string" ? emoji.url : "";
      return { mention: { type, custom_emoji: { id, name, url } }, plain: `:${name}:`, href: null };
    }
    default:
      failOneOf(
        mpath,
        MENTION_TYPES.map((t) => expectation(`${mpath}.${t}`, "defined", undefined)),
      );
  }
}

function parseTemplateMention(mention: JsonObject, mpath: string) {
  const template = requireObject(mention.template_mention, `${mpath}.template_mention`);
  const tpath = `${mpath}.template_mention`;
  if (template.template_mention_user !== undefined || template.type === "template_mention_user") {
    requireEnum(template.template_mention_user, `${tpath}.template_mention_user`, ["me"]);
    return {
      mention: {
        type: "template_mention",
        template_mention: { type: "template_mention_user", template_mention_user: "me" },
      },
      plain: "@Me",
      href: null,
    };
  }
  const value = requireEnum(template.template_mention_date, `${tpath}.template_mention_date`, [
    "today",
    "now",
  ]);
  return {
    mention: {
      type: "template_mention",
      template_mention: { type: "template_mention_date", template_mention_date: value },
    },
    plain: value === "today" ? "@Today" : "@Now",
    href: null,
  };
}

function parseItem(value: unknown, path: string): RichTextItem {
  const input = requireObject(value, path);
  const type = itemType(input, path);
  const annotations = parseAnnotations(input.annotations, `${path}.annotations`);
  if (type === "text") {
    const { text, plain, href } = parseText(input, path);
    return { type, text, annotations, plain_text: plain, href };
  }
  if (type === "mention") {
    const { mention, plain, href } = parseMention(input, path);
    return { type, mention, annotations, plain_text: plain, href };
  }
  const equation = requireObject(input.equation, `${path}.equation`);
  const expression = requireString(
    equation.expression,
    `${path}.equation.expression`,
    RICH_TEXT_LIMITS.expression,
  );
  return { type, equation: { expression }, annotations, plain_text: expression, href: null };
}

/** Validates a rich text request array and returns the items as Notion serves them back. */
export function parseRichText(value: unknown, path: string): RichTextItem[] {
  return requireArray(value, path, RICH_TEXT_LIMITS.items).map((item, i) => parseItem(item, `${path}[${i}]`));
}

export function plainText(items: unknown): string {
  if (!Array.isArray(items)) return "";
  return items
    .map((item) => (isObject(item) && typeof item.plain_text === "string" ? item.plain_text : ""))
    .join("");
}

/** Mentions whose display text depends on other objects (a page title, a user's name). */
export interface MentionTarget {
  kind: "user" | "page" | "database";
  id: string;
}

/** Walks any stored JSON (blocks, properties, table cells) and yields the mentions that need names. */
export function* mentionTargets(value: unknown): Generator<MentionTarget & { item: JsonObject }> {
  if (Array.isArray(value)) {
    for (const v of value) yield* mentionTargets(v);
    return;
  }
  if (!isObject(value)) return;
  if (value.type === "mention" && isObject(value.mention)) {
    const mention = value.mention;
    const kind = mention.type;
    if (kind === "user" || kind === "page" || kind === "database") {
      const target = mention[kind];
      if (isObject(target) && typeof target.id === "string") yield { kind, id: target.id, item: value };
    }
    return;
  }
  for (const v of Object.values(value)) yield* mentionTargets(v);
}
