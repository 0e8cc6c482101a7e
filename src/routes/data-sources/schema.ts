import { parseIcon } from "../../domain/blocks/index.ts";
import { applySchemaUpdate, parseSchema } from "../../domain/properties/index.ts";
import { parseQuery } from "../../domain/query/index.ts";
import { parseRichText } from "../../domain/rich-text.ts";
import {
  type JsonObject,
  fail,
  optionalBoolean,
  requireObject,
  requireUuid,
} from "../../domain/validation.ts";
import type { ApiVersion } from "../../domain/versions.ts";
import { type Query, bodyPage, queryList, queryPage } from "../../http/params.ts";
import { trashRequest } from "../../services/blocks/block-service.ts";
import type {
  CreateDataSourceRequest,
  SchemaEdit,
  UpdateDataSourceRequest,
} from "../../services/data-sources/data-source-service.ts";
import type { QueryDataSourceRequest } from "../../services/data-sources/query-service.ts";
import type { PageRequest } from "../../services/pagination.ts";

/**
 * Request schemas of `/v1/data_sources` (and `POST /v1/databases/{id}/query`): the wire body in,
 * camelCase requests out, with Notion's validation messages in the order Notion checks them.
 */

/** `POST /v1/data_sources` (reference/create-a-data-source). */
export function parseCreateDataSource(body: JsonObject, version: ApiVersion): CreateDataSourceRequest {
  const parent = requireObject(body.parent, "body.parent");
  const databaseId = requireUuid(parent.database_id, "body.parent.database_id");
  if (body.properties === undefined) fail("body.properties", "defined", undefined);
  const properties = parseSchema(body.properties, "body.properties", version);
  const title =
    body.title === undefined || body.title === null ? [] : parseRichText(body.title, "body.title");
  const icon = body.icon === undefined || body.icon === null ? null : parseIcon(body.icon, "body.icon");
  return { databaseId, properties, title, icon };
}

/** A `properties` schema update; it names the source's properties, so it is applied to them later. */
export function parseSchemaEdit(properties: unknown, version: ApiVersion): SchemaEdit {
  return (current) => applySchemaUpdate(current, properties, "body.properties", version);
}

/** `PATCH /v1/data_sources/{id}` (reference/update-a-data-source). */
export function parseUpdateDataSource(body: JsonObject, version: ApiVersion): UpdateDataSourceRequest {
  const title =
    body.title === undefined || body.title === null ? undefined : parseRichText(body.title, "body.title");
  const icon =
    body.icon === undefined ? undefined : body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const inTrash = trashRequest(body, version);
  const parent = body.parent === undefined ? undefined : requireObject(body.parent, "body.parent");
  const databaseId = parent && requireUuid(parent.database_id, "body.parent.database_id");
  const properties = body.properties === undefined ? undefined : parseSchemaEdit(body.properties, version);
  return { title, icon, inTrash, properties, databaseId };
}

/**
 * `POST /v1/data_sources/{id}/query` (reference/query-a-data-source). The cursor and page size are read
 * first; `filter` and `sorts` name the source's properties, so they (and then `in_trash`) are read once
 * the source is loaded, by `conditions`.
 */
export function parseQueryDataSource(body: JsonObject, query: Query): QueryDataSourceRequest {
  return {
    page: bodyPage(body),
    filterProperties: queryList(query, "filter_properties"),
    conditions: (schema) => {
      const ast = parseQuery(body, schema, { path: "body" });
      // `in_trash` (and the deprecated `archived`, or the documented `is_archived`) switch to trashed rows.
      const inTrash =
        optionalBoolean(body.in_trash, "body.in_trash") ??
        optionalBoolean(body.archived, "body.archived") ??
        optionalBoolean(body.is_archived, "body.is_archived") ??
        false;
      return { ast, inTrash };
    },
  };
}

/** `GET /v1/data_sources/{id}/templates`: `name` filters (the last one given wins). */
export function parseListTemplates(query: Query): { page: PageRequest; name: string | undefined } {
  const name = queryList(query, "name")?.at(-1);
  return { page: queryPage(query), name };
}
