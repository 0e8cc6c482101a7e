import type { FastifyInstance } from "fastify";
import { AccountError, signIn, signOut, switchWorkspace } from "../services/identity/account-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { type SignInThrottle, SignInThrottled } from "../services/identity/sign-in-throttle.ts";
import { field } from "./forms.ts";
import { html } from "./html.ts";
import { errorBox, page, send } from "./layout.ts";
import {
  SESSION_COOKIE,
  csrfOk,
  currentSession,
  preCsrfOk,
  preCsrfToken,
  safeNext,
  setCookie,
} from "./session.ts";

const SESSION_SECONDS = 14 * 86_400;

export function registerAuthRoutes(
  scope: FastifyInstance,
  ctx: ServiceContext,
  throttle: SignInThrottle,
): void {
  const signInPage = (csrf: string, next: string, email: string, error?: string) =>
    page(
      { title: "Sign in" },
      html`<div class="narrow">
        <h1>Sign in to Quire</h1>
        ${errorBox(error)}
        <form method="post" action="/sign-in">
          <input type="hidden" name="_csrf" value="${csrf}" />
          <input type="hidden" name="next" value="${next}" />
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value="${email}" />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <div class="actions"><button class="primary" type="submit">Sign in</button></div>
        </form>
        <p class="muted">
          The first start of the server prints the owner's email and password;
          <code>npx quire user create</code>
          adds people.
        </p>
      </div>`,
    );

  scope.get("/sign-in", async (request, reply) => {
    const next = safeNext(field(request.query, "next"));
    if (await currentSession(ctx, request)) return reply.redirect(next, 303);
    return send(reply, signInPage(preCsrfToken(ctx, request, reply), next, ""));
  });

  scope.post("/sign-in", async (request, reply) => {
    const next = safeNext(field(request.body, "next"));
    const email = field(request.body, "email") ?? "";
    const csrf = preCsrfToken(ctx, request, reply);
    if (!preCsrfOk(request))
      return send(reply, signInPage(csrf, next, email, "The form expired. Please try again."), 403);
    try {
      const password = field(request.body, "password") ?? "";
      const signedIn = await signIn(ctx, { email, password, address: request.ip }, throttle);
      // A fresh session id on every sign-in; a planted cookie is simply replaced (session fixation).
      setCookie(ctx, request, reply, SESSION_COOKIE, signedIn.sessionId, SESSION_SECONDS);
      return reply.redirect(next, 303);
    } catch (error) {
      if (error instanceof SignInThrottled) {
        void reply.header("retry-after", String(error.retryAfterSeconds));
        return send(reply, signInPage(csrf, next, email, error.message), 429);
      }
      if (!(error instanceof AccountError)) throw error;
      return send(reply, signInPage(csrf, next, email, error.message), 401);
    }
  });

  scope.post("/sign-out", async (request, reply) => {
    const session = await currentSession(ctx, request);
    if (session && csrfOk(session, request.body)) {
      await signOut(ctx, session.sessionId);
      setCookie(ctx, request, reply, SESSION_COOKIE, "", 0);
    } else if (session) {
      return send(
        reply,
        page(
          { title: "Forbidden", session },
          html`<h1>Forbidden</h1>
            <p>The form expired.</p>`,
        ),
        403,
      );
    }
    return reply.redirect("/sign-in", 303);
  });

  scope.post("/workspace", async (request, reply) => {
    const session = await currentSession(ctx, request);
    if (!session) return reply.redirect("/sign-in", 303);
    if (!csrfOk(session, request.body)) return reply.code(403).send("Forbidden: the form expired.");
    try {
      await switchWorkspace(
        ctx,
        session.sessionId,
        session.account.id,
        field(request.body, "workspace_id") ?? "",
      );
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
    }
    return reply.redirect(safeNext(field(request.body, "next")), 303);
  });
}
