import { findProperty, queryValues, relationChanges } from "../../domain/properties/index.ts";
import type { PropertySchema, StoredValues } from "../../domain/properties/types.ts";
import { valuesFromOtherSource } from "../../domain/template-values.ts";
import {
  type TemplateRequest,
  isCopiedFromTemplate,
  resolveTemplateMentions,
} from "../../domain/templates.ts";
import { notFound, validationError } from "../../errors.ts";
import { type BlockRecord, findBlock, lastChildKey, updateBlock } from "../../storage/block-repo.ts";
import { findDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { findDefaultTemplateId, isTemplatePage, liveChildrenOf } from "../../storage/template-repo.ts";
import { canReach } from "../access/kinds.ts";
import { rowTitle } from "../computed/computed-values.ts";
import type { ServiceContext } from "../context.ts";
import { afterWrite } from "../data-sources/row-service.ts";
import { copyTemplateContent } from "./template-copy.ts";
import type { Viewer } from "../access/viewer.ts";

/**
 * Applying a data source template to a page (developers.notion.com/docs/creating-pages-from-templates;
 * reference/patch-page "Applying a page template"). Notion applies templates in the background and
 * returns the page before its content arrives; Quire applies them in the same transaction, so the
 * page the call returns already has the template's properties, icon, cover and content.
 */

/** The template a request names, checked against the page's data source. */
export async function resolveTemplate(
  db: Executor,
  viewer: Viewer,
  sourceId: string,
  request: Exclude<TemplateRequest, { type: "none" }>,
): Promise<BlockRecord> {
  if (request.type === "default") {
    const id = await findDefaultTemplateId(db, sourceId);
    const template = id ? await findBlock(db, viewer.workspaceId, id) : undefined;
    if (
      !template ||
      template.inTrash ||
      template.parentId !== sourceId ||
      !(await isTemplatePage(db, template.id))
    ) {
      throw validationError(`Data source ${sourceId} has no default template.`);
    }
    return template;
  }
  const id = request.templateId;
  const template = await findBlock(db, viewer.workspaceId, id);
  if (!template || template.type !== "child_page" || !(await canReach(db, viewer, id))) {
    throw notFound("page", id, viewer.integration);
  }
  // Any page the integration can reach serves as the template, not only those made as templates and
  // not only pages of this source (developers.notion.com/docs/creating-pages-from-templates, "Can I use
  // any page as a template?"); applyTemplate carries what fits another schema.
  if (template.inTrash) {
    throw validationError(`Page ${id} is in the trash and can't be used as a template.`);
  }
  return template;
}

export interface ApplyOptions {
  /** The request's `properties` keys (names or ids): those values are the request's, not the template's. */
  explicitProperties: string[];
  iconGiven: boolean;
  coverGiven: boolean;
  /** Where the copied blocks go: after the page's content (update) or as its content (create). */
  append: boolean;
  timeZone: string;
}

/** Copies a template's property values (minus explicit ones), icon, cover and content into a row. */
export async function applyTemplate(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  page: BlockRecord,
  template: BlockRecord,
  options: ApplyOptions,
): Promise<void> {
  const source = await findDataSourceFields(trx, page.parentId ?? "");
  if (!source) throw new Error(`data source of ${page.id} vanished`);
  const now = ctx.clock();
  const mentions = { now: now.getTime(), timeZone: options.timeZone, userId: viewer.userId };
  const explicit = new Set(
    options.explicitProperties.flatMap((key) => {
      const property = findProperty(source.schema, key);
      return property ? [property.id] : [];
    }),
  );
  const previous: StoredValues = page.properties ?? {};
  const values: StoredValues = { ...previous };
  const given = await templateValues(trx, page, template, source.schema);
  for (const property of source.schema) {
    if (explicit.has(property.id) || !isCopiedFromTemplate(property.type)) continue;
    const value = given[property.id];
    if (value !== undefined) values[property.id] = resolveTemplateMentions(value, mentions);
  }
  const changes = relationChanges(source.schema, previous, values, (p) => !explicit.has(p.id));
  const iso = now.toISOString();
  await updateBlock(trx, page.id, {
    properties: values,
    content: { ...page.content, title: rowTitle(source.schema, values) },
    queryValues: queryValues(source.schema, values),
    ...(!options.iconGiven && template.icon ? { icon: template.icon } : {}),
    ...(!options.coverGiven && template.cover ? { cover: template.cover } : {}),
    lastEditedTime: iso,
    lastEditedBy: viewer.userId,
  });
  await copyTemplateContent(trx, template.id, {
    workspaceId: viewer.workspaceId,
    userId: viewer.userId,
    now: iso,
    pageId: page.id,
    between: { before: options.append ? await lastChildKey(trx, page.id) : null, after: null },
    mentions,
  });
  await afterWrite(trx, ctx, viewer, page.id, { source, values, relationChanges: changes });
}

/** The template's values keyed by the page's property ids: as stored when both share a data source. */
async function templateValues(
  trx: Executor,
  page: BlockRecord,
  template: BlockRecord,
  schema: PropertySchema[],
): Promise<StoredValues> {
  const stored: StoredValues = template.properties ?? {};
  if (template.parentType === "data_source_id" && template.parentId === page.parentId) return stored;
  const own =
    template.parentType === "data_source_id" && template.parentId
      ? ((await findDataSourceFields(trx, template.parentId))?.schema ?? [])
      : null;
  return valuesFromOtherSource(schema, own, stored);
}

/** `erase_content`: every live block of the page goes to the trash, child pages included. */
export async function eraseContent(
  trx: Executor,
  viewer: Viewer,
  pageId: string,
  now: string,
): Promise<void> {
  for (const block of await liveChildrenOf(trx, [pageId])) {
    await updateBlock(trx, block.id, { inTrash: true, lastEditedTime: now, lastEditedBy: viewer.userId });
  }
}

/** What a pages.create or pages.update request set itself: a template leaves those as they are. */
export interface TemplateGiven {
  /** The request's `properties` keys (names or ids). */
  explicitProperties: string[];
  iconGiven: boolean;
  coverGiven: boolean;
}

/** Applies pages.create's template to the row just created from the same request. */
export async function applyOnCreate(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  pageId: string,
  request: TemplateRequest,
  given: TemplateGiven,
): Promise<void> {
  if (request.type === "none") return;
  const page = await findBlock(trx, viewer.workspaceId, pageId);
  if (!page?.parentId) throw new Error(`page ${pageId} vanished`);
  const template = await resolveTemplate(trx, viewer, page.parentId, request);
  await applyTemplate(trx, ctx, viewer, page, template, {
    ...given,
    append: false,
    timeZone: request.timeZone,
  });
}

export interface UpdateTemplate {
  request: Exclude<TemplateRequest, { type: "none" }> | undefined;
  erase: boolean;
}

/**
 * pages.update with a template: its content is appended after the page's (or replaces it with
 * `erase_content`), and its properties merge as on create. `erase_content` alone empties the page.
 */
export async function applyOnUpdate(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  pageId: string,
  change: UpdateTemplate,
  given: TemplateGiven,
): Promise<void> {
  if (!change.request && !change.erase) return;
  const page = await findBlock(trx, viewer.workspaceId, pageId);
  if (!page) throw new Error(`page ${pageId} vanished`);
  let template: BlockRecord | undefined;
  if (change.request) {
    if (page.parentType !== "data_source_id" || !page.parentId) {
      throw validationError(
        `body failed validation: body.template can only be applied to a page in a data source; page ${pageId} isn't in one.`,
      );
    }
    template = await resolveTemplate(trx, viewer, page.parentId, change.request);
  }
  if (change.erase) await eraseContent(trx, viewer, pageId, ctx.clock().toISOString());
  if (!template || !change.request) return;
  await applyTemplate(trx, ctx, viewer, page, template, {
    ...given,
    append: true,
    timeZone: change.request.timeZone,
  });
}
