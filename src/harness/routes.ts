import type { FastifyInstance } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import { registerClockRoutes } from "./clock-routes.ts";
import { registerFaultRoutes } from "./fault-routes.ts";
import { type HarnessOptions, harnessGuard } from "./guard.ts";
import { registerRequestLogRoutes } from "./request-log-routes.ts";
import type { HarnessRuntime } from "./runtime.ts";
import { registerStateRoutes } from "./state-routes.ts";
import { registerWebhookRoutes } from "./webhook-routes.ts";

/** Mounts the developer harness under `/__quire/`, every route behind the harness token. */
export function registerHarnessRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  options: HarnessOptions,
  runtime: HarnessRuntime,
): void {
  void app.register(
    async (harness) => {
      harness.addHook("onRequest", harnessGuard(options));
      harness.get("/", async () => ({ object: "harness", ok: true }));
      registerClockRoutes(harness, options.clock);
      registerFaultRoutes(harness, runtime.faults);
      registerRequestLogRoutes(harness, runtime.requestLog);
      registerStateRoutes(harness, ctx, options.clock, runtime.faults);
      registerWebhookRoutes(harness, ctx);
    },
    { prefix: "/__quire" },
  );
}
