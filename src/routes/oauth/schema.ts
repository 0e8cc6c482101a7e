import type { JsonObject } from "../../domain/validation.ts";
import { invalidOauthRequest, unsupportedGrantType } from "../../services/oauth/oauth-errors.ts";
import type {
  ClientCredentials,
  TokenOfClientRequest,
  TokenRequest,
} from "../../services/oauth/token-service.ts";

/**
 * Request schemas of the OAuth token endpoints (reference/create-a-token, introspect-token,
 * revoke-token). Bodies arrive as JSON or as a form; failures are RFC 6749 §5.2 errors, not Notion's
 * validation messages. Client credentials are read first; the rest only once the client is known.
 */

/** `client_id` and `client_secret` in the body, used when no HTTP Basic header is sent. */
export function parseClientCredentials(body: JsonObject): ClientCredentials | undefined {
  const clientId = body["client_id"];
  const clientSecret = body["client_secret"];
  return typeof clientId === "string" && typeof clientSecret === "string"
    ? { clientId, clientSecret }
    : undefined;
}

function stringField(body: JsonObject, name: string): string {
  const value = body[name];
  if (typeof value !== "string" || value === "")
    throw invalidOauthRequest(`The ${name} parameter is required.`);
  return value;
}

/** `POST /v1/oauth/token`. */
export function parseTokenRequest(body: JsonObject): TokenRequest {
  const grantType = body["grant_type"];
  if (grantType === "authorization_code") {
    const code = stringField(body, "code");
    const redirectUri = body["redirect_uri"];
    const verifier = body["code_verifier"];
    return {
      grantType,
      code,
      redirectUri: () => {
        if (redirectUri !== undefined && typeof redirectUri !== "string")
          throw invalidOauthRequest("redirect_uri must be a string.");
        return redirectUri;
      },
      codeVerifier: typeof verifier === "string" ? verifier : undefined,
    };
  }
  if (grantType === "refresh_token") return { grantType, refreshToken: stringField(body, "refresh_token") };
  if (grantType === undefined) throw invalidOauthRequest("The grant_type parameter is required.");
  throw unsupportedGrantType(grantType);
}

/** `POST /v1/oauth/introspect` and `POST /v1/oauth/revoke`. */
export function parseTokenOfClient(body: JsonObject): TokenOfClientRequest {
  return { token: stringField(body, "token") };
}
