import { plainText } from "../../domain/rich-text.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import type { FilterNode, QueryAst } from "../../domain/query/index.ts";
import { parseQuery } from "../../domain/query/parse-query.ts";
import { type ViewGroup, groupCondition, groupsOf } from "../../domain/views/view-groups.ts";
import { viewQueryAst } from "../../domain/views/view-settings.ts";
import { presentRowProperties } from "../../domain/properties/row-present.ts";
import type { Viewer } from "../access/viewer.ts";
import type { ServiceContext } from "../context.ts";
import { loadDatabase } from "../databases/database-service.ts";
import { queryDataSource } from "../data-sources/query-service.ts";
import { fileLinks } from "../files/file-links.ts";
import { readView } from "../views/view-access.ts";
import { listDatabaseViews } from "../views/view-service.ts";
import type { ViewRead } from "../views/view-types.ts";
import { TABLE_PAGE_SIZE, type TableRow, type TableView, labelsOf } from "./table-view.ts";

/** Cards per board column on one page; each column is its own query, so every column starts full. */
export const CARDS_PER_GROUP = 25;

export interface ViewTab {
  id: string;
  name: string;
  type: string;
}

/** A database page in the web UI: its views as tabs, and the chosen one's rows as its type lays them out. */
export interface ViewPage extends TableView {
  tabs: ViewTab[];
  current: ViewRead | null;
  /** The properties shown, in the view's order (its `properties` configuration, else schema order). */
  columns: PropertySchema[];
  groupBy: PropertySchema | null;
  groups: (ViewGroup & { rows: TableRow[]; more: boolean })[];
  dateProperty: PropertySchema | null;
  /** A calendar's month (`2026-12`), laid out as a grid; its rows are those dated in it. */
  month: string | null;
}

/** Rows a month of a calendar asks for at once: the most one query page holds. */
const ROWS_PER_MONTH = 100;

/** `2026-12` from the request, else the month of `now` (a calendar opens on today, as Notion's does). */
export function monthOf(requested: string | undefined, now: Date): string {
  if (requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested)) return requested;
  return now.toISOString().slice(0, 7);
}

/** The first day of the month after `month`. */
export function nextMonth(month: string, step = 1): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1 + step, 1)).toISOString().slice(0, 7);
}

/** Rows whose date starts in the month (date filters compare the start, as Notion's do). */
function inMonth(property: PropertySchema, month: string): FilterNode | null {
  const parsed = parseQuery(
    {
      filter: {
        and: [
          { property: property.id, date: { on_or_after: `${month}-01` } },
          { property: property.id, date: { before: `${nextMonth(month)}-01` } },
        ],
      },
    },
    [property],
  );
  return parsed.filter;
}

function columnsOf(read: ViewRead): PropertySchema[] {
  const configured = read.view.settings.configuration?.properties;
  if (!Array.isArray(configured) || configured.length === 0) return read.schema;
  const byId = new Map(read.schema.map((p) => [p.id, p]));
  const shown = (configured as { property_id?: unknown; visible?: unknown }[]).flatMap((entry) => {
    const property = byId.get(String(entry.property_id));
    return property && entry.visible !== false ? [property] : [];
  });
  // The title always shows, as in Notion's layouts.
  const title = read.schema.find((p) => p.type === "title");
  return title && !shown.includes(title) ? [title, ...shown] : shown;
}

function propertyAt(read: ViewRead, key: string): PropertySchema | null {
  const config = read.view.settings.configuration;
  const value = config?.[key];
  const id =
    typeof value === "string" ? value : (value as { property_id?: unknown } | undefined)?.property_id;
  return read.schema.find((p) => p.id === id) ?? null;
}

/** One page of a view's rows, through the data-source query engine with the view's filter and sorts. */
async function rowsOf(
  ctx: ServiceContext,
  viewer: Viewer,
  read: ViewRead,
  ast: QueryAst,
  page: { pageSize: number; startCursor?: string | undefined },
) {
  const sourceId = read.view.dataSourceId ?? "";
  const result = await queryDataSource(
    ctx,
    viewer,
    { dataSourceId: sourceId },
    { page, conditions: () => ({ ast, inTrash: false }) },
  );
  const rows = result.rows.map((row) => ({
    id: row.page.id,
    values: presentRowProperties(read.schema, row.page),
  }));
  return { rows, nextCursor: result.nextCursor };
}

export async function viewPageOf(
  ctx: ServiceContext,
  viewer: Viewer,
  databaseId: string,
  options: { viewId?: string | undefined; cursor?: string | undefined; month?: string | undefined },
): Promise<ViewPage> {
  const db = ctx.store.db;
  const database = await loadDatabase(db, viewer, databaseId);
  const listed = await listDatabaseViews(ctx, viewer, { databaseId }, { pageSize: 100 });
  const tabViews = listed.results.filter((v) => v.dashboardViewId === null);
  const chosen = tabViews.find((v) => v.id === options.viewId) ?? tabViews[0];
  const page: ViewPage = {
    databaseId,
    title: plainText(database.fields.title) || "Untitled database",
    sources: database.sources.map((s) => ({ id: s.id, name: plainText(s.title) || "Untitled" })),
    sourceId: chosen?.dataSourceId ?? "",
    schema: [],
    rows: [],
    nextCursor: null,
    people: new Map(),
    pageTitles: new Map(),
    files: await fileLinks(ctx),
    tabs: tabViews.map((v) => ({ id: v.id, name: v.name, type: v.type })),
    current: null,
    columns: [],
    groupBy: null,
    groups: [],
    dateProperty: null,
    month: null,
  };
  if (!chosen) return page;
  const read = await readView(db, viewer, chosen);
  Object.assign(page, { current: read, schema: read.schema, columns: columnsOf(read) });
  if (!chosen.dataSourceId) return page;
  const ast = viewQueryAst(chosen.settings, read.schema);
  const groupBy = chosen.type === "board" ? propertyAt(read, "group_by") : null;
  if (groupBy) {
    page.groupBy = groupBy;
    for (const group of groupsOf(groupBy)) {
      const condition = groupCondition(groupBy, group.value);
      const filter = ast.filter ? { kind: "and" as const, filters: [ast.filter, condition] } : condition;
      const found = await rowsOf(ctx, viewer, read, { ...ast, filter }, { pageSize: CARDS_PER_GROUP });
      page.groups.push({ ...group, rows: found.rows, more: found.nextCursor !== null });
    }
  } else {
    if (chosen.type === "calendar" || chosen.type === "timeline")
      page.dateProperty = propertyAt(read, "date_property_id");
    const date = chosen.type === "calendar" ? page.dateProperty : null;
    const month = date?.type === "date" ? monthOf(options.month, ctx.clock()) : null;
    const monthFilter = date && month ? inMonth(date, month) : null;
    const filter =
      monthFilter && ast.filter
        ? { kind: "and" as const, filters: [ast.filter, monthFilter] }
        : (monthFilter ?? ast.filter);
    const found = await rowsOf(
      ctx,
      viewer,
      read,
      { ...ast, filter },
      { pageSize: month ? ROWS_PER_MONTH : TABLE_PAGE_SIZE, startCursor: options.cursor },
    );
    Object.assign(page, found, { month });
  }
  const labels = await labelsOf(ctx, viewer, [...page.rows, ...page.groups.flatMap((g) => g.rows)]);
  return Object.assign(page, labels);
}
