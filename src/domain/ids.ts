import { randomUUID } from "node:crypto";

const COMPACT = /^[0-9a-f]{32}$/;

/**
 * Notion accepts IDs with or without dashes ("You may omit dashes from the ID", reference/intro)
 * and always answers with the dashed, lower-case form.
 */
export function parseId(raw: string): string | null {
  const compact = raw.replace(/-/g, "").toLowerCase();
  if (!COMPACT.test(compact)) return null;
  if (raw.includes("-") && !isDashedUuid(raw.toLowerCase())) return null;
  return dashed(compact);
}

function isDashedUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}

function dashed(compact: string): string {
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

export function newId(): string {
  return randomUUID();
}

export function compactId(id: string): string {
  return id.replace(/-/g, "");
}
