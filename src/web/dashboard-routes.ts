import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AccountError } from "../services/account-service.ts";
import {
  type IntegrationSummary,
  createPublicIntegration,
  getIntegration,
  listIntegrations,
  refreshClientSecret,
  refreshInternalSecret,
  revokeInternalSecret,
  updateIntegration,
} from "../services/integration-service.ts";
import {
  createLabeledToken,
  listPersonalTokens,
  revokePersonalToken,
} from "../services/personal-token-service.ts";
import { CAPABILITIES, type Capability } from "../services/viewer.ts";
import { createIntegration } from "../services/workspace-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { workspacePages } from "../services/browse-service.ts";
import { parseId } from "../domain/ids.ts";
import { field, fields } from "./forms.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox, noticeBox, page, send } from "./layout.ts";
import { type WebSession, csrfOk, currentSession } from "./session.ts";

const CAPABILITY_LABELS: Record<Capability, string> = {
  read: "Read content",
  update: "Update content",
  insert: "Insert content",
  read_comments: "Read comments",
  insert_comments: "Insert comments",
  user_info: "Read user information without email addresses",
  user_info_email: "Read user information including email addresses",
};

/** The signed-in member for a dashboard request; answers itself (redirect, 403) and returns undefined otherwise. */
export async function member(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  post: boolean,
): Promise<WebSession | undefined> {
  const session = await currentSession(ctx, request);
  if (!session) {
    await reply.redirect(`/sign-in?next=${encodeURIComponent(post ? "/" : request.url)}`, 303);
    return undefined;
  }
  if (post && !csrfOk(session, request.body)) {
    await send(
      reply,
      page(
        { title: "Forbidden", session },
        html`<h1>Forbidden</h1>
          ${errorBox("The form expired or came from another site. Go back, reload the page and try again.")}`,
      ),
      403,
    );
    return undefined;
  }
  if (session.membership.role === "guest") {
    await send(
      reply,
      page(
        { title: "Forbidden", session },
        html`<h1>Forbidden</h1>
          ${errorBox("Guests can only see the pages shared with them.")}`,
      ),
      403,
    );
    return undefined;
  }
  return session;
}

function capabilitiesFrom(body: unknown): Capability[] {
  const chosen = fields(body, "capability").filter((c): c is Capability =>
    (CAPABILITIES as readonly string[]).includes(c),
  );
  const info = field(body, "user_info");
  const content = chosen.filter((c) => c !== "user_info" && c !== "user_info_email");
  return info === "email"
    ? [...content, "user_info_email"]
    : info === "names"
      ? [...content, "user_info"]
      : content;
}

function capabilityFields(selected: string[]): Html {
  const has = (c: string) => selected.includes(c);
  const box = (c: Capability) =>
    html`<label class="check"
      ><input type="checkbox" name="capability" value="${c}" ${has(c) ? html`checked` : ""} />
      ${CAPABILITY_LABELS[c]}</label
    >`;
  const info = has("user_info_email") ? "email" : has("user_info") ? "names" : "none";
  const radio = (value: string, label: string) =>
    html`<label class="check"
      ><input type="radio" name="user_info" value="${value}" ${info === value ? html`checked` : ""} />
      ${label}</label
    >`;
  return html`<fieldset class="card">
      <legend>Content capabilities</legend>
      ${box("read")}${box("update")}${box("insert")}
    </fieldset>
    <fieldset class="card">
      <legend>Comment capabilities</legend>
      ${box("read_comments")}${box("insert_comments")}
    </fieldset>
    <fieldset class="card">
      <legend>User capabilities</legend>
      ${radio("none", "No user information")}${radio("names", CAPABILITY_LABELS.user_info)}${radio("email", CAPABILITY_LABELS.user_info_email)}
    </fieldset>`;
}

async function templateSelect(
  ctx: ServiceContext,
  workspaceId: string,
  selected: string | null,
): Promise<Html> {
  const pages = (await workspacePages(ctx, workspaceId)).filter((p) => p.type === "child_page");
  return html`<label for="template_page_id">Template page (optional)</label>
    <select id="template_page_id" name="template_page_id">
      <option value="">No template</option>
      ${pages.map((p) => html`<option value="${p.id}" ${p.id === selected ? html`selected` : ""}>${p.title || "Untitled"}</option>`)}
    </select>`;
}

