import type { PropertyType } from "./properties/types.ts";
import { isTimeZone, offsetMs, wallClock } from "./time-zones.ts";
import {
  type JsonObject,
  fail,
  isObject,
  optionalString,
  requireEnum,
  requireObject,
  requireUuid,
} from "./validation.ts";

/**
 * The `template` parameter of pages.create and pages.update (S5 pages.d.ts; reference/post-page
 * "template", reference/patch-page "Applying a page template"). `none` exists on create only.
 */
export type TemplateRequest =
  | { type: "none" }
  | { type: "default"; timeZone: string }
  | { type: "template_id"; templateId: string; timeZone: string };

export function parseTemplateRequest(
  value: unknown,
  path: string,
  options: { allowNone: boolean },
): TemplateRequest {
  const input = requireObject(value, path);
  const types = options.allowNone
    ? (["none", "default", "template_id"] as const)
    : (["default", "template_id"] as const);
  const type = requireEnum(input.type, `${path}.type`, types);
  if (type === "none") return { type };
  // Internal integrations resolve @today and @now in UTC unless told otherwise (S5 `TemplateTimezone`).
  const timeZone = optionalString(input.timezone, `${path}.timezone`) ?? "UTC";
  if (!isTimeZone(timeZone)) fail(`${path}.timezone`, "a valid IANA time zone", timeZone);
  if (type === "default") return { type, timeZone };
  return { type, templateId: requireUuid(input.template_id, `${path}.template_id`), timeZone };
}

/**
 * Property types whose values a template hands to the pages made from it. Computed values are
 * recomputed for the new page; `unique_id` numbers are the new page's own; a verification belongs to
 * the page that was verified.
 */
const COPIED_TYPES: ReadonlySet<PropertyType> = new Set<PropertyType>([
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "status",
  "date",
  "people",
  "files",
  "checkbox",
  "url",
  "email",
  "phone_number",
  "relation",
  "place",
  "location",
]);

export function isCopiedFromTemplate(type: PropertyType): boolean {
  return COPIED_TYPES.has(type);
}

export interface MentionContext {
  /** The instant the template is applied. */
  now: number;
  timeZone: string;
  /** Who applies it: `@me` becomes a mention of them. */
  userId: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function localDate(ms: number, timeZone: string): string {
  const c = wallClock(ms, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

function localDateTime(ms: number, timeZone: string): string {
  const c = wallClock(ms, timeZone);
  const offset = Math.round(offsetMs(ms, timeZone) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${localDate(ms, timeZone)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${pad(c.millisecond, 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function resolveMention(item: JsonObject, context: MentionContext): JsonObject {
  const mention = isObject(item.mention) ? item.mention : undefined;
  const template = mention && isObject(mention.template_mention) ? mention.template_mention : undefined;
  if (!template) return item;
  if (template.type === "template_mention_user") {
    return {
      ...item,
      mention: { type: "user", user: { object: "user", id: context.userId } },
      plain_text: "@",
      href: null,
    };
  }
  const start =
    template.template_mention_date === "now"
      ? localDateTime(context.now, context.timeZone)
      : localDate(context.now, context.timeZone);
  return {
    ...item,
    mention: { type: "date", date: { start, end: null, time_zone: null } },
    plain_text: start,
    href: null,
  };
}

/**
 * Template variables (`@today`, `@now`, `@me`; rich text `template_mention`s) become real date and
 * user mentions when a page is made from a template, as the Notion app does. Walks any stored JSON
 * (block content, property values) and returns a copy.
 */
export function resolveTemplateMentions<T>(value: T, context: MentionContext): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    if (node.type === "mention") return resolveMention(node, context);
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
  };
  return walk(value) as T;
}
