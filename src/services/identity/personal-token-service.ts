import { AccountError } from "./account-service.ts";
import { forgetCachedTokens } from "./auth-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { createPersonalToken } from "./workspace-service.ts";

export interface PersonalTokenEntry {
  id: string;
  label?: string | null;
  createdTime: string;
}

/** A person's live personal access tokens (their values are never stored, so never shown again). */
export async function listPersonalTokens(ctx: ServiceContext, userId: string): Promise<PersonalTokenEntry[]> {
  return ctx.database.db
    .selectFrom("tokens")
    .select(["id", "label", "createdTime"])
    .where("userId", "=", userId)
    .where("kind", "=", "personal")
    .where("revokedTime", "is", null)
    .orderBy("createdTime", "desc")
    .execute();
}

export async function createLabeledToken(
  ctx: ServiceContext,
  workspaceId: string,
  userId: string,
  label: string,
): Promise<string> {
  const name = label.trim();
  if (!name) throw new AccountError("Give the token a name, so you can tell it apart later.");
  return createPersonalToken(ctx, workspaceId, userId, name.slice(0, 100));
}

export async function revokePersonalToken(
  ctx: ServiceContext,
  userId: string,
  tokenId: string,
): Promise<void> {
  const result = await ctx.database.db
    .updateTable("tokens")
    .set({ revokedTime: nowIso(ctx) })
    .where("id", "=", tokenId)
    .where("userId", "=", userId)
    .where("kind", "=", "personal")
    .where("revokedTime", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AccountError("No such token.");
  forgetCachedTokens(ctx.database);
}
