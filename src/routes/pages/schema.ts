import { parseBlockChildren, parseCover, parseIcon } from "../../domain/blocks/index.ts";
import type { NewBlock } from "../../domain/blocks/types.ts";
import { type RichTextItem, parseRichText } from "../../domain/rich-text.ts";
import { type TemplateRequest, parseTemplateRequest } from "../../domain/templates.ts";
import {
  type JsonObject,
  excerpt,
  expectation,
  fail,
  failOneOf,
  isObject,
  optionalBoolean,
  requireObject,
  requireUuid,
} from "../../domain/validation.ts";
import type { ApiVersion } from "../../domain/versions.ts";
import { validationError } from "../../errors.ts";
import { trashRequest } from "../../domain/trash-request.ts";
import { assertElementLimit } from "../../services/blocks/block-service.ts";
import type {
  CreatePageRequest,
  MovePageRequest,
  PageParent,
  PagePosition,
  UpdatePageRequest,
} from "../../services/pages/page-types.ts";
import type { NewTemplate } from "../../services/templates/data-source-templates.ts";
import type { TemplateGiven, UpdateTemplate } from "../../services/templates/template-service.ts";

/**
 * Request schemas of `/v1/pages`: the wire body in, camelCase requests out, checked in the order
 * Notion checks them so the first error is the same. The markdown variants are in markdown-schema.ts.
 */

export function parsePageParent(value: unknown): PageParent {
  const parent = requireObject(value, "body.parent");
  if (parent.page_id !== undefined)
    return { kind: "page", id: requireUuid(parent.page_id, "body.parent.page_id") };
  if (parent.data_source_id !== undefined) {
    return { kind: "data_source", id: requireUuid(parent.data_source_id, "body.parent.data_source_id") };
  }
  if (parent.database_id !== undefined) {
    return { kind: "database", id: requireUuid(parent.database_id, "body.parent.database_id") };
  }
  if (parent.workspace !== undefined) {
    if (parent.workspace !== true) fail("body.parent.workspace", "`true`", parent.workspace);
    return { kind: "workspace" };
  }
  failOneOf(
    "body.parent",
    ["page_id", "database_id", "data_source_id", "workspace"].map((k) =>
      expectation(`body.parent.${k}`, "defined", undefined),
    ),
  );
}

/** A page under a page or the workspace has exactly one property, its `title`. */
export function parsePageTitle(value: unknown): RichTextItem[] | undefined {
  if (value === undefined) return undefined;
  const properties = requireObject(value, "body.properties");
  for (const key of Object.keys(properties)) {
    if (key !== "title") throw validationError(`${excerpt(key)} is not a property that exists.`);
  }
  const title = properties.title;
  if (title === undefined) return undefined;
  if (Array.isArray(title)) return parseRichText(title, "body.properties.title");
  return parseRichText(requireObject(title, "body.properties.title").title, "body.properties.title.title");
}

/** `children`, or its alias `content` (never both); `markdown` is read by markdown-schema.ts. */
export function parsePageChildren(body: JsonObject): NewBlock[] {
  if (body.children !== undefined && body.content !== undefined) {
    throw validationError("body failed validation: body.children and body.content can't both be given.");
  }
  if (body.allow_async !== undefined) {
    throw validationError("body failed validation: body.allow_async can only be given with body.markdown.");
  }
  const key = body.content !== undefined ? "content" : "children";
  if (body[key] === undefined) return [];
  const children = parseBlockChildren(body[key], `body.${key}`, 2, { type: "child_page" });
  assertElementLimit(children);
  return children;
}

export function parsePagePosition(value: unknown): PagePosition {
  if (value === undefined) return { type: "page_end" };
  const position = requireObject(value, "body.position");
  if (position.type === "page_start" || position.type === "page_end") return { type: position.type };
  if (position.type !== "after_block") {
    fail("body.position.type", '`"after_block"`, `"page_start"`, or `"page_end"`', position.type);
  }
  const after = requireObject(position.after_block, "body.position.after_block");
  return { type: "after_block", id: requireUuid(after.id, "body.position.after_block.id") };
}

/**
 * `template` of pages.create. A template brings the page's content, so `children`, `content` and
 * `markdown` can't come with it; only pages created in a data source have templates.
 */
