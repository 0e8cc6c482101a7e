import { randomBytes } from "node:crypto";
import { newId } from "../../domain/ids.ts";
import {
  type McpClientRecord,
  findMcpClient,
  insertMcpCode,
  insertMcpGrant,
} from "../../storage/mcp-oauth-repo.ts";
import type { Role } from "../identity/account-service.ts";
import type { ServiceContext } from "../context.ts";
import { hashToken } from "../identity/tokens.ts";
import { isChallenge } from "../oauth/pkce.ts";
import { McpAuthorizePageError, McpOauthError } from "./mcp-oauth-errors.ts";

/** Codes live ten minutes, the most RFC 6749 §4.1.2 recommends. */
const CODE_LIFETIME_MS = 10 * 60_000;

export interface McpAuthorizeRequest {
  client: McpClientRecord;
  redirectUri: string;
  state: string | null;
  codeChallenge: string;
}

function one(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value))
    throw new McpAuthorizePageError(`The ${name} parameter was given more than once.`);
  return typeof value === "string" ? value : undefined;
}

/** Where the answer goes, with `code` or `error` and the state echoed back. */
export function mcpRedirect(
  request: Pick<McpAuthorizeRequest, "redirectUri" | "state">,
  params: Record<string, string>,
): string {
  const url = new URL(request.redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (request.state !== null) url.searchParams.set("state", request.state);
  return url.toString();
}

/**
 * `GET /authorize` of `/mcp`'s OAuth: authorization code with PKCE S256 only (OAuth 2.1 §4.1; MCP
 * authorization spec). Client and redirect URI problems are shown on the page; the rest are sent to the
 * redirect URI, which is then known to be the client's.
 */
export async function checkMcpAuthorize(
  ctx: ServiceContext,
  query: Record<string, unknown>,
): Promise<McpAuthorizeRequest> {
  const clientId = one(query, "client_id");
  if (!clientId) throw new McpAuthorizePageError("The client_id parameter is missing.");
  const client = await findMcpClient(ctx.store.db, clientId);
  if (!client) throw new McpAuthorizePageError("This MCP client is not registered here; register it again.");
  const given = one(query, "redirect_uri");
  const redirectUri = given ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (!redirectUri) throw new McpAuthorizePageError("The redirect_uri parameter is required.");
  if (!client.redirectUris.includes(redirectUri))
    throw new McpAuthorizePageError(
      `The redirect_uri "${redirectUri.slice(0, 200)}" was not registered by "${client.clientName}".`,
    );
  const state = one(query, "state") ?? null;
  const answer = { redirectUri, state };
  const fail = (error: McpOauthError["error"], message: string): never => {
    throw Object.assign(new McpOauthError(error, message), {
      redirect: mcpRedirect(answer, { error, error_description: message }),
    });
  };
  if (one(query, "response_type") !== "code")
    fail("unsupported_response_type", 'response_type must be "code".');
  const challenge = one(query, "code_challenge");
  if (challenge === undefined) fail("invalid_request", "code_challenge is required (PKCE with S256).");
  if (one(query, "code_challenge_method") !== "S256")
    fail("invalid_request", "code_challenge_method must be S256.");
  if (!isChallenge(challenge as string))
    fail("invalid_request", "code_challenge must be 43 base64url characters.");
  return { client, redirectUri, state, codeChallenge: challenge as string };
}

/** The redirect an error of checkMcpAuthorize carries, when it may be redirected. */
export function redirectOf(error: unknown): string | undefined {
  const redirect = (error as { redirect?: unknown } | null)?.redirect;
  return typeof redirect === "string" ? redirect : undefined;
}

/** The person pressed Allow: a grant that acts as them, and its single-use code. */
export async function approveMcp(
  ctx: ServiceContext,
  request: McpAuthorizeRequest,
  person: { workspaceId: string; userId: string; role: Role },
): Promise<string> {
  const code = randomBytes(32).toString("base64url");
  const now = ctx.clock();
  const grantId = newId();
  await ctx.store.transaction(async (trx) => {
    await insertMcpGrant(trx, {
      id: grantId,
      clientId: request.client.clientId,
      workspaceId: person.workspaceId,
      userId: person.userId,
      createdTime: now.toISOString(),
      lastUsedTime: null,
      revokedTime: null,
    });
    await insertMcpCode(trx, {
      codeHash: hashToken(code),
      grantId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      expiresTime: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
      usedTime: null,
    });
  });
  return code;
}
