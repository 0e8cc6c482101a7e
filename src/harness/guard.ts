import type { FastifyReply, FastifyRequest } from "fastify";
import { sameSecret } from "../services/identity/tokens.ts";
import type { HarnessClock } from "./clock.ts";
import type { FaultStore } from "./faults.ts";
import type { RequestLog } from "./request-log.ts";

/** The harness is off unless the server is started with it; then every `/__quire/*` call needs its token. */
export interface HarnessOptions {
  token: string;
  /** The clock behind `ServiceContext.clock`, which the harness freezes and advances. */
  clock: HarnessClock;
  /** Fault rules, to share with code that sets them directly; a fresh store by default. */
  faults?: FaultStore | undefined;
  /** The request log; by default a fresh one of 1,000 entries. */
  requestLog?: RequestLog | undefined;
}

/** Accepts the harness token as `Authorization: Bearer …`, `X-Quire-Harness-Token`, or `?token=` (for a browser). */
export function harnessTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers["x-quire-harness-token"];
  if (typeof header === "string") return header;
  const auth = request.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7);
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.["token"] === "string" ? query["token"] : undefined;
}

/** A Fastify onRequest hook for the harness routes: 401 in Notion's error shape without the right token. */
export function harnessGuard(options: HarnessOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const given = harnessTokenOf(request);
    if (given !== undefined && sameSecret(given, options.token)) return;
    await reply.code(401).send({
      object: "error",
      status: 401,
      code: "unauthorized",
      message: "The harness token is missing or wrong (see `quire serve --harness`).",
      request_id: request.id,
    });
  };
}