async function listPage(ctx: ServiceContext, session: WebSession, error?: string): Promise<Html> {
  const items = await listIntegrations(ctx, session.workspace.id);
  return page(
    { title: "Integrations", session, section: "integrations" },
    html`<h1>Integrations</h1>
      ${errorBox(error)}
      ${
        items.length === 0
          ? html`<p class="muted">No integrations yet.</p>`
          : html`<ul>
              ${items.map((i) => html`<li><a href="/integrations/${i.integration.id}">${i.integration.icon ?? ""} ${i.integration.name}</a> <span class="muted">(${i.integration.kind})</span></li>`)}
            </ul>`
      }
      <h2>New integration</h2>
      <form method="post" action="/integrations">
        ${csrfField(session)}
        <label for="name">Name</label><input id="name" name="name" type="text" required maxlength="100" />
        <label for="icon">Icon (an emoji, optional)</label
        ><input id="icon" name="icon" type="text" maxlength="16" />
        <fieldset class="card">
          <legend>Type</legend>
          <label class="check"
            ><input type="radio" name="type" value="internal" checked /> Internal: one workspace, one
            secret</label
          >
          <label class="check"
            ><input type="radio" name="type" value="public" /> Public: people install it with OAuth</label
          >
        </fieldset>
        ${capabilityFields(["read", "update", "insert", "read_comments", "insert_comments", "user_info"])}
        <label for="redirect_uris">Redirect URIs (public integrations, one a line)</label>
        <textarea id="redirect_uris" name="redirect_uris" rows="3"></textarea>
        ${await templateSelect(ctx, session.workspace.id, null)}
        <div class="actions"><button class="primary" type="submit">Create integration</button></div>
      </form>`,
  );
}

async function detailPage(
  ctx: ServiceContext,
  session: WebSession,
  summary: IntegrationSummary,
  notes: { secret?: string; secretLabel?: string; error?: string; notice?: string } = {},
): Promise<Html> {
  const { integration, client } = summary;
  const id = integration.id;
  const secretBox = notes.secret
    ? html`<div class="card">
        <p><strong>${notes.secretLabel ?? "Secret"}</strong> — copy it now: it is shown only once.</p>
        <code class="secret" data-testid="secret">${notes.secret}</code>
      </div>`
    : "";
  const credentials = client
    ? html`<h2>OAuth</h2>
        <p>Client ID: <code class="secret" data-testid="client-id">${client.clientId}</code></p>
        <p>
          Authorization URL:
          <code class="secret"
            >${ctx.publicUrl}/v1/oauth/authorize?client_id=${client.clientId}&amp;response_type=code&amp;owner=user&amp;redirect_uri=${encodeURIComponent(client.redirectUris[0] ?? "")}</code
          >
        </p>
        <form method="post" action="/integrations/${id}/client-secret">
          ${csrfField(session)}<button type="submit">Refresh client secret</button>
        </form>`
    : html`<h2>Internal integration secret</h2>
        <div class="actions">
          <form method="post" action="/integrations/${id}/secret">
            ${csrfField(session)}<button type="submit">Refresh secret</button>
          </form>
          <form method="post" action="/integrations/${id}/revoke">
            ${csrfField(session)}<button class="danger" type="submit">Revoke secret</button>
          </form>
        </div>
        <p class="muted">Secrets are stored hashed: refreshing shows a new one and ends the old one.</p>`;
  return page(
    { title: integration.name, session, section: "integrations" },
    html`<p><a href="/integrations">← Integrations</a></p>
      <h1>${integration.icon ?? ""} ${integration.name}</h1>
      ${errorBox(notes.error)} ${noticeBox(notes.notice)} ${secretBox} ${credentials}
      <h2>Settings</h2>
      <form method="post" action="/integrations/${id}">
        ${csrfField(session)}
        <label for="name">Name</label
        ><input id="name" name="name" type="text" required value="${integration.name}" />
        <label for="icon">Icon</label
        ><input id="icon" name="icon" type="text" value="${integration.icon ?? ""}" />
        ${capabilityFields(integration.capabilities)}
        ${client ? html`<label for="redirect_uris">Redirect URIs (one a line)</label><textarea id="redirect_uris" name="redirect_uris" rows="3">${client.redirectUris.join("\n")}</textarea>${await templateSelect(ctx, session.workspace.id, client.templatePageId)}` : ""}
        <div class="actions"><button class="primary" type="submit">Save</button></div>
      </form>`,
  );
}

