import { parseCover, parseIcon } from "../../domain/blocks/index.ts";
import { parseSchema } from "../../domain/properties/index.ts";
import { type RichTextItem, parseRichText } from "../../domain/rich-text.ts";
import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  optionalBoolean,
  requireObject,
  requireUuid,
} from "../../domain/validation.ts";
import { type ApiVersion, hasDataSources } from "../../domain/versions.ts";
import { validationError } from "../../errors.ts";
import { trashRequest } from "../../services/blocks/block-service.ts";
import type {
  CreateDatabaseRequest,
  DatabaseParent,
  UpdateDatabaseRequest,
} from "../../services/databases/database-service.ts";
import { parseSchemaEdit } from "../data-sources/schema.ts";

/**
 * Request schemas of `/v1/databases`: the wire body in, camelCase requests out, with Notion's
 * validation messages in the order Notion checks them. `POST /v1/databases/{id}/query` shares the
 * data-source query schema (routes/data-sources/schema.ts).
 */

function parseParent(value: unknown): DatabaseParent {
  const parent = requireObject(value, "body.parent");
  if (parent.page_id !== undefined)
    return { kind: "page", id: requireUuid(parent.page_id, "body.parent.page_id") };
  if (parent.workspace !== undefined) {
    if (parent.workspace !== true) fail("body.parent.workspace", "`true`", parent.workspace);
    return { kind: "workspace" };
  }
  failOneOf(
    "body.parent",
    ["page_id", "workspace"].map((k) => expectation(`body.parent.${k}`, "defined", undefined)),
  );
}

function optionalRichText(value: unknown, path: string): RichTextItem[] | undefined {
  return value === undefined || value === null ? undefined : parseRichText(value, path);
}

/** Schema of a new source when none is given: Notion's default single title column. */
const DEFAULT_PROPERTIES = { Name: { title: {} } };

/** `POST /v1/databases`: the 2022-06-28 body carries `properties`, later ones `initial_data_source`. */
export function parseCreateDatabase(body: JsonObject, version: ApiVersion): CreateDatabaseRequest {
  const parent = parseParent(body.parent);
  const title = optionalRichText(body.title, "body.title") ?? [];
  const description = optionalRichText(body.description, "body.description") ?? [];
  const isInline = optionalBoolean(body.is_inline, "body.is_inline") ?? false;
  const icon = body.icon === undefined || body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined || body.cover === null ? null : parseCover(body.cover, "body.cover");
  let propertiesInput: unknown;
  let propertiesPath: string;
  if (!hasDataSources(version)) {
    if (body.properties === undefined) fail("body.properties", "defined", undefined);
    [propertiesInput, propertiesPath] = [body.properties, "body.properties"];
  } else {
    const initial =
      body.initial_data_source === undefined
        ? {}
        : requireObject(body.initial_data_source, "body.initial_data_source");
    [propertiesInput, propertiesPath] = [
      initial.properties ?? DEFAULT_PROPERTIES,
      "body.initial_data_source.properties",
    ];
  }
  const properties = parseSchema(propertiesInput, propertiesPath, version);
  return { parent, title, description, isInline, icon, cover, properties };
}

/** `PATCH /v1/databases/{id}`; in 2022-06-28 it also edits the schema of the database's only source. */
export function parseUpdateDatabase(body: JsonObject, version: ApiVersion): UpdateDatabaseRequest {
  const title = optionalRichText(body.title, "body.title");
  const description = optionalRichText(body.description, "body.description");
  const isInline = optionalBoolean(body.is_inline, "body.is_inline");
  const isLocked = optionalBoolean(body.is_locked, "body.is_locked");
  const icon =
    body.icon === undefined ? undefined : body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover =
    body.cover === undefined ? undefined : body.cover === null ? null : parseCover(body.cover, "body.cover");
  const inTrash = trashRequest(body, version);
  const parent = body.parent === undefined ? undefined : parseParent(body.parent);
  if (hasDataSources(version) && body.properties !== undefined) {
    throw validationError(
      "body failed validation: body.properties should be not present; update the schema through PATCH /v1/data_sources/{id}.",
    );
  }
  const properties = body.properties === undefined ? undefined : parseSchemaEdit(body.properties, version);
  return { title, description, isInline, isLocked, icon, cover, inTrash, parent, properties };
}
