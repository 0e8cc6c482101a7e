import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import { html } from "./html.ts";
import { errorBox, page, send } from "./layout.ts";
import { type WebSession, csrfOk, currentSession } from "./session.ts";

/** Sends a plain message page (403, 404…) in the layout. */
export function messagePage(
  reply: FastifyReply,
  session: WebSession | undefined,
  status: number,
  title: string,
  message: string,
): FastifyReply {
  return send(
    reply,
    page(
      { title, session },
      html`<h1>${title}</h1>
        ${errorBox(message)}`,
    ),
    status,
  );
}

/**
 * The signed-in person (any role) for a web request; answers itself (sign-in redirect, 403 for a POST
 * without the session's CSRF token) and returns undefined otherwise.
 */
export async function signedIn(
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
    await messagePage(
      reply,
      session,
      403,
      "Forbidden",
      "The form expired or came from another site. Go back, reload the page and try again.",
    );
    return undefined;
  }
  return session;
}

/** Like `signedIn`, for screens guests may not use (integrations, tokens, members, connections). */
export async function member(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  post: boolean,
): Promise<WebSession | undefined> {
  const session = await signedIn(ctx, request, reply, post);
  if (session && session.membership.role === "guest") {
    await messagePage(
      reply,
      session,
      403,
      "Forbidden",
      "Guests can only see the pages shared with them. Ask a member of this workspace.",
    );
    return undefined;
  }
  return session;
}

/** Like `member`, for what only the workspace's owners may do (people and roles). */
export async function owner(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  post: boolean,
): Promise<WebSession | undefined> {
  const session = await member(ctx, request, reply, post);
  if (session && session.membership.role !== "owner") {
    await messagePage(reply, session, 403, "Forbidden", "Only owners of this workspace can do this.");
    return undefined;
  }
  return session;
}
