import { newId } from "../../domain/ids.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import {
  type BlockRecord,
  type NewBlockRecord,
  findBlock,
  insertBlocks,
  lastWorkspaceKey,
  listChildren,
} from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { ServiceContext } from "../context.ts";

/** Blocks copied per template at most; a template is a starting page, not an archive. */
const MAX_TEMPLATE_BLOCKS = 5000;

interface TemplateCopy {
  templatePageId: string;
  templateWorkspaceId: string;
  workspaceId: string;
  userId: string;
}

/**
 * Copies a public integration's template page into the installing workspace as a new top-level page
 * (guides/get-started/authorization: "duplicated_template_id"). Databases inside the template are left
 * out: their schema and rows belong to another workspace's data sources. Returns the copy's id, or null
 * when the template page no longer exists.
 */
export async function duplicateTemplate(
  db: Executor,
  ctx: ServiceContext,
  copy: TemplateCopy,
): Promise<string | null> {
  const template = await findBlock(db, copy.templateWorkspaceId, copy.templatePageId);
  if (!template || template.inTrash || template.type !== "child_page") return null;
  const now = ctx.clock().toISOString();
  const rootId = newId();
  const rows: NewBlockRecord[] = [
    fresh(template, {
      id: rootId,
      workspaceId: copy.workspaceId,
      parentType: "workspace",
      parentId: null,
      sortKey: keyBetween(await lastWorkspaceKey(db, copy.workspaceId), null),
      userId: copy.userId,
      now,
    }),
  ];
  const queue: Array<{ from: string; to: string }> = [{ from: template.id, to: rootId }];
  while (queue.length > 0 && rows.length < MAX_TEMPLATE_BLOCKS) {
    const { from, to } = queue.shift() as { from: string; to: string };
    const children = await listChildren(db, from, { limit: MAX_TEMPLATE_BLOCKS });
    for (const child of children) {
      if (child.type === "child_database") continue;
      const id = newId();
      rows.push(
        fresh(child, {
          id,
          workspaceId: copy.workspaceId,
          parentType: child.parentType,
          parentId: to,
          sortKey: child.sortKey,
          userId: copy.userId,
          now,
        }),
      );
      if (child.hasChildren) queue.push({ from: child.id, to: id });
    }
  }
  await insertBlocks(db, rows);
  return rootId;
}

function fresh(
  block: BlockRecord,
  at: {
    id: string;
    workspaceId: string;
    parentType: BlockRecord["parentType"];
    parentId: string | null;
    sortKey: string;
    userId: string;
    now: string;
  },
): NewBlockRecord {
  return {
    id: at.id,
    workspaceId: at.workspaceId,
    type: block.type,
    parentType: at.parentType,
    parentId: at.parentId,
    sortKey: at.sortKey,
    content: block.content,
    properties: block.properties,
    icon: block.icon,
    cover: block.cover,
    isLocked: false,
    inTrash: false,
    isArchived: false,
    createdTime: at.now,
    createdBy: at.userId,
    lastEditedTime: at.now,
    lastEditedBy: at.userId,
  };
}
