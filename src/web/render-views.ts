import type { PropertySchema } from "../domain/properties/types.ts";
import { MOVABLE_GROUP_TYPES } from "../domain/views/view-groups.ts";
import type { ViewPage } from "../services/browse/view-page.ts";
import type { TableRow } from "../services/browse/table-view.ts";
import { type Html, html } from "./html.ts";
import { monthGrid } from "./render-calendar.ts";
import { EDITABLE_TYPES, editableCell } from "./render-cells.ts";
import { renderValue } from "./render-table.ts";

/**
 * A database page's views (docs/web-ui.md): tabs, then the chosen view laid out by its type. Every
 * change is a plain form post; on a board a small script lets a card be dragged onto another column,
 * which submits the same form its "Move to" menu does.
 */

type Value = Record<string, unknown> & { type?: string };

const ICONS: Record<string, string> = {
  table: "▦",
  board: "▥",
  list: "☰",
  gallery: "▩",
  calendar: "▤",
  timeline: "▭",
  form: "✎",
  chart: "◔",
  map: "⌖",
  dashboard: "▣",
};

/** Types this UI lays out itself; the others show their rows as a table. */
export const CREATABLE_TYPES = ["table", "board", "list", "gallery", "calendar"] as const;

function titleOf(page: ViewPage, row: TableRow): string {
  const title = page.schema.find((p) => p.type === "title");
  const items = title ? (row.values[title.name] as Value | undefined)?.["title"] : undefined;
  const text = Array.isArray(items)
    ? items.map((i) => String((i as { plain_text?: unknown }).plain_text ?? "")).join("")
    : "";
  return text || "Untitled";
}

function cell(page: ViewPage, row: TableRow, property: PropertySchema): Html {
  return renderValue(page, (row.values[property.name] ?? {}) as Value);
}

function tabs(page: ViewPage, path: string): Html {
  const current = page.current?.view.id;
  return html`<nav class="tabs view-tabs" aria-label="Views">
    ${page.tabs.map(
      (t) =>
        html`<a href="${path}?v=${t.id}" ${t.id === current ? html`aria-current="page"` : ""}
          ><span aria-hidden="true">${ICONS[t.type] ?? "▦"}</span> ${t.name}</a
        >`,
    )}
  </nav>`;
}

