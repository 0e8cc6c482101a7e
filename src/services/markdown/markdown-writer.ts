import type { ContentNode, RenderBlock } from "../../domain/markdown/index.ts";
import { matchSegments, renderMarkdown } from "../../domain/markdown/index.ts";
import type { RenderOptions } from "../../domain/markdown/index.ts";
import { newId } from "../../domain/ids.ts";
import { textItem } from "../../domain/rich-text.ts";
import { keysBetween } from "../../domain/sort-keys.ts";
import { validationError } from "../../errors.ts";
import {
  type BlockRecord,
  type NewBlockRecord,
  ancestry,
  findBlock,
  insertBlocks,
  neighbourKeys,
  updateBlock,
} from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { canReach } from "../access/kinds.ts";
import { checkReferences } from "../blocks/block-service.ts";
import { blockRow } from "../blocks/block-rows.ts";
import { resolveMentionText } from "../access/mentions.ts";
import { titleProperties } from "../../domain/page-title.ts";
import type { Viewer } from "../access/viewer.ts";

interface Move {
  id: string;
  parentId: string;
  parentIsPage: boolean;
  sortKey: string;
}

/** What a markdown write adds under a page: new rows, and existing pages or blocks moved into place. */
class Plan {
  readonly rows: NewBlockRecord[] = [];
  readonly moves: Move[] = [];

  constructor(
    private readonly db: Executor,
    private readonly viewer: Viewer,
    private readonly pageId: string,
    private readonly now: string,
    private readonly publicUrl: string,
  ) {}

  async place(nodes: ContentNode[], parentId: string, parentIsPage: boolean, keys: string[]): Promise<void> {
    for (const [i, node] of nodes.entries()) {
      await this.node(node, parentId, parentIsPage, keys[i] as string);
    }
  }

  private async node(node: ContentNode, parentId: string, parentIsPage: boolean, sortKey: string) {
    const existing = await this.existing(node);
    if (existing) {
      this.moves.push({ id: existing.id, parentId, parentIsPage, sortKey });
      return;
    }
    if (node.type === "child_database" || node.type === "unknown") return;
    const id = newId();
    const parent = {
      parentType: parentIsPage ? ("page_id" as const) : ("block_id" as const),
      parentId,
      sortKey,
    };
    if (node.type === "child_page") {
      // `<page>` without a known page makes a new, empty child page with that title.
      const title = String(node.content.title ?? "");
      const row = blockRow({ id, type: "child_page", ...parent, content: { title } }, this.viewer, this.now);
      this.rows.push({ ...row, properties: titleProperties(title === "" ? [] : [textItem(title)]) });
      return;
    }
    this.rows.push(
      blockRow({ id, type: node.type, ...parent, content: node.content }, this.viewer, this.now),
    );
    await this.place(node.children, id, false, keysBetween(null, null, node.children.length));
  }

  /**
   * A `<page url>`/`<database url>`/`<unknown url>` naming an object the caller can reach: Notion moves
   * it here rather than copying it (guides/data-apis/enhanced-markdown, "Child page"). Unknown blocks
   * move only within this page, and nothing moves into itself.
   */
  private async existing(node: ContentNode): Promise<BlockRecord | undefined> {
    const id = typeof node.content.id === "string" ? node.content.id : undefined;
    if (!id || id === this.pageId) return undefined;
    const block = await findBlock(this.db, this.viewer.workspaceId, id);
    if (!block || !(await canReach(this.db, this.viewer, id))) return undefined;
    const chain = await ancestry(this.db, this.pageId);
    if (chain.some((a) => a.id === id)) return undefined;
    if (node.type === "child_page" && block.type === "child_page") return block;
    if (node.type === "child_database" && block.type === "child_database") return block;
    if (node.type !== "unknown") return undefined;
    return (await ancestry(this.db, id)).some((a) => a.id === this.pageId) ? block : undefined;
  }

