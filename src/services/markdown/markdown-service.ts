import { compactId } from "../../domain/ids.ts";
import {
  type ContentNode,
  type RenderBlock,
  type RenderOptions,
  applyContentUpdates,
  applySelection,
  insertAfterSelection,
  parseMarkdown,
  renderMarkdown,
  validateNodes,
} from "../../domain/markdown/index.ts";
import type { MarkdownEdit } from "../../domain/markdown/edits.ts";
import { pageTitle } from "../../domain/page-title.ts";
import { pageUrl } from "../../domain/urls.ts";
import { validationError } from "../../errors.ts";
import { type BlockRecord, lockParent, updateBlock } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { assertNotInTrash, isPage, loadVisible } from "../access/kinds.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { loadRenderTree } from "./markdown-tree.ts";
import { replaceContent } from "./markdown-writer.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/** A page's content as markdown (reference/retrieve-page-markdown; S5 `PageMarkdownResponse`). */
export interface PageMarkdown {
  id: string;
  markdown: string;
  truncated: boolean;
  unknownBlockIds: string[];
}

/** reference/retrieve-page-markdown: pages past about 20,000 records are truncated. */
export const MARKDOWN_RECORD_LIMIT = 20_000;

function renderOptions(ctx: ServiceContext, page: BlockRecord): RenderOptions {
  const base = pageUrl(ctx.publicUrl, page.id, pageTitle(page));
  return {
    pageUrl: (id, title) => pageUrl(ctx.publicUrl, id, title),
    blockUrl: (id) => `${base}#${compactId(id)}`,
    limit: ctx.markdownRecordLimit ?? MARKDOWN_RECORD_LIMIT,
  };
}

interface Rendered extends PageMarkdown {
  tree: RenderBlock[];
  segments: string[];
}

async function render(
  db: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  root: BlockRecord,
): Promise<Rendered> {
  const tree = await loadRenderTree(db, ctx, viewer, root, isPage(root));
  const result = renderMarkdown(tree, renderOptions(ctx, root));
  return {
    id: root.id,
    markdown: result.markdown,
    truncated: result.truncated,
    unknownBlockIds: result.unknownBlockIds,
    tree,
    segments: result.segments,
  };
}

/** A page's content as markdown with its render tree (the export walks the tree for sub-pages). */
export async function renderPageMarkdown(
  ctx: ServiceContext,
  viewer: Viewer,
  page: BlockRecord,
): Promise<{ markdown: string; tree: RenderBlock[] }> {
  const { markdown, tree } = await render(ctx.store.db, ctx, viewer, page);
  return { markdown, tree };
}

function strip({ id, markdown, truncated, unknownBlockIds }: Rendered): PageMarkdown {
  return { id, markdown, truncated, unknownBlockIds };
}

/**
 * `GET /v1/pages/{id}/markdown`: a page's content, or one block and its subtree when given a block id
 * (how callers fetch the `unknown_block_ids` of a truncated page).
 */
export async function getPageMarkdown(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<PageMarkdown> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  return strip(await render(db, ctx, viewer, await loadVisible(db, viewer, id, "block")));
}

/** Markdown → validated content nodes, with Notion's message for anything the rules reject. */
export function parseContent(markdown: string): ContentNode[] {
  return validateNodes(parseMarkdown(markdown));
}

function nextMarkdown(current: string, edit: MarkdownEdit): string {
  switch (edit.type) {
    case "insert_content":
      if (edit.after !== undefined) return insertAfterSelection(current, edit.after, edit.content);
      if (current === "") return edit.content;
      return edit.position === "start" ? `${edit.content}\n${current}` : `${current}\n${edit.content}`;
    case "replace_content_range":
      return applySelection(current, edit.contentRange, edit.content);
    case "update_content":
      return applyContentUpdates(current, edit.updates);
    case "replace_content":
      return edit.newStr;
  }
}

/** The page an edit targets: a page the caller may update, not in the trash, not a database or block. */
async function editablePage(db: Executor, viewer: Viewer, id: string): Promise<BlockRecord> {
  const page = await loadVisible(db, viewer, id, "block");
  if (!isPage(page)) {
    throw validationError(
      `The provided ID ${id} is a ${page.type} block, not a page; only pages can be updated as markdown.`,
    );
  }
  return page;
}

/** Checks what can be checked before any work (for `allow_async`, before accepting the task). */
export async function prepareMarkdownEdit(ctx: ServiceContext, viewer: Viewer, id: string): Promise<void> {
  requireCapability(viewer, "update");
  const page = await editablePage(ctx.store.db, viewer, id);
  await assertNotInTrash(ctx.store.db, page.id);
}

/** `PATCH /v1/pages/{id}/markdown` (reference/update-page-markdown). */
export async function updatePageMarkdown(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  edit: MarkdownEdit,
): Promise<PageMarkdown> {
  await prepareMarkdownEdit(ctx, viewer, id);
  return ctx.store.transaction(async (trx) => {
    const page = await editablePage(trx, viewer, id);
    await lockParent(trx, ctx.store.dialect, { blockId: page.id });
    await assertNotInTrash(trx, page.id);
    const before = await render(trx, ctx, viewer, page);
    const next = parseContent(nextMarkdown(before.markdown, edit));
    const now = nowIso(ctx);
    await replaceContent(
      {
        db: trx,
        viewer,
        pageId: page.id,
        now,
        options: renderOptions(ctx, page),
        current: before.tree,
        currentSegments: before.segments,
        allowDeleting: edit.type === "insert_content" ? false : edit.allowDeleting,
        publicUrl: ctx.publicUrl,
      },
      next,
    );
    await updateBlock(trx, page.id, { lastEditedTime: now, lastEditedBy: viewer.userId });
    return strip(await render(trx, ctx, viewer, page));
  });
}

/** Writes parsed markdown under a page created in the same transaction. */
export async function writePageContent(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  page: BlockRecord,
  nodes: ContentNode[],
): Promise<void> {
  await replaceContent(
    {
      db: trx,
      viewer,
      pageId: page.id,
      now: nowIso(ctx),
      options: renderOptions(ctx, page),
      current: [],
      currentSegments: [],
      allowDeleting: false,
      publicUrl: ctx.publicUrl,
    },
    nodes,
  );
}
