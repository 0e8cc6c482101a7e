/**
 * An OAuth error of `/mcp`'s authorization server, sent as `{error, error_description}` (RFC 6749 §5.2,
 * RFC 7591 §3.2.2) with the status the RFCs give it.
 */
export class McpOauthError extends Error {
  constructor(
    readonly error:
      | "invalid_request"
      | "invalid_client"
      | "invalid_grant"
      | "unsupported_grant_type"
      | "invalid_redirect_uri"
      | "invalid_client_metadata"
      | "access_denied"
      | "unsupported_response_type",
    message: string,
    readonly status = error === "invalid_client" ? 401 : 400,
  ) {
    super(message);
  }
}

/** A problem with the client or its redirect URI: shown to the person, never redirected (RFC 6749 §4.1.2.1). */
export class McpAuthorizePageError extends Error {}
