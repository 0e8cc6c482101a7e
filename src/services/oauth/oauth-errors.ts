import { show } from "../../domain/validation.ts";
import { ApiError } from "../../errors.ts";

/**
 * OAuth failures at the token endpoints: Notion's error object, whose `code` is the RFC 6749 §5.2 error
 * (reference/status-codes lists `invalid_grant`), so both the SDK and generic OAuth clients understand it.
 */
export function invalidGrant(message: string): ApiError {
  return new ApiError("invalid_grant", message);
}

export function invalidClient(): ApiError {
  return new ApiError("invalid_client", "Invalid client: the client_id or client_secret is wrong.");
}

export function invalidOauthRequest(message: string): ApiError {
  return new ApiError("invalid_request", message);
}

export function unsupportedGrantType(value: unknown): ApiError {
  return new ApiError(
    "unsupported_grant_type",
    `Unsupported grant_type ${show(value)}: use "authorization_code" or "refresh_token".`,
  );
}

/** A problem with an authorize request that must not redirect (unknown client, unregistered redirect_uri). */
export class AuthorizeError extends Error {}

/** The RFC 6749 §4.1.2.1 errors Quire sends back to a client's redirect_uri (docs/errors.md). */
export const AUTHORIZE_REDIRECT_ERRORS = [
  "invalid_request",
  "unsupported_response_type",
  "access_denied",
  "server_error",
] as const;

/** A problem with an authorize request reported to the client through its redirect_uri (RFC 6749 §4.1.2.1). */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly error: (typeof AUTHORIZE_REDIRECT_ERRORS)[number],
    message: string,
  ) {
    super(message);
  }
}
