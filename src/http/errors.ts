import type { FastifyError, FastifyInstance } from "fastify";
import { ApiError, invalidJson, invalidRequestUrl, validationError } from "../errors.ts";

/** Notion's 500 KB payload cap (reference/request-limits). */
export const MAX_BODY_BYTES = 500 * 1024;

export function errorBody(error: ApiError, requestId: string) {
  return {
    object: "error",
    status: error.status,
    code: error.code,
    message: error.message,
    request_id: requestId,
    ...(error.additionalData ? { additional_data: error.additionalData } : {}),
  };
}

function toApiError(error: FastifyError | Error): ApiError | null {
  if (error instanceof ApiError) return error;
  const code = "code" in error ? error.code : undefined;
  if (error instanceof SyntaxError || code === "FST_ERR_CTP_EMPTY_JSON_BODY") return invalidJson();
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return validationError(`Request body too large: the limit is ${MAX_BODY_BYTES / 1024} KB.`);
  }
  return null;
}

/** Every failure leaves as Notion's error object; anything unexpected is a logged 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const known = toApiError(error);
    if (!known) request.log.error({ err: error }, "unhandled error");
    const apiError = known ?? new ApiError("internal_server_error", "Unexpected error occurred.");
    // A 429 says when to come back in a header too, which the SDK honours (reference/request-limits).
    const retryAfter = apiError.additionalData?.["retry_after"];
    if (typeof retryAfter === "string") void reply.header("retry-after", retryAfter);
    void reply.code(apiError.status).send(errorBody(apiError, request.id));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = invalidRequestUrl();
    void reply.code(error.status).send(errorBody(error, request.id));
  });
}

/**
 * Bodies are parsed as JSON whatever their content type (the SDK sends application/json; curl users
 * often forget it), so a malformed body is always Notion's `invalid_json`.
 */
export function installJsonParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(invalidJson(), undefined);
    }
  });
}
