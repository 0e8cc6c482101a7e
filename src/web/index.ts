import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { toApiError } from "../http/errors.ts";
import type { ServiceContext } from "../services/context.ts";
import type { SignInThrottle } from "../services/identity/sign-in-throttle.ts";
import { registerAuthRoutes } from "./auth-routes.ts";
import { registerConsentRoutes } from "./consent-routes.ts";
import { registerMcpConsentRoutes } from "./mcp-consent-routes.ts";
import { registerIntegrationRoutes } from "./integrations-routes.ts";
import { registerWebhookRoutes } from "./webhook-routes.ts";
import { FORM_BODY_BYTES, acceptForms } from "./forms.ts";
import { html } from "./html.ts";
import { page, send } from "./layout.ts";
import { registerMemberRoutes } from "./members-routes.ts";
import { registerPageRoutes } from "./page-routes.ts";
import { registerFileRoutes } from "./file-routes.ts";
import { registerTokenRoutes } from "./tokens-routes.ts";
import { registerViewRoutes } from "./view-routes.ts";

const STYLE = readFileSync(new URL("./style.css", import.meta.url), "utf8");
const BOARD_SCRIPT = readFileSync(new URL("./board.js", import.meta.url), "utf8");
const VIEWS_SCRIPT = readFileSync(new URL("./views.js", import.meta.url), "utf8");

const SERVER_ERROR = {
  status: 500,
  title: "Error",
  message: "Something went wrong on the server. Nothing was changed; please try again.",
};

/**
 * A failed request as a page: the client's problems (a form over the size limit, text that can't be
 * stored, a body that can't be read) with their own status and what to do; anything else a logged 500.
 */
function errorPage(
  error: Error,
  request: FastifyRequest,
): { status: number; title: string; message: string } {
  const problem = toApiError(error, request);
  if (!problem || problem.status >= 500) {
    request.log.error({ err: error }, "web error");
    return SERVER_ERROR;
  }
  if ("code" in error && error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    const limit = Math.round(FORM_BODY_BYTES / 1024);
    return {
      status: 413,
      title: "Form too large",
      message: `The form was larger than ${limit} KB, so nothing was saved. Shorten it and try again.`,
    };
  }
  const title = problem.status === 404 ? "Not found" : "Bad request";
  return { status: problem.status, title, message: `Nothing was saved: ${problem.message}` };
}

/** The web UI (docs/web-ui.md): server-rendered pages; forms work without JavaScript. */
export function registerWeb(app: FastifyInstance, ctx: ServiceContext, throttle: SignInThrottle): void {
  void app.register(async (scope) => {
    acceptForms(scope);
    scope.setErrorHandler((error: Error, request, reply) => {
      const { status, title, message } = errorPage(error, request);
      return send(
        reply,
        page(
          { title },
          html`<h1>${title}</h1>
            <p>${message}</p>`,
        ),
        status,
      );
    });
    scope.get("/assets/style.css", (_request, reply) =>
      reply
        .header("content-type", "text/css; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(STYLE),
    );
    scope.get("/assets/board.js", (_request, reply) =>
      reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(BOARD_SCRIPT),
    );
    scope.get("/assets/views.js", (_request, reply) =>
      reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(VIEWS_SCRIPT),
    );
    registerAuthRoutes(scope, ctx, throttle);
    registerConsentRoutes(scope, ctx);
    registerMcpConsentRoutes(scope, ctx);
    registerIntegrationRoutes(scope, ctx);
    registerWebhookRoutes(scope, ctx);
    registerTokenRoutes(scope, ctx);
    registerPageRoutes(scope, ctx);
    registerFileRoutes(scope, ctx);
    registerViewRoutes(scope, ctx);
    registerMemberRoutes(scope, ctx);
  });
}