function lines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export function registerDashboardRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  const withIntegration = async (session: WebSession, rawId: string) =>
    getIntegration(ctx, session.workspace.id, parseId(rawId) ?? "");
  const params = (request: FastifyRequest) => request.params as { id: string };

  scope.get("/integrations", async (request, reply) => {
    const session = await member(ctx, request, reply, false);
    return session && send(reply, await listPage(ctx, session));
  });

  scope.post("/integrations", async (request, reply) => {
    const session = await member(ctx, request, reply, true);
    if (!session) return reply;
    const body = request.body;
    const name = field(body, "name") ?? "";
    const icon = field(body, "icon")?.trim() || null;
    const capabilities = capabilitiesFrom(body);
    try {
      if (field(body, "type") === "public") {
        const created = await createPublicIntegration(ctx, session.workspace.id, {
          name,
          icon,
          capabilities,
          ownerUserId: session.user.id,
          redirectUris: lines(field(body, "redirect_uris")),
          templatePageId: parseId(field(body, "template_page_id") ?? "") ?? null,
        });
        const summary = await getIntegration(ctx, session.workspace.id, created.integration.id);
        return send(
          reply,
          await detailPage(ctx, session, summary, {
            secret: created.clientSecret,
            secretLabel: "Client secret",
          }),
          201,
        );
      }
      if (!name.trim()) throw new AccountError("An integration needs a name.");
      const created = await createIntegration(ctx, session.workspace.id, {
        name: name.trim(),
        capabilities,
        ownerUserId: session.user.id,
        icon,
      });
      const summary = await getIntegration(ctx, session.workspace.id, created.integration.id);
      return send(
        reply,
        await detailPage(ctx, session, summary, {
          secret: created.token,
          secretLabel: "Internal integration secret",
        }),
        201,
      );
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return send(reply, await listPage(ctx, session, error.message), 400);
    }
  });

  scope.get("/integrations/:id", async (request, reply) => {
    const session = await member(ctx, request, reply, false);
    if (!session) return reply;
    try {
      return send(reply, await detailPage(ctx, session, await withIntegration(session, params(request).id)));
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return send(
        reply,
        page(
          { title: "Not found", session },
          html`<h1>Not found</h1>
            ${errorBox(error.message)}`,
        ),
        404,
      );
    }
  });

  const action = (
    path: string,
    run: (
      session: WebSession,
      id: string,
      body: unknown,
    ) => Promise<{ secret?: string; secretLabel?: string; notice?: string }>,
  ) =>
    scope.post(path, async (request, reply) => {
      const session = await member(ctx, request, reply, true);
      if (!session) return reply;
      let summary: IntegrationSummary;
      try {
        summary = await withIntegration(session, params(request).id);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return send(
          reply,
          page(
            { title: "Not found", session },
            html`<h1>Not found</h1>
              ${errorBox(error.message)}`,
          ),
          404,
        );
      }
      try {
        const notes = await run(session, summary.integration.id, request.body);
        return send(
          reply,
          await detailPage(ctx, session, await withIntegration(session, summary.integration.id), notes),
        );
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return send(reply, await detailPage(ctx, session, summary, { error: error.message }), 400);
      }
    });

  action("/integrations/:id", async (session, id, body) => {
    const templateField = field(body, "template_page_id");
    await updateIntegration(ctx, session.workspace.id, id, {
      name: field(body, "name") ?? "",
      icon: field(body, "icon")?.trim() || null,
      capabilities: capabilitiesFrom(body),
      ...(field(body, "redirect_uris") !== undefined
        ? { redirectUris: lines(field(body, "redirect_uris")) }
        : {}),
      ...(templateField !== undefined ? { templatePageId: parseId(templateField) ?? null } : {}),
    });
    return { notice: "Saved." };
  });
  action("/integrations/:id/secret", async (session, id) => ({
    secret: await refreshInternalSecret(ctx, session.workspace.id, id),
    secretLabel: "New internal integration secret",
  }));
  action("/integrations/:id/revoke", async (session, id) => {
    await revokeInternalSecret(ctx, session.workspace.id, id);
    return { notice: "The secret was revoked; requests with it now fail with 401." };
  });
  action("/integrations/:id/client-secret", async (session, id) => ({
    secret: await refreshClientSecret(ctx, session.workspace.id, id),
    secretLabel: "New client secret",
  }));

  const tokensPage = async (session: WebSession, notes: { secret?: string; error?: string } = {}) => {
    const tokens = await listPersonalTokens(ctx, session.user.id);
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
        </form>`,
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
