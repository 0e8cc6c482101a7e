import { emojiOf } from "../../domain/blocks/index.ts";
import { findBlock, listChildren, type BlockRecord } from "../../storage/block-repo.ts";
import { listWorkspacePages } from "../../storage/page-list-repo.ts";
import type { ServiceContext } from "../context.ts";
import { readAs } from "../access/read-model.ts";
import type { Viewer } from "../access/viewer.ts";

/** A page or database as the web UI lists it. */
export interface PageEntry {
  id: string;
  type: string;
  title: string;
  parentId: string | null;
  icon: string | null;
}

const MAX_PAGES = 2000;

function titleOf(content: unknown): string {
  if (content && typeof content === "object" && "title" in content) {
    const title = (content as { title: unknown }).title;
    if (typeof title === "string") return title;
  }
  return "";
}

/**
 * Every live page and database of a workspace outside data sources (rows are shown in their table), for
 * the page tree and the consent screen's page picker. Bounded: the UI is for people, not exports.
 */
export async function workspacePages(ctx: ServiceContext, workspaceId: string): Promise<PageEntry[]> {
  const rows = await listWorkspacePages(ctx.store.db, workspaceId, MAX_PAGES);
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    title: titleOf(r.content),
    parentId: r.parentType === "workspace" ? null : r.parentId,
    icon: emojiOf(r.icon),
  }));
}

/** Pages whose title contains the search text (case-insensitive), for the page picker. */
export async function searchPages(
  ctx: ServiceContext,
  workspaceId: string,
  text: string,
): Promise<PageEntry[]> {
  const all = await workspacePages(ctx, workspaceId);
  const needle = text.trim().toLowerCase();
  return needle ? all.filter((p) => p.title.toLowerCase().includes(needle)) : all;
}

export interface BlockNode {
  block: BlockRecord;
  children: BlockNode[];
}

/** A page and its block tree (pages inside it are not expanded), as the viewer may see them. */
export async function pageTree(
  ctx: ServiceContext,
  viewer: Viewer,
  pageId: string,
): Promise<{ page: BlockRecord; blocks: BlockNode[] } | undefined> {
  const db = ctx.store.db;
  const page = await findBlock(db, viewer.workspaceId, pageId);
  if (!page || page.inTrash) return undefined;
  let budget = 3000;
  const load = async (parentId: string, depth: number): Promise<BlockNode[]> => {
    const children = await listChildren(db, parentId, { limit: Math.min(budget, 1000) });
    budget -= children.length;
    const nodes: BlockNode[] = [];
    for (const child of children) {
      const expand = child.hasChildren && child.type !== "child_page" && depth < 8 && budget > 0;
      nodes.push({ block: child, children: expand ? await load(child.id, depth + 1) : [] });
    }
    return nodes;
  };
  const blocks = page.type === "child_page" ? await load(page.id, 0) : [];
  const all: BlockRecord[] = [page];
  const collect = (nodes: BlockNode[]) => {
    for (const node of nodes) {
      all.push(node.block);
      collect(node.children);
    }
  };
  collect(blocks);
  await readAs(db, ctx, viewer, all);
  return { page, blocks };
}
