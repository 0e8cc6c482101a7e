import { newId } from "../../domain/ids.ts";
import { plainText } from "../../domain/rich-text.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import { validationError } from "../../errors.ts";
import {
  findBlock,
  insertBlocks,
  lastChildKey,
  lockParent,
  neighbourKeys,
  updateBlock,
} from "../../storage/block-repo.ts";
import { findDatabaseFields, insertDatabaseFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { assertNotInTrash, loadVisible } from "../access/kinds.ts";
import type { Viewer } from "../access/viewer.ts";
import type { ServiceContext } from "../context.ts";
import { blockRow } from "../blocks/block-rows.ts";
import type { LinkedDatabaseRequest } from "./view-types.ts";

/**
 * `create_database` of `POST /v1/views`: "Create a new linked database block on a page and add the view
 * to it" (S5 `CreateViewRequest`). The linked database is a `child_database` block of the page with a
 * database of its own but no data source: its views show the source of the original database, which
 * keeps the rows and the schema. Returns the new database's id, the parent of the view.
 */
export async function createLinkedDatabase(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  source: { databaseId: string },
  request: LinkedDatabaseRequest,
  now: string,
): Promise<string> {
  const pageId = request.pageId;
  await loadVisible(trx, viewer, pageId, "page");
  await lockParent(trx, ctx.store.dialect, { blockId: pageId });
  await assertNotInTrash(trx, pageId);
  let keys: { before: string | null; after: string | null };
  if (request.afterBlockId) {
    const anchor = await findBlock(trx, viewer.workspaceId, request.afterBlockId);
    if (!anchor || anchor.parentId !== pageId || anchor.inTrash) {
      throw validationError(`Block ${request.afterBlockId} is not a child of block ${pageId}.`);
    }
    keys = await neighbourKeys(trx, pageId, anchor.sortKey);
  } else {
    keys = { before: await lastChildKey(trx, pageId), after: null };
  }
  // A linked database shows the original's title, as Notion's does until it is renamed.
  const original = await findDatabaseFields(trx, source.databaseId);
  const title = original?.title ?? [];
  const id = newId();
  await insertBlocks(trx, [
    blockRow(
      {
        id,
        type: "child_database",
        parentType: "page_id",
        parentId: pageId,
        sortKey: keyBetween(keys.before, keys.after),
        content: { title: plainText(title) },
      },
      viewer,
      now,
    ),
  ]);
  await insertDatabaseFields(trx, {
    id,
    workspaceId: viewer.workspaceId,
    title,
    description: [],
    isInline: true,
  });
  await updateBlock(trx, pageId, { lastEditedTime: now, lastEditedBy: viewer.userId });
  return id;
}
