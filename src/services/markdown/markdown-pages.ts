import type { ContentNode } from "../../domain/markdown/index.ts";
import { assertNotInTrash, loadVisible } from "../access/kinds.ts";
import type { ServiceContext } from "../context.ts";
import { writePageContent } from "./markdown-service.ts";
import type { CreatePageRequest, PageParent, PageView } from "../pages/page-types.ts";
import { createPage } from "../pages/page-service.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/** `POST /v1/pages` with `markdown`: the page to create and the content written under it. */
export interface CreateMarkdownPageRequest {
  page: CreatePageRequest;
  nodes: ContentNode[];
}

/** Permission checks of a markdown create, run before an async task is accepted. */
export async function checkMarkdownPage(
  ctx: ServiceContext,
  viewer: Viewer,
  parent: PageParent,
): Promise<void> {
  requireCapability(viewer, "insert");
  if (parent.kind === "page") {
    await loadVisible(ctx.store.db, viewer, parent.id, "page");
    await assertNotInTrash(ctx.store.db, parent.id);
  }
}

/** `POST /v1/pages` with `markdown` (guides/data-apis/working-with-markdown-content). */
export async function createMarkdownPage(
  ctx: ServiceContext,
  viewer: Viewer,
  request: CreateMarkdownPageRequest,
): Promise<PageView> {
  const { page, nodes } = request;
  return createPage(ctx, viewer, page, (trx, created) => writePageContent(trx, ctx, viewer, created, nodes));
}
