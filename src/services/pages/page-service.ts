import { insertGrant } from "../../storage/identity-repo.ts";
import { newId } from "../../domain/ids.ts";
import { queryValues } from "../../domain/properties/index.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import { plain, titleProperties } from "../../domain/page-title.ts";
import { validationError } from "../../errors.ts";
import {
  type BlockRecord,
  ancestry,
  findBlock,
  insertBlocks,
  lastChildKey,
  lastWorkspaceKey,
  lockBlock,
  lockParent,
  neighbourKeys,
  updateBlock,
} from "../../storage/block-repo.ts";
import { blockPlace } from "../../storage/block-lookup-repo.ts";
import { findDataSourceFields } from "../../storage/database-repo.ts";
import { forgetTemplate } from "../../storage/template-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { assertNotInTrash, isPage, loadVisible } from "../access/kinds.ts";
import { checkReferences } from "../blocks/block-service.ts";
import { insertBlockTree } from "../blocks/block-tree.ts";
import { computeRow } from "../computed/computed-values.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { attachUploads, uploadsOf } from "../files/attach-service.ts";
import { blockRow } from "../blocks/block-rows.ts";
import { sourceOfDatabase } from "../databases/database-service.ts";
import { resolveMentionText } from "../access/mentions.ts";
import { readAs } from "../access/read-model.ts";
import type {
  CreatePageRequest,
  MovePageRequest,
  PagePosition,
  PageView,
  UpdatePageRequest,
} from "./page-types.ts";
import { createRow, updateRow } from "../data-sources/row-service.ts";
import { resolveCustomEmojiIcon } from "../emojis/emoji-service.ts";
import { applyOnCreate, applyOnUpdate } from "../templates/template-service.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";
import { recordPageUpdate } from "../webhooks/content-events.ts";
import { recordChildCreated } from "../webhooks/content-events.ts";
import { recordPageEvent } from "../webhooks/record-event.ts";

async function positionKeys(db: Executor, parentId: string, position: PagePosition) {
  if (position.type !== "after_block") {
    return position.type === "page_end"
      ? { before: await lastChildKey(db, parentId), after: null }
      : neighbourKeys(db, parentId, null);
  }
  const anchor = await blockPlace(db, position.id);
  if (!anchor || anchor.parentId !== parentId) {
    throw validationError(`Block ${position.id} is not a child of page ${parentId}.`);
  }
  return neighbourKeys(db, parentId, anchor.sortKey);
}

/** The schema a page's properties follow: its data source's, or none for a page outside one. */
async function schemaOf(db: Executor, page: BlockRecord): Promise<PropertySchema[] | null> {
  if (page.parentType !== "data_source_id" || !page.parentId) return null;
  return (await findDataSourceFields(db, page.parentId))?.schema ?? [];
}

/** A page as the viewer may see it, with the schema its properties follow when it is a row. */
export async function pageView(
  db: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  page: BlockRecord,
): Promise<PageView> {
  await readAs(db, ctx, viewer, page);
  return { page, schema: await schemaOf(db, page) };
}

/** Writes more content under the new page inside the same transaction (markdown content uses it). */
export type AfterCreate = (trx: Executor, page: BlockRecord) => Promise<void>;

