/**
 * Secrets never reach the request log: credentials in headers, OAuth secrets and tokens in bodies, and
 * anything that looks like a Quire token wherever it appears.
 */
export const REDACTED = "[redacted]";

const SECRET_HEADERS = new Set([
  "authorization",
  "x-quire-harness-token",
  "cookie",
  "set-cookie",
  "proxy-authorization",
]);
const SECRET_KEYS = new Set([
  "client_secret",
  "refresh_token",
  "access_token",
  "token",
  "password",
  "secret",
]);
const TOKEN_PATTERN = /\b(?:ntn|secret)_[A-Za-z0-9]{8,}/g;

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (!SECRET_HEADERS.has(name)) out[name] = text;
    else if (name.endsWith("authorization")) out[name] = `${text.split(" ")[0] ?? ""} ${REDACTED}`.trim();
    else out[name] = REDACTED;
  }
  return out;
}

/**
 * A redacted copy of a JSON value. `code` is a secret only beside `grant_type` (an OAuth token exchange,
 * reference/create-a-token); elsewhere it is a code block or an error code and stays.
 */
export function redactJson(value: unknown): unknown {
  if (typeof value === "string") {
    return value.includes("ntn_") || value.includes("secret_")
      ? value.replace(TOKEN_PATTERN, REDACTED)
      : value;
  }
  if (Array.isArray(value)) return value.map(redactJson);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  const oauth = "grant_type" in object;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    out[key] = SECRET_KEYS.has(key) || (oauth && key === "code") ? REDACTED : redactJson(item);
  }
  return out;
}
