import type { FastifyReply } from "fastify";
import { ApiError } from "../errors.ts";
import type { Viewer } from "../services/access/viewer.ts";
import type { ServiceContext } from "../services/context.ts";
import { authenticate } from "../services/identity/auth-service.ts";
import { verifyMcpAccessToken } from "../services/mcp-oauth/mcp-token-service.ts";

/** RFC 9728 §3.1: the metadata of the resource `/mcp` lives at this path of the same origin. */
export const RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource/mcp";

/**
 * Who calls `/mcp`: a personal access token or an integration token (the REST API's own check, so the
 * tools act with that identity's reach and capabilities), or an access token from `/mcp`'s OAuth flow,
 * which acts as the person who allowed it. `undefined` when the header names none of these.
 */
export async function mcpViewer(
  ctx: ServiceContext,
  header: string | undefined,
): Promise<Viewer | undefined> {
  try {
    return await authenticate(ctx, header);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "unauthorized") throw error;
  }
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ? verifyMcpAccessToken(ctx, match[1]) : undefined;
}

/**
 * MCP authorization (spec 2025-06-18 §2.3; RFC 6750 §3): a 401 names the resource metadata, from which
 * a client discovers the authorization server and starts OAuth.
 */
export function sendUnauthorized(reply: FastifyReply, ctx: ServiceContext, hadToken: boolean): FastifyReply {
  const description = hadToken
    ? "The access token is invalid, expired or revoked."
    : "An access token is required.";
  const parts = [
    ...(hadToken ? [`error="invalid_token"`, `error_description="${description}"`] : []),
    `resource_metadata="${ctx.publicUrl}${RESOURCE_METADATA_PATH}"`,
  ];
  return reply
    .code(401)
    .header("www-authenticate", `Bearer ${parts.join(", ")}`)
    .send({ error: hadToken ? "invalid_token" : "unauthorized", error_description: description });
}
