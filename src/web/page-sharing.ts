import type { ServiceContext } from "../services/context.ts";
import { guestsOf, guestsOfPage } from "../services/sharing/guest-service.ts";
import { connectableIntegrations, connectionsOf } from "../services/sharing/connection-service.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox } from "./layout.ts";
import type { WebSession } from "./session.ts";

/** The "Connections" card: which integrations reach this page, add one, remove a direct one. */
export async function connectionsCard(
  ctx: ServiceContext,
  session: WebSession,
  id: string,
  error?: string,
): Promise<Html> {
  const connections = await connectionsOf(ctx, session.workspace.id, id);
  const candidates = (await connectableIntegrations(ctx, session.workspace.id)).filter(
    (i) => !connections.some((c) => c.integrationId === i.id),
  );
  return html`<section class="card" aria-labelledby="connections">
    <h2 id="connections">Connections</h2>
    ${errorBox(error)}
    ${
      connections.length === 0
        ? html`<p class="muted">No integration can access this page.</p>`
        : html`<ul>
            ${connections.map(
              (c) =>
                html`<li>
                  ${c.name}
                  ${
                    c.viaBlockId === id
                      ? html`<form method="post" action="/pages/${id}/connections/remove" class="inline">
                          ${csrfField(session)}<input
                            type="hidden"
                            name="integration_id"
                            value="${c.integrationId}"
                          /><button class="link" type="submit">Remove</button>
                        </form>`
                      : html`<span class="muted">(from a parent page)</span>`
                  }
                </li>`,
            )}
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
  </section>`;
}

/** The "Guests" card: share this page (and what is below it) with guests of the workspace. */
export async function guestsCard(ctx: ServiceContext, session: WebSession, id: string): Promise<Html> {
  const shared = await guestsOfPage(ctx, session.workspace.id, id);
  const candidates = (await guestsOf(ctx, session.workspace.id)).filter(
    (g) => !shared.some((s) => s.userId === g.userId),
  );
  return html`<section class="card" aria-labelledby="guests">
    <h2 id="guests">Guests</h2>
    ${
      shared.length === 0
        ? html`<p class="muted">Not shared with any guest.</p>`
        : html`<ul>
            ${shared.map(
              (g) =>
                html`<li>
                  ${g.name ?? g.email} <span class="muted">${g.email}</span>
                  <form method="post" action="/pages/${id}/guests/remove" class="inline">
                    ${csrfField(session)}<input type="hidden" name="user_id" value="${g.userId}" /><button
                      class="link"
                      type="submit"
                    >
                      Stop sharing
                    </button>
                  </form>
                </li>`,
            )}
          </ul>`
    }
    ${
      candidates.length
        ? html`<form method="post" action="/pages/${id}/guests">
            ${csrfField(session)}<label for="guest_id">Share with a guest</label
            ><select id="guest_id" name="user_id">
              ${candidates.map((g) => html`<option value="${g.userId}">${g.email}</option>`)}
            </select>
            <button type="submit">Share</button>
          </form>`
        : html`<p class="muted">Add guests on the Members page to share pages with them.</p>`
    }
  </section>`;
}
