import { newId } from "../../domain/ids.ts";
import type { ParsedSchema } from "../../domain/properties/index.ts";
import { type RichTextItem, plainText } from "../../domain/rich-text.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { type ApiVersion, hasDataSources } from "../../domain/versions.ts";
import { validationError } from "../../errors.ts";
import type { DatabaseView } from "../../storage/database-repo.ts";
import {
  type BlockRecord,
  ancestry,
  findBlock,
  insertBlocks,
  lastChildKey,
  lastWorkspaceKey,
  lockBlock,
  lockParent,
  updateBlock,
} from "../../storage/block-repo.ts";
import {
  findDatabaseFields,
  insertDatabaseFields,
  listDataSourceFields,
  updateDatabaseFields,
} from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { assertNotInTrash, loadVisible } from "../access/kinds.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { recordChildCreated } from "../webhooks/content-events.ts";
import { recordDataSourceEvent, recordDatabaseEvent } from "../webhooks/source-events.ts";
import { attachUploads, uploadsOf } from "../files/attach-service.ts";
import { blockRow } from "../blocks/block-rows.ts";
import { addDataSource } from "../data-sources/data-source-store.ts";
import { type SchemaEdit, changeSchema } from "../data-sources/data-source-service.ts";
import { resolveCustomEmojiIcon } from "../emojis/emoji-service.ts";
import { readDatabaseAs } from "../access/read-model.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

export type DatabaseParent = { kind: "workspace" } | { kind: "page"; id: string };

export interface CreateDatabaseRequest {
  parent: DatabaseParent;
  title: RichTextItem[];
  description: RichTextItem[];
  isInline: boolean;
  icon: JsonObject | null;
  cover: JsonObject | null;
  /** The schema of the database's first data source. */
  properties: Pick<ParsedSchema, "schema" | "relations">;
}

/** `POST /v1/databases`: the 2022-06-28 body carries `properties`, later ones `initial_data_source`. */
export async function createDatabase(
  ctx: ServiceContext,
  viewer: Viewer,
  request: CreateDatabaseRequest,
): Promise<DatabaseView> {
  requireCapability(viewer, "insert");
  const { parent, title, description, isInline, cover } = request;
  const { schema, relations } = request.properties;
  if (parent.kind === "workspace" && viewer.integration) {
    throw validationError("Internal integrations can't create workspace-level databases; use a page parent.");
  }
  return ctx.store.transaction(async (trx) => {
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, request.icon);
    await attachUploads(trx, viewer, uploadsOf(icon, cover), nowIso(ctx));
    const now = nowIso(ctx);
    let sortKey: string;
    if (parent.kind === "page") {
      await loadVisible(trx, viewer, parent.id, "page");
      await lockParent(trx, ctx.store.dialect, { blockId: parent.id });
      await assertNotInTrash(trx, parent.id);
      sortKey = keyBetween(await lastChildKey(trx, parent.id), null);
    } else {
      await lockParent(trx, ctx.store.dialect, { workspaceId: viewer.workspaceId });
      sortKey = keyBetween(await lastWorkspaceKey(trx, viewer.workspaceId), null);
    }
    const databaseId = newId();
    const sourceId = newId();
    await insertBlocks(trx, [
      blockRow(
        {
          id: databaseId,
          type: "child_database",
          parentType: parent.kind === "page" ? "page_id" : "workspace",
          parentId: parent.kind === "page" ? parent.id : null,
          sortKey,
          content: { title: plainText(title) },
          icon,
          cover,
        },
        viewer,
        now,
      ),
    ]);
    await insertDatabaseFields(trx, {
      id: databaseId,
      workspaceId: viewer.workspaceId,
      title,
      description,
      isInline,
    });
    await addDataSource(trx, ctx, viewer, {
      id: sourceId,
      databaseId,
      title,
      schema,
      relations,
      icon: null,
      now,
    });
    if (parent.kind === "page")
      await updateBlock(trx, parent.id, { lastEditedTime: now, lastEditedBy: viewer.userId });
    await recordDatabaseEvent(trx, ctx, viewer, "created", databaseId);
    await recordDataSourceEvent(trx, ctx, viewer, "created", sourceId);
    const created = await findBlock(trx, viewer.workspaceId, databaseId);
    if (created) await recordChildCreated(trx, ctx, viewer, created);
    return readDatabaseAs(trx, ctx, viewer, await loadDatabase(trx, viewer, databaseId));
  });
}

export async function loadDatabase(db: Executor, viewer: Viewer, id: string): Promise<DatabaseView> {
  const block = await loadVisible(db, viewer, id, "database");
  const fields = await findDatabaseFields(db, id);
  if (!fields) throw new Error(`database ${id} has no fields row`);
  return { block, fields, sources: await listDataSourceFields(db, id) };
}

/** 2022-06-28 clients see a database as one table, so a database with several sources is refused. */
export function assertSingleSource(view: DatabaseView, version: ApiVersion): void {
  if (!hasDataSources(version)) assertOneSource(view);
}

