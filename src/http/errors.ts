import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError, invalidJson, invalidRequestUrl, unexpectedError, validationError } from "../errors.ts";
import { MAX_BODY_BYTES } from "./json-body.ts";

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

/** The longest path parameter the router takes (`routerOptions.maxParamLength`); ids are 36. */
export const MAX_PARAM_LENGTH = 1000;

export function bodyTooLarge(limitBytes: number): ApiError {
  return validationError(`Request body too large: the limit is ${Math.round(limitBytes / 1024)} KB.`);
}

function statusOf(error: FastifyError | Error): number | undefined {
  return "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : undefined;
}

/**
 * Fastify's and Node's own request errors as Notion's. Their messages are not reused: they can quote the
 * request (a path, a header) at any length. Null for anything that is not the client's fault.
 */
export function toApiError(error: FastifyError | Error, request?: FastifyRequest): ApiError | null {
  if (error instanceof ApiError) return error;
  const code = "code" in error ? error.code : undefined;
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return bodyTooLarge(request?.routeOptions.bodyLimit ?? MAX_BODY_BYTES);
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return invalidJson();
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ApiError("invalid_request", "The body's length does not match its Content-Length header.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError("invalid_request", "The Content-Type header is not a media type.");
    case "FST_ERR_BAD_URL":
      return invalidRequestUrl();
    case "FST_ERR_MAX_PARAM_LENGTH":
      return validationError(
        `path failed validation: each path parameter should be at most \`${MAX_PARAM_LENGTH}\` characters long.`,
      );
  }
  if (error instanceof SyntaxError) return invalidJson();
  // A body stream that broke off (the client went away) and any other 4xx Fastify raises.
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return new ApiError("invalid_request", "The request could not be read.");
  }
  return null;
}

function sendApiError(apiError: ApiError, request: FastifyRequest, reply: FastifyReply): void {
  // A 429 says when to come back in a header too, which the SDK honours (reference/request-limits).
  const retryAfter = apiError.additionalData?.["retry_after"];
  if (typeof retryAfter === "string") void reply.header("retry-after", retryAfter);
  void reply
    .header("x-notion-request-id", request.id)
    .code(apiError.status)
    .send(errorBody(apiError, request.id));
}

/**
 * The router's own failures (`%zz` in a path, an over-long path parameter) arrive here before any hook
 * runs (Fastify's `frameworkErrors` option); they leave as Notion's error object like everything else.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendApiError(toApiError(error, request) ?? invalidRequestUrl(), request, reply);
}

/** Every failure leaves as Notion's error object; anything unexpected is a logged 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const known = toApiError(error, request);
    if (!known) request.log.error({ err: error }, "unhandled error");
    sendApiError(
      known ?? unexpectedError(),
      request,
      reply,
    );
  });
  app.setNotFoundHandler((request, reply) => {
    sendApiError(invalidRequestUrl(), request, reply);
  });
}
