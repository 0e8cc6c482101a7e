import type { FastifyInstance } from "fastify";
import { checkRequestValue } from "../domain/json-checks.ts";
import { invalidJson } from "../errors.ts";

export type FormBody = Record<string, string | string[]>;

/** HTML forms and OAuth clients post `application/x-www-form-urlencoded`; repeated names become lists. */
export function parseForm(text: string): FormBody {
  const out: FormBody = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** The largest form the web UI and the OAuth endpoints take; a page's form is a few KB. */
export const FORM_BODY_BYTES = 100 * 1024;

/**
 * Adds the form parser to a plugin scope (the root scope parses every body as JSON). `%00` decodes to a
 * NUL, which PostgreSQL can't store, so a form holding one is refused on both engines alike.
 */
export function acceptForms(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_BODY_BYTES },
    (_request, body, done) => {
      let form: FormBody;
      try {
        form = parseForm(typeof body === "string" ? body : body.toString("utf8"));
      } catch {
        return done(invalidJson(), undefined);
      }
      try {
        checkRequestValue(form, "body");
        done(null, form);
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}

export function field(body: unknown, name: string): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

export function fields(body: unknown, name: string): string[] {
  if (typeof body !== "object" || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}