/** A database read as its one table (a `database_id` parent, 2022-06-28's database object). */
function assertOneSource(view: DatabaseView): void {
  if (view.sources.length <= 1) return;
  throw validationError(`Databases with multiple data sources are not supported in this API version.`, {
    error_type: "multiple_data_sources_for_database",
    database_id: view.block.id,
    child_data_source_ids: view.sources.map((s) => s.id),
    minimum_api_version: "2025-09-03",
  });
}

/** The data source a `database_id` parent means: the database's only source (2022-06-28 semantics). */
export async function sourceOfDatabase(db: Executor, viewer: Viewer, databaseId: string): Promise<string> {
  const view = await loadDatabase(db, viewer, databaseId);
  assertOneSource(view);
  const main = view.sources[0];
  if (!main) throw validationError(`Database ${databaseId} has no data source.`);
  return main.id;
}

export async function getDatabase(ctx: ServiceContext, viewer: Viewer, id: string, version: ApiVersion) {
  requireCapability(viewer, "read");
  const view = await loadDatabase(ctx.store.db, viewer, id);
  assertSingleSource(view, version);
  return readDatabaseAs(ctx.store.db, ctx, viewer, view);
}

export interface UpdateDatabaseRequest {
  title?: RichTextItem[] | undefined;
  description?: RichTextItem[] | undefined;
  isInline?: boolean | undefined;
  isLocked?: boolean | undefined;
  icon?: JsonObject | null | undefined;
  cover?: JsonObject | null | undefined;
  inTrash?: boolean | undefined;
  parent?: DatabaseParent | undefined;
  /** 2022-06-28 only: a schema edit of the database's only source. */
  properties?: SchemaEdit | undefined;
}

/** `PATCH /v1/databases/{id}`; in 2022-06-28 it also edits the schema of the database's only source. */
export async function updateDatabase(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  request: UpdateDatabaseRequest,
  version: ApiVersion,
): Promise<DatabaseView> {
  requireCapability(viewer, "update");
  const { title, description, isInline, isLocked, cover, inTrash, parent, properties } = request;
  return ctx.store.transaction(async (trx) => {
    await lockBlock(trx, ctx.store.dialect, id);
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, request.icon);
    await attachUploads(trx, viewer, uploadsOf(icon, cover), nowIso(ctx));
    const view = await loadDatabase(trx, viewer, id);
    assertSingleSource(view, version);
    if (
      inTrash !== false &&
      [title, description, isInline, isLocked, icon, cover, properties].some((v) => v !== undefined)
    ) {
      await assertNotInTrash(trx, id);
    }
    await updateDatabaseFields(trx, id, {
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      ...(isInline !== undefined ? { isInline } : {}),
    });
    await updateBlock(trx, id, {
      ...(title ? { content: { title: plainText(title) } } : {}),
      ...(icon !== undefined ? { icon } : {}),
      ...(cover !== undefined ? { cover } : {}),
      ...(isLocked !== undefined ? { isLocked } : {}),
      ...(inTrash !== undefined ? { inTrash } : {}),
      lastEditedTime: nowIso(ctx),
      lastEditedBy: viewer.userId,
    });
    if (parent) await moveDatabase(trx, ctx, viewer, id, parent);
    const main = view.sources[0];
    if (properties !== undefined && main) await changeSchema(trx, ctx, viewer, main.id, properties);
    if (inTrash !== undefined && inTrash !== view.block.inTrash) {
      await recordDatabaseEvent(trx, ctx, viewer, inTrash ? "deleted" : "undeleted", id);
    }
    if (parent) await recordDatabaseEvent(trx, ctx, viewer, "moved", id);
    return readDatabaseAs(trx, ctx, viewer, await loadDatabase(trx, viewer, id));
  });
}

/** `parent` in a database update moves it (and everything in it) under another page or the workspace. */
async function moveDatabase(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  parent: DatabaseParent,
) {
  if (parent.kind === "workspace") {
    if (viewer.integration)
      throw validationError("Internal integrations can't move databases to the workspace level.");
    await lockParent(trx, ctx.store.dialect, { workspaceId: viewer.workspaceId });
    const sortKey = keyBetween(await lastWorkspaceKey(trx, viewer.workspaceId), null);
    await updateBlock(trx, id, { parentType: "workspace", parentId: null, sortKey });
    return;
  }
  const target = await loadVisible(trx, viewer, parent.id, "page");
  await lockParent(trx, ctx.store.dialect, { blockId: target.id });
  await assertNotInTrash(trx, target.id);
  if ((await ancestry(trx, target.id)).some((a) => a.id === id)) {
    throw validationError("body failed validation: a database can't be moved into one of its own pages.");
  }
  await updateBlock(trx, id, {
    parentType: "page_id",
    parentId: target.id,
    sortKey: keyBetween(await lastChildKey(trx, target.id), null),
  });
}

export async function findBlockOrThrow(db: Executor, workspaceId: string, id: string): Promise<BlockRecord> {
  const block = await findBlock(db, workspaceId, id);
  if (!block) throw new Error(`block ${id} vanished`);
  return block;
}
