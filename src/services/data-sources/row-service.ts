import type { NewBlock } from "../../domain/blocks/types.ts";
import { newId } from "../../domain/ids.ts";
import {
  type RelationChange,
  addOptions,
  parseRowValues,
  queryValues,
  relationChanges,
  relationIds,
} from "../../domain/properties/index.ts";
import type { PropertySchema, StoredValues } from "../../domain/properties/types.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import { isObject, type JsonObject } from "../../domain/validation.ts";
import { notFound, validationError } from "../../errors.ts";
import {
  type BlockRecord,
  findBlock,
  findBlocks,
  insertBlocks,
  lastChildKey,
  lockParent,
  updateBlock,
} from "../../storage/block-repo.ts";
import { blockWorkspaceId } from "../../storage/block-lookup-repo.ts";
import {
  type DataSourceFields,
  findDataSourceFields,
  updateDataSourceFields,
} from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { rowsRollingUp } from "../../storage/rollup-links.ts";
import { canReach } from "../access/kinds.ts";
import { attachUploads } from "../files/attach-service.ts";
import { insertBlockTree } from "../blocks/block-tree.ts";
import { computeRow, rowTitle } from "../computed/computed-values.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { blockRow } from "../blocks/block-rows.ts";
import { resolveMentionText } from "../access/mentions.ts";
import { readerFor } from "../access/reader.ts";
import { twinOf } from "./schema-links.ts";
import type { Viewer } from "../access/viewer.ts";

/** Related pages must exist, be visible, and belong to the relation's target data source. */
async function checkRelations(
  db: Executor,
  viewer: Viewer,
  schema: PropertySchema[],
  relations: Array<{ propertyId: string; pageIds: string[] }>,
): Promise<void> {
  for (const { propertyId, pageIds } of relations) {
    const property = schema.find((p) => p.id === propertyId);
    const target = property?.config.data_source_id;
    const pages = await findBlocks(db, viewer.workspaceId, pageIds);
    for (const id of pageIds) {
      const page = pages.find((p) => p.id === id);
      if (!page || page.type !== "child_page" || !(await canReach(db, viewer, id))) {
        throw notFound("page", id, viewer.integration?.name);
      }
      if (page.parentId !== target) {
        throw validationError(
          `Page ${id} is not in the data source that relation ${property?.name ?? propertyId} points to.`,
        );
      }
    }
  }
}

/**
 * A writer sees only the related pages it can reach, so a relation it replaces keeps the ones it could
 * not see: it cannot have meant to remove what it was never shown.
 */
async function keepHiddenRelations(
  db: Executor,
  viewer: Viewer,
  schema: PropertySchema[],
  previous: StoredValues,
  values: StoredValues,
  touched: string[],
): Promise<void> {
  const reader = readerFor(db, viewer);
  if (reader.complete) return;
  const relations = schema.filter((p) => p.type === "relation" && touched.includes(p.id));
  const before = relations.flatMap((p) => relationIds(previous[p.id]));
  if (before.length === 0) return;
  const visible = await reader.reachable(before);
  for (const property of relations) {
    const hidden = relationIds(previous[property.id]).filter((id) => !visible.has(id));
    const written = relationIds(values[property.id]);
    const kept = hidden.filter((id) => !written.includes(id));
    if (kept.length > 0) values[property.id] = [...written, ...kept].map((id) => ({ id }));
  }
}

export interface RowWrite {
  source: DataSourceFields;
  values: StoredValues;
  /** Relation changes of this write: page ids added and removed per relation property. */
  relationChanges: RelationChange[];
}

async function prepareWrite(
  db: Executor,
  viewer: Viewer,
  source: DataSourceFields,
  previous: StoredValues,
  input: unknown,
  creating: boolean,
  now: string,
): Promise<RowWrite> {
  const parsed = parseRowValues(source.schema, input ?? {}, "body.properties", { creating });
  await attachUploads(db, viewer, parsed.fileUploads, now);
  if (parsed.newOptions.length > 0) {
    source = { ...source, schema: addOptions(source.schema, parsed.newOptions) };
    await updateDataSourceFields(db, source.id, { schema: source.schema });
  }
  await checkRelations(db, viewer, source.schema, parsed.relations);
  const values = { ...previous, ...parsed.values };
  await keepHiddenRelations(db, viewer, source.schema, previous, values, parsed.touched);
  // A verification records who verified it (the domain can't know the caller).
  for (const property of source.schema.filter(
    (p) => p.type === "verification" && parsed.touched.includes(p.id),
  )) {
    const value = values[property.id];
    if (isObject(value) && value.state === "verified")
      values[property.id] = { ...value, verified_by: { object: "user", id: viewer.userId } };
  }
  const changes = relationChanges(source.schema, previous, values, (p) => parsed.touched.includes(p.id));
  return { source, values, relationChanges: changes };
}

