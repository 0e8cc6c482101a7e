import type { NewBlock } from "../../domain/blocks/types.ts";
import { newId } from "../../domain/ids.ts";
import { mentionTargets } from "../../domain/rich-text.ts";
import { keysBetween } from "../../domain/sort-keys.ts";
import type { BlockRecord, NewBlockRecord } from "../../storage/block-repo.ts";
import { insertBlocks } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { blockRow } from "./block-rows.ts";

export interface TreeTarget {
  workspaceId: string;
  parentId: string;
  parentIsPage: boolean;
  userId: string;
  now: string;
}

/** Stores validated blocks (and their nested children) under a parent; returns the first-level blocks. */
export async function insertBlockTree(
  db: Executor,
  target: TreeTarget,
  blocks: NewBlock[],
  between: { before: string | null; after: string | null },
): Promise<BlockRecord[]> {
  const rows: NewBlockRecord[] = [];
  const place = (items: NewBlock[], parentId: string, parentIsPage: boolean, keys: string[]): string[] =>
    items.map((block, i) => {
      const id = newId();
      rows.push(
        blockRow(
          {
            id,
            type: block.type,
            parentType: parentIsPage ? "page_id" : "block_id",
            parentId,
            sortKey: keys[i] as string,
            content: block.content,
          },
          { workspaceId: target.workspaceId, userId: target.userId },
          target.now,
        ),
      );
      if (block.children.length > 0) {
        place(block.children, id, false, keysBetween(null, null, block.children.length));
      }
      return id;
    });
  const ids = place(
    blocks,
    target.parentId,
    target.parentIsPage,
    keysBetween(between.before, between.after, blocks.length),
  );
  await insertBlocks(db, rows);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id, i) => ({
    ...(byId.get(id) as NewBlockRecord),
    hasChildren: (blocks[i]?.children.length ?? 0) > 0,
    // Served through the read model like any stored block (hidden mentions lose their annotations).
    hasMentions: !mentionTargets(byId.get(id)?.content).next().done,
    parentDatabaseId: null,
  }));
}
