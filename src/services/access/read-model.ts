import type { PropertySchema } from "../../domain/properties/types.ts";
import { mentionTargets, plainText } from "../../domain/rich-text.ts";
import { relationIds } from "../../domain/properties/index.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { type BlockRecord, findBlocks } from "../../storage/block-repo.ts";
import { type DataSourceView, type DatabaseView, findDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { computedValues, hasComputed, rowTitle } from "../computed/computed-values.ts";
import type { ServiceContext } from "../context.ts";
import { readMentions } from "./mentions.ts";
import { type Reader, readerFor } from "./reader.ts";
import type { Viewer } from "./viewer.ts";

/**
 * The read model: stored pages and blocks as one reader may see them, applied before anything is
 * presented, so every surface that serves records (REST, markdown, comments, search, exports, the web
 * UI, MCP) shows the same thing.
 *
 * - Mentions show current titles and names, or "Untitled" for what the reader cannot reach.
 * - A row's relations list only the related pages the reader can reach ("Why are relation page property
 *   values empty? … your integration has been shared with the database the relation property points
 *   to", developers.notion.com/page/frequently-asked-questions).
 * - Rollups and formulas are stored as computed over everything; for a reader who cannot reach some of
 *   what they read, they are computed again over what the reader can reach, with the same code.
 *
 * Related pages are read the same way before they are rolled up, down to `MAX_DEPTH` relations away;
 * past that, stored values are used unless the page itself hides something.
 */
const MAX_DEPTH = 3;

class ReadModel {
  private readonly schemas = new Map<string, PropertySchema[] | null>();

  constructor(
    private readonly db: Executor,
    private readonly ctx: ServiceContext,
    private readonly reader: Reader,
  ) {}

  private async schemaOf(row: BlockRecord): Promise<PropertySchema[] | null> {
    if (row.parentType !== "data_source_id" || !row.parentId) return null;
    if (!this.schemas.has(row.parentId))
      this.schemas.set(row.parentId, (await findDataSourceFields(this.db, row.parentId))?.schema ?? null);
    return this.schemas.get(row.parentId) ?? null;
  }

  /** Reads `records` in place; answers the ones whose served values differ from what is stored. */
  async read(records: BlockRecord[], depth: number): Promise<Set<BlockRecord>> {
    const changed = new Set<BlockRecord>();
    const withMentions = records.filter((r) => r.hasMentions);
    const hidden = await readMentions(
      this.db,
      this.reader,
      this.ctx.publicUrl,
      withMentions.map((r) => [r.content, r.properties]),
    );
    for (const record of withMentions) {
      if ([...mentionTargets([record.content, record.properties])].some((t) => hidden.has(t.item)))
        changed.add(record);
      if (record.type === "child_page") await this.retitle(record);
    }
    if (this.reader.complete) return changed;
    const rows: Array<{ row: BlockRecord; schema: PropertySchema[] }> = [];
    for (const row of records) {
      const schema = await this.schemaOf(row);
      if (schema) rows.push({ row, schema });
    }
    await this.filterRelations(rows, changed);
    await this.recompute(
      rows.filter((r) => hasComputed(r.schema)),
      changed,
      depth,
    );
    return changed;
  }

  /** A page's plain title follows its title property, whose mentions were just resolved. */
  private async retitle(page: BlockRecord): Promise<void> {
    const schema = await this.schemaOf(page);
    const title = schema
      ? rowTitle(schema, page.properties ?? {})
      : plainText((page.properties?.title as JsonObject | undefined)?.title);
    page.content = { ...page.content, title };
  }

  private async filterRelations(
    rows: Array<{ row: BlockRecord; schema: PropertySchema[] }>,
    changed: Set<BlockRecord>,
  ): Promise<void> {
    const relationsOf = (schema: PropertySchema[]) => schema.filter((p) => p.type === "relation");
    const ids = rows.flatMap(({ row, schema }) =>
      relationsOf(schema).flatMap((p) => relationIds(row.properties?.[p.id])),
    );
    if (ids.length === 0) return;
    const visible = await this.reader.reachable(ids);
    for (const { row, schema } of rows) {
      const properties = { ...(row.properties ?? {}) };
      let hid = false;
      for (const property of relationsOf(schema)) {
        const all = relationIds(properties[property.id]);
        const shown = all.filter((id) => visible.has(id));
        if (shown.length === all.length) continue;
        properties[property.id] = shown.map((id) => ({ id }));
        hid = true;
      }
      if (!hid) continue;
      row.properties = properties;
      changed.add(row);
    }
  }

  /**
   * Rows whose rollups or formulas read something hidden from the reader — their own relations or
   * mentions, or related pages that themselves differ — are computed again over what the reader sees.
   */
  private async recompute(
    rows: Array<{ row: BlockRecord; schema: PropertySchema[] }>,
    changed: Set<BlockRecord>,
    depth: number,
  ): Promise<void> {
    if (rows.length === 0) return;
    const related = new Map<string, BlockRecord>();
    const relatedChanged = new Set<string>();
    if (depth < MAX_DEPTH) {
      const ids = rows.flatMap(({ row, schema }) =>
        schema.filter((p) => p.type === "relation").flatMap((p) => relationIds(row.properties?.[p.id])),
      );
      const pages = await findBlocks(this.db, this.reader.viewer.workspaceId, [...new Set(ids)]);
      for (const page of await this.read(pages, depth + 1)) relatedChanged.add(page.id);
      for (const page of pages) related.set(page.id, page);
    }
    const now = this.ctx.clock();
    for (const { row, schema } of rows) {
      const reads = schema
        .filter((p) => p.type === "relation")
        .flatMap((p) => relationIds(row.properties?.[p.id]));
      if (!changed.has(row) && !reads.some((id) => relatedChanged.has(id))) continue;
      row.properties = await computedValues(this.db, now, schema, row, async (ids) =>
        ids.flatMap((id) => related.get(id) ?? []),
      );
      changed.add(row);
    }
  }
}

/** Records as `viewer` may see them (in place, and returned for convenience). */
export async function readAs<T extends BlockRecord | BlockRecord[]>(
  db: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  records: T,
): Promise<T> {
  const list: BlockRecord[] = Array.isArray(records) ? records : [records];
  await new ReadModel(db, ctx, readerFor(db, viewer)).read(list, 0);
  return records;
}

/**
 * A schema as the reader may see it: "If the related database is not shared, properties based on
 * relations will not be included in the API response" (reference/retrieve-a-database, "Database
 * relations must be shared with your integration") — the relation and the rollups that read it.
 */
export async function visibleSchema(reader: Reader, schema: PropertySchema[]): Promise<PropertySchema[]> {
  if (reader.complete) return schema;
  const target = (p: PropertySchema) => String(p.config.data_source_id ?? "");
  const relations = schema.filter((p) => p.type === "relation");
  if (relations.length === 0) return schema;
  const visible = await reader.reachable(relations.map(target));
  const dropped = new Set(relations.filter((p) => !visible.has(target(p))).map((p) => p.id));
  return schema.filter(
    (p) => !dropped.has(p.id) && !(p.type === "rollup" && dropped.has(String(p.config.relation_property_id))),
  );
}

/** Titles and descriptions with mentions resolved for the reader, and schemas it may see. */
async function readSources<S extends { title: unknown; description: unknown; schema: PropertySchema[] }>(
  db: Executor,
  ctx: ServiceContext,
  reader: Reader,
  sources: S[],
): Promise<S[]> {
  await readMentions(
    db,
    reader,
    ctx.publicUrl,
    sources.map((s) => [s.title, s.description]),
  );
  return Promise.all(sources.map(async (s) => ({ ...s, schema: await visibleSchema(reader, s.schema) })));
}

export async function readDataSourceAs(
  db: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  view: DataSourceView,
): Promise<DataSourceView> {
  const reader = readerFor(db, viewer);
  await readMentions(db, reader, ctx.publicUrl, [
    view.database.fields.title,
    view.database.fields.description,
  ]);
  const [fields] = await readSources(db, ctx, reader, [view.fields]);
  return { ...view, fields: fields ?? view.fields };
}

export async function readDatabaseAs(
  db: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  view: DatabaseView,
): Promise<DatabaseView> {
  const reader = readerFor(db, viewer);
  await readMentions(db, reader, ctx.publicUrl, [view.fields.title, view.fields.description]);
  return { ...view, sources: await readSources(db, ctx, reader, view.sources) };
}