  async commit(): Promise<void> {
    await resolveMentionText(
      this.db,
      this.viewer,
      this.publicUrl,
      this.rows.map((r) => r.content),
    );
    await insertBlocks(this.db, this.rows);
    for (const move of this.moves) {
      await updateBlock(this.db, move.id, {
        parentType: move.parentIsPage ? "page_id" : "block_id",
        parentId: move.parentId,
        sortKey: move.sortKey,
        inTrash: false,
        lastEditedTime: this.now,
        lastEditedBy: this.viewer.userId,
      });
    }
  }
}

function* walk(blocks: RenderBlock[]): Generator<RenderBlock> {
  for (const block of blocks) {
    yield block;
    yield* walk(block.children);
  }
}

function* walkNodes(nodes: ContentNode[]): Generator<ContentNode> {
  for (const node of nodes) {
    yield node;
    yield* walkNodes(node.children);
  }
}

/** How new content renders, so it can be compared with the page's current segments. */
export function nodeBlocks(nodes: ContentNode[]): RenderBlock[] {
  return nodes.map((node) => ({
    id: typeof node.content.id === "string" ? node.content.id : "",
    type: node.type === "unknown" ? String(node.content.alt ?? "unknown") : node.type,
    content: node.content,
    children: nodeBlocks(node.children),
    ...(node.type === "unknown" ? { unavailable: true } : {}),
  }));
}

export interface ContentTarget {
  db: Executor;
  viewer: Viewer;
  pageId: string;
  now: string;
  options: RenderOptions;
  /** The page's current top-level blocks and their markdown; empty for a new page. */
  current: RenderBlock[];
  currentSegments: string[];
  allowDeleting: boolean;
  /** Stored resolved mentions use this base for page links. */
  publicUrl: string;
}

/**
 * Makes a page's content match `next`. Top-level blocks whose markdown is unchanged are kept as they
 * are (ids, children, comments); removed ones go to the trash, new ones are inserted in place. Child
 * pages and databases are only removed with `allow_deleting_content` (reference/update-page-markdown).
 */
/** Blocks that name other objects (checked and, for uploads, attached before the write). */
const REFERRING = new Set(["synced_block", "link_to_page", "image", "file", "pdf", "audio", "video"]);

export async function replaceContent(target: ContentTarget, next: ContentNode[]): Promise<void> {
  const { db, viewer, pageId, now } = target;
  await checkReferences(
    db,
    viewer,
    [...walkNodes(next)].filter((n) => REFERRING.has(n.type)),
    now,
  );
  const nextSegments = renderMarkdown(nodeBlocks(next), { ...target.options, limit: Infinity }).segments;
  const matches = matchSegments(target.currentSegments, nextSegments);
  const kept = new Set(matches.filter((m): m is number => m !== null));
  const removed = target.current.filter((_, i) => !kept.has(i));
  const named = new Set(
    [...walkNodes(next)].map((n) => n.content.id).filter((id): id is string => typeof id === "string"),
  );
  const lost = removed
    .flatMap((block) => [...walk([block])])
    .filter((b) => (b.type === "child_page" || b.type === "child_database") && !named.has(b.id));
  if (lost.length > 0 && !target.allowDeleting) {
    throw validationError(
      `The update would delete ${lost.length} child page(s) or database(s): ${lost.map((b) => `${String(b.content.title ?? "")} (${b.id})`).join(", ")}. Set allow_deleting_content to true to allow it.`,
    );
  }
  for (const block of removed) {
    await updateBlock(db, block.id, { inTrash: true, lastEditedTime: now, lastEditedBy: viewer.userId });
  }
  const plan = new Plan(db, viewer, pageId, now, target.publicUrl);
  let previous: string | null = null;
  let i = 0;
  while (i < next.length) {
    const match = matches[i];
    if (match !== null && match !== undefined) {
      previous = target.current[match]?.sortKey ?? previous;
      i++;
      continue;
    }
    const group: ContentNode[] = [];
    while (i < next.length && (matches[i] === null || matches[i] === undefined))
      group.push(next[i++] as ContentNode);
    const between = await neighbourKeys(db, pageId, previous);
    await plan.place(group, pageId, true, keysBetween(between.before, between.after, group.length));
  }
  await plan.commit();
}
