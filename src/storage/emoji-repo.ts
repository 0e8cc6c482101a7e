import type { Executor } from "./executor.ts";

export interface CustomEmojiRecord {
  id: string;
  workspaceId: string;
  name: string;
  url: string;
  createdBy: string;
  createdTime: string;
}

export async function insertCustomEmoji(db: Executor, emoji: CustomEmojiRecord): Promise<void> {
  await db.insertInto("customEmojis").values(emoji).execute();
}

export async function findCustomEmoji(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<CustomEmojiRecord | undefined> {
  return db
    .selectFrom("customEmojis")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findCustomEmojiByName(
  db: Executor,
  workspaceId: string,
  name: string,
): Promise<CustomEmojiRecord | undefined> {
  return db
    .selectFrom("customEmojis")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
}

export async function deleteCustomEmoji(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("customEmojis")
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A workspace's emojis by name (unique), from `fromName` (inclusive) on; `name` keeps exact matches. */
export async function listCustomEmojis(
  db: Executor,
  workspaceId: string,
  options: { fromName?: string | undefined; name?: string | undefined; limit: number },
): Promise<CustomEmojiRecord[]> {
  let query = db.selectFrom("customEmojis").selectAll().where("workspaceId", "=", workspaceId);
  if (options.name !== undefined) query = query.where("name", "=", options.name);
  if (options.fromName !== undefined) query = query.where("name", ">=", options.fromName);
  return query.orderBy("name").limit(options.limit).execute();
}
