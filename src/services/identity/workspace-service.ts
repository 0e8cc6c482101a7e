import { notFound, validationError } from "../../errors.ts";
import { newId, parseId } from "../../domain/ids.ts";
import type { Executor } from "../../storage/executor.ts";
import {
  type IntegrationRecord,
  type UserRecord,
  type WorkspaceRecord,
  findIntegrationByName,
  firstWorkspace,
  insertGrant,
  insertIntegration,
  insertToken,
  insertUser,
  insertWorkspace,
  lockFirstWorkspaceCreation,
  workspaceOwner,
} from "../../storage/identity-repo.ts";
import { findBlock } from "../../storage/block-repo.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { hashToken, newToken } from "./tokens.ts";
import type { Capability } from "../access/viewer.ts";

export interface NewWorkspace {
  name: string;
  ownerName: string;
  ownerEmail: string;
}

export async function createWorkspace(
  ctx: ServiceContext,
  input: NewWorkspace,
  db: Executor = ctx.store.db,
): Promise<{ workspace: WorkspaceRecord; owner: UserRecord }> {
  const now = nowIso(ctx);
  const workspace: WorkspaceRecord = { id: newId(), name: input.name, icon: null, createdTime: now };
  const owner: UserRecord = {
    id: newId(),
    workspaceId: workspace.id,
    type: "person",
    name: input.ownerName,
    avatarUrl: null,
    email: input.ownerEmail,
    createdTime: now,
  };
  await insertWorkspace(db, workspace);
  await insertUser(db, owner);
  return { workspace, owner };
}

/** The workspace a fresh server starts with; `created` tells the caller to print the welcome. */
export async function ensureDefaultWorkspace(
  ctx: ServiceContext,
): Promise<{ workspace: WorkspaceRecord; owner: UserRecord; created: boolean }> {
  return ctx.store.transaction(async (trx) => {
    // Several processes may start together on one PostgreSQL; only one may create the workspace.
    await lockFirstWorkspaceCreation(trx, ctx.store.dialect);
    const existing = await firstWorkspace(trx);
    if (existing) {
      const owner = await workspaceOwner(trx, existing.id);
      if (owner) return { workspace: existing, owner, created: false };
    }
    const created = await createWorkspace(
      ctx,
      { name: "Quire Workspace", ownerName: "Workspace Owner", ownerEmail: "owner@quire.local" },
      trx,
    );
    return { ...created, created: true };
  });
}

/** A personal access token of `userId`; `label` names it in the Tokens page. Returns the secret. */
export async function createPersonalToken(
  ctx: ServiceContext,
  workspaceId: string,
  userId: string,
  label?: string,
): Promise<string> {
  const token = newToken();
  await insertToken(ctx.store.db, {
    id: newId(),
    tokenHash: hashToken(token),
    workspaceId,
    kind: "personal",
    userId,
    integrationId: null,
    createdTime: nowIso(ctx),
    revokedTime: null,
    ...(label === undefined ? {} : { label }),
  });
  return token;
}

export async function createIntegration(
  ctx: ServiceContext,
  workspaceId: string,
  input: { name: string; capabilities: Capability[]; ownerUserId: string; icon?: string | null },
): Promise<{ integration: IntegrationRecord; token: string }> {
  const now = nowIso(ctx);
  const token = newToken();
  const botUserId = newId();
  const integration: IntegrationRecord = {
    id: newId(),
    workspaceId,
    name: input.name,
    botUserId,
    capabilities: input.capabilities,
    ownerUserId: input.ownerUserId,
    createdTime: now,
    kind: "internal",
    icon: input.icon ?? null,
    installedFrom: null,
  };
  await ctx.store.transaction(async (trx) => {
    await insertUser(trx, {
      id: botUserId,
      workspaceId,
      type: "bot",
      name: input.name,
      avatarUrl: null,
      email: null,
      createdTime: now,
    });
    await insertIntegration(trx, integration);
    await insertToken(trx, {
      id: newId(),
      tokenHash: hashToken(token),
      workspaceId,
      kind: "integration",
      userId: botUserId,
      integrationId: integration.id,
      createdTime: now,
      revokedTime: null,
    });
  });
  return { integration, token };
}

/** Grants an integration a page and, through ancestry, everything below it. */
export async function shareWithIntegration(
  ctx: ServiceContext,
  workspaceId: string,
  integrationName: string,
  rawPageId: string,
): Promise<void> {
  const db = ctx.store.db;
  const integration = await findIntegrationByName(db, workspaceId, integrationName);
  if (!integration) throw validationError(`No integration named "${integrationName}" in this workspace.`);
  const pageId = parseId(rawPageId);
  const page = pageId ? await findBlock(db, workspaceId, pageId) : undefined;
  if (!pageId || !page) throw notFound("page", rawPageId);
  await insertGrant(db, integration.id, pageId, nowIso(ctx));
}
