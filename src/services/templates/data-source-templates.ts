import { parseId } from "../../domain/ids.ts";
import type { NewBlock } from "../../domain/blocks/types.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import { type BlockRecord, findBlock } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import {
  findDefaultTemplateId,
  isTemplatePage,
  listTemplateEntries,
  setDefaultTemplateId,
  setTemplateFlag,
} from "../../storage/template-repo.ts";
import { assertNotInTrash, loadVisible } from "../access/kinds.ts";
import { checkReferences } from "../blocks/block-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { attachUploads, uploadsOf } from "../files/attach-service.ts";
import { loadDataSource } from "../data-sources/data-source-service.ts";
import { resolveCustomEmojiIcon } from "../emojis/emoji-service.ts";
import { invalidCursor, type PageRequest } from "../pagination.ts";
import { createRow } from "../data-sources/row-service.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

/**
 * The templates of a data source. Notion has no public endpoint that creates one (they are made in its
 * app), so these functions are Quire's own way in, for the CLI (`quire template …`), seed files and the
 * web UI. A template is a page of its data source that queries and search never return; it is read
 * and edited by id like any page.
 */

export interface TemplateSummary {
  id: string;
  name: string;
  isDefault: boolean;
}

/** `GET /v1/data_sources/{id}/templates`: creation order; `name` is a case-insensitive substring. */
export async function listTemplates(
  ctx: ServiceContext,
  viewer: Viewer,
  sourceId: string,
  page: PageRequest,
  name?: string,
): Promise<{ templates: TemplateSummary[]; nextCursor: string | null }> {
  requireCapability(viewer, "read");
  const db = ctx.store.db;
  await loadDataSource(db, viewer, sourceId);
  let from: { sortKey: string; id: string } | undefined;
  if (page.startCursor !== undefined) {
    const id = parseId(page.startCursor);
    const block = id ? await findBlock(db, viewer.workspaceId, id) : undefined;
    if (!block || block.parentId !== sourceId || !(await isTemplatePage(db, block.id))) {
      throw invalidCursor(page.startCursor);
    }
    from = { sortKey: block.sortKey, id: block.id };
  }
  const entries = await listTemplateEntries(db, sourceId, { from, name, limit: page.pageSize + 1 });
  const defaultId = await findDefaultTemplateId(db, sourceId);
  const next = entries[page.pageSize];
  return {
    templates: entries
      .slice(0, page.pageSize)
      .map((e) => ({ id: e.id, name: e.name, isDefault: e.id === defaultId })),
    nextCursor: next ? next.id : null,
  };
}

/** A template as pages.create would make it: `properties` are checked against the source's schema. */
export interface NewTemplate {
  properties: unknown;
  icon: JsonObject | null;
  cover: JsonObject | null;
  children: NewBlock[];
}

/** Creates a template in a data source; `isDefault` makes it the source's default template. */
export async function createTemplate(
  ctx: ServiceContext,
  viewer: Viewer,
  sourceId: string,
  { properties, icon, cover, children }: NewTemplate,
  options: { isDefault?: boolean } = {},
): Promise<string> {
  requireCapability(viewer, "insert");
  return ctx.store.transaction(async (trx) => {
    await loadVisible(trx, viewer, sourceId, "data source");
    await assertNotInTrash(trx, sourceId);
    await checkReferences(trx, viewer, children, nowIso(ctx));
    await attachUploads(trx, viewer, uploadsOf(icon, cover), nowIso(ctx));
    const resolvedIcon = await resolveCustomEmojiIcon(trx, viewer.workspaceId, icon);
    const id = await createRow(trx, ctx, viewer, sourceId, properties, {
      icon: resolvedIcon,
      cover,
      children,
      now: nowIso(ctx),
    });
    await setTemplateFlag(trx, id, true);
    if (options.isDefault) await setDefaultTemplateId(trx, sourceId, id);
    return id;
  });
}

async function loadRow(trx: Executor, viewer: Viewer, pageId: string): Promise<BlockRecord> {
  const page = await loadVisible(trx, viewer, pageId, "page");
  if (page.parentType !== "data_source_id" || !page.parentId) {
    throw validationError(`Page ${pageId} is not in a data source, so it can't be a template.`);
  }
  return page;
}

/**
 * Turns a page of a data source into one of its templates, or (`false`) back into an ordinary page
 * that queries return. A template that stops being one stops being the default too.
 */
export async function markAsTemplate(
  ctx: ServiceContext,
  viewer: Viewer,
  pageId: string,
  isTemplate = true,
): Promise<void> {
  requireCapability(viewer, "update");
  await ctx.store.transaction(async (trx) => {
    const page = await loadRow(trx, viewer, pageId);
    const sourceId = page.parentId as string;
    await setTemplateFlag(trx, pageId, isTemplate);
    if (!isTemplate && (await findDefaultTemplateId(trx, sourceId)) === pageId) {
      await setDefaultTemplateId(trx, sourceId, null);
    }
  });
}

/** Makes a template the default of its data source; `null` leaves the source without one. */
export async function setDefaultTemplate(
  ctx: ServiceContext,
  viewer: Viewer,
  sourceId: string,
  templateId: string | null,
): Promise<void> {
  requireCapability(viewer, "update");
  await ctx.store.transaction(async (trx) => {
    await loadVisible(trx, viewer, sourceId, "data source");
    if (templateId !== null) {
      const template = await loadRow(trx, viewer, templateId);
      if (template.parentId !== sourceId || !(await isTemplatePage(trx, templateId)) || template.inTrash) {
        throw validationError(`Page ${templateId} is not a template of data source ${sourceId}.`);
      }
    }
    await setDefaultTemplateId(trx, sourceId, templateId);
  });
}
