import { randomBytes } from "node:crypto";
import { newId } from "../../domain/ids.ts";
import { isSingleEmoji } from "../../domain/blocks/icons.ts";
import {
  type IntegrationRecord,
  findIntegration,
  insertIntegration,
  insertToken,
  insertUser,
  listOwnIntegrations,
  renameUser,
  revokeIntegrationTokens,
  setInstallationCapabilities,
  updateIntegrationFields,
} from "../../storage/identity-repo.ts";
import {
  type OauthClientRecord,
  findClientOfIntegration,
  insertClient,
  updateClient,
} from "../../storage/oauth-repo.ts";
import { AccountError } from "./account-service.ts";
import { forgetCachedTokens } from "./auth-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { hashToken, newToken } from "./tokens.ts";
import type { Capability } from "../access/viewer.ts";

/** OAuth client secrets look like Notion's (`secret_…`). */
export function newClientSecret(): string {
  return `secret_${randomBytes(32).toString("base64url")}`;
}

/**
 * Redirect URIs must be absolute http(s) URLs without a fragment (RFC 6749 §3.1.2); plain http is
 * allowed because developers run their apps on localhost.
 */
export function checkRedirectUris(uris: string[]): string[] {
  const cleaned = [...new Set(uris.map((u) => u.trim()).filter(Boolean))];
  for (const uri of cleaned) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new AccountError(`Redirect URI "${uri}" is not an absolute URL.`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw new AccountError(`Redirect URI "${uri}" must use http or https.`);
    if (url.hash) throw new AccountError(`Redirect URI "${uri}" must not have a fragment.`);
  }
  return cleaned;
}

/**
 * An integration's icon is one emoji, as a page icon's `emoji` (reference/emoji-object); blank means none.
 * Returns the trimmed icon or null.
 */
export function checkIntegrationIcon(icon: string | null | undefined): string | null {
  const trimmed = icon?.trim() ?? "";
  if (!trimmed) return null;
  if (!isSingleEmoji(trimmed))
    throw new AccountError(`The icon must be a single emoji, like 🚀 (not "${trimmed.slice(0, 40)}").`);
  return trimmed;
}

export interface NewPublicIntegration {
  name: string;
  icon?: string | null;
  capabilities: Capability[];
  ownerUserId: string;
  redirectUris: string[];
  templatePageId?: string | null;
}

/** A public integration: installed into workspaces through OAuth, so it has a client id and secret, no token. */
export async function createPublicIntegration(
  ctx: ServiceContext,
  workspaceId: string,
  input: NewPublicIntegration,
): Promise<{ integration: IntegrationRecord; clientId: string; clientSecret: string }> {
  const name = input.name.trim();
  if (!name) throw new AccountError("An integration needs a name.");
  const icon = checkIntegrationIcon(input.icon);
  const redirectUris = checkRedirectUris(input.redirectUris);
  if (redirectUris.length === 0)
    throw new AccountError("A public integration needs at least one redirect URI.");
  const now = nowIso(ctx);
  const integration: IntegrationRecord = {
    id: newId(),
    workspaceId,
    name,
    botUserId: newId(),
    capabilities: input.capabilities,
    ownerUserId: input.ownerUserId,
    createdTime: now,
    kind: "public",
    icon,
    installedFrom: null,
  };
  const clientId = newId();
  const clientSecret = newClientSecret();
  await ctx.store.transaction(async (trx) => {
    await insertUser(trx, {
      id: integration.botUserId,
      workspaceId,
      type: "bot",
      name,
      avatarUrl: null,
      email: null,
      createdTime: now,
    });
    await insertIntegration(trx, integration);
    await insertClient(trx, {
      integrationId: integration.id,
      clientId,
      clientSecretHash: hashToken(clientSecret),
      redirectUris,
      templatePageId: input.templatePageId ?? null,
    });
  });
  return { integration, clientId, clientSecret };
}

export interface IntegrationSummary {
  integration: IntegrationRecord;
  client: OauthClientRecord | undefined;
}

/** The workspace's own integrations (internal and public); installations of others' are connections. */
export async function listIntegrations(
  ctx: ServiceContext,
  workspaceId: string,
): Promise<IntegrationSummary[]> {
  const rows = await listOwnIntegrations(ctx.store.db, workspaceId);
  return Promise.all(
    rows.map(async (row) => ({
      integration: row,
      client: row.kind === "public" ? await findClientOfIntegration(ctx.store.db, row.id) : undefined,
    })),
  );
}

export async function getIntegration(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<IntegrationSummary> {
  const row = await findIntegration(ctx.store.db, workspaceId, id);
  if (!row) throw new AccountError("No such integration in this workspace.");
  return {
    integration: row,
    client: row.kind === "public" ? await findClientOfIntegration(ctx.store.db, row.id) : undefined,
  };
}

/** Changes name, icon, capabilities and (public) redirect URIs; installations follow the capabilities. */
export async function updateIntegration(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
  changes: {
    name: string;
    icon: string | null;
    capabilities: Capability[];
    redirectUris?: string[];
    templatePageId?: string | null;
  },
): Promise<void> {
  const { integration } = await getIntegration(ctx, workspaceId, id);
  const name = changes.name.trim();
  if (!name) throw new AccountError("An integration needs a name.");
  const icon = checkIntegrationIcon(changes.icon);
  const redirectUris = changes.redirectUris && checkRedirectUris(changes.redirectUris);
  if (integration.kind === "public" && redirectUris?.length === 0)
    throw new AccountError("A public integration needs at least one redirect URI.");
  const capabilities = changes.capabilities;
  await ctx.store.transaction(async (trx) => {
    await updateIntegrationFields(trx, id, { name, icon, capabilities });
    await renameUser(trx, integration.botUserId, name);
    if (integration.kind === "public") {
      await setInstallationCapabilities(trx, id, capabilities);
      await updateClient(trx, id, {
        ...(redirectUris ? { redirectUris } : {}),
        ...(changes.templatePageId !== undefined ? { templatePageId: changes.templatePageId } : {}),
      });
    }
  });
  forgetCachedTokens(ctx.store);
}

/** Ends the internal secret(s) and issues a new one; returns it (shown once: only its digest is kept). */
export async function refreshInternalSecret(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<string> {
  const { integration } = await getIntegration(ctx, workspaceId, id);
  if (integration.kind !== "internal") throw new AccountError("Only internal integrations have a secret.");
  await revokeInternalSecret(ctx, workspaceId, id);
  const token = newToken();
  await insertToken(ctx.store.db, {
    id: newId(),
    tokenHash: hashToken(token),
    workspaceId,
    kind: "integration",
    userId: integration.botUserId,
    integrationId: id,
    createdTime: nowIso(ctx),
    revokedTime: null,
  });
  return token;
}

export async function revokeInternalSecret(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<void> {
  await revokeIntegrationTokens(ctx.store.db, workspaceId, id, nowIso(ctx));
  forgetCachedTokens(ctx.store);
}

export async function refreshClientSecret(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<string> {
  const { client } = await getIntegration(ctx, workspaceId, id);
  if (!client) throw new AccountError("Only public integrations have a client secret.");
  const secret = newClientSecret();
  await updateClient(ctx.store.db, id, { clientSecretHash: hashToken(secret) });
  return secret;
}
