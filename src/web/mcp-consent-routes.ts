import type { FastifyInstance, FastifyReply } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import {
  type McpAuthorizeRequest,
  approveMcp,
  checkMcpAuthorize,
  mcpRedirect,
  redirectOf,
} from "../services/mcp-oauth/mcp-authorize.ts";
import { McpAuthorizePageError } from "../services/mcp-oauth/mcp-oauth-errors.ts";
import { field } from "./forms.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox, page, send } from "./layout.ts";
import { type WebSession, csrfOk, currentSession } from "./session.ts";

/** The authorize endpoint of `/mcp`'s OAuth (docs/mcp.md); the metadata names this path. */
export const MCP_AUTHORIZE_PATH = "/mcp/oauth/authorize";

const PASSED_ON = [
  "client_id",
  "redirect_uri",
  "response_type",
  "state",
  "code_challenge",
  "code_challenge_method",
  "scope",
  "resource",
];

function authorizeParams(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_ON) {
    const value = field(source, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function problemPage(reply: FastifyReply, message: string, session?: WebSession) {
  return send(
    reply,
    page(
      { title: "Can't connect", session },
      html`<div class="narrow">
        <h1>This connection link doesn't work</h1>
        ${errorBox(message)}
        <p>Nothing was connected. Start the connection again from your MCP client.</p>
      </div>`,
    ),
    400,
  );
}

/** Checks the request; sends the problem page or the error redirect itself and returns undefined then. */
async function checked(ctx: ServiceContext, source: unknown, reply: FastifyReply, session?: WebSession) {
  try {
    return await checkMcpAuthorize(ctx, authorizeParams(source));
  } catch (error) {
    if (error instanceof McpAuthorizePageError) {
      await problemPage(reply, error.message, session);
      return undefined;
    }
    const redirect = redirectOf(error);
    if (redirect) {
      await reply.redirect(redirect, 303);
      return undefined;
    }
    throw error;
  }
}

/**
 * The consent screen for an MCP client: unlike a public integration it gets no page picker, because the
 * connection acts as the person, with everything they can see and do.
 */
function consentPage(
  session: WebSession,
  authorize: McpAuthorizeRequest,
  params: Record<string, string>,
): Html {
  const guest = session.membership.role === "guest";
  const body = html`<div class="narrow">
    <h1>${authorize.client.clientName} wants to connect to ${session.workspace.name}</h1>
    <p>
      It is an MCP client (an AI agent or tool). If you allow it, it can read, create and edit the pages and
      comments you can, as ${session.user.name}, until you revoke it.
    </p>
    ${guest ? html`<p class="muted">As a guest, it will see only the pages shared with you.</p>` : ""}
    <form method="post" action="${MCP_AUTHORIZE_PATH}">
      ${csrfField(session)}
      ${Object.entries(params).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
      <div class="actions">
        <button class="primary" type="submit" name="decision" value="allow">Allow access</button>
        <button type="submit" name="decision" value="cancel">Cancel</button>
      </div>
      <p class="muted">You will be sent to ${new URL(authorize.redirectUri).origin}.</p>
    </form>
  </div>`;
  return page({ title: `Connect ${authorize.client.clientName}`, session }, body);
}

export function registerMcpConsentRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  scope.get(MCP_AUTHORIZE_PATH, async (request, reply) => {
    const session = await currentSession(ctx, request);
    const authorize = await checked(ctx, request.query, reply, session);
    if (!authorize) return reply;
    if (!session) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    return send(reply, consentPage(session, authorize, authorizeParams(request.query)));
  });

  scope.post(MCP_AUTHORIZE_PATH, async (request, reply) => {
    const session = await currentSession(ctx, request);
    if (!session) return reply.redirect("/sign-in", 303);
    if (!csrfOk(session, request.body))
      return problemPage(reply, "The form expired. Start the connection again.", session);
    const authorize = await checked(ctx, request.body, reply, session);
    if (!authorize) return reply;
    if (field(request.body, "decision") !== "allow")
      return reply.redirect(
        mcpRedirect(authorize, {
          error: "access_denied",
          error_description: "The user cancelled the connection.",
        }),
        303,
      );
    const code = await approveMcp(ctx, authorize, {
      workspaceId: session.workspace.id,
      userId: session.user.id,
      role: session.membership.role,
    });
    return reply.redirect(mcpRedirect(authorize, { code }), 303);
  });
}
