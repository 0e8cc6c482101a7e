import type { JsonObject } from "../domain/validation.ts";
import { validationError } from "../errors.ts";

/**
 * A table cell's form value as the page update's `properties` entry (the API's wire shape), so the
 * request schema checks it as it checks any client's. A checkbox posts "false" from its hidden field,
 * then "true" when ticked: the last value wins. An empty field clears the value.
 */
export function cellValue(type: string, posted: string[]): JsonObject {
  const raw = posted.at(-1) ?? "";
  const value = raw.trim();
  switch (type) {
    case "checkbox":
      return { checkbox: raw === "true" };
    case "number": {
      if (value === "") return { number: null };
      const n = Number(value);
      if (!Number.isFinite(n)) throw validationError(`${JSON.stringify(raw)} is not a number.`);
      return { number: n };
    }
    case "date":
      return { date: value ? { start: value } : null };
    case "select":
      return { select: value ? { name: value } : null };
    case "status":
      return { status: value ? { name: value } : null };
    case "rich_text":
      return { rich_text: raw ? [{ type: "text", text: { content: raw } }] : [] };
    default:
      // url, email, phone_number: a plain string, or null to clear it.
      return { [type]: value || null };
  }
}