export function parseCreateTemplate(body: JsonObject, inSource: boolean): TemplateRequest {
  if (body.template === undefined) return { type: "none" };
  const request = parseTemplateRequest(body.template, "body.template", { allowNone: true });
  if (request.type === "none") return request;
  for (const key of ["children", "content", "markdown"] as const) {
    if (body[key] !== undefined) {
      fail(`body.${key}`, `not present when body.template.type is \`"${request.type}"\``, body[key]);
    }
  }
  if (!inSource) {
    throw validationError(
      "body failed validation: body.template can only be used when body.parent is a data source (data_source_id or database_id).",
    );
  }
  return request;
}

/** `template` and `erase_content` of pages.update (S5 `UpdatePageBodyParameters`). */
export function parseUpdateTemplate(body: JsonObject): UpdateTemplate {
  const erase = optionalBoolean(body.erase_content, "body.erase_content") ?? false;
  if (body.template === undefined) return { request: undefined, erase };
  const request = parseTemplateRequest(body.template, "body.template", { allowNone: false });
  if (request.type === "none") return { request: undefined, erase };
  return { request, erase };
}

/** The keys a request set itself, which a template it applies leaves alone. */
function givenOf(body: JsonObject): TemplateGiven {
  return {
    explicitProperties: isObject(body.properties) ? Object.keys(body.properties) : [],
    iconGiven: body.icon !== undefined,
    coverGiven: body.cover !== undefined,
  };
}

/** `POST /v1/pages` without `markdown` (a markdown body is split by markdown-schema.ts first). */
export function parseCreatePage(body: JsonObject): CreatePageRequest {
  const parent = parsePageParent(body.parent);
  const inSource = parent.kind === "data_source" || parent.kind === "database";
  const title = inSource ? [] : (parsePageTitle(body.properties) ?? []);
  const icon = body.icon === undefined || body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined || body.cover === null ? null : parseCover(body.cover, "body.cover");
  const template = parseCreateTemplate(body, inSource);
  const children = parsePageChildren(body);
  const position = parsePagePosition(body.position);
  return {
    parent,
    title,
    properties: body.properties,
    icon,
    cover,
    template,
    children,
    position,
    given: givenOf(body),
  };
}

/** `PATCH /v1/pages/{id}`. */
export function parseUpdatePage(body: JsonObject, version: ApiVersion): UpdatePageRequest {
  const icon =
    body.icon === undefined ? undefined : body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover =
    body.cover === undefined ? undefined : body.cover === null ? null : parseCover(body.cover, "body.cover");
  const isLocked = optionalBoolean(body.is_locked, "body.is_locked");
  const isArchived = optionalBoolean(body.is_archived, "body.is_archived");
  const inTrash = trashRequest(body, version);
  const template = parseUpdateTemplate(body);
  return {
    icon,
    cover,
    isLocked,
    isArchived,
    inTrash,
    template,
    properties: body.properties,
    readTitle: () => parsePageTitle(body.properties),
    given: givenOf(body),
  };
}

/** `POST /v1/pages/{id}/move`: `parent` names a page or a data source. */
export function parseMovePage(body: JsonObject): MovePageRequest {
  const parent = requireObject(body.parent, "body.parent");
  if (parent.page_id === undefined && parent.data_source_id === undefined) {
    failOneOf(
      "body.parent",
      ["page_id", "data_source_id"].map((k) => expectation(`body.parent.${k}`, "defined", undefined)),
    );
  }
  return parent.data_source_id !== undefined
    ? {
        target: { kind: "data_source", id: requireUuid(parent.data_source_id, "body.parent.data_source_id") },
      }
    : { target: { kind: "page", id: requireUuid(parent.page_id, "body.parent.page_id") } };
}

/**
 * A template from a pages.create-shaped body (`properties`, `icon`, `cover`, `children`). Notion has no
 * endpoint that makes one; the CLI and test fixtures describe templates in the shape pages.create takes.
 */
export function parseNewTemplate(body: JsonObject): NewTemplate {
  const icon = body.icon === undefined || body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined || body.cover === null ? null : parseCover(body.cover, "body.cover");
  const children = parsePageChildren(body);
  return { properties: body.properties, icon, cover, children };
}
