import { parseId } from "../../domain/ids.ts";
import {
  type JsonObject,
  fail,
  optionalObject,
  requireEnum,
  requireNonEmptyString,
  requireNumber,
  requireObject,
  requireUuid,
} from "../../domain/validation.ts";
import { type ApiVersion, hasDataSources } from "../../domain/versions.ts";
import { parseViewSettings } from "../../domain/views/view-settings.ts";
import { VIEW_TYPES } from "../../domain/views/view-types.ts";
import { validationError } from "../../errors.ts";
import type { Query } from "../../http/params.ts";
import type { ListViewsTarget } from "../../services/views/view-service.ts";
import type {
  CreateViewRequest,
  LinkedDatabaseRequest,
  SettingsEdit,
  UpdateViewRequest,
  ViewPosition,
  WidgetPlacement,
} from "../../services/views/view-types.ts";

/**
 * Request schemas of `/v1/views` (S5 `CreateViewRequest`, `UpdateViewRequest`; reference/create-a-view).
 * The filter, sorts, quick filters and configuration name the data source's properties, so they are
 * read once the source is loaded (`settings`).
 */

/** "The Views API requires API version 2025-09-03 or later" (guides/data-apis/working-with-views). */
export function requireViewsVersion(version: ApiVersion): void {
  if (hasDataSources(version)) return;
  throw validationError(
    `The Views API is not supported in API version ${version}; use 2025-09-03 or later.`,
    {
      minimum_api_version: "2025-09-03",
    },
  );
}

const NAME_LIMIT = 2000;

function settingsOf(body: JsonObject): SettingsEdit {
  return (type, schema, current) => parseViewSettings(body, type, schema, current);
}

function parsePosition(input: unknown): ViewPosition | undefined {
  const position = optionalObject(input, "body.position");
  if (!position) return undefined;
  const type = requireEnum(position.type, "body.position.type", ["start", "end", "after_view"] as const);
  if (type !== "after_view") return { type };
  return { type, viewId: requireUuid(position.view_id, "body.position.view_id") };
}

function parsePlacement(input: unknown): WidgetPlacement | undefined {
  const placement = optionalObject(input, "body.placement");
  if (!placement) return undefined;
  const type = requireEnum(placement.type, "body.placement.type", ["new_row", "existing_row"] as const);
  const index = (value: unknown) => {
    const n = requireNumber(value, "body.placement.row_index");
    if (!Number.isInteger(n) || n < 0) fail("body.placement.row_index", "a non-negative integer", value);
    return n;
  };
  if (type === "existing_row") return { type, rowIndex: index(placement.row_index) };
  return { type, rowIndex: placement.row_index === undefined ? undefined : index(placement.row_index) };
}

/** `create_database: {parent: {type: "page_id", page_id}, position?: {type: "after_block", block_id}}`. */
function parseCreateDatabase(input: unknown): LinkedDatabaseRequest | undefined {
  if (input === undefined) return undefined;
  const target = requireObject(input, "body.create_database");
  const parent = requireObject(target.parent, "body.create_database.parent");
  requireEnum(parent.type, "body.create_database.parent.type", ["page_id"] as const);
  const pageId = requireUuid(parent.page_id, "body.create_database.parent.page_id");
  const position = optionalObject(target.position, "body.create_database.position");
  if (!position) return { pageId };
  requireEnum(position.type, "body.create_database.position.type", ["after_block"] as const);
  return { pageId, afterBlockId: requireUuid(position.block_id, "body.create_database.position.block_id") };
}

/** `POST /v1/views`. */
export function parseCreateView(body: JsonObject): CreateViewRequest {
  const dataSourceId = requireUuid(body.data_source_id, "body.data_source_id");
  const name = requireNonEmptyString(body.name, "body.name", NAME_LIMIT);
  const type = requireEnum(body.type, "body.type", VIEW_TYPES);
  const targets = ["database_id", "view_id", "create_database"].filter((key) => body[key] !== undefined);
  if (targets.length > 1) {
    throw validationError(`body failed validation: ${targets.join(" and ")} are mutually exclusive.`);
  }
  const databaseId =
    body.database_id === undefined ? undefined : requireUuid(body.database_id, "body.database_id");
  const dashboardViewId = body.view_id === undefined ? undefined : requireUuid(body.view_id, "body.view_id");
  if (type === "dashboard" && dashboardViewId) {
    throw validationError("A dashboard view cannot be a widget of another dashboard.");
  }
  return {
    dataSourceId,
    name,
    type,
    databaseId,
    dashboardViewId,
    settings: settingsOf(body),
    position: parsePosition(body.position),
    placement: parsePlacement(body.placement),
    linkedDatabase: parseCreateDatabase(body.create_database),
  };
}

/** `PATCH /v1/views/{id}`. */
export function parseUpdateView(body: JsonObject): UpdateViewRequest {
  const name =
    body.name === undefined ? undefined : requireNonEmptyString(body.name, "body.name", NAME_LIMIT);
  return { name, settings: settingsOf(body) };
}

function queryId(query: Query, name: string): string | undefined {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  if (value === undefined) return undefined;
  const id = parseId(value);
  if (!id) fail(`query.${name}`, "a valid uuid", value);
  return id;
}

/** `GET /v1/views`: by database or by data source (S5 `ListDatabaseViewsParameters`). */
export function parseListViewsTarget(query: Query): ListViewsTarget {
  const databaseId = queryId(query, "database_id");
  const dataSourceId = queryId(query, "data_source_id");
  // Both: the data source's views, which must be in that database (checked by the service).
  if (databaseId && dataSourceId) return { databaseId, dataSourceId };
  if (databaseId) return { databaseId };
  if (dataSourceId) return { dataSourceId };
  return fail("query.database_id", "defined", undefined);
}
