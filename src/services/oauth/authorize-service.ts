import { randomBytes } from "node:crypto";
import { newId } from "../../domain/ids.ts";
import { excerpt, show } from "../../domain/validation.ts";
import { findBlock } from "../../storage/block-repo.ts";
import {
  type IntegrationRecord,
  insertGrant,
  insertIntegration,
  insertUser,
} from "../../storage/identity-repo.ts";
import {
  type OauthClientRecord,
  findClientByClientId,
  findInstallation,
  insertCode,
  insertOauthGrant,
} from "../../storage/oauth-repo.ts";
import type { Role } from "../identity/account-service.ts";
import type { ServiceContext } from "../context.ts";
import { hashToken } from "../identity/tokens.ts";
import { AuthorizeError, AuthorizeRedirectError } from "./oauth-errors.ts";
import { isChallenge } from "./pkce.ts";
import { duplicateTemplate } from "./template.ts";

/** Authorization codes live ten minutes, the most RFC 6749 §4.1.2 recommends. */
export const CODE_LIFETIME_MS = 10 * 60_000;

export interface AuthorizeRequest {
  client: OauthClientRecord;
  integration: IntegrationRecord;
  /** Where the answer goes: the given redirect_uri, or the only registered one. */
  redirectUri: string;
  /** Whether redirect_uri was in the authorize URL; the token request must then repeat it. */
  redirectUriGiven: boolean;
  state: string | null;
  codeChallenge: string | null;
}

function one(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new AuthorizeError(`The ${name} parameter was given more than once.`);
  return typeof value === "string" ? value : undefined;
}

/**
 * Validates `GET /v1/oauth/authorize` (guides/get-started/authorization). Problems with the client or the
 * redirect_uri are shown to the person (never redirected: the URI is untrusted); the others are sent back
 * to the client's redirect_uri as `error=…` (RFC 6749 §4.1.2.1).
 */
export async function checkAuthorizeRequest(
  ctx: ServiceContext,
  query: Record<string, unknown>,
): Promise<AuthorizeRequest> {
  const clientId = one(query, "client_id");
  if (!clientId) throw new AuthorizeError("The client_id parameter is missing.");
  const found = await findClientByClientId(ctx.store.db, clientId);
  if (!found) throw new AuthorizeError(`No public integration has the client_id "${excerpt(clientId)}".`);
  const given = one(query, "redirect_uri");
  const registered = found.client.redirectUris;
  let redirectUri: string;
  if (given !== undefined) {
    // Exact string comparison (RFC 6749 §3.1.2.3; OAuth 2.0 Security BCP §4.1.3).
    if (!registered.includes(given))
      throw new AuthorizeError(
        `The redirect_uri "${given}" is not one of the redirect URIs registered for "${found.integration.name}".`,
      );
    redirectUri = given;
  } else if (registered.length === 1 && registered[0]) {
    redirectUri = registered[0];
  } else {
    throw new AuthorizeError(
      "The redirect_uri parameter is required: this integration has several redirect URIs.",
    );
  }
  const state = one(query, "state") ?? null;
  const request = {
    client: found.client,
    integration: found.integration,
    redirectUri,
    redirectUriGiven: given !== undefined,
    state,
    codeChallenge: null as string | null,
  };
  const fail = (error: AuthorizeRedirectError["error"], message: string) => {
    throw Object.assign(new AuthorizeRedirectError(error, message), { request });
  };
  const responseType = one(query, "response_type");
  if (responseType !== "code")
    fail("unsupported_response_type", `response_type must be "code", not ${show(responseType ?? null)}.`);
  const owner = one(query, "owner");
  if (owner !== undefined && owner !== "user") fail("invalid_request", `owner must be "user".`);
  const challenge = one(query, "code_challenge");
  const method = one(query, "code_challenge_method");
  if (challenge !== undefined) {
    if (method !== "S256") fail("invalid_request", "code_challenge_method must be S256.");
    if (!isChallenge(challenge)) fail("invalid_request", "code_challenge must be 43 base64url characters.");
    request.codeChallenge = challenge;
  } else if (method !== undefined)
    fail("invalid_request", "code_challenge_method was given without code_challenge.");
  return request;
}

/** The redirect that answers an authorize request: `code` or `error`, and the state echoed back. */
export function redirectWith(request: AuthorizeRequest, params: Record<string, string>): string {
  const url = new URL(request.redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (request.state !== null) url.searchParams.set("state", request.state);
  return url.toString();
}

export interface Approval {
  workspaceId: string;
  userId: string;
  role: Role;
  pageIds: string[];
  useTemplate: boolean;
}

/**
 * The person pressed Allow: installs the integration in the workspace (one bot per person and workspace,
 * reused when they authorize again), shares the picked pages with it, and issues a single-use code.
 */
export async function approve(
  ctx: ServiceContext,
  request: AuthorizeRequest,
  approval: Approval,
): Promise<string> {
  if (approval.role === "guest")
    throw new AuthorizeRedirectError("access_denied", "Guests can't add connections to a workspace.");
  const code = randomBytes(32).toString("base64url");
  const now = ctx.clock();
  const nowText = now.toISOString();
  const publicIntegration = request.integration;
  await ctx.store.transaction(async (trx) => {
    for (const pageId of approval.pageIds) {
      const page = await findBlock(trx, approval.workspaceId, pageId);
      if (!page || (page.type !== "child_page" && page.type !== "child_database") || page.inTrash)
        throw new AuthorizeRedirectError("invalid_request", `The page ${pageId} can't be shared.`);
    }
    let installation = await findInstallation(
      trx,
      publicIntegration.id,
      approval.workspaceId,
      approval.userId,
    );
    if (!installation) {
      installation = {
        id: newId(),
        workspaceId: approval.workspaceId,
        name: publicIntegration.name,
        botUserId: newId(),
        capabilities: publicIntegration.capabilities,
        ownerUserId: approval.userId,
        createdTime: nowText,
        kind: "installation",
        icon: publicIntegration.icon,
        installedFrom: publicIntegration.id,
      };
      await insertUser(trx, {
        id: installation.botUserId,
        workspaceId: approval.workspaceId,
        type: "bot",
        name: publicIntegration.name,
        avatarUrl: publicIntegration.icon,
        email: null,
        createdTime: nowText,
      });
      await insertIntegration(trx, installation);
    }
    for (const pageId of approval.pageIds) await insertGrant(trx, installation.id, pageId, nowText);
    const duplicatedTemplateId =
      approval.useTemplate && request.client.templatePageId
        ? await duplicateTemplate(trx, ctx, {
            templatePageId: request.client.templatePageId,
            templateWorkspaceId: publicIntegration.workspaceId,
            workspaceId: approval.workspaceId,
            userId: approval.userId,
          })
        : null;
    if (duplicatedTemplateId) await insertGrant(trx, installation.id, duplicatedTemplateId, nowText);
    const grantId = newId();
    await insertOauthGrant(trx, {
      id: grantId,
      clientIntegrationId: publicIntegration.id,
      installationId: installation.id,
      workspaceId: approval.workspaceId,
      userId: approval.userId,
      duplicatedTemplateId,
      createdTime: nowText,
      revokedTime: null,
    });
    await insertCode(trx, {
      codeHash: hashToken(code),
      grantId,
      redirectUri: request.redirectUriGiven ? request.redirectUri : null,
      codeChallenge: request.codeChallenge,
      expiresTime: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
      usedTime: null,
    });
  });
  return code;
}
