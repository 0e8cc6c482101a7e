import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type SessionDetails, resolveSession } from "../services/identity/account-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { sameSecret } from "../services/identity/tokens.ts";
import { field } from "./forms.ts";

export const SESSION_COOKIE = "quire_session";
/** Double-submit cookie protecting the sign-in form itself (before there is a session). */
export const PRE_CSRF_COOKIE = "quire_csrf";

export function cookies(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

function secure(ctx: ServiceContext, request: FastifyRequest): boolean {
  return request.protocol === "https" || ctx.publicUrl.startsWith("https:");
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (sent on the top-level navigation an OAuth client starts
 * at /v1/oauth/authorize, never on cross-site POSTs), Secure when served over HTTPS.
 */
export function setCookie(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure(ctx, request) ? ["Secure"] : []),
  ];
  const existing = reply.getHeader("set-cookie");
  const list = Array.isArray(existing) ? existing : typeof existing === "string" ? [existing] : [];
  void reply.header("set-cookie", [...list, attributes.join("; ")]);
}

export interface WebSession extends SessionDetails {
  sessionId: string;
}

export async function currentSession(
  ctx: ServiceContext,
  request: FastifyRequest,
): Promise<WebSession | undefined> {
  const id = cookies(request)[SESSION_COOKIE];
  const row = await resolveSession(ctx, id);
  return row && id ? { ...row, sessionId: id } : undefined;
}

function same(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && sameSecret(a, b);
}

/** The form's `_csrf` field must be the session's token (synchronizer token pattern). */
export function csrfOk(session: WebSession, body: unknown): boolean {
  return same(field(body, "_csrf"), session.session.csrfToken);
}

/** The sign-in form's token: the same random value in a cookie and in the form. */
export function preCsrfToken(ctx: ServiceContext, request: FastifyRequest, reply: FastifyReply): string {
  const existing = cookies(request)[PRE_CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString("base64url");
  setCookie(ctx, request, reply, PRE_CSRF_COOKIE, token, 3600);
  return token;
}

export function preCsrfOk(request: FastifyRequest): boolean {
  return same(field(request.body, "_csrf"), cookies(request)[PRE_CSRF_COOKIE]);
}

/**
 * Only same-site paths: a `next` of `//evil.example`, `https://…`, `/\\evil.example` or `/<tab>/evil.example`
 * (browsers drop tabs and newlines in URLs, turning it into `//evil.example`) would be an open redirect.
 */
export function safeNext(next: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  const base = "http://quire.invalid";
  const url = new URL(next, base);
  // The normalised path must not start with "//" either: "/.//evil.example" resolves to "//evil.example".
  return url.origin === base && !url.pathname.startsWith("//")
    ? `${url.pathname}${url.search}${url.hash}`
    : "/";
}
