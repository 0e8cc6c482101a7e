import { API_COLORS } from "../colors.ts";
import { parseRichText } from "../rich-text.ts";
import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  requireBoolean,
  requireEnum,
  requireNumber,
  show,
} from "../validation.ts";

/**
 * Most block types are flat records of independent fields, so one table per type drives both the
 * create parse (required fields, defaults) and the partial PATCH merge; only unions (media sources,
 * link targets) need hand-written code.
 */
export interface Field {
  parse(value: unknown, path: string): unknown;
  /** Stored when a create request omits the field; without it the key is left out. */
  fallback?: () => unknown;
  required?: boolean;
  /** Set at creation only: an update may repeat the stored value but not change it. */
  fixed?: boolean;
}

export type Fields = Record<string, Field>;

export function createFromFields(fields: Fields, input: JsonObject, path: string): JsonObject {
  const content: JsonObject = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = input[key];
    if (value === undefined) {
      if (field.required) fail(`${path}.${key}`, "defined", value);
      if (field.fallback) content[key] = field.fallback();
      continue;
    }
    content[key] = field.parse(value, `${path}.${key}`);
  }
  return content;
}

export function updateFromFields(
  fields: Fields,
  current: JsonObject,
  input: JsonObject,
  path: string,
): JsonObject {
  const content: JsonObject = { ...current };
  for (const [key, field] of Object.entries(fields)) {
    const value = input[key];
    if (value === undefined) continue;
    const parsed = field.parse(value, `${path}.${key}`);
    if (field.fixed) {
      if (!sameJson(parsed, current[key])) fixedField(`${path}.${key}`, current[key], value);
      continue;
    }
    content[key] = parsed;
  }
  return content;
}

export function fixedField(path: string, stored: unknown, value: unknown): never {
  fail(path, `\`${show(stored)}\` (it cannot be changed after creation)`, value);
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Picks the member of a request union (`{type?, <type>: …}`): the explicit `type`, else the first
 * variant key present. Neither gives Notion's "Fix one:" list of the keys that would have matched.
 */
export function pickVariant<T extends string>(input: JsonObject, path: string, variants: readonly T[]): T {
  if (input.type !== undefined) return requireEnum(input.type, `${path}.type`, variants);
  const present = variants.find((v) => input[v] !== undefined);
  if (present !== undefined) return present;
  failOneOf(
    path,
    variants.map((v) => expectation(`${path}.${v}`, "defined", undefined)),
  );
}

export function requireInteger(value: unknown, path: string, min: number): number {
  const n = requireNumber(value, path);
  if (!Number.isInteger(n)) fail(path, "an integer", value);
  if (n < min) fail(path, `≥ \`${min}\``, value);
  return n;
}

export const richTextField: Field = { parse: parseRichText, required: true };
export const captionField: Field = { parse: parseRichText, fallback: () => [] };
export const colorField: Field = {
  parse: (value, path) => requireEnum(value, path, API_COLORS),
  fallback: () => "default",
};
export const falseByDefault: Field = { parse: requireBoolean, fallback: () => false };
