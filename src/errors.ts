/**
 * Notion's error codes and the HTTP status each one travels with (reference/status-codes).
 * This is the only place codes live; everything else throws through the factories below.
 */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request_url: 400,
  invalid_request: 400,
  validation_error: 400,
  missing_version: 400,
  invalid_grant: 400,
  // OAuth 2.0 token endpoint errors (RFC 6749 §5.2), on /v1/oauth/* only.
  unsupported_grant_type: 400,
  invalid_client: 401,
  unauthorized: 401,
  restricted_resource: 403,
  object_not_found: 404,
  conflict_error: 409,
  rate_limited: 429,
  internal_server_error: 500,
  bad_gateway: 502,
  service_unavailable: 503,
  gateway_timeout: 504,
  service_overload: 529,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type AdditionalData = Record<string, string | string[]>;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly additionalData?: AdditionalData,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export function validationError(message: string, additionalData?: AdditionalData): ApiError {
  return new ApiError("validation_error", message, additionalData);
}

export type ObjectKind =
  | "page"
  | "block"
  | "database"
  | "data source"
  | "user"
  | "property"
  | "comment"
  | "discussion"
  | "view"
  | "view query";

/** Notion answers 404, never 403, for anything outside what was shared with an integration. */
/**
 * Notion's 404 for an object the caller can't see; for an integration it names the integration in the
 * message and in `additional_data.integration_id` (the SDK exposes it as `error.additional_data`).
 */
export function notFound(
  kind: ObjectKind,
  id: string,
  integration?: { id: string; name: string } | null,
): ApiError {
  if (!integration) return new ApiError("object_not_found", `Could not find ${kind} with ID: ${id}.`);
  return new ApiError(
    "object_not_found",
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration "${integration.name}".`,
    { integration_id: integration.id },
  );
}

/** Notion's text for a 500; what went wrong is logged, never sent. */
export const UNEXPECTED_ERROR_MESSAGE = "Unexpected error occurred.";

export function unexpectedError(): ApiError {
  return new ApiError("internal_server_error", UNEXPECTED_ERROR_MESSAGE);
}

export function unauthorized(): ApiError {
  return new ApiError("unauthorized", "API token is invalid.");
}

export function missingCapability(): ApiError {
  return new ApiError("restricted_resource", "Insufficient permissions for this endpoint.");
}

/**
 * Custom Agents, their sessions and AI meeting notes need Notion AI and transcription, which a Quire
 * workspace doesn't have: Notion's 403 for a resource the token can't use, in its documented wording
 * (reference/status-codes, `restricted_resource`).
 */
export function featureUnavailable(): ApiError {
  return new ApiError("restricted_resource", "API token does not have access to this resource.");
}

export function invalidRequestUrl(): ApiError {
  return new ApiError("invalid_request_url", "Invalid request URL.");
}

export function invalidJson(): ApiError {
  return new ApiError("invalid_json", "Error parsing JSON body.");
}

export function archivedEdit(): ApiError {
  return validationError("Can't edit block that is archived. You must unarchive the block before editing.");
}

/**
 * A write that lost a race for a lock: a PostgreSQL deadlock or serialization failure, or a SQLite file
 * that another process kept busy past the wait. Nothing of it was saved, so sending it again is safe.
 * Notion answers contention with 409 `conflict_error` (reference/status-codes); `retryable` marks the
 * failures a fresh transaction can get past at once (PostgreSQL chose this one as the victim).
 */
export class ConflictError extends ApiError {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super("conflict_error", "Conflict occurred while saving. Please try again.");
  }
}
