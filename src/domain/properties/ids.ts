import { randomInt } from "node:crypto";
import { newId } from "../ids.ts";
import { isObject } from "../validation.ts";
import type { PropertySchema, StoredValues } from "./types.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The title property's id is always "title" (D:reference/page-property-values). */
export const TITLE_ID = "title";

/**
 * Notion's property ids are short strings that stay stable across renames. Quire keeps them to four
 * alphanumerics so they never need URL-encoding in `/pages/{id}/properties/{property_id}`.
 */
export function newPropertyId(taken: Set<string>): string {
  for (;;) {
    let id = "";
    for (let i = 0; i < 4; i++) id += ALPHABET[randomInt(ALPHABET.length)];
    if (id !== TITLE_ID && !taken.has(id)) return id;
  }
}

/** Select/status option and status group ids are UUIDs in Notion's responses. */
export function newOptionId(): string {
  return newId();
}

/** The page ids of a stored relation value (`[{id}, …]`); anything else holds none. */
export function relationIds(value: unknown): string[] {
  return Array.isArray(value)
    ? value.flatMap((v) => (isObject(v) && typeof v.id === "string" ? [v.id] : []))
    : [];
}

/** The pages one relation property gained and lost in a write (its two-way twin is updated to match). */
export interface RelationChange {
  property: PropertySchema;
  added: string[];
  removed: string[];
}

/** What changed in each relation property `changed` accepts, between two stored value sets. */
export function relationChanges(
  schema: PropertySchema[],
  previous: StoredValues,
  next: StoredValues,
  changed: (property: PropertySchema) => boolean,
): RelationChange[] {
  return schema
    .filter((p) => p.type === "relation" && changed(p))
    .map((property) => {
      const before = relationIds(previous[property.id]);
      const after = relationIds(next[property.id]);
      return {
        property,
        added: after.filter((id) => !before.includes(id)),
        removed: before.filter((id) => !after.includes(id)),
      };
    });
}
