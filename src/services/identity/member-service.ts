import {
  type MemberRow,
  accountIdOfMember,
  deleteMembership,
  deleteSessionsIn,
  findAccount,
  insertMembership,
  membersOf,
  setMemberRole,
} from "../../storage/account-repo.ts";
import { deleteGuestSharesOf } from "../../storage/guest-share-repo.ts";
import { type WorkspaceRecord, revokePersonalTokensOf } from "../../storage/identity-repo.ts";
import { AccountError, type Role, addPerson } from "./account-service.ts";
import { forgetCachedTokens } from "./auth-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { createWorkspace } from "./workspace-service.ts";

export const ROLES: readonly Role[] = ["owner", "member", "guest"];

export function parseRole(value: string | undefined): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new AccountError("Pick a role: owner, member or guest.");
  return role;
}

export async function listMembers(ctx: ServiceContext, workspaceId: string): Promise<MemberRow[]> {
  return membersOf(ctx.store.db, workspaceId);
}

async function memberOrThrow(ctx: ServiceContext, workspaceId: string, userId: string): Promise<MemberRow> {
  const found = (await listMembers(ctx, workspaceId)).find((m) => m.user.id === userId);
  if (!found) throw new AccountError("That person is not a member of this workspace.");
  return found;
}

/** A workspace always keeps an owner, so someone can manage its people and integrations. */
async function assertNotLastOwner(
  ctx: ServiceContext,
  workspaceId: string,
  target: MemberRow,
): Promise<void> {
  if (target.role !== "owner") return;
  const owners = (await listMembers(ctx, workspaceId)).filter((m) => m.role === "owner");
  if (owners.length <= 1)
    throw new AccountError("A workspace needs at least one owner: make someone else an owner first.");
}

/** Adds a person (new account with this initial password, or an existing account by email). */
export async function addMember(
  ctx: ServiceContext,
  workspaceId: string,
  input: { email: string; password: string; role: Role },
): Promise<{ created: boolean }> {
  const result = await addPerson(ctx, { ...input, workspaceId, password: input.password || undefined });
  return { created: result.created };
}

export async function changeRole(
  ctx: ServiceContext,
  workspaceId: string,
  userId: string,
  role: Role,
): Promise<void> {
  const target = await memberOrThrow(ctx, workspaceId, userId);
  if (target.role === role) return;
  await assertNotLastOwner(ctx, workspaceId, target);
  await setMemberRole(ctx.store.db, workspaceId, userId, role);
  // A guest made member no longer needs page shares; a member made guest starts with none.
  await deleteGuestSharesOf(ctx.store.db, userId);
  // A personal token acts with everything its person sees; a guest's would see the whole workspace.
  if (role === "guest") await revokePersonalTokens(ctx, userId);
}

async function revokePersonalTokens(ctx: ServiceContext, userId: string): Promise<void> {
  await revokePersonalTokensOf(ctx.store.db, userId, nowIso(ctx));
  forgetCachedTokens(ctx.store);
}

/**
 * Removes a person from the workspace: their membership, sessions there, guest shares and personal
 * tokens end at once. Their user row stays, so pages they created still name them (as Notion keeps
 * former members as authors).
 */
export async function removeMember(ctx: ServiceContext, workspaceId: string, userId: string): Promise<void> {
  const target = await memberOrThrow(ctx, workspaceId, userId);
  await assertNotLastOwner(ctx, workspaceId, target);
  const accountId = await accountIdOfMember(ctx.store.db, userId);
  await ctx.store.transaction(async (trx) => {
    await deleteMembership(trx, workspaceId, userId);
    await deleteSessionsIn(trx, accountId, workspaceId);
    await deleteGuestSharesOf(trx, userId);
  });
  await revokePersonalTokens(ctx, userId);
}

/** A new workspace owned by the signed-in person (Notion: "Create workspace" in the switcher). */
export async function createOwnedWorkspace(
  ctx: ServiceContext,
  accountId: string,
  name: string,
): Promise<WorkspaceRecord> {
  const trimmed = name.trim();
  if (!trimmed) throw new AccountError("A workspace needs a name.");
  if (trimmed.length > 100) throw new AccountError("A workspace name has at most 100 characters.");
  const account = await findAccount(ctx.store.db, accountId);
  if (!account) throw new AccountError("Your account no longer exists.");
  return ctx.store.transaction(async (trx) => {
    const { workspace, owner } = await createWorkspace(
      ctx,
      { name: trimmed, ownerName: account.name, ownerEmail: account.email },
      trx,
    );
    await insertMembership(trx, {
      accountId,
      workspaceId: workspace.id,
      userId: owner.id,
      role: "owner",
      createdTime: nowIso(ctx),
    });
    return workspace;
  });
}
