import type { FastifyInstance } from "fastify";
import { AccountError, switchWorkspace, workspacesOf } from "../services/identity/account-service.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  ROLES,
  addMember,
  changeRole,
  createOwnedWorkspace,
  listMembers,
  parseRole,
  removeMember,
} from "../services/identity/member-service.ts";
import { field } from "./forms.ts";
import { member, owner, signedIn } from "./guard.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox, noticeBox, page, send } from "./layout.ts";
import type { WebSession } from "./session.ts";

const ROLE_TEXT = {
  owner: "Owner: manages people, integrations and everything else",
  member: "Member: sees every page, manages integrations and connections",
  guest: "Guest: sees only the pages shared with them",
};

function roleSelect(id: string, selected: string): Html {
  return html`<select id="${id}" name="role">
    ${ROLES.map((r) => html`<option value="${r}" ${r === selected ? html`selected` : ""}>${r}</option>`)}
  </select>`;
}

async function membersPage(
  ctx: ServiceContext,
  session: WebSession,
  notes: { error?: string; notice?: string; email?: string } = {},
): Promise<Html> {
  const people = await listMembers(ctx, session.workspace.id);
  const isOwner = session.membership.role === "owner";
  return page(
    { title: "Members", session, section: "members" },
    html`<h1>Members of ${session.workspace.name}</h1>
      ${errorBox(notes.error)} ${noticeBox(notes.notice)}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              ${isOwner ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : ""}
            </tr>
          </thead>
          <tbody>
            ${people.map((p) => {
              const you = p.user.id === session.user.id;
              return html`<tr>
                <td>${p.user.name ?? ""}${you ? html` <span class="muted">(you)</span>` : ""}</td>
                <td>${p.email}</td>
                <td>
                  ${
                    isOwner
                      ? html`<form method="post" action="/members/${p.user.id}/role" class="inline">
                          ${csrfField(session)}
                          <label class="visually-hidden" for="role-${p.user.id}">Role of ${p.email}</label>
                          ${roleSelect(`role-${p.user.id}`, p.role)}
                          <button type="submit">Change</button>
                        </form>`
                      : p.role
                  }
                </td>
                ${
                  isOwner
                    ? html`<td>
                        <form method="post" action="/members/${p.user.id}/remove" class="inline">
                          ${csrfField(session)}
                          <button class="danger" type="submit" aria-label="Remove ${p.email}">Remove</button>
                        </form>
                      </td>`
                    : ""
                }
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${
        isOwner
          ? html`<h2>Add a person</h2>
              <form method="post" action="/members">
                ${csrfField(session)}
                <label for="email">Email</label>
                <input
                  id="email"
                  name="email"
                  type="email"
                  required
                  autocomplete="off"
                  value="${notes.email ?? ""}"
                />
                <label for="password"
                  >Initial password (at least 10 characters; leave empty if they already have an
                  account)</label
                >
                <input id="password" name="password" type="password" autocomplete="new-password" />
                <label for="role">Role</label>
                ${roleSelect("role", "member")}
                <ul class="muted">
                  ${ROLES.map((r) => html`<li>${ROLE_TEXT[r]}</li>`)}
                </ul>
                <div class="actions"><button class="primary" type="submit">Add person</button></div>
              </form>
              <p class="muted">
                Give them the password through a channel you trust; they sign in at ${ctx.publicUrl}/sign-in.
              </p>`
          : html`<p class="muted">Only owners can add people or change roles.</p>`
      }`,
  );
}

async function workspacesPage(ctx: ServiceContext, session: WebSession, error?: string): Promise<Html> {
  const memberships = await workspacesOf(ctx, session.account.id);
  return page(
    { title: "Workspaces", session, section: "workspaces" },
    html`<h1>Your workspaces</h1>
      ${errorBox(error)}
      <ul class="workspaces">
        ${memberships.map(
          (m) =>
            html`<li>
              ${m.workspaceName} <span class="muted">(${m.role})</span>
              ${
                m.workspaceId === session.workspace.id
                  ? html`<strong>· current</strong>`
                  : html`<form method="post" action="/workspace" class="inline">
                      ${csrfField(session)}<input
                        type="hidden"
                        name="workspace_id"
                        value="${m.workspaceId}"
                      />
                      <button type="submit" aria-label="Switch to ${m.workspaceName}">Switch</button>
                    </form>`
              }
            </li>`,
        )}
      </ul>
      <h2>Create a workspace</h2>
      <form method="post" action="/workspaces">
        ${csrfField(session)}
        <label for="name">Workspace name</label>
        <input id="name" name="name" type="text" required maxlength="100" />
        <div class="actions"><button class="primary" type="submit">Create workspace</button></div>
      </form>
      <p class="muted">You become its owner; it starts empty, with you as its only member.</p>`,
  );
}

export function registerMemberRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  const userId = (request: { params: unknown }) => (request.params as { id: string }).id;

  scope.get("/members", async (request, reply) => {
    const session = await member(ctx, request, reply, false);
    return session && send(reply, await membersPage(ctx, session));
  });

  scope.post("/members", async (request, reply) => {
    const session = await owner(ctx, request, reply, true);
    if (!session) return reply;
    const email = field(request.body, "email") ?? "";
    try {
      const role = parseRole(field(request.body, "role"));
      const { created } = await addMember(ctx, session.workspace.id, {
        email,
        password: field(request.body, "password") ?? "",
        role,
      });
      const notice = `${email.trim()} was added as ${role}${created ? " with the password you chose" : " (they sign in with their existing password)"}.`;
      return send(reply, await membersPage(ctx, session, { notice }), 201);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return send(reply, await membersPage(ctx, session, { error: error.message, email }), 400);
    }
  });

  const action = (path: string, run: (session: WebSession, id: string, body: unknown) => Promise<string>) =>
    scope.post(path, async (request, reply) => {
      const session = await owner(ctx, request, reply, true);
      if (!session) return reply;
      try {
        const notice = await run(session, userId(request), request.body);
        return send(reply, await membersPage(ctx, session, { notice }));
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return send(reply, await membersPage(ctx, session, { error: error.message }), 400);
      }
    });
  action("/members/:id/role", async (session, id, body) => {
    const role = parseRole(field(body, "role"));
    await changeRole(ctx, session.workspace.id, id, role);
    return `The role is now ${role}.`;
  });
  action("/members/:id/remove", async (session, id) => {
    await removeMember(ctx, session.workspace.id, id);
    return "The person was removed; their sessions and personal tokens here ended.";
  });

  scope.get("/workspaces", async (request, reply) => {
    const session = await signedIn(ctx, request, reply, false);
    return session && send(reply, await workspacesPage(ctx, session));
  });

  scope.post("/workspaces", async (request, reply) => {
    const session = await signedIn(ctx, request, reply, true);
    if (!session) return reply;
    try {
      const workspace = await createOwnedWorkspace(
        ctx,
        session.account.id,
        field(request.body, "name") ?? "",
      );
      await switchWorkspace(ctx, session.sessionId, session.account.id, workspace.id);
      return reply.redirect("/", 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return send(reply, await workspacesPage(ctx, session, error.message), 400);
    }
  });
}
