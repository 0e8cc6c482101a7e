import type { Executor } from "./executor.ts";

/** Pages shared with guests (`guest_shares`), and the guests a workspace has. */

export interface GuestShareRow {
  userId: string;
  name: string | null;
  email: string;
}

/** The pages shared with a guest directly (each shares everything below it too). */
export async function sharedBlockIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("guestShares").select("blockId").where("userId", "=", userId).execute();
  return rows.map((r) => r.blockId);
}

/** Guests a page is shared with directly, by email. */
export async function guestsSharingBlock(
  db: Executor,
  workspaceId: string,
  blockId: string,
): Promise<GuestShareRow[]> {
  return db
    .selectFrom("guestShares")
    .innerJoin("memberships", "memberships.userId", "guestShares.userId")
    .innerJoin("accounts", "accounts.id", "memberships.accountId")
    .innerJoin("users", "users.id", "guestShares.userId")
    .select(["guestShares.userId as userId", "users.name as name", "accounts.email as email"])
    .where("guestShares.blockId", "=", blockId)
    .where("memberships.workspaceId", "=", workspaceId)
    .orderBy("accounts.email")
    .execute();
}

/** The workspace's guests, by email. */
export async function guestsOfWorkspace(db: Executor, workspaceId: string): Promise<GuestShareRow[]> {
  return db
    .selectFrom("memberships")
    .innerJoin("accounts", "accounts.id", "memberships.accountId")
    .innerJoin("users", "users.id", "memberships.userId")
    .select(["memberships.userId as userId", "users.name as name", "accounts.email as email"])
    .where("memberships.workspaceId", "=", workspaceId)
    .where("memberships.role", "=", "guest")
    .orderBy("accounts.email")
    .execute();
}

/** Shares a page with a guest; sharing it again changes nothing. */
export async function insertGuestShare(
  db: Executor,
  userId: string,
  blockId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("guestShares")
    .values({ userId, blockId, createdTime: now })
    .onConflict((oc) => oc.columns(["userId", "blockId"]).doNothing())
    .execute();
}

export async function deleteGuestShare(db: Executor, userId: string, blockId: string): Promise<void> {
  await db.deleteFrom("guestShares").where("userId", "=", userId).where("blockId", "=", blockId).execute();
}

/** Every page share of a person. */
export async function deleteGuestSharesOf(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom("guestShares").where("userId", "=", userId).execute();
}
