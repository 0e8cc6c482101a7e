import { randomInt } from "node:crypto";
import { newId } from "../ids.ts";

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
