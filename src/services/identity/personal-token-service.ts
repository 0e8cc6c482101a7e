import { listLivePersonalTokens, revokePersonalTokenOf } from "../../storage/identity-repo.ts";
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
  return listLivePersonalTokens(ctx.store.db, userId);
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
  if (!(await revokePersonalTokenOf(ctx.store.db, userId, tokenId, nowIso(ctx))))
    throw new AccountError("No such token.");
  forgetCachedTokens(ctx.store);
}
