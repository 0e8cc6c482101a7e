import type { FastifyInstance, FastifyReply } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import { registerMcpClient } from "../services/mcp-oauth/client-registration.ts";
import { McpOauthError } from "../services/mcp-oauth/mcp-oauth-errors.ts";
import { mcpToken } from "../services/mcp-oauth/mcp-token-service.ts";
import { MCP_AUTHORIZE_PATH } from "../web/mcp-consent-routes.ts";
import { acceptForms } from "../web/forms.ts";
import { RESOURCE_METADATA_PATH } from "./mcp-auth.ts";

export const TOKEN_PATH = "/mcp/oauth/token";
export const REGISTER_PATH = "/mcp/oauth/register";

/**
 * Browser-based MCP clients (the MCP Inspector, web agents) read the metadata and call the token and
 * registration endpoints from another origin; none of them uses cookies, so any origin may.
 */
export function allowCors(reply: FastifyReply): FastifyReply {
  return reply
    .header("access-control-allow-origin", "*")
    .header("access-control-allow-methods", "GET, POST, DELETE, OPTIONS")
    .header(
      "access-control-allow-headers",
      "authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id",
    )
    .header("access-control-expose-headers", "www-authenticate, mcp-session-id, mcp-protocol-version");
}

function oauthError(reply: FastifyReply, error: McpOauthError): FastifyReply {
  return allowCors(reply)
    .code(error.status)
    .header("cache-control", "no-store")
    .send({ error: error.error, error_description: error.message });
}

/**
 * Quire as the authorization server of its own `/mcp` (MCP authorization spec 2025-06-18): Protected
 * Resource Metadata (RFC 9728), Authorization Server Metadata (RFC 8414), Dynamic Client Registration
 * (RFC 7591) and the token endpoint. The authorize step is a web page (web/mcp-consent-routes.ts).
 */
export function registerMcpOauthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const resourceMetadata = () => ({
    resource: `${ctx.publicUrl}/mcp`,
    authorization_servers: [ctx.publicUrl],
    bearer_methods_supported: ["header"],
    resource_name: "Quire",
    resource_documentation: `${ctx.publicUrl}/`,
  });
  const serverMetadata = () => ({
    issuer: ctx.publicUrl,
    authorization_endpoint: `${ctx.publicUrl}${MCP_AUTHORIZE_PATH}`,
    token_endpoint: `${ctx.publicUrl}${TOKEN_PATH}`,
    registration_endpoint: `${ctx.publicUrl}${REGISTER_PATH}`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none"],
  });
  void app.register(async (scope) => {
    acceptForms(scope);
    const preflight = [
      "/mcp",
      RESOURCE_METADATA_PATH,
      "/.well-known/oauth-authorization-server",
      REGISTER_PATH,
      TOKEN_PATH,
    ];
    for (const path of preflight) scope.options(path, (_request, reply) => allowCors(reply).code(204).send());
    // RFC 9728 §3.1 puts the metadata of `/mcp` at this path; some clients resolve the well-known path
    // against the server URL (`/mcp/.well-known/…`) or ask at the root, so those answer the same.
    for (const path of [
      RESOURCE_METADATA_PATH,
      "/.well-known/oauth-protected-resource",
      "/mcp/.well-known/oauth-protected-resource",
    ])
      scope.get(path, (_request, reply) => allowCors(reply).send(resourceMetadata()));
    scope.get("/.well-known/oauth-authorization-server", (_request, reply) =>
      allowCors(reply).send(serverMetadata()),
    );
    scope.post(REGISTER_PATH, async (request, reply) => {
      try {
        return allowCors(reply)
          .code(201)
          .header("cache-control", "no-store")
          .send(await registerMcpClient(ctx, request.body));
      } catch (error) {
        if (error instanceof McpOauthError) return oauthError(reply, error);
        throw error;
      }
    });
    scope.post(TOKEN_PATH, async (request, reply) => {
      const form =
        typeof request.body === "object" && request.body !== null
          ? (request.body as Record<string, unknown>)
          : {};
      try {
        const tokens = await mcpToken(ctx, form, request.headers.authorization);
        return allowCors(reply).header("cache-control", "no-store").send(tokens);
      } catch (error) {
        if (error instanceof McpOauthError) return oauthError(reply, error);
        throw error;
      }
    });
  });
}
