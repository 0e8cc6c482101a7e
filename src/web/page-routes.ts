import type { FastifyInstance } from "fastify";
import { parseId } from "../domain/ids.ts";
import { AccountError } from "../services/identity/account-service.ts";
import { type PageEntry, pageTree, workspacePages } from "../services/browse/browse-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { canReach } from "../services/access/kinds.ts";
import { guestPages, shareWithGuest, unshareWithGuest } from "../services/sharing/guest-service.ts";
import { connect, disconnect } from "../services/sharing/connection-service.ts";
import { viewPageOf } from "../services/browse/view-page.ts";
import type { Viewer } from "../services/access/viewer.ts";
import { field } from "./forms.ts";
import { member, messagePage, signedIn } from "./guard.ts";
import { type Html, html } from "./html.ts";
import { csrfField, page, send } from "./layout.ts";
import { connectionsCard, guestsCard } from "./page-sharing.ts";
import { fileUploadCard, pageImageForm } from "./file-routes.ts";
import { pageHeader } from "./page-header.ts";
import { renderBlocks } from "./render-blocks.ts";
import { fileLinks } from "../services/files/file-links.ts";
import { renderViews } from "./render-views.ts";
import { newViewForm, viewSettingsForm } from "./view-forms.ts";
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

const isGuest = (session: WebSession) => session.membership.role === "guest";

/** What the signed-in person may see in the tree: everything for members, shared pages for guests. */
async function visiblePages(ctx: ServiceContext, session: WebSession): Promise<PageEntry[]> {
  if (isGuest(session)) return guestPages(ctx, session.workspace.id, session.user.id);
  const pages = await workspacePages(ctx, session.workspace.id);
  const known = new Set(pages.map((p) => p.id));
  // Pages under a block that is not itself listed (e.g. inside a toggle) hang from the nearest listed page.
  return pages.map((p) => (p.parentId && !known.has(p.parentId) ? { ...p, parentId: null } : p));
}

async function sidebar(ctx: ServiceContext, session: WebSession, current: string | null): Promise<Html> {
  const pages = await visiblePages(ctx, session);
  const empty = isGuest(session) ? "Nothing has been shared with you yet." : "No pages yet.";
  return html`<aside aria-label="Pages">
    <h2 class="muted">Pages</h2>
    ${pages.length ? tree(pages, null, current) : html`<p class="muted">${empty}</p>`}
  </aside>`;
}

export function viewerOf(session: WebSession): Viewer {
  return {
    workspaceId: session.workspace.id,
    workspaceName: session.workspace.name,
    userId: session.user.id,
    integration: null,
    guest: isGuest(session),
  };
}

export function registerPageRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  scope.get("/", async (request, reply) => {
    const session = await signedIn(ctx, request, reply, false);
    if (!session) return reply;
    const hint = isGuest(session)
      ? "You are a guest here: you see the pages members shared with you."
      : "Pick a page on the left. Integrations, tokens and members are in the menu above.";
    return send(
      reply,
      page(
        { title: session.workspace.name, session, section: "pages" },
        html`<div class="layout">
          ${await sidebar(ctx, session, null)}
          <section>
            <h1>${session.workspace.name}</h1>
            <p>${hint}</p>
          </section>
        </div>`,
      ),
    );
  });

  const showPage = async (
    session: WebSession,
    rawId: string,
    query: { v?: string | undefined; cursor?: string | undefined; month?: string | undefined },
    error?: string,
  ) => {
    const id = parseId(rawId) ?? "";
    // Guests get the same 404 for pages not shared with them as for pages that do not exist.
    const found =
      id && (await canReach(ctx.store.db, viewerOf(session), id))
        ? await pageTree(ctx, viewerOf(session), id)
        : undefined;
    if (!found || !["child_page", "child_database"].includes(found.page.type))
      return {
        status: 404,
        markup: page(
          { title: "Not found", session },
          html`<h1>Not found</h1>
            <p>
              There is no page with this id in ${session.workspace.name}, or it was not shared with you.
            </p>`,
        ),
      };
    const isDatabase = found.page.type === "child_database";
    const table = isDatabase
      ? await viewPageOf(ctx, viewerOf(session), id, {
          viewId: parseId(query.v ?? "") ?? undefined,
          cursor: query.cursor,
          month: query.month,
        })
      : undefined;
    const csrf = csrfField(session);
    const path = `/pages/${id}`;
    const forms = (view: NonNullable<typeof table>) =>
      isGuest(session)
        ? html``
        : html`${newViewForm(view, path, csrf)} ${viewSettingsForm(view, path, csrf)}`;
    const title =
      table?.title ?? (String((found.page.content as { title?: unknown }).title ?? "") || "Untitled");
    const files = await fileLinks(ctx);
    const imageForm = isGuest(session) || table ? html`` : pageImageForm(session, id);
    const body = html`<div class="layout">
      ${await sidebar(ctx, session, id)}
      <article>
        ${pageHeader(found.page, title, files, imageForm)}
        ${isGuest(session) ? "" : await connectionsCard(ctx, session, id, error)}
        ${isGuest(session) ? "" : await guestsCard(ctx, session, id)}
        ${isGuest(session) || table ? "" : fileUploadCard(session, id)}
        ${table ? renderViews(table, path, forms(table), csrf, !isGuest(session)) : html`<div class="blocks">${renderBlocks(found.blocks, files)}</div>`}
      </article>
    </div>`;
    return { status: 200, markup: page({ title, session, section: "pages" }, body) };
  };

  scope.get("/pages/:id", async (request, reply) => {
    const session = await signedIn(ctx, request, reply, false);
    if (!session) return reply;
    const query = {
      v: field(request.query, "v"),
      cursor: field(request.query, "cursor"),
      month: field(request.query, "month"),
    };
    try {
      const shown = await showPage(session, (request.params as { id: string }).id, query);
      return send(reply, shown.markup, shown.status);
    } catch (error) {
      // A stale or hand-edited table cursor: Notion's validation error, shown as a page.
      if (error instanceof Error && "code" in error && error.code === "validation_error")
        return messagePage(reply, session, 400, "Bad link", error.message);
      throw error;
    }
  });

  const change = (path: string, run: (session: WebSession, body: unknown, pageId: string) => Promise<void>) =>
    scope.post(path, async (request, reply) => {
      const session = await member(ctx, request, reply, true);
      if (!session) return reply;
      const pageId = parseId((request.params as { id: string }).id) ?? "";
      try {
        await run(session, request.body, pageId);
        return reply.redirect(`/pages/${pageId}`, 303);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof AccountError) && !(error instanceof Error && "code" in error)) throw error;
        const shown = await showPage(session, pageId, {}, message);
        return send(reply, shown.markup, shown.status === 404 ? 404 : 400);
      }
    });
  const integrationId = (body: unknown) => field(body, "integration_id") ?? "";
  const userId = (body: unknown) => field(body, "user_id") ?? "";
  change("/pages/:id/connections", (s, body, pageId) =>
    connect(ctx, s.workspace.id, integrationId(body), pageId),
  );
  change("/pages/:id/connections/remove", (s, body, pageId) =>
    disconnect(ctx, s.workspace.id, integrationId(body), pageId),
  );
  change("/pages/:id/guests", (s, body, pageId) => shareWithGuest(ctx, s.workspace.id, userId(body), pageId));
  change("/pages/:id/guests/remove", (s, body, pageId) =>
    unshareWithGuest(ctx, s.workspace.id, userId(body), pageId),
  );
}
