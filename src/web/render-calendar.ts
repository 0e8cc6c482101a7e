import { nextMonth, type ViewPage } from "../services/browse/view-page.ts";
import type { TableRow } from "../services/browse/table-view.ts";
import { type Html, html } from "./html.ts";

type Value = Record<string, unknown> & { type?: string };

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The day (`2026-12-08`) a row's date property starts on, or "" without one. */
function dayOf(page: ViewPage, row: TableRow): string {
  const date = page.dateProperty;
  const value = date ? (row.values[date.name] as Value | undefined) : undefined;
  const inner = value?.[value.type ?? ""] as { start?: unknown } | string | null | undefined;
  const start = typeof inner === "string" ? inner : typeof inner?.start === "string" ? inner.start : "";
  return start.slice(0, 10);
}

function monthName(month: string): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1, 1)).toLocaleString("en-US", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/**
 * A calendar view as a month grid, weeks from Sunday (Notion's default `start_day_of_week`), each day
 * with the rows whose date starts on it; links step a month back or forward.
 */
export function monthGrid(
  page: ViewPage,
  month: string,
  path: string,
  title: (row: TableRow) => string,
): Html {
  const byDay = new Map<string, TableRow[]>();
  for (const row of page.rows) {
    const day = dayOf(page, row);
    if (day) byDay.set(day, [...(byDay.get(day) ?? []), row]);
  }
  const [year, index] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, index - 1, 1));
  const days = new Date(Date.UTC(year, index, 0)).getUTCDate();
  const cells: (string | null)[] = [
    ...Array.from({ length: first.getUTCDay() }, () => null),
    ...Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const viewId = page.current?.view.id ?? "";
  const link = (step: number, label: string) =>
    html`<a class="button" href="${path}?v=${viewId}&month=${nextMonth(month, step)}">${label}</a>`;
  return html`<div class="calendar-month">
    <p class="calendar-nav">${link(-1, "← Previous month")} ${link(1, "Next month →")}</p>
    <table class="month-grid" aria-label="Calendar by ${page.dateProperty?.name ?? ""}">
      <caption>
        ${monthName(month)}
      </caption>
      <thead>
        <tr>
          ${WEEKDAYS.map((d) => html`<th scope="col">${d}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${weeks.map(
          (week) =>
            html`<tr>
              ${week.map((day) =>
                day
                  ? html`<td>
                      <time datetime="${day}">${Number(day.slice(8))}</time>
                      <ul>
                        ${(byDay.get(day) ?? []).map(
                          (row) => html`<li><a href="/pages/${row.id}">${title(row)}</a></li>`,
                        )}
                      </ul>
                    </td>`
                  : html`<td class="outside"></td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
