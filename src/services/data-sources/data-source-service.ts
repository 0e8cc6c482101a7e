import { newId } from "../../domain/ids.ts";
import type { ParsedSchema, SchemaUpdate } from "../../domain/properties/index.ts";
import { type RichTextItem, plainText } from "../../domain/rich-text.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import type { JsonObject } from "../../domain/validation.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import type { DataSourceView } from "../../storage/database-repo.ts";
import { lastChildKey, lockBlock, lockParent, updateBlock } from "../../storage/block-repo.ts";
import {
  findDataSourceFields,
  findDatabaseFields,
  updateDataSourceFields,
} from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { assertNotInTrash, loadVisible } from "../access/kinds.ts";
import { recomputeSource } from "../computed/computed-values.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { recordDataSourceEvent, recordSchemaChange } from "../webhooks/source-events.ts";
import { attachUploads, uploadsOf } from "../files/attach-service.ts";
import { findBlockOrThrow } from "../databases/database-service.ts";
import { addDataSource } from "./data-source-store.ts";
import { linkSchema, syncTwins } from "./schema-links.ts";
import { resolveCustomEmojiIcon } from "../emojis/emoji-service.ts";
import { readDataSourceAs } from "../access/read-model.ts";
import { moveSourceViews } from "../views/default-view.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

export async function loadDataSource(db: Executor, viewer: Viewer, id: string): Promise<DataSourceView> {
  const block = await loadVisible(db, viewer, id, "data source");
  const fields = await findDataSourceFields(db, id);
  const databaseFields = fields && (await findDatabaseFields(db, fields.databaseId));
  if (!fields || !databaseFields) throw new Error(`data source ${id} is incomplete`);
  const databaseBlock = await findBlockOrThrow(db, viewer.workspaceId, fields.databaseId);
  return { block, fields, database: { block: databaseBlock, fields: databaseFields } };
}

export async function getDataSource(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<DataSourceView> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  return readDataSourceAs(db, ctx, viewer, await loadDataSource(db, viewer, id));
}

/**
 * A schema edit from a request: applied to the source's current properties, which it may name by id
 * or by name, so it can only be checked once they are read.
 */
export type SchemaEdit = (current: PropertySchema[]) => SchemaUpdate;

export interface CreateDataSourceRequest {
  databaseId: string;
  properties: Pick<ParsedSchema, "schema" | "relations">;
  title: RichTextItem[];
  icon: JsonObject | null;
}

/** `POST /v1/data_sources`: another source (table) in an existing database. */
export async function createDataSource(
  ctx: ServiceContext,
  viewer: Viewer,
  request: CreateDataSourceRequest,
): Promise<DataSourceView> {
  requireCapability(viewer, "insert");
  const { databaseId, title } = request;
  const { schema, relations } = request.properties;
  return ctx.store.transaction(async (trx) => {
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, request.icon);
    await attachUploads(trx, viewer, uploadsOf(icon), nowIso(ctx));
    await loadVisible(trx, viewer, databaseId, "database");
    await lockParent(trx, ctx.store.dialect, { blockId: databaseId });
    await assertNotInTrash(trx, databaseId);
    const id = newId();
    await addDataSource(trx, ctx, viewer, {
      id,
      databaseId,
      title,
      schema,
      relations,
      icon,
      now: nowIso(ctx),
    });
    await recordDataSourceEvent(trx, ctx, viewer, "created", id);
    return readDataSourceAs(trx, ctx, viewer, await loadDataSource(trx, viewer, id));
  });
}

/** Applies a `properties` schema update (names or ids as keys; `null` deletes; `{name}` renames). */
async function updateSchema(
  trx: Executor,
  viewer: Viewer,
  sourceId: string,
  edit: SchemaEdit,
): Promise<PropertySchema[]> {
  const source = await findDataSourceFields(trx, sourceId);
  if (!source) throw new Error(`data source ${sourceId} vanished`);
  const { schema, relations } = edit(source.schema);
  const linked = await linkSchema(
    trx,
    viewer,
    { ...source, schema: followRenames(source.schema, schema) },
    relations,
  );
  await syncTwins(trx, source, source.schema, linked);
  await updateDataSourceFields(trx, sourceId, { schema: linked });
  return source.schema;
}

