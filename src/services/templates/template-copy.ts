import { newId } from "../../domain/ids.ts";
import { keysBetween } from "../../domain/sort-keys.ts";
import { type MentionContext, resolveTemplateMentions } from "../../domain/templates.ts";
import { isObject } from "../../domain/validation.ts";
import { type BlockRecord, type NewBlockRecord, insertBlocks } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { liveChildrenOf } from "../../storage/template-repo.ts";

export interface CopyTarget {
  workspaceId: string;
  userId: string;
  now: string;
  /** The page that receives the copy, and where its first-level blocks go among existing children. */
  pageId: string;
  between: { before: string | null; after: string | null };
  mentions: MentionContext;
}

/** Parents per `IN (…)` list while walking the template, well under SQLite's bound-parameter limit. */
const LEVEL_CHUNK = 500;

function isOriginalSynced(block: BlockRecord): boolean {
  return block.type === "synced_block" && !isObject(block.content.synced_from);
}

/**
 * Deep-copies the live content of `templateId` under the target page, level by level, with new ids.
 * - Nested children, tables and their rows, columns, toggles and sub-pages are copied whole.
 * - An original synced block becomes a synced copy of it, so pages made from the template stay in
 *   sync with it (as duplicating a page does in Notion); a synced copy is copied as it is.
 * - An inline or full-page database is not copied: duplicating a database (its schema, sources and
 *   rows) is outside what a template application does here (see docs/templates.md).
 * Returns the number of blocks written.
 */
export async function copyTemplateContent(
  db: Executor,
  templateId: string,
  target: CopyTarget,
): Promise<number> {
  const rows: NewBlockRecord[] = [];
  // Old parent id → new parent id, for the level being walked.
  let level = new Map<string, string>([[templateId, target.pageId]]);
  let firstLevel = true;
  while (level.size > 0) {
    const parents = [...level.keys()];
    const found: BlockRecord[] = [];
    for (let i = 0; i < parents.length; i += LEVEL_CHUNK) {
      found.push(...(await liveChildrenOf(db, parents.slice(i, i + LEVEL_CHUNK))));
    }
    const blocks = found.filter((b) => b.type !== "child_database");
    const keys = firstLevel ? keysBetween(target.between.before, target.between.after, blocks.length) : [];
    const next = new Map<string, string>();
    blocks.forEach((block, i) => {
      const id = newId();
      const synced = isOriginalSynced(block);
      const content = synced
        ? { synced_from: { type: "block_id", block_id: block.id } }
        : resolveTemplateMentions(block.content, target.mentions);
      rows.push({
        id,
        workspaceId: target.workspaceId,
        type: block.type,
        parentType: firstLevel ? "page_id" : block.parentType,
        parentId: level.get(block.parentId ?? "") as string,
        sortKey: firstLevel ? (keys[i] as string) : block.sortKey,
        content,
        properties: block.properties && resolveTemplateMentions(block.properties, target.mentions),
        icon: block.icon,
        cover: block.cover,
        isLocked: block.isLocked,
        inTrash: false,
        isArchived: false,
        createdTime: target.now,
        createdBy: target.userId,
        lastEditedTime: target.now,
        lastEditedBy: target.userId,
      });
      // A synced copy shows its original's children and holds none of its own.
      if (!synced) next.set(block.id, id);
    });
    level = next;
    firstLevel = false;
  }
  await insertBlocks(db, rows);
  return rows.length;
}
