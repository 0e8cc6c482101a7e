import type { FastifyReply } from "fastify";
import { type Html, html } from "./html.ts";
import type { WebSession } from "./session.ts";

export interface LayoutOptions {
  title: string;
  session?: WebSession | undefined;
  /** Which navigation entry is current. */
  section?: "pages" | "integrations" | "tokens" | "members" | "workspaces" | undefined;
}

function nav(session: WebSession, section: LayoutOptions["section"]): Html {
  const link = (href: string, name: LayoutOptions["section"], label: string) =>
    html`<a href="${href}" ${section === name ? html`aria-current="page"` : ""}>${label}</a>`;
  return html`<nav aria-label="Main">
    <a class="brand" href="/">Quire</a>
    ${link("/", "pages", "Pages")}
    ${
      session.membership.role === "guest"
        ? ""
        : html`${link("/integrations", "integrations", "Integrations")} ${link("/tokens", "tokens", "Tokens")}
          ${link("/members", "members", "Members")}`
    }
    ${link("/workspaces", "workspaces", "Workspaces")}
    <span class="who">${session.workspace.name} · ${session.account.email} (${session.membership.role})</span>
    <form method="post" action="/sign-out" class="inline">
      <input type="hidden" name="_csrf" value="${session.session.csrfToken}" />
      <button type="submit" class="link">Sign out</button>
    </form>
  </nav>`;
}

export function page(options: LayoutOptions, body: Html): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Quire</title>
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        ${options.session ? nav(options.session, options.section) : ""}
        <main id="main">${body}</main>
      </body>
    </html>`;
}

/**
 * Sends a page with headers that keep it out of frames (clickjacking on the consent screen) and stop
 * scripts from anywhere else: the UI's only scripts are its own board drag-and-drop (/assets/board.js)
 * and table-cell saving (/assets/views.js).
 */
export function send(reply: FastifyReply, markup: Html, status = 200): FastifyReply {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("x-frame-options", "DENY")
    .header(
      "content-security-policy",
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'",
    )
    .header("referrer-policy", "no-referrer")
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store")
    .send(markup.text);
}

export function csrfField(session: WebSession): Html {
  return html`<input type="hidden" name="_csrf" value="${session.session.csrfToken}" />`;
}

export function errorBox(message: string | undefined): Html {
  return message ? html`<p class="error" role="alert">${message}</p>` : html``;
}

export function noticeBox(message: string | undefined): Html {
  return message ? html`<p class="notice" role="status">${message}</p>` : html``;
}
