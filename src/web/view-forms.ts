import { presentableSettings } from "../domain/views/view-settings.ts";
import type { ViewPage } from "../services/browse/view-page.ts";
import { type Html, html } from "./html.ts";
import { CREATABLE_TYPES } from "./render-views.ts";

/** The forms beside a database's views: a new view, and the chosen view's name, sorts, filter, grouping. */

const GROUPABLE = new Set(["select", "status", "checkbox", "multi_select"]);

function groupOptions(page: ViewPage, selected: string | undefined): Html {
  return html`${page.schema
    .filter((p) => GROUPABLE.has(p.type))
    .map((p) => html`<option value="${p.id}" ${p.id === selected ? "selected" : ""}>${p.name}</option>`)}`;
}

function dateOptions(page: ViewPage, selected: string | undefined): Html {
  return html`${page.schema
    .filter((p) => ["date", "created_time", "last_edited_time"].includes(p.type))
    .map((p) => html`<option value="${p.id}" ${p.id === selected ? "selected" : ""}>${p.name}</option>`)}`;
}

export function newViewForm(page: ViewPage, path: string, csrf: Html): Html {
  if (!page.current?.view.dataSourceId) return html``;
  return html`<details class="view-new">
    <summary>New view</summary>
    <form method="post" action="${path}/views" aria-label="New view">
      ${csrf}<input type="hidden" name="data_source_id" value="${page.current.view.dataSourceId}" />
      <label>Name <input name="name" required maxlength="200" /></label>
      <label
        >Type
        <select name="type">
          ${CREATABLE_TYPES.map((t) => html`<option value="${t}">${t}</option>`)}
        </select></label
      >
      <label
        >Group by (board)
        <select name="group_by">
          <option value="">—</option>
          ${groupOptions(page, undefined)}
        </select></label
      >
      <label
        >Date (calendar)
        <select name="date_property">
          <option value="">—</option>
          ${dateOptions(page, undefined)}
        </select></label
      >
      <button type="submit">Create view</button>
    </form>
  </details>`;
}

export function viewSettingsForm(page: ViewPage, path: string, csrf: Html): Html {
  const current = page.current;
  if (!current || !current.view.dataSourceId) return html``;
  const { view } = current;
  const shown = presentableSettings(view.settings, current.schema);
  const sort = shown.sorts?.[0] as { property?: string; direction?: string } | undefined;
  const config = view.settings.configuration;
  const groupId = (config?.group_by as { property_id?: string } | undefined)?.property_id;
  const dateId = typeof config?.date_property_id === "string" ? config.date_property_id : undefined;
  const action = `${path}/views/${view.id}`;
  return html`<details class="view-settings">
    <summary>View settings</summary>
    <form method="post" action="${action}" aria-label="View settings">
      ${csrf}
      <label>Name <input name="name" value="${view.name}" required maxlength="200" /></label>
      <label
        >Sort by
        <select name="sort_property">
          <option value="">—</option>
          ${current.schema.map(
            (p) =>
              html`<option value="${p.name}" ${p.name === sort?.property ? "selected" : ""}>
                ${p.name}
              </option>`,
          )}
        </select></label
      >
      <select name="sort_direction" aria-label="Sort direction">
        <option value="ascending">ascending</option>
        <option value="descending" ${sort?.direction === "descending" ? "selected" : ""}>descending</option>
      </select>
      ${
        view.type === "board"
          ? html`<label
              >Group by
              <select name="group_by">
                ${groupOptions(page, groupId)}
              </select></label
            >`
          : ""
      }
      ${
        view.type === "calendar"
          ? html`<label
              >Date
              <select name="date_property">
                ${dateOptions(page, dateId)}
              </select></label
            >`
          : ""
      }
      <label
        >Filter (Notion's filter JSON; empty for none)
        <textarea name="filter" rows="3">${shown.filter ? JSON.stringify(shown.filter) : ""}</textarea>
      </label>
      <button type="submit">Save view</button>
    </form>
    <form method="post" action="${action}/reorder" class="inline">
      ${csrf}<button name="direction" value="left">← Move tab left</button
      ><button name="direction" value="right">Move tab right →</button>
    </form>
    <form method="post" action="${action}/delete" class="inline">
      ${csrf}<button type="submit" class="danger">Delete view</button>
    </form>
  </details>`;
}
