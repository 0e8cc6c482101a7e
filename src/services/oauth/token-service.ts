import { randomBytes } from "node:crypto";
import { newId } from "../../domain/ids.ts";
import {
  type IntegrationRecord,
  findUser,
  findWorkspace,
  getIntegrationById,
  insertToken,
} from "../../storage/identity-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import {
  type OauthClientRecord,
  findAccessToken,
  findClientByClientId,
  findCode,
  findOauthGrant,
  findRefreshToken,
  insertRefreshToken,
  linkAccessToken,
  revokeAccessTokens,
  revokeOauthGrant,
  useCode,
  useRefreshToken,
} from "../../storage/oauth-repo.ts";
import type { OauthGrantTable } from "../../storage/schema.ts";
import { forgetCachedTokens } from "../identity/auth-service.ts";
import type { ServiceContext } from "../context.ts";
import { hashToken, newToken, sameSecret } from "../identity/tokens.ts";
import { invalidClient, invalidGrant, invalidOauthRequest } from "./oauth-errors.ts";
import { verifierMatches } from "./pkce.ts";

/** `client_id` and `client_secret` sent in the body (RFC 6749 §2.3.1), for clients that can't set the header. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** `POST /v1/oauth/token`: a code exchange (reference/create-a-token) or a refresh (refresh-a-token). */
export type TokenRequest =
  | {
      grantType: "authorization_code";
      code: string;
      /**
       * The `redirect_uri`, checked only once the code is known good; it throws when one was given that
       * is not a string.
       */
      redirectUri: () => string | undefined;
      /** The PKCE `code_verifier` when it is a string. */
      codeVerifier: string | undefined;
    }
  | { grantType: "refresh_token"; refreshToken: string };

/** `POST /v1/oauth/introspect` and `POST /v1/oauth/revoke`: the access or refresh token. */
export interface TokenOfClientRequest {
  token: string;
}

export interface AuthenticatedClient {
  client: OauthClientRecord;
  integration: IntegrationRecord;
}

function matchesHash(given: string, expectedHash: string): boolean {
  return sameSecret(hashToken(given), expectedHash);
}

/**
 * Client authentication: HTTP Basic `client_id:client_secret` as the SDK sends it, or `client_id` and
 * `client_secret` in the body (RFC 6749 §2.3.1) for clients that can't set the header.
 */
export async function authenticateClient(
  ctx: ServiceContext,
  header: string | undefined,
  credentials: ClientCredentials | undefined,
): Promise<AuthenticatedClient> {
  let id: string | undefined;
  let secret: string | undefined;
  const basic = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      // RFC 6749 §2.3.1: both parts are form-urlencoded inside the header.
      id = safeDecode(decoded.slice(0, colon));
      secret = safeDecode(decoded.slice(colon + 1));
    }
  } else if (credentials) {
    id = credentials.clientId;
    secret = credentials.clientSecret;
  }
  if (!id || !secret) throw invalidClient();
  const found = await findClientByClientId(ctx.store.db, id);
  if (!found || !matchesHash(secret, found.client.clientSecretHash)) throw invalidClient();
  return found;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** `POST /v1/oauth/token` (reference/create-a-token, reference/refresh-a-token). */
export async function issueToken(ctx: ServiceContext, caller: AuthenticatedClient, request: TokenRequest) {
  if (request.grantType === "authorization_code") return exchangeCode(ctx, caller, request);
  return refresh(ctx, caller, request.refreshToken);
}

