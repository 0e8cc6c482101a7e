import type { FastifyInstance } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import { type HarnessOptions, harnessGuard } from "./guard.ts";
import { registerStateRoutes } from "./state-routes.ts";

/** Mounts the developer harness under `/__quire/`, every route behind the harness token. */
export function registerHarnessRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  options: HarnessOptions,
): void {
  void app.register(
    async (harness) => {
      harness.addHook("onRequest", harnessGuard(options));
      harness.get("/", async () => ({ object: "harness", ok: true }));
      // Each harness area registers its routes here, e.g. `registerClockRoutes(harness, ctx)`.
      registerStateRoutes(harness, ctx, options.clock);
    },
    { prefix: "/__quire" },
  );
}
