import type { BlockLimit } from "./services/access/block-limit.ts";
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import {
  type ConnectionLimits,
  DEFAULT_CONNECTION_LIMITS,
  capConnectionsPerAddress,
  serverTimeouts,
} from "./http/connections.ts";
import { MAX_PARAM_LENGTH, frameworkErrors, installErrorHandling } from "./http/errors.ts";
import { MAX_BODY_BYTES, dropMalformedContentType, installJsonParsing } from "./http/json-body.ts";
import type { HarnessOptions } from "./harness/guard.ts";
import { registerHarnessRoutes } from "./harness/routes.ts";
import { registerAiFeatureRoutes } from "./routes/ai-features/index.ts";
import { registerAsyncTaskRoutes } from "./routes/async-tasks/index.ts";
import { installHarnessRuntime } from "./harness/runtime.ts";
import { setApiRuntime } from "./http/api-runtime.ts";
import type { RateLimiter } from "./http/rate-limit.ts";
import { registerBlockRoutes } from "./routes/blocks/index.ts";
import { registerCommentRoutes } from "./routes/comments/index.ts";
import { registerCustomEmojiRoutes } from "./routes/custom-emojis/index.ts";
import { registerDataSourceRoutes } from "./routes/data-sources/index.ts";
import { registerFileUploadRoutes } from "./routes/file-uploads/index.ts";
import { registerDatabaseRoutes } from "./routes/databases/index.ts";
import { registerOauthRoutes } from "./routes/oauth/index.ts";
import { registerPageRoutes } from "./routes/pages/index.ts";
import { registerSearchRoutes } from "./routes/search/index.ts";
import { registerUserRoutes } from "./routes/users/index.ts";
import { registerViewRoutes } from "./routes/views/index.ts";
import type { ServiceContext } from "./services/context.ts";
import { type SignInThrottlePolicy, createSignInThrottle } from "./services/identity/sign-in-throttle.ts";
import { registerWeb } from "./web/index.ts";
import { registerMcpRoutes } from "./mcp/mcp-route.ts";
import { registerMcpOauthRoutes } from "./mcp/oauth-routes.ts";

export interface AppOptions {
  logger?: boolean;
  /** Mounts the developer harness (`/__quire/*`); off unless given. */
  harness?: HarnessOptions | undefined;
  /** Limits each caller's request rate (`quire serve --rate-limit`); off unless given. */
  rateLimiter?: RateLimiter | undefined;
  /** Timeouts and the per-address connection cap; Quire's defaults unless given (src/config.ts). */
  connections?: Partial<ConnectionLimits> | undefined;
  /** The Free plan's workspace block limit (`quire serve --block-limit`); off unless given. */
  blockLimit?: BlockLimit | undefined;
  /** How failed web sign-ins are slowed down; the defaults unless given (tests make it fast). */
  signInThrottle?: Partial<SignInThrottlePolicy> | undefined;
  /**
   * While closing, serve requests that arrive on kept-alive connections instead of Fastify's 503: a
   * worker replaced under `--processes` finishes its clients' requests (the others take new ones).
   */
  serveWhileClosing?: boolean | undefined;
}

/** Builds the HTTP app from its dependencies; no I/O happens here, so tests can build as many as they like. */
export function createApp(ctx: ServiceContext, options: AppOptions = {}): FastifyInstance {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connections };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    return503OnClosing: !options.serveWhileClosing,
    ...serverTimeouts(limits),
  });
  capConnectionsPerAddress(app.server, limits.maxConnectionsPerAddress);
  // A callback hook: an async one costs a promise per request on the hottest path.
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-notion-request-id", request.id);
    dropMalformedContentType(request);
    done();
  });
  // Before the routes: they read these once, when registered.
  if (options.rateLimiter) setApiRuntime(app, { rateLimiter: options.rateLimiter });
  if (options.blockLimit) setApiRuntime(app, { blockLimit: options.blockLimit });
  const harness = options.harness && installHarnessRuntime(app, options.harness);
  installJsonParsing(app);
  installErrorHandling(app);
  app.get("/healthz", async () => ({ ok: true }));
  registerUserRoutes(app, ctx);
  registerPageRoutes(app, ctx);
  registerBlockRoutes(app, ctx);
  registerDatabaseRoutes(app, ctx);
  registerDataSourceRoutes(app, ctx);
  registerViewRoutes(app, ctx);
  registerCommentRoutes(app, ctx);
  registerCustomEmojiRoutes(app, ctx);
  registerAsyncTaskRoutes(app, ctx);
  registerAiFeatureRoutes(app, ctx);
  registerFileUploadRoutes(app, ctx);
  registerOauthRoutes(app, ctx);
  registerWeb(app, ctx, createSignInThrottle(options.signInThrottle));
  registerSearchRoutes(app, ctx);
  registerMcpRoutes(app, ctx);
  registerMcpOauthRoutes(app, ctx);
  if (options.harness && harness) registerHarnessRoutes(app, ctx, options.harness, harness);
  return app;
}