/** A schema edit and what follows from it: every row's values are recomputed for the new schema. */
export async function changeSchema(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  sourceId: string,
  edit: SchemaEdit,
): Promise<void> {
  const previous = await updateSchema(trx, viewer, sourceId, edit);
  await recomputeSource(trx, ctx, viewer.workspaceId, sourceId, previous);
  await recordSchemaChange(trx, ctx, viewer, sourceId, previous);
}

export interface UpdateDataSourceRequest {
  title?: RichTextItem[] | undefined;
  icon?: JsonObject | null | undefined;
  inTrash?: boolean | undefined;
  properties?: SchemaEdit | undefined;
  /** Moves the source to another database. */
  databaseId?: string | undefined;
}

export async function updateDataSource(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  request: UpdateDataSourceRequest,
): Promise<DataSourceView> {
  requireCapability(viewer, "update");
  const { title, inTrash, properties, databaseId: targetDatabase } = request;
  return ctx.store.transaction(async (trx) => {
    await lockBlock(trx, ctx.store.dialect, id);
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, request.icon);
    await attachUploads(trx, viewer, uploadsOf(icon), nowIso(ctx));
    const before = await loadDataSource(trx, viewer, id);
    const now = nowIso(ctx);
    if (inTrash !== false && [title, icon, properties, targetDatabase].some((v) => v !== undefined)) {
      await assertNotInTrash(trx, id);
    }
    if (title) await updateDataSourceFields(trx, id, { title });
    if (properties !== undefined) await changeSchema(trx, ctx, viewer, id, properties);
    let move = {};
    if (targetDatabase) {
      await loadVisible(trx, viewer, targetDatabase, "database");
      await lockParent(trx, ctx.store.dialect, { blockId: targetDatabase });
      const from = (await findDataSourceFields(trx, id))?.databaseId;
      await updateDataSourceFields(trx, id, { databaseId: targetDatabase });
      if (from && from !== targetDatabase) await moveSourceViews(trx, viewer, id, from, targetDatabase, now);
      move = { parentId: targetDatabase, sortKey: keyBetween(await lastChildKey(trx, targetDatabase), null) };
    }
    await updateBlock(trx, id, {
      ...move,
      ...(title ? { content: { title: plainText(title) } } : {}),
      ...(icon !== undefined ? { icon } : {}),
      ...(inTrash !== undefined ? { inTrash } : {}),
      lastEditedTime: now,
      lastEditedBy: viewer.userId,
    });
    if (inTrash !== undefined && inTrash !== before.block.inTrash) {
      await recordDataSourceEvent(trx, ctx, viewer, inTrash ? "deleted" : "undeleted", id);
    }
    if (targetDatabase) await recordDataSourceEvent(trx, ctx, viewer, "moved", id);
    return readDataSourceAs(trx, ctx, viewer, await loadDataSource(trx, viewer, id));
  });
}

/**
 * Notion formulas refer to properties by id, so renaming one keeps formulas working. Quire stores the
 * expression as written, so renames are carried into every `prop("…")` that named the old name.
 */
function followRenames(previous: PropertySchema[], next: PropertySchema[]): PropertySchema[] {
  const renames = next.flatMap((p) => {
    const old = previous.find((o) => o.id === p.id);
    return old && old.name !== p.name ? [{ from: old.name, to: p.name }] : [];
  });
  if (renames.length === 0) return next;
  return next.map((property) => {
    if (property.type !== "formula" || typeof property.config.expression !== "string") return property;
    let expression = property.config.expression;
    for (const { from, to } of renames) {
      expression = expression.split(`prop(${JSON.stringify(from)})`).join(`prop(${JSON.stringify(to)})`);
    }
    return { ...property, config: { ...property.config, expression } };
  });
}