/** Creates a page in a data source; its properties are validated against the schema. */
export async function createRow(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  sourceId: string,
  properties: unknown,
  extras: { icon: JsonObject | null; cover: JsonObject | null; children: NewBlock[]; now: string },
): Promise<string> {
  await lockParent(trx, ctx.store.dialect, { blockId: sourceId });
  const source = await findDataSourceFields(trx, sourceId);
  if (!source) throw notFound("data source", sourceId, viewer.integration?.name);
  const write = await prepareWrite(trx, viewer, source, {}, properties, true, extras.now);
  let counter = write.source.uniqueCounter;
  for (const property of write.source.schema.filter((p) => p.type === "unique_id")) {
    write.values[property.id] = { prefix: property.config.prefix ?? null, number: ++counter };
  }
  if (counter !== write.source.uniqueCounter)
    await updateDataSourceFields(trx, sourceId, { uniqueCounter: counter });
  await resolveMentionText(trx, viewer, ctx.publicUrl, [write.values, extras.children]);
  const id = newId();
  await insertBlocks(trx, [
    {
      ...blockRow(
        {
          id,
          type: "child_page",
          parentType: "data_source_id",
          parentId: sourceId,
          sortKey: keyBetween(await lastChildKey(trx, sourceId), null),
          content: { title: rowTitle(write.source.schema, write.values) },
          icon: extras.icon,
          cover: extras.cover,
        },
        viewer,
        extras.now,
      ),
      properties: write.values,
      queryValues: queryValues(write.source.schema, write.values),
    },
  ]);
  await insertBlockTree(
    trx,
    {
      workspaceId: viewer.workspaceId,
      parentId: id,
      parentIsPage: true,
      userId: viewer.userId,
      now: extras.now,
    },
    extras.children,
    { before: null, after: null },
  );
  await afterWrite(trx, ctx, viewer, id, write);
  return id;
}

/** Updates some properties of a data source row. */
export async function updateRow(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  page: BlockRecord,
  input: unknown,
): Promise<void> {
  const sourceId = page.parentId ?? "";
  const source = await findDataSourceFields(trx, sourceId);
  if (!source) throw notFound("data source", sourceId, viewer.integration?.name);
  const write = await prepareWrite(trx, viewer, source, page.properties ?? {}, input, false, nowIso(ctx));
  await resolveMentionText(trx, viewer, ctx.publicUrl, write.values, page.properties);
  await updateBlock(trx, page.id, {
    properties: write.values,
    content: { ...page.content, title: rowTitle(write.source.schema, write.values) },
    queryValues: queryValues(write.source.schema, write.values),
  });
  await afterWrite(trx, ctx, viewer, page.id, write);
}

/**
 * Keeps derived state current after a row changed: the twin side of dual relations, then computed
 * values (formulas, rollups) of the row and of every row related to it.
 */
export async function afterWrite(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  pageId: string,
  write: RowWrite,
): Promise<void> {
  const touched = new Set<string>([pageId]);
  for (const change of write.relationChanges) {
    for (const id of [...change.added, ...change.removed]) touched.add(id);
    const twin = twinOf(change.property);
    if (!twin) continue;
    for (const id of change.added) await editRelation(trx, id, twin.propertyId, (ids) => [...ids, pageId]);
    for (const id of change.removed)
      await editRelation(trx, id, twin.propertyId, (ids) => ids.filter((x) => x !== pageId));
  }
  for (const id of relationIds(Object.values(write.values).flatMap((v) => (Array.isArray(v) ? v : []))))
    touched.add(id);
  for (const id of await rowsRollingUp(trx, write.source.id, pageId)) touched.add(id);
  for (const id of touched) await computeRow(trx, ctx, viewer.workspaceId, id);
}

async function editRelation(
  trx: Executor,
  pageId: string,
  propertyId: string,
  edit: (ids: string[]) => string[],
): Promise<void> {
  const workspaceId = await blockWorkspaceId(trx, pageId);
  const page = workspaceId === undefined ? undefined : await findBlock(trx, workspaceId, pageId);
  const source = page?.parentId ? await findDataSourceFields(trx, page.parentId) : undefined;
  if (!page || !source) return;
  const values = { ...(page.properties ?? {}) };
  const ids = [...new Set(edit(relationIds(values[propertyId])))];
  values[propertyId] = ids.map((id) => ({ id }));
  await updateBlock(trx, pageId, { properties: values, queryValues: queryValues(source.schema, values) });
}
