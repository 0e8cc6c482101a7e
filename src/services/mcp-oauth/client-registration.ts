import { randomUUID } from "node:crypto";
import { insertMcpClient } from "../../storage/mcp-oauth-repo.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { McpOauthError } from "./mcp-oauth-errors.ts";

/**
 * A redirect URI an MCP client may register: HTTPS, or HTTP on a loopback address (RFC 8252 §7.3, a
 * native app's local listener), as the hosted server allows. No fragments (RFC 6749 §3.1.2).
 */
export function isAllowedRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash !== "" || value.includes("#")) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function strings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/**
 * Dynamic Client Registration (RFC 7591 §3.1). Only public clients (`token_endpoint_auth_method:
 * "none"`): the client proves itself with PKCE, not a secret, as the hosted server requires.
 */
export async function registerMcpClient(ctx: ServiceContext, metadata: unknown) {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
    throw new McpOauthError("invalid_client_metadata", "The registration request must be a JSON object.");
  const m = metadata as Record<string, unknown>;
  if (!strings(m.redirect_uris) || m.redirect_uris.length === 0)
    throw new McpOauthError("invalid_redirect_uri", "redirect_uris must be a non-empty array of URIs.");
  const bad = m.redirect_uris.find((uri) => !isAllowedRedirectUri(uri));
  if (bad !== undefined)
    throw new McpOauthError(
      "invalid_redirect_uri",
      `The redirect URI "${bad.slice(0, 200)}" must use https, or http on localhost, 127.0.0.1 or [::1].`,
    );
  const method = m.token_endpoint_auth_method ?? "none";
  if (method !== "none")
    throw new McpOauthError(
      "invalid_client_metadata",
      'token_endpoint_auth_method must be "none": this server registers public clients, which use PKCE.',
    );
  const grants = m.grant_types ?? ["authorization_code", "refresh_token"];
  if (!strings(grants) || grants.some((g) => g !== "authorization_code" && g !== "refresh_token"))
    throw new McpOauthError(
      "invalid_client_metadata",
      'grant_types may list only "authorization_code" and "refresh_token".',
    );
  const responses = m.response_types ?? ["code"];
  if (!strings(responses) || responses.some((r) => r !== "code"))
    throw new McpOauthError("invalid_client_metadata", 'response_types may list only "code".');
  const name =
    typeof m.client_name === "string" && m.client_name.trim()
      ? m.client_name.trim().slice(0, 100)
      : "MCP client";
  const clientUri = typeof m.client_uri === "string" ? m.client_uri.slice(0, 500) : null;
  const client = {
    clientId: randomUUID(),
    clientName: name,
    clientUri,
    redirectUris: m.redirect_uris,
    createdTime: nowIso(ctx),
  };
  await insertMcpClient(ctx.store.db, client);
  return {
    client_id: client.clientId,
    client_id_issued_at: Math.floor(Date.parse(client.createdTime) / 1000),
    client_name: client.clientName,
    ...(clientUri ? { client_uri: clientUri } : {}),
    redirect_uris: client.redirectUris,
    grant_types: grants,
    response_types: responses,
    token_endpoint_auth_method: "none",
  };
}
