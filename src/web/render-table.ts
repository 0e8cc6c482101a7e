import type { TableView } from "../services/browse/table-view.ts";
import { TEXT_COLORS } from "../domain/colors.ts";
import { type Html, html } from "./html.ts";
import { richText, safeHref } from "./render-blocks.ts";

const COLORS: ReadonlySet<string> = new Set(TEXT_COLORS);

type Value = Record<string, unknown> & { type?: string };

function chip(option: unknown): Html {
  const o = option as { name?: unknown; color?: unknown } | null;
  if (!o || typeof o.name !== "string") return html``;
  const color = typeof o.color === "string" && COLORS.has(o.color) ? o.color : "default";
  return html`<span class="chip chip-${color}">${o.name}</span>`;
}

/** "2025-03-01 14:30" from an ISO date-time; dates without time stay as they are. */
function when(iso: unknown): string {
  if (typeof iso !== "string") return "";
  return iso.length > 10 ? iso.slice(0, 16).replace("T", " ") : iso;
}

function dateRange(value: unknown): string {
  const d = value as { start?: unknown; end?: unknown; time_zone?: unknown } | null;
  if (!d) return "";
  const range = d.end ? `${when(d.start)} → ${when(d.end)}` : when(d.start);
  return typeof d.time_zone === "string" ? `${range} (${d.time_zone})` : range;
}

function person(view: TableView, user: unknown): Html {
  const id = (user as { id?: unknown } | null)?.id;
  return typeof id === "string"
    ? html`<span class="person">${view.people.get(id) ?? "Unknown person"}</span>`
    : html``;
}

function number(n: unknown): string {
  return typeof n === "number" ? n.toLocaleString("en-US", { maximumFractionDigits: 10 }) : "";
}

function link(url: unknown, prefix = ""): Html {
  if (typeof url !== "string" || !url) return html``;
  const href = prefix ? `${prefix}${url}` : safeHref(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer">${url}</a>` : html`${url}`;
}

/** One cell: every property type as a person reads it (the value is the API's wire shape). */
export function renderValue(view: TableView, value: Value): Html {
  const type = value.type ?? "";
  const inner = value[type];
  switch (type) {
    case "title":
    case "rich_text":
      return richText(inner);
    case "number":
      return html`${number(inner)}`;
    case "select":
    case "status":
      return chip(inner);
    case "multi_select":
      return html`${Array.isArray(inner) ? inner.map(chip) : ""}`;
    case "date":
      return html`${dateRange(inner)}`;
    case "people":
      return html`${Array.isArray(inner) ? inner.map((u) => person(view, u)) : ""}`;
    case "created_by":
    case "last_edited_by":
      return person(view, inner);
    case "created_time":
    case "last_edited_time":
    case "last_visited_time":
      return html`${when(inner)}`;
    case "checkbox":
      return inner === true
        ? html`<span class="check-yes" aria-label="Checked" title="Checked">☑</span>`
        : html`<span class="check-no" aria-label="Not checked" title="Not checked">☐</span>`;
    case "url":
      return link(inner);
    case "email":
      return link(inner, "mailto:");
    case "phone_number":
      return link(inner, "tel:");
    case "files":
      return html`${
        Array.isArray(inner)
          ? inner.map((f) => {
              const file = f as Value & { name?: unknown };
              const source = (file[file.type ?? ""] ?? {}) as { url?: string; id?: unknown };
              // A file Quire holds is linked through its signed URL, never by its reference.
              const url =
                file.type === "file_upload" && typeof source.id === "string"
                  ? view.files.fileOf(source.id).url
                  : safeHref(source.url);
              const name = typeof file.name === "string" ? file.name : "file";
              return url ? html`<a href="${url}" rel="noopener noreferrer">${name}</a> ` : html`${name} `;
            })
          : ""
      }`;
    case "relation":
      return html`${
        Array.isArray(inner)
          ? inner.map((r) => {
              const id = (r as { id?: unknown }).id;
              if (typeof id !== "string") return "";
              const title = view.pageTitles.get(id);
              return title
                ? html`<a class="relation" href="/pages/${id}">${title}</a> `
                : html`<span class="muted">(no access)</span> `;
            })
          : ""
      }`;
    case "formula":
      return renderValue(view, (inner ?? {}) as Value);
    case "rollup": {
      const r = (inner ?? {}) as Value;
      if (r.type === "array" && Array.isArray(r["array"]))
        return html`${(r["array"] as Value[]).map((item) => html`<span class="rollup-item">${renderValue(view, item)}</span>`)}`;
      return renderValue(view, r);
    }
    case "string":
      return html`${typeof inner === "string" ? inner : ""}`;
    case "boolean":
      return renderValue(view, { type: "checkbox", checkbox: inner });
    case "unique_id": {
      const u = inner as { prefix?: unknown; number?: unknown } | null;
      if (!u || typeof u.number !== "number") return html``;
      return html`${typeof u.prefix === "string" && u.prefix ? `${u.prefix}-` : ""}${u.number}`;
    }
    case "verification": {
      const state = (inner as { state?: unknown } | null)?.state;
      return html`${state === "verified" ? "✓ Verified" : typeof state === "string" ? state : ""}`;
    }
    case "place":
    case "location": {
      const p = inner as { name?: unknown; address?: unknown } | null;
      return html`${typeof p?.name === "string" ? p.name : typeof p?.address === "string" ? p.address : ""}`;
    }
    default:
      return html``;
  }
}

/** A data source as a table: columns are properties in schema order, the title cell links to the row page. */
export function renderTable(view: TableView, pagePath: string): Html {
  const sourceQuery = view.sources.length > 1 ? `source=${encodeURIComponent(view.sourceId)}&` : "";
  const tabs =
    view.sources.length > 1
      ? html`<nav class="tabs" aria-label="Data sources">
          ${view.sources.map(
            (s) =>
              html`<a
                href="${pagePath}?source=${s.id}"
                ${s.id === view.sourceId ? html`aria-current="page"` : ""}
                >${s.name}</a
              >`,
          )}
        </nav>`
      : "";
  if (view.schema.length === 0)
    return html`${tabs}
      <p class="muted">This database has no data source.</p>`;
  return html`${tabs}
    <div class="table-wrap" role="region" aria-label="${view.title}" tabindex="0">
      <table class="data">
        <thead>
          <tr>
            ${view.schema.map((p) => html`<th scope="col">${p.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${
            view.rows.length === 0
              ? html`<tr>
                  <td colspan="${view.schema.length}" class="muted">No rows yet.</td>
                </tr>`
              : view.rows.map(
                  (row) =>
                    html`<tr>
                      ${view.schema.map((p) => {
                        const value = (row.values[p.name] ?? {}) as Value;
                        return p.type === "title"
                          ? html`<th scope="row">
                              <a href="/pages/${row.id}">${plainTitle(value) || "Untitled"}</a>
                            </th>`
                          : html`<td class="cell-${p.type}">${renderValue(view, value)}</td>`;
                      })}
                    </tr>`,
                )
          }
        </tbody>
      </table>
    </div>
    ${
      view.nextCursor
        ? html`<p>
            <a
              class="button"
              href="${pagePath}?${sourceQuery}cursor=${encodeURIComponent(view.nextCursor)}"
              rel="next"
              >Next rows →</a
            >
          </p>`
        : ""
    }`;
}

function plainTitle(value: Value): string {
  const items = value["title"];
  return Array.isArray(items)
    ? items.map((i) => String((i as { plain_text?: unknown }).plain_text ?? "")).join("")
    : "";
}
