import { parseBlockChildren, parseCover, parseIcon } from "../domain/blocks/index.ts";
import type { NewBlock } from "../domain/blocks/types.ts";
import { newId } from "../domain/ids.ts";
import { type RichTextItem, parseRichText } from "../domain/rich-text.ts";
import { keyBetween } from "../domain/sort-keys.ts";
import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  optionalBoolean,
  requireObject,
  requireUuid,
} from "../domain/validation.ts";
import type { ApiVersion } from "../domain/versions.ts";
import { notFound, validationError } from "../errors.ts";
import {
  type BlockRecord,
  ancestry,
  findBlock,
  insertBlocks,
  lastChildKey,
  lockParent,
  neighbourKeys,
  updateBlock,
} from "../storage/block-repo.ts";
import type { Executor } from "../storage/executor.ts";
import { assertNotInTrash, isPage, loadVisible } from "./access.ts";
import { assertElementLimit, assertNoFileUploads, checkReferences, trashRequest } from "./block-service.ts";
import { insertBlockTree } from "./block-tree.ts";
import { type ServiceContext, nowIso } from "./context.ts";
import { refreshMentions, resolveMentionText } from "./mentions.ts";
import { requireCapability, type Viewer } from "./viewer.ts";

type PageParent = { kind: "workspace" } | { kind: "page"; id: string };

function parseParent(value: unknown): PageParent {
  const parent = requireObject(value, "body.parent");
  if (parent.page_id !== undefined)
    return { kind: "page", id: requireUuid(parent.page_id, "body.parent.page_id") };
  if (parent.workspace !== undefined) {
    if (parent.workspace !== true) fail("body.parent.workspace", "`true`", parent.workspace);
    return { kind: "workspace" };
  }
  // Rows in databases and data sources arrive with the databases feature; until then nothing matches.
  if (parent.database_id !== undefined)
    throw notFound("database", requireUuid(parent.database_id, "body.parent.database_id"));
  if (parent.data_source_id !== undefined) {
    throw notFound("data source", requireUuid(parent.data_source_id, "body.parent.data_source_id"));
  }
  failOneOf(
    "body.parent",
    ["page_id", "database_id", "data_source_id", "workspace"].map((k) =>
      expectation(`body.parent.${k}`, "defined", undefined),
    ),
  );
}

/** A page under a page or the workspace has exactly one property, its `title`. */
function parseTitle(value: unknown): RichTextItem[] | undefined {
  if (value === undefined) return undefined;
  const properties = requireObject(value, "body.properties");
  for (const key of Object.keys(properties)) {
    if (key !== "title") throw validationError(`${key} is not a property that exists.`);
  }
  const title = properties.title;
  if (title === undefined) return undefined;
  if (Array.isArray(title)) return parseRichText(title, "body.properties.title");
  return parseRichText(requireObject(title, "body.properties.title").title, "body.properties.title.title");
}

function uploadIds(...files: (JsonObject | null | undefined)[]): string[] {
  return files.flatMap((file) => {
    const upload = file?.type === "file_upload" ? file.file_upload : undefined;
    return upload && typeof upload === "object" && "id" in upload ? [String(upload.id)] : [];
  });
}

function titleProperties(title: RichTextItem[]): JsonObject {
  return { title: { id: "title", type: "title", title } };
}

function plain(items: RichTextItem[]): string {
  return items.map((i) => i.plain_text).join("");
}

function parseChildren(body: JsonObject): NewBlock[] {
  if (body.children !== undefined && body.content !== undefined) {
    throw validationError("body failed validation: body.children and body.content can't both be given.");
  }
  if (body.markdown !== undefined) {
    throw validationError(
      "body failed validation: body.markdown is not supported by this server yet; send children.",
    );
  }
  const key = body.content !== undefined ? "content" : "children";
  if (body[key] === undefined) return [];
  const children = parseBlockChildren(body[key], `body.${key}`, 2, { type: "child_page" });
  assertElementLimit(children);
  return children;
}

type PagePosition = { type: "page_start" | "page_end" } | { type: "after_block"; id: string };

function parsePosition(value: unknown): PagePosition {
  if (value === undefined) return { type: "page_end" };
  const position = requireObject(value, "body.position");
  if (position.type === "page_start" || position.type === "page_end") return { type: position.type };
  if (position.type !== "after_block")
    fail("body.position.type", '`"after_block"`, `"page_start"`, or `"page_end"`', position.type);
  const after = requireObject(position.after_block, "body.position.after_block");
  return { type: "after_block", id: requireUuid(after.id, "body.position.after_block.id") };
}

async function positionKeys(db: Executor, parentId: string, position: PagePosition) {
  if (position.type !== "after_block") {
    return position.type === "page_end"
      ? { before: await lastChildKey(db, parentId), after: null }
      : neighbourKeys(db, parentId, null);
  }
  const anchor = await db
    .selectFrom("blocks")
    .select(["parentId", "sortKey"])
    .where("id", "=", position.id)
    .executeTakeFirst();
  if (!anchor || anchor.parentId !== parentId) {
    throw validationError(`Block ${position.id} is not a child of page ${parentId}.`);
  }
  return neighbourKeys(db, parentId, anchor.sortKey);
}

