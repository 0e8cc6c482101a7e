import { compactId } from "../domain/ids.ts";
import { configurationToNames } from "../domain/views/view-references.ts";
import { presentableSettings } from "../domain/views/view-settings.ts";
import type { ViewQueryPage } from "../services/views/view-query-service.ts";
import type { ViewRead } from "../services/views/view-types.ts";
import type { ViewRecord } from "../storage/view-repo.ts";
import { partialUser } from "./present-common.ts";
import { presentList } from "./present-list.ts";

/** A view's link: its database's page with `?v=`, as Notion's view URLs are. */
export function viewUrl(publicUrl: string, view: Pick<ViewRecord, "id" | "databaseId">): string {
  return `${publicUrl}/${compactId(view.databaseId)}?v=${compactId(view.id)}`;
}

function parentOf(view: ViewRecord) {
  return { type: "database_id", database_id: view.databaseId };
}

/** The view object (S5 `DataSourceViewObjectResponse`; reference/view). */
export function presentView({ view, schema }: ViewRead, publicUrl: string) {
  const { filter, sorts, quickFilters } = presentableSettings(view.settings, schema);
  const configuration = view.settings.configuration;
  return {
    object: "view",
    id: view.id,
    parent: parentOf(view),
    name: view.name,
    type: view.type,
    created_time: view.createdTime,
    last_edited_time: view.lastEditedTime,
    url: viewUrl(publicUrl, view),
    data_source_id: view.dataSourceId,
    created_by: partialUser(view.createdBy),
    last_edited_by: partialUser(view.lastEditedBy),
    filter,
    sorts,
    quick_filters: quickFilters,
    configuration: configuration && configurationToNames(configuration, schema),
    ...(view.dashboardViewId ? { dashboard_view_id: view.dashboardViewId } : {}),
  };
}

/** What `views.delete` answers (S5 `PartialDataSourceViewObjectResponse`). */
export function presentPartialView(view: ViewRecord) {
  return { object: "view", id: view.id, parent: parentOf(view), type: view.type };
}

/** `views.list`: references only (S5 `DataSourceViewReferenceResponse`). */
export function presentViewList(views: ViewRecord[], nextCursor: string | null) {
  return presentList(
    "view",
    views.map((v) => ({ object: "view", id: v.id })),
    nextCursor,
  );
}

/** "Surfaced on every page of paginated results for a truncated query" (reference/get-view-query-results). */
function requestStatus(page: ViewQueryPage) {
  return page.query.incomplete
    ? { request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" } }
    : {};
}

const pageReferences = (ids: string[]) => ids.map((id) => ({ object: "page", id }));

/** `views.queries.create` (S5 `ViewQueryResponse`). */
export function presentViewQuery(page: ViewQueryPage) {
  return {
    object: "view_query",
    id: page.query.id,
    view_id: page.query.viewId,
    expires_at: page.query.expiresAt,
    total_count: page.query.totalCount,
    results: pageReferences(page.rowIds),
    next_cursor: page.nextCursor,
    has_more: page.nextCursor !== null,
    ...requestStatus(page),
  };
}

/** `views.queries.results` (S5 `GetViewQueryResultsResponse`). */
export function presentViewQueryResults(page: ViewQueryPage) {
  return { ...presentList("page", pageReferences(page.rowIds), page.nextCursor), ...requestStatus(page) };
}

export function presentDeletedViewQuery(result: { id: string; deleted: boolean }) {
  return { object: "view_query", id: result.id, deleted: result.deleted };
}
