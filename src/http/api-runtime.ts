import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Viewer } from "../services/access/viewer.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { BlockLimit } from "../services/access/block-limit.ts";

/**
 * Optional per-app behaviour of `/v1` routes. Each route reads it once, when it is registered, so a
 * feature that is off costs nothing per request.
 */
export interface ApiRuntime {
  /** Limits requests per caller after authentication (`quire serve --rate-limit`). */
  rateLimiter?: RateLimiter | undefined;
  /** The Free plan's workspace block limit (`quire serve --block-limit`); off unless given. */
  blockLimit?: BlockLimit | undefined;
  /** Told who made each request once the token is resolved (the harness request log). */
  onAuthenticated?: ((request: FastifyRequest, viewer: Viewer) => void) | undefined;
}

const runtimes = new WeakMap<object, ApiRuntime>();

export function setApiRuntime(app: FastifyInstance, runtime: ApiRuntime): void {
  runtimes.set(app, { ...runtimes.get(app), ...runtime });
}

/** Encapsulated Fastify instances inherit from their parent's object, so a plugin's routes find the root's runtime. */
export function apiRuntimeOf(app: FastifyInstance): ApiRuntime {
  for (
    let instance: object | null = app;
    instance;
    instance = Object.getPrototypeOf(instance) as object | null
  ) {
    const runtime = runtimes.get(instance);
    if (runtime) return runtime;
  }
  return {};
}
