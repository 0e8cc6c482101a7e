import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JsonObject } from "../../domain/validation.ts";
import { isObject } from "../../domain/validation.ts";
import { ApiError } from "../../errors.ts";
import { errorBody, toApiError } from "../../http/errors.ts";
import {
  type AuthenticatedClient,
  authenticateClient,
  introspect,
  issueToken,
  revoke,
} from "../../services/oauth/token-service.ts";
import type { ServiceContext } from "../../services/context.ts";
import { acceptForms } from "../../web/forms.ts";
import { parseClientCredentials, parseTokenOfClient, parseTokenRequest } from "./schema.ts";

type Operation<T> = (ctx: ServiceContext, caller: AuthenticatedClient, request: T) => Promise<object>;

/** A token request is a few hundred bytes; nothing legitimate comes near this. */
const OAUTH_BODY_BYTES = 16 * 1024;

/** RFC 6749 §5.2's `error` for a Notion code that is not an OAuth one: the request itself is malformed. */
function oauthErrorCode(apiError: ApiError): string {
  const malformed = ["invalid_json", "invalid_request_url", "validation_error"];
  return malformed.includes(apiError.code) ? "invalid_request" : apiError.code;
}

/**
 * The OAuth token endpoints (reference/create-a-token, introspect-token, revoke-token). The SDK sends JSON
 * with HTTP Basic client credentials and a Notion-Version header; generic OAuth clients send a form and no
 * version, so neither is required here. Errors are Notion's error object plus RFC 6749 §5.2's `error`
 * and `error_description`, and never cached (§5.1).
 */
export function registerOauthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  void app.register(async (scope) => {
    acceptForms(scope);
    scope.setErrorHandler((error: Error, request, reply) => {
      const known = toApiError(error, request);
      if (!known) request.log.error({ err: error }, "unhandled error");
      const apiError = known ?? new ApiError("internal_server_error", "Unexpected error occurred.");
      if (apiError.code === "invalid_client") void reply.header("www-authenticate", 'Basic realm="quire"');
      void reply
        .code(apiError.status)
        .header("cache-control", "no-store")
        .send({
          ...errorBody(apiError, request.id),
          error: oauthErrorCode(apiError),
          error_description: apiError.message,
        });
    });
    const route = <T>(path: string, parse: (body: JsonObject) => T, operation: Operation<T>) =>
      scope.post(
        path,
        { bodyLimit: OAUTH_BODY_BYTES },
        async (request: FastifyRequest, reply: FastifyReply) => {
          const body: JsonObject = isObject(request.body) ? request.body : {};
          const credentials = parseClientCredentials(body);
          const caller = await authenticateClient(ctx, request.headers.authorization, credentials);
          const result = await operation(ctx, caller, parse(body));
          return reply
            .header("cache-control", "no-store")
            .header("pragma", "no-cache")
            .send({ ...result, request_id: request.id });
        },
      );
    route("/v1/oauth/token", parseTokenRequest, issueToken);
    route("/v1/oauth/introspect", parseTokenOfClient, introspect);
    route("/v1/oauth/revoke", parseTokenOfClient, revoke);
  });
}