async function exchangeCode(
  ctx: ServiceContext,
  caller: AuthenticatedClient,
  request: Extract<TokenRequest, { grantType: "authorization_code" }>,
) {
  const { code } = request;
  const codeHash = hashToken(code);
  const now = ctx.clock();
  // A code presented twice may have been stolen: end everything issued from it (RFC 6749 §4.1.2). The
  // revocation commits on its own, before the failing exchange is answered.
  const reused = await ctx.store.transaction(async (trx) => {
    const row = await findCode(trx, codeHash);
    const grant = row && (await findOauthGrant(trx, row.grantId));
    if (!row || !grant || grant.clientIntegrationId !== caller.integration.id) return false;
    if (row.usedTime === null && grant.revokedTime === null) return false;
    await revokeOauthGrant(trx, grant.id, now.toISOString());
    return true;
  });
  if (reused) {
    forgetCachedTokens(ctx.store);
    throw invalidGrant("Invalid code: this code has been revoked.");
  }
  return ctx.store.transaction(async (trx) => {
    const row = await findCode(trx, codeHash);
    const grant = row && (await findOauthGrant(trx, row.grantId));
    if (!row || !grant || grant.clientIntegrationId !== caller.integration.id)
      throw invalidGrant("Invalid code: this code was not issued to this client.");
    if (row.usedTime !== null || grant.revokedTime !== null)
      throw invalidGrant("Invalid code: this code has been revoked.");
    if (Date.parse(row.expiresTime) <= now.getTime())
      throw invalidGrant("Invalid code: this code has expired.");
    // reference/create-a-token: redirect_uri is required when the authorize URL had one (and must be the
    // same), or when the integration has several redirect URIs.
    const redirectUri = request.redirectUri();
    if (row.redirectUri !== null) {
      if (redirectUri === undefined)
        throw invalidGrant(
          "Invalid redirect_uri: it was in the authorization request, so it is required here.",
        );
      if (redirectUri !== row.redirectUri)
        throw invalidGrant("Invalid redirect_uri: it does not match the authorization request.");
    } else if (redirectUri === undefined) {
      if (caller.client.redirectUris.length > 1)
        throw invalidOauthRequest(
          "The redirect_uri parameter is required: this integration has several redirect URIs.",
        );
    } else if (!caller.client.redirectUris.includes(redirectUri)) {
      throw invalidGrant("Invalid redirect_uri: it is not registered for this integration.");
    }
    if (row.codeChallenge !== null) {
      const verifier = request.codeVerifier;
      if (verifier === undefined) throw invalidGrant("Invalid code_verifier: this code needs one (PKCE).");
      if (!verifierMatches(verifier, row.codeChallenge)) throw invalidGrant("Invalid code_verifier.");
    }
    if (!(await useCode(trx, codeHash, now.toISOString())))
      throw invalidGrant("Invalid code: this code has been revoked.");
    return tokenResponse(trx, ctx, grant, caller.integration);
  });
}

async function refresh(ctx: ServiceContext, caller: AuthenticatedClient, given: string) {
  const tokenHash = hashToken(given);
  const now = ctx.clock().toISOString();
  const outcome: { error?: string; response?: Awaited<ReturnType<typeof tokenResponse>> } =
    await ctx.store.transaction(async (trx) => {
      const row = await findRefreshToken(trx, tokenHash);
      const grant = row && (await findOauthGrant(trx, row.grantId));
      if (!row || !grant || grant.clientIntegrationId !== caller.integration.id)
        return { error: "Invalid refresh token." };
      if (grant.revokedTime !== null) return { error: "Invalid refresh token: this grant has been revoked." };
      if (row.usedTime !== null || !(await useRefreshToken(trx, tokenHash, now))) {
        // Reuse of a rotated-out refresh token means two parties hold it: end the grant (OAuth 2.0 Security
        // BCP §4.14.2, refresh token rotation).
        await revokeOauthGrant(trx, grant.id, now);
        return {
          error: "Invalid refresh token: it was already used, so this grant has been revoked.",
        };
      }
      await revokeAccessTokens(trx, grant.id, now);
      return { response: await tokenResponse(trx, ctx, grant, caller.integration) };
    });
  forgetCachedTokens(ctx.store);
  if (outcome.response) return outcome.response;
  throw invalidGrant(outcome.error ?? "Invalid refresh token.");
}

