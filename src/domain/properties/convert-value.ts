import { formatDateText } from "../dates.ts";
import { RICH_TEXT_LIMITS, plainText, textItem } from "../rich-text.ts";
import { isObject } from "../validation.ts";
import type { PropertySchema, PropertyType } from "./types.ts";

const TEXTUAL = new Set<PropertyType>(["title", "rich_text"]);
const STRINGS = new Set<PropertyType>(["url", "email", "phone_number"]);
const OPTIONS = new Set<PropertyType>(["select", "multi_select", "status"]);

function textItems(text: string) {
  const items = [];
  for (let i = 0; i < text.length; i += RICH_TEXT_LIMITS.content) {
    items.push(textItem(text.slice(i, i + RICH_TEXT_LIMITS.content)));
  }
  return items;
}

/** A stored value read as text, as Notion's UI shows it when a property changes type. */
function asText(type: PropertyType, value: unknown): string | undefined {
  if (TEXTUAL.has(type)) return plainText(value);
  if (STRINGS.has(type)) return typeof value === "string" ? value : undefined;
  if (type === "number") return typeof value === "number" ? String(value) : undefined;
  if (type === "date") return formatDateText(value) || undefined;
  if (type === "select" || type === "status") return isObject(value) ? String(value.name) : undefined;
  if (type === "multi_select" && Array.isArray(value)) {
    return value.map((v) => (isObject(v) ? String(v.name) : "")).join(", ");
  }
  return undefined;
}

function asOptions(type: PropertyType, value: unknown): unknown[] {
  if (type === "multi_select") return Array.isArray(value) ? value : [];
  return isObject(value) ? [value] : [];
}

/**
 * A row's stored value after its property changed type (SchemaChange "retyped"), or undefined when
 * nothing sensible carries over and the value should be cleared. Option ids survive retyping between
 * select, multi_select and status (the schema keeps the options), so those values carry over as is.
 */
export function convertValue(from: PropertySchema, to: PropertySchema, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (OPTIONS.has(from.type) && OPTIONS.has(to.type)) {
    const options = asOptions(from.type, value);
    return to.type === "multi_select" ? options : (options[0] ?? undefined);
  }
  const text = asText(from.type, value);
  if (text === undefined || text === "") return undefined;
  if (TEXTUAL.has(to.type)) return textItems(text);
  if (STRINGS.has(to.type)) return text;
  if (to.type === "number") {
    const n = Number(text.replace(/,/g, ""));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
