import type { PropertySchema } from "../domain/properties/types.ts";
import type { TableRow } from "../services/browse/table-view.ts";
import { type Html, html } from "./html.ts";

type Value = Record<string, unknown> & { type?: string };

/** Property types a table cell edits in place; the others show their value (render-table.ts). */
export const EDITABLE_TYPES: ReadonlySet<string> = new Set([
  "rich_text",
  "number",
  "select",
  "status",
  "checkbox",
  "date",
  "url",
  "email",
  "phone_number",
]);

function plain(items: unknown): string {
  return Array.isArray(items)
    ? items.map((i) => String((i as { plain_text?: unknown }).plain_text ?? "")).join("")
    : "";
}

function optionNames(property: PropertySchema): string[] {
  const config = property.config as { options?: { name?: unknown }[] } | undefined;
  return (config?.options ?? []).flatMap((o) => (typeof o.name === "string" ? [o.name] : []));
}

function input(property: PropertySchema, value: Value, label: string): Html {
  const inner = value[property.type];
  switch (property.type) {
    case "number":
      return html`<input
        type="number"
        step="any"
        name="value"
        aria-label="${label}"
        value="${typeof inner === "number" ? String(inner) : ""}"
      />`;
    case "checkbox":
      return html`<input type="hidden" name="value" value="false" /><input
          type="checkbox"
          name="value"
          value="true"
          aria-label="${label}"
          ${inner === true ? "checked" : ""}
        />`;
    case "date": {
      const start = (inner as { start?: unknown } | null)?.start;
      return html`<input
        type="date"
        name="value"
        aria-label="${label}"
        value="${typeof start === "string" ? start.slice(0, 10) : ""}"
      />`;
    }
    case "select":
    case "status": {
      const current = (inner as { name?: unknown } | null)?.name;
      return html`<select name="value" aria-label="${label}">
        ${property.type === "select" ? html`<option value="">—</option>` : ""}
        ${optionNames(property).map(
          (name) => html`<option value="${name}" ${name === current ? "selected" : ""}>${name}</option>`,
        )}
      </select>`;
    }
    case "rich_text":
      return html`<input type="text" name="value" aria-label="${label}" value="${plain(inner)}" />`;
    default:
      return html`<input
        type="text"
        name="value"
        aria-label="${label}"
        value="${typeof inner === "string" ? inner : ""}"
      />`;
  }
}

/**
 * An editable cell: a form that saves one property of one row through the page update the API uses.
 * Without JavaScript its Save button posts it; /assets/views.js saves it as soon as the value changes.
 */
export function editableCell(
  property: PropertySchema,
  row: TableRow,
  rowTitle: string,
  action: string,
  csrf: Html,
): Html {
  const value = (row.values[property.name] ?? {}) as Value;
  const label = `${property.name} of ${rowTitle}`;
  return html`<form method="post" action="${action}" class="cell-form">
    ${csrf}<input type="hidden" name="row_id" value="${row.id}" /><input
      type="hidden"
      name="property_id"
      value="${property.id}"
    />${input(property, value, label)}<button type="submit" class="cell-save">Save</button>
  </form>`;
}
