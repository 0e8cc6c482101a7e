import { parseCover, parseIcon } from "../../domain/blocks/index.ts";
import { newId } from "../../domain/ids.ts";
import { parseSchema } from "../../domain/properties/index.ts";
import { type RichTextItem, parseRichText, plainText } from "../../domain/rich-text.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  optionalBoolean,
  requireObject,
  requireUuid,
} from "../../domain/validation.ts";
import type { ApiVersion } from "../../domain/versions.ts";
import { validationError } from "../../errors.ts";
import type { DatabaseView } from "../../presenters/present-database.ts";
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
import { trashRequest } from "../blocks/block-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { blockRow } from "../blocks/block-rows.ts";
import { addDataSource } from "../data-sources/data-source-store.ts";
import { resolveCustomEmojiIcon } from "../emojis/emoji-service.ts";
import { readDatabaseAs } from "../access/read-model.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

type DatabaseParent = { kind: "workspace" } | { kind: "page"; id: string };

function parseParent(value: unknown): DatabaseParent {
  const parent = requireObject(value, "body.parent");
  if (parent.page_id !== undefined)
    return { kind: "page", id: requireUuid(parent.page_id, "body.parent.page_id") };
  if (parent.workspace !== undefined) {
    if (parent.workspace !== true) fail("body.parent.workspace", "`true`", parent.workspace);
    return { kind: "workspace" };
  }
  failOneOf(
    "body.parent",
    ["page_id", "workspace"].map((k) => expectation(`body.parent.${k}`, "defined", undefined)),
  );
}

function optionalRichText(value: unknown, path: string): RichTextItem[] | undefined {
  return value === undefined || value === null ? undefined : parseRichText(value, path);
}

/** Schema of a new source when none is given: Notion's default single title column. */
const DEFAULT_PROPERTIES = { Name: { title: {} } };

/** `POST /v1/databases`: the 2022-06-28 body carries `properties`, later ones `initial_data_source`. */
export async function createDatabase(
  ctx: ServiceContext,
  viewer: Viewer,
  body: JsonObject,
  version: ApiVersion,
): Promise<DatabaseView> {
  requireCapability(viewer, "insert");
  const parent = parseParent(body.parent);
  const title = optionalRichText(body.title, "body.title") ?? [];
  const description = optionalRichText(body.description, "body.description") ?? [];
  const isInline = optionalBoolean(body.is_inline, "body.is_inline") ?? false;
  const parsedIcon = body.icon === undefined || body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined || body.cover === null ? null : parseCover(body.cover, "body.cover");
  let propertiesInput: unknown;
  let propertiesPath: string;
  if (version === "2022-06-28") {
    if (body.properties === undefined) fail("body.properties", "defined", undefined);
    [propertiesInput, propertiesPath] = [body.properties, "body.properties"];
  } else {
    const initial =
      body.initial_data_source === undefined
        ? {}
        : requireObject(body.initial_data_source, "body.initial_data_source");
    [propertiesInput, propertiesPath] = [
      initial.properties ?? DEFAULT_PROPERTIES,
      "body.initial_data_source.properties",
    ];
  }
  const { schema, relations } = parseSchema(propertiesInput, propertiesPath, version);
  if (parent.kind === "workspace" && viewer.integration) {
    throw validationError("Internal integrations can't create workspace-level databases; use a page parent.");
  }
  return ctx.database.transaction(async (trx) => {
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, parsedIcon);
    const now = nowIso(ctx);
    let sortKey: string;
    if (parent.kind === "page") {
      await loadVisible(trx, viewer, parent.id, "page");
      await lockParent(trx, ctx.database.dialect, { blockId: parent.id });
      await assertNotInTrash(trx, parent.id);
      sortKey = keyBetween(await lastChildKey(trx, parent.id), null);
    } else {
      await lockParent(trx, ctx.database.dialect, { workspaceId: viewer.workspaceId });
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
  if (version !== "2022-06-28" || view.sources.length <= 1) return;
  throw validationError(`Databases with multiple data sources are not supported in this API version.`, {
    error_type: "multiple_data_sources_for_database",
    database_id: view.block.id,
    child_data_source_ids: view.sources.map((s) => s.id),
    minimum_api_version: "2025-09-03",
  });
}

export async function getDatabase(ctx: ServiceContext, viewer: Viewer, id: string, version: ApiVersion) {
  requireCapability(viewer, "read");
  const view = await loadDatabase(ctx.database.db, viewer, id);
  assertSingleSource(view, version);
  return readDatabaseAs(ctx.database.db, ctx, viewer, view);
}

/** `PATCH /v1/databases/{id}`; in 2022-06-28 it also edits the schema of the database's only source. */
export async function updateDatabase(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  body: JsonObject,
  version: ApiVersion,
  updateSchema: (trx: Executor, sourceId: string, properties: unknown) => Promise<void>,
): Promise<DatabaseView> {
  requireCapability(viewer, "update");
  const title = optionalRichText(body.title, "body.title");
  const description = optionalRichText(body.description, "body.description");
  const isInline = optionalBoolean(body.is_inline, "body.is_inline");
  const isLocked = optionalBoolean(body.is_locked, "body.is_locked");
  const parsedIcon =
    body.icon === undefined ? undefined : body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover =
    body.cover === undefined ? undefined : body.cover === null ? null : parseCover(body.cover, "body.cover");
  const inTrash = trashRequest(body, version);
  const parent = body.parent === undefined ? undefined : parseParent(body.parent);
  if (version !== "2022-06-28" && body.properties !== undefined) {
    throw validationError(
      "body failed validation: body.properties should be not present; update the schema through PATCH /v1/data_sources/{id}.",
    );
  }
  return ctx.database.transaction(async (trx) => {
    await lockBlock(trx, ctx.database.dialect, id);
    const icon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, parsedIcon);
    const view = await loadDatabase(trx, viewer, id);
    assertSingleSource(view, version);
    if (
      inTrash !== false &&
      [title, description, isInline, isLocked, icon, cover, body.properties].some((v) => v !== undefined)
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
    if (body.properties !== undefined && main) await updateSchema(trx, main.id, body.properties);
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
    await lockParent(trx, ctx.database.dialect, { workspaceId: viewer.workspaceId });
    const sortKey = keyBetween(await lastWorkspaceKey(trx, viewer.workspaceId), null);
    await updateBlock(trx, id, { parentType: "workspace", parentId: null, sortKey });
    return;
  }
  const target = await loadVisible(trx, viewer, parent.id, "page");
  await lockParent(trx, ctx.database.dialect, { blockId: target.id });
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
