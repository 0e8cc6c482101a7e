import type { FastifyInstance } from "fastify";
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

/** Adds the form parser to a plugin scope (the root scope parses every body as JSON). */
export function acceptForms(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 100 * 1024 },
    (_request, body, done) => {
      try {
        done(null, parseForm(typeof body === "string" ? body : body.toString("utf8")));
      } catch {
        done(invalidJson(), undefined);
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
