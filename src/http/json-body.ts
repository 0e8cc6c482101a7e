import { isUtf8 } from "node:buffer";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { checkRequestValue } from "../domain/json-checks.ts";
import { invalidJson } from "../errors.ts";

/** Notion's 500 KB payload cap (reference/request-limits). */
export const MAX_BODY_BYTES = 500 * 1024;

/**
 * A media type as Fastify accepts it (RFC 9110 §8.3.1: `type "/" subtype`, tokens only, parameters after
 * `;`). Fastify answers anything else with its own 415 before a parser runs.
 */
const MEDIA_TYPE = /^\s*[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*$/;

/**
 * Bodies are JSON whatever their content type says, so a `Content-Type` that is not a media type at all
 * (`application/json, text/plain`, or an empty header) is dropped rather than refused: the body is then
 * parsed as JSON like any other. Called from the app's one `onRequest` hook.
 */
export function dropMalformedContentType(request: FastifyRequest): void {
  const type = request.headers["content-type"];
  if (type === undefined) return;
  const semicolon = type.indexOf(";");
  if (!MEDIA_TYPE.test(semicolon === -1 ? type : type.slice(0, semicolon))) {
    delete request.raw.headers["content-type"];
  }
}

/**
 * Parses a body as JSON text (RFC 8259): UTF-8 only (§8.1; Node would otherwise turn invalid bytes into
 * U+FFFD and store them silently), then checked for depth and for text no engine can store, so every
 * route gets the same answers on SQLite and PostgreSQL.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  if (!isUtf8(body)) throw invalidJson();
  const text = body.toString("utf8");
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidJson();
  }
  checkRequestValue(value, "body", text);
  return value;
}

/**
 * Bodies are parsed as JSON whatever their content type (the SDK sends application/json; curl users
 * often forget it), so a malformed body is always Notion's `invalid_json`.
 */
export function installJsonParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(typeof body === "string" ? Buffer.from(body) : body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
