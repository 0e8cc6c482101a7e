import { newId, parseId } from "../../domain/ids.ts";
import { type JsonObject, excerpt, fail, isObject, requireUrl, show } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import {
  type CustomEmojiRecord,
  deleteCustomEmoji,
  findCustomEmoji,
  findCustomEmojiByName,
  insertCustomEmoji,
  listCustomEmojis,
} from "../../storage/emoji-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { type Page, type PageRequest, invalidCursor } from "../pagination.ts";

/**
 * Custom emojis of a workspace (developers.notion.com/reference/list-custom-emojis). Notion creates
 * them in its app only; Quire adds them through `addCustomEmoji` (the CLI's `quire emoji add`).
 */

/** `:name:` is how people type an emoji, so a name is one word: letters, digits, `_` and `-`. */
const NAME = /^[\p{L}\p{N}_-]{1,100}$/u;

export async function addCustomEmoji(
  ctx: ServiceContext,
  workspaceId: string,
  input: { name: string; url: string; createdBy: string },
): Promise<CustomEmojiRecord> {
  if (!NAME.test(input.name)) {
    throw validationError(
      `Custom emoji name should be 1 to 100 letters, digits, "_" or "-", instead was ${show(input.name)}.`,
    );
  }
  const url = requireUrl(input.url, "url");
  return ctx.store.transaction(async (trx) => {
    if (await findCustomEmojiByName(trx, workspaceId, input.name)) {
      throw validationError(`A custom emoji named ${show(input.name)} already exists.`);
    }
    const emoji: CustomEmojiRecord = {
      id: newId(),
      workspaceId,
      name: input.name,
      url,
      createdBy: input.createdBy,
      createdTime: nowIso(ctx),
    };
    await insertCustomEmoji(trx, emoji);
    return emoji;
  });
}

/** Removes an emoji by id or name; icons that used it keep the name and URL they were given. */
export async function removeCustomEmoji(
  ctx: ServiceContext,
  workspaceId: string,
  idOrName: string,
): Promise<boolean> {
  const db = ctx.store.db;
  const id = parseId(idOrName);
  const emoji = id
    ? await findCustomEmoji(db, workspaceId, id)
    : await findCustomEmojiByName(db, workspaceId, idOrName);
  return emoji ? deleteCustomEmoji(db, workspaceId, emoji.id) : false;
}

/** `GET /v1/custom_emojis`: by name; `name` is an exact match; cursors are the next emoji's id. */
export async function listWorkspaceEmojis(
  ctx: ServiceContext,
  workspaceId: string,
  page: PageRequest,
  name: string | undefined,
): Promise<Page<CustomEmojiRecord>> {
  const db = ctx.store.db;
  let fromName: string | undefined;
  if (page.startCursor !== undefined) {
    const id = parseId(page.startCursor);
    const from = id && (await findCustomEmoji(db, workspaceId, id));
    if (!from) throw invalidCursor(page.startCursor);
    fromName = from.name;
  }
  const rows = await listCustomEmojis(db, workspaceId, { fromName, name, limit: page.pageSize + 1 });
  const next = rows[page.pageSize];
  return { results: rows.slice(0, page.pageSize), nextCursor: next ? next.id : null };
}

/**
 * A `custom_emoji` icon names the emoji by id; Notion serves it back with the emoji's name and URL,
 * so those are filled in from the workspace's emoji (and a name or URL in the request is ignored).
 */
export async function resolveCustomEmojiIcon(
  db: Executor,
  workspaceId: string,
  icon: JsonObject | null,
): Promise<JsonObject | null>;
export async function resolveCustomEmojiIcon(
  db: Executor,
  workspaceId: string,
  icon: JsonObject | null | undefined,
): Promise<JsonObject | null | undefined>;
export async function resolveCustomEmojiIcon(
  db: Executor,
  workspaceId: string,
  icon: JsonObject | null | undefined,
): Promise<JsonObject | null | undefined> {
  if (!icon || icon.type !== "custom_emoji" || !isObject(icon.custom_emoji)) return icon;
  const id = icon.custom_emoji.id;
  if (typeof id !== "string") fail("body.icon.custom_emoji.id", "defined", id);
  const emoji = await findCustomEmoji(db, workspaceId, id);
  if (!emoji) throw validationError(`Could not find custom emoji with ID: ${excerpt(id)}.`);
  return { type: "custom_emoji", custom_emoji: { id: emoji.id, name: emoji.name, url: emoji.url } };
}