export async function createPage(
  ctx: ServiceContext,
  viewer: Viewer,
  body: JsonObject,
): Promise<BlockRecord> {
  requireCapability(viewer, "insert");
  const parent = parseParent(body.parent);
  const title = parseTitle(body.properties) ?? [];
  const icon = body.icon === undefined || body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined || body.cover === null ? null : parseCover(body.cover, "body.cover");
  const children = parseChildren(body);
  const position = parsePosition(body.position);
  assertNoFileUploads(uploadIds(icon, cover));
  if (parent.kind === "workspace" && viewer.integration) {
    throw validationError("Internal integrations can't create workspace-level pages; use a page parent.");
  }
  return ctx.database.transaction(async (trx) => {
    const now = nowIso(ctx);
    let between: { before: string | null; after: string | null } = { before: null, after: null };
    if (parent.kind === "page") {
      await loadVisible(trx, viewer, parent.id, "page");
      await lockParent(trx, ctx.database.dialect, { blockId: parent.id });
      await assertNotInTrash(trx, parent.id);
      between = await positionKeys(trx, parent.id, position);
    } else {
      await lockParent(trx, ctx.database.dialect, { workspaceId: viewer.workspaceId });
      between = { before: await lastWorkspacePageKey(trx, viewer.workspaceId), after: null };
    }
    await checkReferences(trx, viewer, children);
    await resolveMentionText(trx, viewer.workspaceId, ctx.publicUrl, [title, children]);
    const id = newId();
    await insertBlocks(trx, [
      {
        id,
        workspaceId: viewer.workspaceId,
        type: "child_page",
        parentType: parent.kind === "page" ? "page_id" : "workspace",
        parentId: parent.kind === "page" ? parent.id : null,
        sortKey: keyBetween(between.before, between.after),
        content: { title: plain(title) },
        properties: titleProperties(title),
        icon,
        cover,
        isLocked: false,
        inTrash: false,
        isArchived: false,
        createdTime: now,
        createdBy: viewer.userId,
        lastEditedTime: now,
        lastEditedBy: viewer.userId,
      },
    ]);
    await insertBlockTree(
      trx,
      { workspaceId: viewer.workspaceId, parentId: id, parentIsPage: true, userId: viewer.userId, now },
      children,
      {
        before: null,
        after: null,
      },
    );
    if (parent.kind === "page")
      await updateBlock(trx, parent.id, { lastEditedTime: now, lastEditedBy: viewer.userId });
    return refreshMentions(trx, ctx.publicUrl, (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord);
  });
}

async function lastWorkspacePageKey(db: Executor, workspaceId: string): Promise<string | null> {
  const row = await db
    .selectFrom("blocks")
    .select("sortKey")
    .where("workspaceId", "=", workspaceId)
    .where("parentType", "=", "workspace")
    .orderBy("sortKey", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.sortKey ?? null;
}

export async function getPage(ctx: ServiceContext, viewer: Viewer, id: string): Promise<BlockRecord> {
  requireCapability(viewer, "read");
  return refreshMentions(
    ctx.database.db,
    ctx.publicUrl,
    await loadVisible(ctx.database.db, viewer, id, "page"),
  );
}

export async function updatePage(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  body: JsonObject,
  version: ApiVersion,
): Promise<BlockRecord> {
  requireCapability(viewer, "update");
  const title = parseTitle(body.properties);
  const icon =
    body.icon === undefined ? undefined : body.icon === null ? null : parseIcon(body.icon, "body.icon");
  const cover =
    body.cover === undefined ? undefined : body.cover === null ? null : parseCover(body.cover, "body.cover");
  const isLocked = optionalBoolean(body.is_locked, "body.is_locked");
  const isArchived = optionalBoolean(body.is_archived, "body.is_archived");
  const inTrash = trashRequest(body, version);
  assertNoFileUploads(uploadIds(icon, cover));
  if (body.template !== undefined || body.erase_content !== undefined) {
    throw validationError(
      "body failed validation: templates and erase_content are not supported by this server yet.",
    );
  }
  return ctx.database.transaction(async (trx) => {
    const page = await loadVisible(trx, viewer, id, "page");
    const editsContent = [title, icon, cover, isLocked, isArchived].some((v) => v !== undefined);
    // Restoring from the trash is allowed; editing something in the trash is not (unless restored in the same call).
    if (editsContent && inTrash !== false) await assertNotInTrash(trx, id);
    if (title) await resolveMentionText(trx, viewer.workspaceId, ctx.publicUrl, title);
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
    return refreshMentions(trx, ctx.publicUrl, (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord);
  });
}

export async function movePage(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  body: JsonObject,
): Promise<BlockRecord> {
  requireCapability(viewer, "update");
  const parent = requireObject(body.parent, "body.parent");
  if (parent.data_source_id !== undefined) {
    throw notFound(
      "data source",
      requireUuid(parent.data_source_id, "body.parent.data_source_id"),
      viewer.integration?.name,
    );
  }
  if (parent.page_id === undefined) {
    failOneOf(
      "body.parent",
      ["page_id", "data_source_id"].map((k) => expectation(`body.parent.${k}`, "defined", undefined)),
    );
  }
  const targetId = requireUuid(parent.page_id, "body.parent.page_id");
  return ctx.database.transaction(async (trx) => {
    const page = await loadVisible(trx, viewer, id, "page");
    const target = await loadVisible(trx, viewer, targetId, "page");
    await lockParent(trx, ctx.database.dialect, { blockId: target.id });
    await assertNotInTrash(trx, target.id);
    const chain = await ancestry(trx, target.id);
    if (chain.some((a) => a.id === page.id)) {
      throw validationError(
        "body failed validation: a page can't be moved into itself or one of its descendants.",
      );
    }
    const now = nowIso(ctx);
    await updateBlock(trx, id, {
      parentType: isPage(target) ? "page_id" : "block_id",
      parentId: target.id,
      sortKey: keyBetween(await lastChildKey(trx, target.id), null),
      lastEditedTime: now,
      lastEditedBy: viewer.userId,
    });
    return refreshMentions(trx, ctx.publicUrl, (await findBlock(trx, viewer.workspaceId, id)) as BlockRecord);
  });
}