/** A new access token and refresh token for a grant, in Notion's token response shape. */
async function tokenResponse(
  trx: Executor,
  ctx: ServiceContext,
  grant: OauthGrantTable,
  integration: IntegrationRecord,
) {
  const now = ctx.clock().toISOString();
  const installation = await getIntegrationById(trx, grant.installationId);
  const accessToken = newToken();
  const tokenId = newId();
  await insertToken(trx, {
    id: tokenId,
    tokenHash: hashToken(accessToken),
    workspaceId: grant.workspaceId,
    kind: "integration",
    userId: installation.botUserId,
    integrationId: installation.id,
    createdTime: now,
    revokedTime: null,
  });
  await linkAccessToken(trx, tokenId, grant.id);
  const refreshToken = `nrt_${randomBytes(32).toString("base64url")}`;
  await insertRefreshToken(trx, {
    tokenHash: hashToken(refreshToken),
    grantId: grant.id,
    createdTime: now,
    usedTime: null,
  });
  const workspace = await findWorkspace(trx, grant.workspaceId);
  const user = await findUser(trx, grant.workspaceId, grant.userId);
  const capabilities = integration.capabilities;
  const email = capabilities.includes("user_info_email") && user?.email ? { email: user.email } : {};
  return {
    access_token: accessToken,
    token_type: "bearer",
    refresh_token: refreshToken,
    bot_id: installation.botUserId,
    workspace_name: workspace?.name ?? null,
    workspace_icon: workspace?.icon ?? null,
    workspace_id: grant.workspaceId,
    owner: {
      type: "user",
      user: {
        object: "user",
        id: grant.userId,
        name: user?.name ?? null,
        avatar_url: user?.avatarUrl ?? null,
        type: "person",
        person: email,
      },
    },
    duplicated_template_id: grant.duplicatedTemplateId,
  };
}

/** Finds the live grant behind an access or refresh token of this client. */
async function grantOfToken(db: Executor, caller: AuthenticatedClient, token: string) {
  const tokenHash = hashToken(token);
  const access = await findAccessToken(db, tokenHash);
  if (access) {
    const grant = await findOauthGrant(db, access.grantId);
    return (
      grant && {
        grant,
        live: access.revokedTime === null && grant.revokedTime === null,
        iat: access.createdTime,
      }
    );
  }
  const refreshRow = await findRefreshToken(db, tokenHash);
  if (!refreshRow) return undefined;
  const grant = await findOauthGrant(db, refreshRow.grantId);
  return (
    grant && {
      grant,
      live: refreshRow.usedTime === null && grant.revokedTime === null,
      iat: refreshRow.createdTime,
    }
  );
}

/** `POST /v1/oauth/introspect` (reference/introspect-token); tokens of other clients are inactive. */
export async function introspect(
  ctx: ServiceContext,
  caller: AuthenticatedClient,
  { token }: TokenOfClientRequest,
) {
  const found = await grantOfToken(ctx.store.db, caller, token);
  if (!found || !found.live || found.grant.clientIntegrationId !== caller.integration.id)
    return { active: false };
  const capabilities = caller.integration.capabilities;
  return { active: true, scope: capabilities.join(" "), iat: Math.floor(Date.parse(found.iat) / 1000) };
}

/**
 * `POST /v1/oauth/revoke` (reference/revoke-token): ends the whole grant behind an access or refresh
 * token. An unknown token is not an error (RFC 7009 §2.2); another client's token is.
 */
export async function revoke(
  ctx: ServiceContext,
  caller: AuthenticatedClient,
  { token }: TokenOfClientRequest,
) {
  const found = await grantOfToken(ctx.store.db, caller, token);
  if (!found) return {};
  if (found.grant.clientIntegrationId !== caller.integration.id)
    throw invalidGrant("Invalid token: it was not issued to this client.");
  await revokeOauthGrant(ctx.store.db, found.grant.id, ctx.clock().toISOString());
  forgetCachedTokens(ctx.store);
  return {};
}
