import type { FastifyInstance, FastifyRequest } from "fastify";
import { AccountError } from "../services/identity/account-service.ts";
import {
  type IntegrationSummary,
  checkIntegrationIcon,
  createPublicIntegration,
  getIntegration,
  listIntegrations,
  refreshClientSecret,
  refreshInternalSecret,
  revokeInternalSecret,
  updateIntegration,
} from "../services/identity/integration-service.ts";
import { createIntegration } from "../services/identity/workspace-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { parseId } from "../domain/ids.ts";
import { field } from "./forms.ts";
import { capabilitiesFrom, capabilityFields, lines, templateSelect } from "./integration-forms.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox, noticeBox, page, send } from "./layout.ts";
import { member, messagePage } from "./guard.ts";
import type { WebSession } from "./session.ts";

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
      <h2>Webhooks</h2>
      <p><a href="/integrations/${id}/webhooks">Webhook subscriptions and delivery log</a></p>
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

export function registerIntegrationRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
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
        icon: checkIntegrationIcon(icon),
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
      return messagePage(reply, session, 404, "Not found", error.message);
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
        return messagePage(reply, session, 404, "Not found", error.message);
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
}
