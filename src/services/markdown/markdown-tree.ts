import type { RenderBlock } from "../../domain/markdown/index.ts";
import { isObject } from "../../domain/validation.ts";
import type { BlockRecord } from "../../storage/block-repo.ts";
import { findBlock, findBlocks } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { type TreeRow, loadSubtree } from "../../storage/markdown-repo.ts";
import type { ServiceContext } from "../context.ts";
import { readMentions } from "../access/mentions.ts";
import { readAs } from "../access/read-model.ts";
import { type Reader, readerFor } from "../access/reader.ts";
import type { Viewer } from "../access/viewer.ts";

/** Groups subtree rows into ordered trees under `rootId`. */
function assemble(rows: TreeRow[], rootId: string): RenderBlock[] {
  const byParent = new Map<string, TreeRow[]>();
  for (const row of rows) {
    const siblings = byParent.get(row.parentId);
    if (siblings) siblings.push(row);
    else byParent.set(row.parentId, [row]);
  }
  const build = (parentId: string): RenderBlock[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
      .map((row) => ({
        id: row.id,
        type: row.type,
        content: row.content,
        sortKey: row.sortKey,
        children: build(row.id),
      }));
  return build(rootId);
}

function syncedSource(block: RenderBlock): string | null {
  const from = block.type === "synced_block" ? block.content.synced_from : undefined;
  return isObject(from) && typeof from.block_id === "string" ? from.block_id : null;
}

function* walk(blocks: RenderBlock[]): Generator<RenderBlock> {
  for (const block of blocks) {
    yield block;
    yield* walk(block.children);
  }
}

/**
 * The blocks below a page (or one block and its subtree) as the renderer reads them: mention text
 * resolved to current names, synced duplicates showing their original's children (or marked
 * unavailable when the original isn't shared with the caller).
 */
export async function loadRenderTree(
  db: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  root: BlockRecord,
  asPage: boolean,
): Promise<RenderBlock[]> {
  const reader = readerFor(db, viewer);
  const rows = await loadSubtree(db, root.id);
  const tree = assemble(rows, root.id);
  const blocks = asPage ? tree : [{ id: root.id, type: root.type, content: root.content, children: tree }];
  for (const block of [...walk(blocks)]) {
    const source = syncedSource(block);
    if (!source) continue;
    const original = await findBlock(db, viewer.workspaceId, source);
    if (!original || original.inTrash || !(await reader.canReach(source))) {
      block.unavailable = true;
      continue;
    }
    block.children = assemble(await loadSubtree(db, source), source);
  }
  const withMentions = rows.filter((row) => row.hasMentions).map((row) => row.content);
  if (!asPage && root.hasMentions) withMentions.push(root.content);
  await readMentions(db, reader, ctx.publicUrl, withMentions);
  await retitleChildPages(db, ctx, reader, rows);
  return blocks;
}

/**
 * A sub-page's title is stored with the text its title mentions had for whoever wrote it; a reader who
 * cannot reach a mentioned page reads the title as the read model serves it.
 */
async function retitleChildPages(db: Executor, ctx: ServiceContext, reader: Reader, rows: TreeRow[]) {
  if (reader.complete) return;
  const pages = rows.filter((row) => row.type === "child_page");
  if (pages.length === 0) return;
  const records = (
    await findBlocks(
      db,
      reader.viewer.workspaceId,
      pages.map((p) => p.id),
    )
  ).filter((r) => r.hasMentions);
  if (records.length === 0) return;
  const titles = new Map((await readAs(db, ctx, reader.viewer, records)).map((r) => [r.id, r.content.title]));
  // In place: the render tree holds these content objects.
  for (const row of pages) {
    const title = titles.get(row.id);
    if (title !== undefined) row.content.title = title;
  }
}