function table(page: ViewPage, path: string, csrf: Html, editable: boolean): Html {
  const action = `${path}/views/${page.current?.view.id ?? ""}/cell`;
  const columns = page.columns;
  return html`<div class="table-wrap" role="region" aria-label="${page.title}" tabindex="0">
      <table class="data">
        <thead>
          <tr>
            ${columns.map((p) => html`<th scope="col">${p.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${
            page.rows.length === 0
              ? html`<tr>
                  <td colspan="${columns.length}" class="muted">No rows.</td>
                </tr>`
              : page.rows.map(
                  (row) =>
                    html`<tr>
                      ${columns.map((p) =>
                        p.type === "title"
                          ? html`<th scope="row"><a href="/pages/${row.id}">${titleOf(page, row)}</a></th>`
                          : html`<td class="cell-${p.type}">
                              ${
                                editable && EDITABLE_TYPES.has(p.type)
                                  ? editableCell(p, row, titleOf(page, row), action, csrf)
                                  : cell(page, row, p)
                              }
                            </td>`,
                      )}
                    </tr>`,
                )
          }
        </tbody>
      </table>
    </div>
    ${editable ? html`<script src="/assets/views.js"></script>` : ""}`;
}

/** The properties a card shows under its title. */
function cardProperties(page: ViewPage, row: TableRow, skip: PropertySchema | null): Html {
  const shown = page.columns.filter((p) => p.type !== "title" && p.id !== skip?.id).slice(0, 4);
  return html`<dl>
    ${shown.map((p) => {
      const value = cell(page, row, p);
      return value.text
        ? html`<dt>${p.name}</dt>
            <dd>${value}</dd>`
        : "";
    })}
  </dl>`;
}

function board(page: ViewPage, path: string, csrf: Html): Html {
  const groupBy = page.groupBy;
  const viewId = page.current?.view.id ?? "";
  if (!groupBy)
    return html`<p class="muted">Choose a property to group this board by in the view's settings.</p>`;
  const movable = MOVABLE_GROUP_TYPES.has(groupBy.type);
  return html`<div class="board" aria-label="Board grouped by ${groupBy.name}">
      ${page.groups.map(
        (group) =>
          html`<section class="board-column" data-value="${group.value ?? ""}" aria-label="${group.label}">
            <h3>
              <span class="chip chip-${group.color}">${group.label}</span>
              <span class="muted">${group.rows.length}${group.more ? "+" : ""}</span>
            </h3>
            ${group.rows.map(
              (row) =>
                html`<article
                  class="board-card"
                  draggable="${movable ? "true" : "false"}"
                  data-row="${row.id}"
                >
                  <a href="/pages/${row.id}">${titleOf(page, row)}</a>
                  ${cardProperties(page, row, groupBy)}
                  ${
                    movable
                      ? html`<form
                          method="post"
                          action="${path}/views/${viewId}/move"
                          class="move"
                          data-row="${row.id}"
                        >
                          ${csrf}<input type="hidden" name="row_id" value="${row.id}" />
                          <label
                            >Move to
                            <select name="value">
                              ${page.groups.map(
                                (g) =>
                                  html`<option
                                    value="${g.value ?? ""}"
                                    ${g.value === group.value ? "selected" : ""}
                                  >
                                    ${g.label}
                                  </option>`,
                              )}
                            </select></label
                          >
                          <button type="submit">Move</button>
                        </form>`
                      : ""
                  }
                </article>`,
            )}
          </section>`,
      )}
    </div>
    <script src="/assets/board.js"></script>`;
}

function list(page: ViewPage): Html {
  if (page.rows.length === 0) return html`<p class="muted">No rows.</p>`;
  return html`<ul class="view-list">
    ${page.rows.map(
      (row) =>
        html`<li>
          <a href="/pages/${row.id}">${titleOf(page, row)}</a> ${cardProperties(page, row, null)}
        </li>`,
    )}
  </ul>`;
}

function gallery(page: ViewPage): Html {
  if (page.rows.length === 0) return html`<p class="muted">No rows.</p>`;
  return html`<div class="gallery">
    ${page.rows.map(
      (row) =>
        html`<article class="board-card">
          <a href="/pages/${row.id}">${titleOf(page, row)}</a>${cardProperties(page, row, null)}
        </article>`,
    )}
  </div>`;
}

/**
 * A month grid for a date property; for other date-like properties (created time, formulas), rows by
 * the day their value starts on, earliest first, rows without one last.
 */
function calendar(page: ViewPage, path: string): Html {
  const date = page.dateProperty;
  if (!date)
    return html`<p class="muted">Choose a date property for this calendar in the view's settings.</p>`;
  if (page.month) return monthGrid(page, page.month, path, (row) => titleOf(page, row));
  const days = new Map<string, TableRow[]>();
  for (const row of page.rows) {
    const value = row.values[date.name] as Value | undefined;
    const inner = value?.[value.type ?? ""] as { start?: unknown } | string | null | undefined;
    const start = typeof inner === "string" ? inner : typeof inner?.start === "string" ? inner.start : "";
    const day = start.slice(0, 10) || "No date";
    days.set(day, [...(days.get(day) ?? []), row]);
  }
  const ordered = [...days.keys()].sort((a, b) =>
    a === "No date" ? 1 : b === "No date" ? -1 : a.localeCompare(b),
  );
  return html`<div class="calendar" aria-label="Calendar by ${date.name}">
    ${ordered.map(
      (day) =>
        html`<section class="calendar-day">
          <h3><time ${day === "No date" ? "" : html`datetime="${day}"`}>${day}</time></h3>
          <ul>
            ${(days.get(day) ?? []).map((row) => html`<li><a href="/pages/${row.id}">${titleOf(page, row)}</a></li>`)}
          </ul>
        </section>`,
    )}
  </div>`;
}

function body(page: ViewPage, path: string, csrf: Html, editable: boolean): Html {
  const view = page.current?.view;
  if (!view) return html`<p class="muted">This database has no views.</p>`;
  if (view.type === "dashboard")
    return html`<p class="muted">Dashboards are shown through their widgets' own views.</p>`;
  switch (view.type) {
    case "board":
      return board(page, path, csrf);
    case "list":
      return list(page);
    case "gallery":
      return gallery(page);
    case "calendar":
      return calendar(page, path);
    default:
      return table(page, path, csrf, editable);
  }
}

function more(page: ViewPage, path: string): Html {
  if (!page.nextCursor || !page.current) return html``;
  const href = `${path}?v=${page.current.view.id}&cursor=${encodeURIComponent(page.nextCursor)}`;
  return html`<p><a class="button" href="${href}" rel="next">Next rows →</a></p>`;
}

/** `editable`: the reader may change rows (not a guest), so table cells are forms. */
export function renderViews(
  page: ViewPage,
  path: string,
  settings: Html,
  csrf: Html,
  editable: boolean,
): Html {
  return html`${tabs(page, path)} ${settings} ${body(page, path, csrf, editable)} ${more(page, path)}`;
}
