import type { FastifyInstance } from "fastify";
import { parseId } from "../domain/ids.ts";
import { type PageEntry, pageTree, workspacePages } from "../services/browse-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { AccountError } from "../services/account-service.ts";
import {
  connect,
  connectableIntegrations,
  connectionsOf,
  disconnect,
} from "../services/integration-service.ts";
import { field } from "./forms.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox, page, send } from "./layout.ts";
import { member } from "./guard.ts";
import { renderBlocks } from "./render-blocks.ts";
import type { WebSession } from "./session.ts";

function tree(pages: PageEntry[], parentId: string | null, current: string | null): Html {
  const level = pages.filter((p) => p.parentId === parentId);
  if (level.length === 0) return html``;
  return html`<ul class="${parentId === null ? "tree" : ""}">
    ${level.map(
      (p) =>
        html`<li>
          <a href="/pages/${p.id}" ${p.id === current ? html`aria-current="page"` : ""}
            >${p.icon ?? (p.type === "child_database" ? "▦" : "📄")} ${p.title || "Untitled"}</a
          >${tree(pages, p.id, current)}
        </li>`,
    )}
  </ul>`;
}

async function sidebar(ctx: ServiceContext, session: WebSession, current: string | null): Promise<Html> {
  const pages = await workspacePages(ctx, session.workspace.id);
  const known = new Set(pages.map((p) => p.id));
  // Pages under a block that is not itself listed (e.g. inside a toggle) hang from the nearest listed page.
  const rooted = pages.map((p) => (p.parentId && !known.has(p.parentId) ? { ...p, parentId: null } : p));
  return html`<aside aria-label="Pages">
    <h2 class="muted">Pages</h2>
    ${rooted.length ? tree(rooted, null, current) : html`<p class="muted">No pages yet.</p>`}
  </aside>`;
}

export function registerPageRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  scope.get("/", async (request, reply) => {
    const session = await member(ctx, request, reply, false);
    if (!session) return reply;
    return send(
      reply,
      page(
        { title: session.workspace.name, session, section: "pages" },
        html`<div class="layout">
          ${await sidebar(ctx, session, null)}
          <section>
            <h1>${session.workspace.name}</h1>
            <p>Pick a page on the left. Integrations and tokens are in the menu above.</p>
          </section>
        </div>`,
      ),
    );
  });

  const showPage = async (session: WebSession, rawId: string, error?: string) => {
    const id = parseId(rawId) ?? "";
    const found = await pageTree(ctx, session.workspace.id, id);
    if (!found)
      return {
        status: 404,
        markup: page(
          { title: "Not found", session },
          html`<h1>Not found</h1>
            <p>There is no page with this id in ${session.workspace.name}.</p>`,
        ),
      };
    const title = String((found.page.content as { title?: unknown }).title ?? "") || "Untitled";
    const connections = await connectionsOf(ctx, session.workspace.id, id);
    const candidates = (await connectableIntegrations(ctx, session.workspace.id)).filter(
      (i) => !connections.some((c) => c.integrationId === i.id),
    );
    const body = html`<div class="layout">
      ${await sidebar(ctx, session, id)}
      <article>
        <h1>${title}</h1>
        <section class="card" aria-labelledby="connections">
          <h2 id="connections">Connections</h2>
          ${errorBox(error)}
          ${
            connections.length === 0
              ? html`<p class="muted">No integration can access this page.</p>`
              : html`<ul>
                  ${connections.map((c) => html`<li>${c.name} ${c.viaBlockId === id ? html`<form method="post" action="/pages/${id}/connections/remove" class="inline">${csrfField(session)}<input type="hidden" name="integration_id" value="${c.integrationId}" /><button class="link" type="submit">Remove</button></form>` : html`<span class="muted">(from a parent page)</span>`}</li>`)}
                </ul>`
          }
          ${
            candidates.length
              ? html`<form method="post" action="/pages/${id}/connections">
                  ${csrfField(session)}<label for="integration_id">Add a connection</label
                  ><select id="integration_id" name="integration_id">
                    ${candidates.map((c) => html`<option value="${c.id}">${c.name}</option>`)}
                  </select>
                  <button type="submit">Add</button>
                </form>`
              : ""
          }
        </section>
        <div class="blocks">${renderBlocks(found.blocks)}</div>
      </article>
    </div>`;
    return { status: 200, markup: page({ title, session, section: "pages" }, body) };
  };

  scope.get("/pages/:id", async (request, reply) => {
    const session = await member(ctx, request, reply, false);
    if (!session) return reply;
    const shown = await showPage(session, (request.params as { id: string }).id);
    return send(reply, shown.markup, shown.status);
  });

  const change = (
    path: string,
    run: (workspaceId: string, integrationId: string, pageId: string) => Promise<void>,
  ) =>
    scope.post(path, async (request, reply) => {
      const session = await member(ctx, request, reply, true);
      if (!session) return reply;
      const pageId = parseId((request.params as { id: string }).id) ?? "";
      try {
        await run(session.workspace.id, field(request.body, "integration_id") ?? "", pageId);
        return reply.redirect(`/pages/${pageId}`, 303);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof AccountError) && !(error instanceof Error && "code" in error)) throw error;
        const shown = await showPage(session, pageId, message);
        return send(reply, shown.markup, 400);
      }
    });
  change("/pages/:id/connections", (ws, integrationId, pageId) => connect(ctx, ws, integrationId, pageId));
  change("/pages/:id/connections/remove", (ws, integrationId, pageId) =>
    disconnect(ctx, ws, integrationId, pageId),
  );
}
