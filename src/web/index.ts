import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import { registerAuthRoutes } from "./auth-routes.ts";
import { registerConsentRoutes } from "./consent-routes.ts";
import { registerIntegrationRoutes } from "./integrations-routes.ts";
import { acceptForms } from "./forms.ts";
import { html } from "./html.ts";
import { page, send } from "./layout.ts";
import { registerMemberRoutes } from "./members-routes.ts";
import { registerPageRoutes } from "./page-routes.ts";
import { registerTokenRoutes } from "./tokens-routes.ts";

const STYLE = readFileSync(new URL("./style.css", import.meta.url), "utf8");

/** The web UI (docs/web-ui.md): server-rendered pages; forms work without JavaScript. */
export function registerWeb(app: FastifyInstance, ctx: ServiceContext): void {
  void app.register(async (scope) => {
    acceptForms(scope);
    scope.setErrorHandler((error: Error, request, reply) => {
      request.log.error({ err: error }, "web error");
      const message = "Something went wrong on the server. Nothing was changed; please try again.";
      return send(
        reply,
        page(
          { title: "Error" },
          html`<h1>Error</h1>
            <p>${message}</p>`,
        ),
        500,
      );
    });
    scope.get("/assets/style.css", (_request, reply) =>
      reply
        .header("content-type", "text/css; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(STYLE),
    );
    registerAuthRoutes(scope, ctx);
    registerConsentRoutes(scope, ctx);
    registerIntegrationRoutes(scope, ctx);
    registerTokenRoutes(scope, ctx);
    registerPageRoutes(scope, ctx);
    registerMemberRoutes(scope, ctx);
  });
}