export async function createPage(
  ctx: ServiceContext,
  viewer: Viewer,
  request: CreatePageRequest,
  afterCreate?: AfterCreate,
): Promise<PageView> {
  requireCapability(viewer, "insert");
  const { parent, title, cover, template, children, position } = request;
  const inSource = parent.kind === "data_source" || parent.kind === "database";
  // Public integrations may create workspace-level pages (guides/.../authorization); internal ones may not.
  if (parent.kind === "workspace" && viewer.integration && viewer.integration.kind !== "installation") {
    throw validationError("Internal integrations can't create workspace-level pages; use a page parent.");
  }
  return ctx.store.transaction(async (trx) => {
    const now = nowIso(ctx);
    await checkReferences(trx, viewer, children, now);
    await attachUploads(trx, viewer, uploadsOf(request.icon, cover), now);
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, request.icon);
    if (inSource) {
      const sourceId =
        parent.kind === "database" ? await sourceOfDatabase(trx, viewer, parent.id) : parent.id;
      await loadVisible(trx, viewer, sourceId, "data source");
      await assertNotInTrash(trx, sourceId);
      const id = await createRow(trx, ctx, viewer, sourceId, request.properties, {
        icon,
        cover,
        children,
        now,
      });
      await applyOnCreate(trx, ctx, viewer, id, template, request.given);
      if (afterCreate) await afterCreate(trx, (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord);
      const created = (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord;
      await recordPageEvent(trx, ctx, viewer, "page.created", created);
      return pageView(trx, ctx, viewer, created);
    }
    let between: { before: string | null; after: string | null };
    if (parent.kind === "page") {
      await loadVisible(trx, viewer, parent.id, "page");
      await lockParent(trx, ctx.store.dialect, { blockId: parent.id });
      await assertNotInTrash(trx, parent.id);
      between = await positionKeys(trx, parent.id, position);
    } else {
      await lockParent(trx, ctx.store.dialect, { workspaceId: viewer.workspaceId });
      between = { before: await lastWorkspaceKey(trx, viewer.workspaceId), after: null };
    }
    await resolveMentionText(trx, viewer, ctx.publicUrl, [title, children]);
    const id = newId();
    await insertBlocks(trx, [
      {
        ...blockRow(
          {
            id,
            type: "child_page",
            parentType: parent.kind === "page" ? "page_id" : "workspace",
            parentId: parent.kind === "page" ? parent.id : null,
            sortKey: keyBetween(between.before, between.after),
            content: { title: plain(title) },
            icon,
            cover,
          },
          viewer,
          now,
        ),
        properties: titleProperties(title),
      },
    ]);
    const tree = {
      workspaceId: viewer.workspaceId,
      parentId: id,
      parentIsPage: true,
      userId: viewer.userId,
      now,
    };
    await insertBlockTree(trx, tree, children, { before: null, after: null });
    // A page a bot creates at the top level is shared with that bot, or it could not read it back.
    if (parent.kind === "workspace" && viewer.integration)
      await insertGrant(trx, viewer.integration.id, id, now);
    if (afterCreate) await afterCreate(trx, (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord);
    if (parent.kind === "page")
      await updateBlock(trx, parent.id, { lastEditedTime: now, lastEditedBy: viewer.userId });
    const created = (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord;
    await recordPageEvent(trx, ctx, viewer, "page.created", created);
    await recordChildCreated(trx, ctx, viewer, created);
    return pageView(trx, ctx, viewer, created);
  });
}

export async function getPage(ctx: ServiceContext, viewer: Viewer, id: string): Promise<PageView> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  return pageView(db, ctx, viewer, await loadVisible(db, viewer, id, "page"));
}

export async function updatePage(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  request: UpdatePageRequest,
): Promise<PageView> {
  requireCapability(viewer, "update");
  const { cover, isLocked, isArchived, inTrash, template, properties } = request;
  return ctx.store.transaction(async (trx) => {
    // The page's row first, before anything is read or written: see lockParent.
    await lockBlock(trx, ctx.store.dialect, id);
    const page = await loadVisible(trx, viewer, id, "page");
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, request.icon);
    await attachUploads(trx, viewer, uploadsOf(icon, cover), nowIso(ctx));
    const isRow = page.parentType === "data_source_id";
    const title = isRow ? undefined : request.readTitle();
    const editsContent =
      [properties, icon, cover, isLocked, isArchived, template.request].some((v) => v !== undefined) ||
      template.erase;
    // Restoring from the trash is allowed; editing something in the trash is not (unless restored in the same call).
    if (editsContent && inTrash !== false) await assertNotInTrash(trx, id);
    if (isRow && properties !== undefined) await updateRow(trx, ctx, viewer, page, properties);
    if (title) await resolveMentionText(trx, viewer, ctx.publicUrl, title);
    await updateBlock(trx, id, {
      ...(title
        ? {
            properties: { ...page.properties, ...titleProperties(title) },
            content: { ...page.content, title: plain(title) },
          }
        : {}),
      ...(icon !== undefined ? { icon } : {}),
      ...(cover !== undefined ? { cover } : {}),
      ...(isLocked !== undefined ? { isLocked } : {}),
      ...(isArchived !== undefined ? { isArchived } : {}),
      ...(inTrash !== undefined ? { inTrash } : {}),
      lastEditedTime: nowIso(ctx),
      lastEditedBy: viewer.userId,
    });
    await applyOnUpdate(trx, ctx, viewer, id, template, request.given);
    const updated = (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord;
    await recordPageUpdate(trx, ctx, viewer, page, updated);
    return pageView(trx, ctx, viewer, updated);
  });
}

function titleOf(schema: PropertySchema[] | null, page: BlockRecord): unknown {
  const key = schema?.find((p) => p.type === "title")?.id ?? "title";
  const value = page.properties?.[key];
  if (Array.isArray(value)) return value;
  return value && typeof value === "object" && "title" in value ? value.title : [];
}

/**
 * `POST /v1/pages/{id}/move` under a page or into a data source. A page keeps its title either way;
 * entering a data source it gets that source's other properties empty, leaving one it loses them.
 */
export async function movePage(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  request: MovePageRequest,
): Promise<PageView> {
  requireCapability(viewer, "update");
  const toSource = request.target.kind === "data_source";
  const targetId = request.target.id;
  return ctx.store.transaction(async (trx) => {
    const page = await loadVisible(trx, viewer, id, "page");
    const target = await loadVisible(trx, viewer, targetId, toSource ? "data source" : "page");
    await lockParent(trx, ctx.store.dialect, { blockId: target.id });
    await assertNotInTrash(trx, target.id);
    if ((await ancestry(trx, target.id)).some((a) => a.id === page.id)) {
      throw validationError(
        "body failed validation: a page can't be moved into itself or one of its descendants.",
      );
    }
    // The title moves as stored (not as this caller reads it), so nothing hidden from the caller is lost.
    const title = titleOf(await schemaOf(trx, page), page);
    const targetSchema = toSource ? ((await findDataSourceFields(trx, target.id))?.schema ?? []) : null;
    const titleId = targetSchema?.find((p) => p.type === "title")?.id;
    const properties = targetSchema
      ? titleId
        ? { [titleId]: title }
        : {}
      : { title: { id: "title", type: "title", title } };
    const now = nowIso(ctx);
    await forgetTemplate(trx, id);
    await updateBlock(trx, id, {
      parentType: toSource ? "data_source_id" : isPage(target) ? "page_id" : "block_id",
      parentId: target.id,
      sortKey: keyBetween(await lastChildKey(trx, target.id), null),
      properties,
      queryValues: targetSchema ? queryValues(targetSchema, properties) : {},
      lastEditedTime: now,
      lastEditedBy: viewer.userId,
    });
    if (toSource) await computeRow(trx, ctx, viewer.workspaceId, id);
    const moved = (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord;
    await recordPageEvent(trx, ctx, viewer, "page.moved", moved);
    return pageView(trx, ctx, viewer, moved);
  });
}
