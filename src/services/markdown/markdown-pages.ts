import { type JsonObject, optionalBoolean } from "../../domain/validation.ts";
import { assertNotInTrash, loadVisible } from "../access/kinds.ts";
import type { ServiceContext } from "../context.ts";
import { parsePageMarkdown, writePageContent } from "./markdown-service.ts";
import { parsePageParent, parsePageTitle } from "../pages/page-requests.ts";
import type { PageView } from "../../presenters/present-page.ts";
import { createPage } from "../pages/page-service.ts";
import { parseCreateTemplate } from "../templates/template-service.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/** A `pages.create` body with `markdown`, checked and split into a JSON create body and content nodes. */
function prepare(body: JsonObject) {
  optionalBoolean(body.allow_async, "body.allow_async");
  const parent = parsePageParent(body.parent);
  const inSource = parent.kind === "data_source" || parent.kind === "database";
  // Before `markdown` leaves the body: a template can't come with content of its own.
  parseCreateTemplate(body, inSource);
  const wantsTitle = !inSource && parsePageTitle(body.properties) === undefined;
  const content = parsePageMarkdown(body, wantsTitle);
  const rest: JsonObject = { ...body };
  delete rest.markdown;
  delete rest.allow_async;
  if (content.title) rest.properties = { title: content.title };
  return { parent, rest, nodes: content.nodes };
}

/** Validation and permission checks of a markdown create, run before an async task is accepted. */
export async function checkMarkdownPage(
  ctx: ServiceContext,
  viewer: Viewer,
  body: JsonObject,
): Promise<void> {
  requireCapability(viewer, "insert");
  const { parent } = prepare(body);
  if (parent.kind === "page") {
    await loadVisible(ctx.database.db, viewer, parent.id, "page");
    await assertNotInTrash(ctx.database.db, parent.id);
  }
}

/** `POST /v1/pages` with `markdown` (guides/data-apis/working-with-markdown-content). */
export async function createMarkdownPage(
  ctx: ServiceContext,
  viewer: Viewer,
  body: JsonObject,
): Promise<PageView> {
  const { rest, nodes } = prepare(body);
  return createPage(ctx, viewer, rest, (trx, page) => writePageContent(trx, ctx, viewer, page, nodes));
}
