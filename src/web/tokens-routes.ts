import type { FastifyInstance } from "fastify";
import { AccountError } from "../services/identity/account-service.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  createLabeledToken,
  listPersonalTokens,
  revokePersonalToken,
} from "../services/identity/personal-token-service.ts";
import { listMcpConnections, revokeMcpConnection } from "../services/mcp-oauth/mcp-token-service.ts";
import { field } from "./forms.ts";
import { member } from "./guard.ts";
import { html } from "./html.ts";
import { csrfField, errorBox, page, send } from "./layout.ts";
import type { WebSession } from "./session.ts";

/** Personal access tokens: create (shown once), list, revoke; and the person's MCP connections (docs/mcp.md). */
export function registerTokenRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  const params = (request: { params: unknown }) => request.params as { id: string };
  const tokensPage = async (session: WebSession, notes: { secret?: string; error?: string } = {}) => {
    const tokens = await listPersonalTokens(ctx, session.user.id);
    const connections = await listMcpConnections(ctx, session.user.id);
    return page(
      { title: "Tokens", session, section: "tokens" },
      html`<h1>Personal access tokens</h1>
        ${errorBox(notes.error)}
        ${
          notes.secret
            ? html`<div class="card">
                <p><strong>New token</strong> — copy it now: it is shown only once.</p>
                <code class="secret" data-testid="secret">${notes.secret}</code>
              </div>`
            : ""
        }
        <p class="muted">A personal access token acts as you, with everything you can see.</p>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${tokens.map(
              (t) =>
                html`<tr>
                  <td>${t.label ?? "(unnamed)"}</td>
                  <td>${t.createdTime.slice(0, 16).replace("T", " ")}</td>
                  <td>
                    <form method="post" action="/tokens/${t.id}/revoke" class="inline">
                      ${csrfField(session)}<button class="danger" type="submit">Revoke</button>
                    </form>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <h2>New token</h2>
        <form method="post" action="/tokens">
          ${csrfField(session)}<label for="label">Name</label
          ><input id="label" name="label" type="text" required maxlength="100" />
          <div class="actions"><button class="primary" type="submit">Create token</button></div>
        </form>
        <h2>MCP connections</h2>
        <p class="muted">AI agents you allowed through /mcp; each acts as you until revoked.</p>
        ${
          connections.length === 0
            ? html`<p class="muted">No MCP connections.</p>`
            : html`<table data-testid="mcp-connections">
                <thead>
                  <tr>
                    <th>Client</th>
                    <th>Allowed</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${connections.map(
                    (c) =>
                      html`<tr>
                        <td>${c.clientName}</td>
                        <td>${c.createdTime.slice(0, 16).replace("T", " ")}</td>
                        <td>
                          <form method="post" action="/tokens/mcp/${c.id}/revoke" class="inline">
                            ${csrfField(session)}<button class="danger" type="submit">Revoke</button>
                          </form>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }`,
    );
  };

  scope.get("/tokens", async (request, reply) => {
    const session = await member(ctx, request, reply, false);
    return session && send(reply, await tokensPage(session));
  });
  scope.post("/tokens", async (request, reply) => {
    const session = await member(ctx, request, reply, true);
    if (!session) return reply;
    try {
      const token = await createLabeledToken(
        ctx,
        session.workspace.id,
        session.user.id,
        field(request.body, "label") ?? "",
      );
      return send(reply, await tokensPage(session, { secret: token }), 201);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return send(reply, await tokensPage(session, { error: error.message }), 400);
    }
  });
  scope.post("/tokens/mcp/:id/revoke", async (request, reply) => {
    const session = await member(ctx, request, reply, true);
    if (!session) return reply;
    if (await revokeMcpConnection(ctx, session.user.id, params(request).id))
      return reply.redirect("/tokens", 303);
    return send(reply, await tokensPage(session, { error: "No such MCP connection." }), 404);
  });
  scope.post("/tokens/:id/revoke", async (request, reply) => {
    const session = await member(ctx, request, reply, true);
    if (!session) return reply;
    try {
      await revokePersonalToken(ctx, session.user.id, params(request).id);
      return reply.redirect("/tokens", 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return send(reply, await tokensPage(session, { error: error.message }), 404);
    }
  });
}
