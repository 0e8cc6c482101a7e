import { randomBytes } from "node:crypto";
import {
  expireMcpAccessTokens,
  findMcpAccessOwner,
  findMcpCode,
  findMcpGrant,
  findMcpToken,
  insertMcpToken,
  listLiveMcpGrants,
  revokeMcpGrant,
  useMcpCode,
  useMcpRefreshToken,
} from "../../storage/mcp-oauth-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { Viewer } from "../access/viewer.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { hashToken, newToken } from "../identity/tokens.ts";
import { verifierMatches } from "../oauth/pkce.ts";
import { McpOauthError } from "./mcp-oauth-errors.ts";

/** Access tokens live an hour; the client refreshes them (rotating the refresh token each time). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

type Form = Record<string, unknown>;

function field(form: Form, name: string): string | undefined {
  const value = form[name];
  if (Array.isArray(value)) throw new McpOauthError("invalid_request", `${name} was given more than once.`);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function required(form: Form, name: string): string {
  const value = field(form, name);
  if (value === undefined) throw new McpOauthError("invalid_request", `${name} is required.`);
  return value;
}

async function issue(trx: Executor, ctx: ServiceContext, grantId: string) {
  const now = ctx.clock();
  const accessToken = newToken();
  const refreshToken = `nrt_${randomBytes(32).toString("base64url")}`;
  await insertMcpToken(trx, {
    tokenHash: hashToken(accessToken),
    grantId,
    kind: "access",
    createdTime: now.toISOString(),
    expiresTime: new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000).toISOString(),
    usedTime: null,
  });
  await insertMcpToken(trx, {
    tokenHash: hashToken(refreshToken),
    grantId,
    kind: "refresh",
    createdTime: now.toISOString(),
    expiresTime: null,
    usedTime: null,
  });
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    refresh_token: refreshToken,
  };
}

/**
 * `POST /token` of `/mcp`'s OAuth: the code exchange (with its PKCE verifier and redirect URI) or a
 * refresh. Clients are public, so a client secret or Basic header is refused as Notion refuses it
 * ("Client must not use multiple authentication methods" when registered as public).
 */
export async function mcpToken(ctx: ServiceContext, form: Form, authorization: string | undefined) {
  if (authorization !== undefined || form.client_secret !== undefined)
    throw new McpOauthError(
      "invalid_client",
      "Client must not use multiple authentication methods: this client is public, send client_id and no secret.",
    );
  const clientId = required(form, "client_id");
  const grantType = required(form, "grant_type");
  if (grantType === "authorization_code") return exchangeCode(ctx, clientId, form);
  if (grantType === "refresh_token") return refresh(ctx, clientId, required(form, "refresh_token"));
  throw new McpOauthError(
    "unsupported_grant_type",
    'grant_type must be "authorization_code" or "refresh_token".',
  );
}

async function exchangeCode(ctx: ServiceContext, clientId: string, form: Form) {
  const codeHash = hashToken(required(form, "code"));
  const verifier = required(form, "code_verifier");
  const redirectUri = required(form, "redirect_uri");
  const now = nowIso(ctx);
  const outcome = await ctx.store.transaction(async (trx) => {
    const code = await findMcpCode(trx, codeHash);
    const grant = code && (await findMcpGrant(trx, code.grantId));
    if (!code || !grant || grant.clientId !== clientId)
      return { error: "The code was not issued to this client." };
    if (code.usedTime !== null || grant.revokedTime !== null) {
      // A code presented twice may have been stolen: end what it gave (RFC 6749 §4.1.2).
      await revokeMcpGrant(trx, grant.id, now);
      return { error: "The code was already used; the tokens issued for it are revoked." };
    }
    if (Date.parse(code.expiresTime) <= Date.parse(now)) return { error: "The code has expired." };
    if (redirectUri !== code.redirectUri)
      return { error: "redirect_uri does not match the authorization request." };
    if (!verifierMatches(verifier, code.codeChallenge))
      return { error: "code_verifier does not match the code_challenge." };
    if (!(await useMcpCode(trx, codeHash, now))) return { error: "The code was already used." };
    return { tokens: await issue(trx, ctx, grant.id) };
  });
  if (outcome.tokens) return outcome.tokens;
  throw new McpOauthError("invalid_grant", outcome.error ?? "Invalid code.");
}

async function refresh(ctx: ServiceContext, clientId: string, given: string) {
  const tokenHash = hashToken(given);
  const now = nowIso(ctx);
  const outcome = await ctx.store.transaction(async (trx) => {
    const token = await findMcpToken(trx, tokenHash);
    const grant = token && (await findMcpGrant(trx, token.grantId));
    if (!token || token.kind !== "refresh" || !grant || grant.clientId !== clientId)
      return { error: "Invalid refresh token." };
    if (grant.revokedTime !== null) return { error: "This connection was revoked; authorize again." };
    if (token.usedTime !== null || !(await useMcpRefreshToken(trx, tokenHash, now))) {
      // A rotated-out refresh token used again means two parties hold it: end the grant (OAuth 2.0
      // Security BCP §4.14.2).
      await revokeMcpGrant(trx, grant.id, now);
      return {
        error: "This refresh token was already used, so the connection was revoked; authorize again.",
      };
    }
    await expireMcpAccessTokens(trx, grant.id, now);
    return { tokens: await issue(trx, ctx, grant.id) };
  });
  if (outcome.tokens) return outcome.tokens;
  throw new McpOauthError("invalid_grant", outcome.error ?? "Invalid refresh token.");
}

/**
 * The person an MCP access token acts as, read on every request (no cache): a revoked connection, an
 * expired token or a removed member is refused at once, whichever process answers.
 */
export async function verifyMcpAccessToken(ctx: ServiceContext, token: string): Promise<Viewer | undefined> {
  const owner = await findMcpAccessOwner(ctx.store.db, hashToken(token));
  if (!owner || owner.expiresTime === null || Date.parse(owner.expiresTime) <= ctx.clock().getTime())
    return undefined;
  return {
    workspaceId: owner.workspaceId,
    workspaceName: owner.workspaceName,
    userId: owner.userId,
    integration: null,
    ...(owner.role === "guest" ? { guest: true } : {}),
  };
}

export interface McpConnection {
  id: string;
  clientName: string;
  createdTime: string;
}

/** A person's MCP connections (the dashboard lists them). */
export async function listMcpConnections(ctx: ServiceContext, userId: string): Promise<McpConnection[]> {
  const rows = await listLiveMcpGrants(ctx.store.db, userId);
  return rows.map((r) => ({ id: r.id, clientName: r.clientName, createdTime: r.createdTime }));
}

/** Ends one of the person's MCP connections: its access and refresh tokens stop working at once. */
export async function revokeMcpConnection(
  ctx: ServiceContext,
  userId: string,
  grantId: string,
): Promise<boolean> {
  const grant = await findMcpGrant(ctx.store.db, grantId);
  if (!grant || grant.userId !== userId || grant.revokedTime !== null) return false;
  await revokeMcpGrant(ctx.store.db, grantId, nowIso(ctx));
  return true;
}
