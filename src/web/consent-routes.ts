import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseId } from "../domain/ids.ts";
import {
  type AuthorizeRequest,
  approve,
  checkAuthorizeRequest,
  redirectWith,
} from "../services/oauth/authorize-service.ts";
import { AuthorizeError, AuthorizeRedirectError } from "../services/oauth/oauth-errors.ts";
import { searchPages } from "../services/browse/browse-service.ts";
import { workspacesOf } from "../services/identity/account-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { field, fields } from "./forms.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox, page, send } from "./layout.ts";
import { type WebSession, csrfOk, currentSession } from "./session.ts";

/** What each capability lets the integration do, in the words of Notion's consent screen. */
const CAPABILITY_TEXT: Record<string, string> = {
  read: "View pages and databases you select",
  update: "Edit pages and databases you select",
  insert: "Create new content in pages and databases you select",
  read_comments: "View comments on the pages you select",
  insert_comments: "Add comments to the pages you select",
  user_info: "View people in your workspace (names and avatars)",
  user_info_email: "View people in your workspace, including their email addresses",
};

const PASSED_ON = [
  "client_id",
  "redirect_uri",
  "response_type",
  "owner",
  "state",
  "code_challenge",
  "code_challenge_method",
];

function authorizeParams(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_ON) {
    const value = field(source, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function hidden(params: Record<string, string>): Html[] {
  return Object.entries(params).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`);
}

function problemPage(reply: FastifyReply, message: string, session?: WebSession) {
  return send(
    reply,
    page(
      { title: "Can't connect", session },
      html`<div class="narrow">
        <h1>This connection link doesn't work</h1>
        ${errorBox(message)}
        <p>Nothing was shared. Tell the developer of the integration about this message.</p>
      </div>`,
    ),
    400,
  );
}

/** Checks the request; sends the problem page or the error redirect itself and returns undefined then. */
async function checked(
  ctx: ServiceContext,
  source: unknown,
  reply: FastifyReply,
  session?: WebSession,
): Promise<AuthorizeRequest | undefined> {
  try {
    return await checkAuthorizeRequest(ctx, authorizeParams(source));
  } catch (error) {
    if (error instanceof AuthorizeError) {
      await problemPage(reply, error.message, session);
      return undefined;
    }
    if (error instanceof AuthorizeRedirectError && "request" in error) {
      const request = (error as AuthorizeRedirectError & { request: AuthorizeRequest }).request;
      await reply.redirect(
        redirectWith(request, { error: error.error, error_description: error.message }),
        303,
      );
      return undefined;
    }
    throw error;
  }
}

/** The consent screen; Search re-renders it (POST, so the CSRF token never lands in a URL) keeping ticks. */
async function consentPage(
  ctx: ServiceContext,
  session: WebSession,
  authorize: AuthorizeRequest,
  params: Record<string, string>,
  q: string,
  pickedIds: string[],
): Promise<Html> {
  const guest = session.membership.role === "guest";
  // Guests can't connect anything, so they are shown no page titles at all.
  const pages = guest ? [] : (await searchPages(ctx, session.workspace.id, q)).slice(0, 200);
  // Pages ticked before a search stay ticked: the search button submits the whole form.
  const picked = new Set(pickedIds.filter((id) => parseId(id) !== undefined));
  const shown = new Set(pages.map((p) => p.id));
  const pickedElsewhere = guest
    ? []
    : (await searchPages(ctx, session.workspace.id, "")).filter((p) => picked.has(p.id) && !shown.has(p.id));
  const memberships = await workspacesOf(ctx, session.account.id);
  const capabilities = authorize.integration.capabilities;
  const template = authorize.client.templatePageId !== null;
  const body = html`<div class="narrow">
    <h1>
      ${authorize.integration.icon ? `${authorize.integration.icon} ` : ""}${authorize.integration.name} wants
      to connect to ${session.workspace.name}
    </h1>
    ${
      memberships.length > 1
        ? html`<form method="post" action="/workspace" class="card">
            ${csrfField(session)}
            <input
              type="hidden"
              name="next"
              value="/v1/oauth/authorize?${new URLSearchParams(params).toString()}"
            />
            <label for="workspace_id">Workspace</label>
            <select id="workspace_id" name="workspace_id">
              ${memberships.map(
                (m) =>
                  html`<option
                    value="${m.workspaceId}"
                    ${m.workspaceId === session.workspace.id ? html`selected` : ""}
                  >
                    ${m.workspaceName}
                  </option>`,
              )}
            </select>
            <button type="submit">Switch</button>
          </form>`
        : ""
    }
    <h2>This integration will be able to</h2>
    <ul class="capabilities">
      ${capabilities.map((c) => html`<li>${CAPABILITY_TEXT[c] ?? c}</li>`)}
    </ul>
    ${guest ? errorBox("Guests can't add connections. Ask a member of this workspace.") : ""}
    <form method="post" action="/v1/oauth/authorize">
      ${csrfField(session)} ${hidden(params)}
      <div role="search">
        <label for="q">Search pages</label>
        <input id="q" name="q" type="search" value="${q}" />
        <button type="submit" name="decision" value="search">Search</button>
      </div>
      ${
        template
          ? html`<fieldset class="card">
              <legend>How to start</legend>
              <label class="check"
                ><input type="radio" name="template" value="use" checked /> Use a template provided by the
                developer</label
              >
              <label class="check"
                ><input type="radio" name="template" value="none" /> Only share the pages I select</label
              >
            </fieldset>`
          : ""
      }
      <fieldset class="card">
        <legend>Pages to share with ${authorize.integration.name}</legend>
        <div class="picker">
          ${pickedElsewhere.map(
            (p) =>
              html`<label class="check"
                ><input type="checkbox" name="page" value="${p.id}" checked />
                ${p.icon ?? (p.type === "child_database" ? "▦" : "📄")} ${p.title || "Untitled"}</label
              >`,
          )}
          ${
            pages.length === 0
              ? html`<p class="muted">No pages${q ? html` match “${q}”` : ""}.</p>`
              : pages.map(
                  (p) =>
                    html`<label class="check"
                      ><input
                        type="checkbox"
                        name="page"
                        value="${p.id}"
                        ${picked.has(p.id) ? html`checked` : ""}
                      />
                      ${p.icon ?? (p.type === "child_database" ? "▦" : "📄")} ${p.title || "Untitled"}</label
                    >`,
                )
          }
        </div>
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" name="decision" value="allow" ${guest ? html`disabled` : ""}>
          Allow access
        </button>
        <button type="submit" name="decision" value="cancel">Cancel</button>
      </div>
      <p class="muted">You will be sent to ${new URL(authorize.redirectUri).origin}.</p>
    </form>
  </div>`;
  return page({ title: `Connect ${authorize.integration.name}`, session }, body);
}

export function registerConsentRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  scope.get("/v1/oauth/authorize", async (request: FastifyRequest, reply) => {
    const session = await currentSession(ctx, request);
    const authorize = await checked(ctx, request.query, reply, session);
    if (!authorize) return reply;
    if (!session) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    const picked = fields(request.query, "page");
    const params = authorizeParams(request.query);
    return send(
      reply,
      await consentPage(ctx, session, authorize, params, field(request.query, "q") ?? "", picked),
    );
  });

  scope.post("/v1/oauth/authorize", async (request, reply) => {
    const session = await currentSession(ctx, request);
    if (!session) return reply.redirect("/sign-in", 303);
    if (!csrfOk(session, request.body))
      return problemPage(reply, "The form expired. Start the connection again.", session);
    const authorize = await checked(ctx, request.body, reply, session);
    if (!authorize) return reply;
    const decision = field(request.body, "decision");
    if (decision === "search")
      return send(
        reply,
        await consentPage(
          ctx,
          session,
          authorize,
          authorizeParams(request.body),
          field(request.body, "q") ?? "",
          fields(request.body, "page"),
        ),
      );
    if (decision !== "allow")
      return reply.redirect(
        redirectWith(authorize, {
          error: "access_denied",
          error_description: "The user cancelled the connection.",
        }),
        303,
      );
    const pageIds = fields(request.body, "page").map((id) => parseId(id));
    if (pageIds.some((id) => !id)) return problemPage(reply, "A selected page id is not valid.", session);
    try {
      const code = await approve(ctx, authorize, {
        workspaceId: session.workspace.id,
        userId: session.user.id,
        role: session.membership.role,
        pageIds: pageIds as string[],
        useTemplate: field(request.body, "template") === "use",
      });
      return reply.redirect(redirectWith(authorize, { code }), 303);
    } catch (error) {
      if (error instanceof AuthorizeRedirectError)
        return reply.redirect(
          redirectWith(authorize, { error: error.error, error_description: error.message }),
          303,
        );
      throw error;
    }
  });
}
