import { ICON_COLORS } from "../colors.ts";
import {
  type JsonObject,
  fail,
  optionalEnum,
  optionalString,
  requireNonEmptyString,
  requireObject,
  requireString,
  requireUrl,
  requireUuid,
} from "../validation.ts";
import { pickVariant } from "./fields.ts";

/** The `PageIconRequest` members in the SDK's order (S5 common.d.ts). */
const ICON_KINDS = ["file_upload", "emoji", "external", "custom_emoji", "icon"] as const;
const COVER_KINDS = ["file_upload", "external"] as const;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Notion only takes a single emoji here. Keycaps ("1️⃣") and flags carry no Extended_Pictographic
 * code point, hence the extra classes.
 */
export function isSingleEmoji(text: string): boolean {
  let count = 0;
  for (const _ of graphemes.segment(text)) if (++count > 1) return false;
  return count === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(text);
}

export function parseFileUploadRef(value: unknown, path: string): JsonObject {
  const input = requireObject(value, path);
  return { id: requireUuid(input.id, `${path}.id`) };
}

export function parseExternalRef(value: unknown, path: string): JsonObject {
  const input = requireObject(value, path);
  return { url: requireUrl(input.url, `${path}.url`) };
}

/**
 * Validates a page or block icon request and returns it as stored. A `file_upload` icon keeps the
 * upload id: the service swaps it for the hosted file once it has checked the upload exists.
 * `null` (remove the icon) is the caller's business, since only some fields accept it.
 */
export function parseIcon(value: unknown, path: string): JsonObject {
  const input = requireObject(value, path);
  const kind = pickVariant(input, path, ICON_KINDS);
  switch (kind) {
    case "emoji": {
      const emoji = requireString(input.emoji, `${path}.emoji`);
      if (!isSingleEmoji(emoji)) fail(`${path}.emoji`, "a single emoji", emoji);
      return { type: kind, emoji };
    }
    case "external":
      return { type: kind, external: parseExternalRef(input.external, `${path}.external`) };
    case "file_upload":
      return { type: kind, file_upload: parseFileUploadRef(input.file_upload, `${path}.file_upload`) };
    case "custom_emoji": {
      const cpath = `${path}.custom_emoji`;
      const emoji = requireObject(input.custom_emoji, cpath);
      const stored: JsonObject = { id: requireUuid(emoji.id, `${cpath}.id`) };
      const name = optionalString(emoji.name, `${cpath}.name`);
      const url = emoji.url === undefined ? undefined : requireUrl(emoji.url, `${cpath}.url`);
      if (name !== undefined) stored.name = name;
      if (url !== undefined) stored.url = url;
      return { type: kind, custom_emoji: stored };
    }
    case "icon": {
      const ipath = `${path}.icon`;
      const icon = requireObject(input.icon, ipath);
      const name = requireNonEmptyString(icon.name, `${ipath}.name`);
      const color = optionalEnum(icon.color, `${ipath}.color`, ICON_COLORS) ?? "gray";
      return { type: kind, icon: { name, color } };
    }
  }
}

/** Validates a page cover request (`PageCoverRequest`: external or file_upload). */
export function parseCover(value: unknown, path: string): JsonObject {
  const input = requireObject(value, path);
  const kind = pickVariant(input, path, COVER_KINDS);
  return kind === "external"
    ? { type: kind, external: parseExternalRef(input.external, `${path}.external`) }
    : { type: kind, file_upload: parseFileUploadRef(input.file_upload, `${path}.file_upload`) };
}

/** Icon fields on blocks accept `null` as "no icon" (what Notion serves back for a callout without one). */
export function parseNullableIcon(value: unknown, path: string): JsonObject | null {
  return value === null ? null : parseIcon(value, path);
}

/** The emoji of a stored icon, or null for none and for file or custom-emoji icons. */
export function emojiOf(icon: JsonObject | null): string | null {
  if (!icon) return null;
  const emoji = icon["emoji"];
  return icon["type"] === "emoji" && typeof emoji === "string" && emoji ? emoji : null;
}
