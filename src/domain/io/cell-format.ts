import { isObject } from "../validation.ts";

/**
 * A property value as CSV cell text, the way Notion's export writes it: plain text, `Yes`/`No` for
 * checkboxes, comma-separated names for multi-selects, people and files, `Title (link)` for relations.
 * Dates are written in ISO 8601 (Notion writes "January 5, 2026"); ranges are joined with ` → ` as
 * Notion does. Both forms are read back by `parseCell`.
 */
export interface FormatContext {
  /** Name of a user id, or the id itself when unknown. */
  userName(id: string): string;
  /** A related page as `Title (relative/path.md)`. */
  relationText(id: string): string;
}

function plain(items: unknown): string {
  if (!Array.isArray(items)) return "";
  return items
    .map((item) => (isObject(item) && typeof item.plain_text === "string" ? item.plain_text : ""))
    .join("");
}

export function formatDate(value: unknown): string {
  if (!isObject(value) || typeof value.start !== "string") return "";
  return typeof value.end === "string" ? `${value.start} → ${value.end}` : value.start;
}

function names(items: unknown): string[] {
  return Array.isArray(items)
    ? items.flatMap((item) => (isObject(item) && typeof item.name === "string" ? [item.name] : []))
    : [];
}

function fileText(file: unknown): string {
  if (!isObject(file)) return "";
  const inner = isObject(file.external) ? file.external : isObject(file.file) ? file.file : null;
  return inner && typeof inner.url === "string" ? inner.url : typeof file.name === "string" ? file.name : "";
}

/** `type` and the `[type]` value of a presented page property (or a formula/rollup result). */
export function formatCell(type: string, value: unknown, context: FormatContext): string {
  switch (type) {
    case "title":
    case "rich_text":
      return plain(value);
    case "number":
      return typeof value === "number" ? String(value) : "";
    case "select":
    case "status":
      return isObject(value) && typeof value.name === "string" ? value.name : "";
    case "multi_select":
      return names(value).join(", ");
    case "date":
      return formatDate(value);
    case "checkbox":
      return value === true ? "Yes" : "No";
    case "url":
    case "email":
    case "phone_number":
    case "created_time":
    case "last_edited_time":
    case "string":
      return typeof value === "string" ? value : "";
    case "boolean":
      return value === true ? "Yes" : value === false ? "No" : "";
    case "people":
      return Array.isArray(value)
        ? value
            .flatMap((u) => (isObject(u) && typeof u.id === "string" ? [context.userName(u.id)] : []))
            .join(", ")
        : "";
    case "created_by":
    case "last_edited_by":
      return isObject(value) && typeof value.id === "string" ? context.userName(value.id) : "";
    case "files":
      return Array.isArray(value) ? value.map(fileText).filter(Boolean).join(", ") : "";
    case "relation":
      return Array.isArray(value)
        ? value
            .flatMap((r) => (isObject(r) && typeof r.id === "string" ? [context.relationText(r.id)] : []))
            .join(", ")
        : "";
    case "unique_id":
      return isObject(value) && typeof value.number === "number"
        ? `${typeof value.prefix === "string" && value.prefix ? `${value.prefix}-` : ""}${value.number}`
        : "";
    case "formula":
    case "rollup":
      return isObject(value) && typeof value.type === "string"
        ? value.type === "array"
          ? (Array.isArray(value.array) ? value.array : [])
              .map((item) =>
                isObject(item) && typeof item.type === "string"
                  ? formatCell(item.type, item[item.type], context)
                  : "",
              )
              .filter(Boolean)
              .join(", ")
          : formatCell(value.type, value[value.type], context)
        : "";
    default:
      return "";
  }
}
