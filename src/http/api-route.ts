import type { FastifyInstance, FastifyRequest } from "fastify";
import { checkRequestValue } from "../domain/json-checks.ts";
import { type JsonObject, excerpt, fail, isObject } from "../domain/validation.ts";
import { type ApiVersion, ACCEPTED_VERSIONS, apiVersionFor } from "../domain/versions.ts";
import { ApiError } from "../errors.ts";
import { authenticate } from "../services/identity/auth-service.ts";
import { checkBlockLimit, noteBlockUsage } from "../services/access/block-limit.ts";
import type { ServiceContext } from "../services/context.ts";
import type { Viewer } from "../services/access/viewer.ts";
import { apiRuntimeOf } from "./api-runtime.ts";
import type { Query } from "./params.ts";
import { rateLimited } from "./rate-limit.ts";

export interface ApiRequest {
  viewer: Viewer;
  version: ApiVersion;
  params: Record<string, string>;
  query: Query;
  body: JsonObject;
  /** Request headers, lower-cased, for the few Quire extensions chosen by header. */
  headers: FastifyRequest["headers"];
  /** The unread request body, for the one route that streams it (file upload send). */
  raw: FastifyRequest["raw"];
}

/** A body sent with a status other than 200, e.g. 202 for an accepted async task. */
export class WithStatus {
  constructor(
    readonly status: number,
    readonly body: object,
  ) {}
}

export type ApiHandler = (request: ApiRequest) => Promise<object>;

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** Notion-Version is required on every request (reference/versioning). */
export function notionVersion(header: string | string[] | undefined): ApiVersion {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === "") {
    throw new ApiError(
      "missing_version",
      "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.",
    );
  }
  const version = apiVersionFor(value);
  if (!version) {
    const expected = ACCEPTED_VERSIONS.map((v) => `\`"${v}"\``).join(", ");
    throw new ApiError(
      "validation_error",
      `Notion-Version header failed validation: Notion-Version header should be one of ${expected}, instead was \`"${excerpt(value)}"\`.`,
    );
  }
  return version;
}

function bodyOf(request: FastifyRequest): JsonObject {
  const body: unknown = request.body;
  if (body === undefined || body === null || body === "") return {};
  if (!isObject(body)) fail("body", "an object", body);
  return body;
}

/**
 * The requests that can create blocks (pages, rows and databases are blocks too), which the Free plan's
 * block limit refuses once its grace period is over; edits that write no new block stay open.
 */
const CREATES_BLOCKS: Record<string, (body: JsonObject) => boolean> = {
  "POST /v1/pages": () => true,
  "PATCH /v1/blocks/:block_id/children": () => true,
  "POST /v1/databases": () => true,
  "POST /v1/data_sources": () => true,
  "PATCH /v1/pages/:page_id": (body) => body["template"] !== undefined,
  "PATCH /v1/pages/:page_id/markdown": () => true,
  "POST /v1/views": (body) => body["create_database"] !== undefined,
};

/**
 * Registers a `/v1` endpoint: version, then authentication, then the handler. The handler's result is
 * sent as JSON with the request id, like every Notion response.
 */
export function apiRoute(
  app: FastifyInstance,
  ctx: ServiceContext,
  method: Method,
  url: string,
  handler: ApiHandler,
): void {
  // Read once here: a feature that is off adds nothing to the request path.
  const { rateLimiter, onAuthenticated, blockLimit } = apiRuntimeOf(app);
  // The endpoint's name for per-endpoint limits, fixed here rather than read per request.
  const endpoint = `${method} ${url}`;
  const createsBlocks = blockLimit ? CREATES_BLOCKS[endpoint] : undefined;
  app.route({
    method,
    url,
    handler: async (request, reply) => {
      const version = notionVersion(request.headers["notion-version"]);
      const viewer = await authenticate(ctx, request.headers.authorization);
      onAuthenticated?.(request, viewer);
      if (rateLimiter) {
        // Notion counts requests per connection (reference/request-limits): a bot, or a person's tokens.
        const refused = await rateLimiter.take({
          connection: viewer.integration?.id ?? viewer.userId,
          workspace: viewer.workspaceId,
          endpoint,
        });
        if (refused) throw rateLimited(refused.retryAfter, refused.reason);
      }
      // The body was checked as it was parsed (http/json-body.ts); `%00` in a URL decodes to a NUL too.
      checkRequestValue(request.params, "path");
      checkRequestValue(request.query, "query");
      const body = bodyOf(request);
      const creating = createsBlocks?.(body) === true;
      if (creating) await checkBlockLimit(ctx, viewer);
      const result = await handler({
        viewer,
        version,
        params: request.params as Record<string, string>,
        query: request.query as Query,
        body,
        headers: request.headers,
        raw: request.raw,
      });
      if (creating && blockLimit) await noteBlockUsage(ctx, viewer.workspaceId, blockLimit);
      if (result instanceof WithStatus) {
        return reply.code(result.status).send({ ...result.body, request_id: request.id });
      }
      return reply.send({ ...result, request_id: request.id });
    },
  });
}
