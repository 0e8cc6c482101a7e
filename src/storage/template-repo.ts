import { BLOCK_COLUMNS, type BlockRecord, type Row, toRecord } from "./block-repo.ts";
import type { Executor } from "./executor.ts";
import { placeholders, readRows } from "./raw-sql.ts";

/** One entry of `GET /v1/data_sources/{id}/templates`, before presentation. */
export interface TemplateEntry {
  id: string;
  name: string;
  sortKey: string;
}

/** Flags (or unflags) a page of a data source as one of its templates. */
export async function setTemplateFlag(db: Executor, pageId: string, isTemplate: boolean): Promise<void> {
  await db
    .updateTable("blocks")
    .set({ isTemplate: isTemplate ? 1 : 0 })
    .where("id", "=", pageId)
    .execute();
}

export async function isTemplatePage(db: Executor, pageId: string): Promise<boolean> {
  const row = await db.selectFrom("blocks").select("isTemplate").where("id", "=", pageId).executeTakeFirst();
  return Number(row?.isTemplate ?? 0) === 1;
}

export async function findDefaultTemplateId(db: Executor, sourceId: string): Promise<string | null> {
  const row = await db
    .selectFrom("dataSources")
    .select("defaultTemplateId")
    .where("id", "=", sourceId)
    .executeTakeFirst();
  return row?.defaultTemplateId ?? null;
}

export async function setDefaultTemplateId(
  db: Executor,
  sourceId: string,
  templateId: string | null,
): Promise<void> {
  await db
    .updateTable("dataSources")
    .set({ defaultTemplateId: templateId })
    .where("id", "=", sourceId)
    .execute();
}

/**
 * Live templates of a source in creation order, from `from` (a template's sort key and id, inclusive)
 * on; `name` keeps those whose title contains it, ignoring case. Templates are few (Notion shows them
 * in a menu), so the name filter runs here rather than in SQL, which keeps it Unicode-aware on both engines.
 */
export async function listTemplateEntries(
  db: Executor,
  sourceId: string,
  options: { from?: { sortKey: string; id: string } | undefined; name?: string | undefined; limit: number },
): Promise<TemplateEntry[]> {
  const params: unknown[] = [sourceId];
  let resume = "";
  if (options.from) {
    resume = " and (sort_key > ? or (sort_key = ? and id >= ?))";
    params.push(options.from.sortKey, options.from.sortKey, options.from.id);
  }
  const rows = await readRows<{ id: string; content: string; sortKey: string }>(
    db,
    `select id, content, sort_key as "sortKey" from blocks
      where parent_id = ? and is_template = 1 and in_trash = 0 and parent_type = 'data_source_id'${resume}
      order by sort_key, id`,
    params,
  );
  const needle = options.name?.toLocaleLowerCase();
  const entries: TemplateEntry[] = [];
  for (const row of rows) {
    const title = (JSON.parse(row.content) as { title?: unknown }).title;
    const name = typeof title === "string" ? title : "";
    if (needle !== undefined && !name.toLocaleLowerCase().includes(needle)) continue;
    entries.push({ id: row.id, name, sortKey: row.sortKey });
    if (entries.length >= options.limit) break;
  }
  return entries;
}

/** Live blocks under `parentIds` (never data source rows), in order; one level of a page's content. */
export async function liveChildrenOf(db: Executor, parentIds: string[]): Promise<BlockRecord[]> {
  if (parentIds.length === 0) return [];
  const rows = await readRows<Row>(
    db,
    `select ${BLOCK_COLUMNS} from blocks b
      where b.parent_id in (${placeholders(parentIds.length)}) and b.in_trash = 0
        and b.parent_type in ('page_id', 'block_id')
      order by b.parent_id, b.sort_key`,
    parentIds,
  );
  return rows.map(toRecord);
}

/** A template that leaves its data source (a move) becomes an ordinary page, and no source's default. */
export async function forgetTemplate(db: Executor, pageId: string): Promise<void> {
  await setTemplateFlag(db, pageId, false);
  await db
    .updateTable("dataSources")
    .set({ defaultTemplateId: null })
    .where("defaultTemplateId", "=", pageId)
    .execute();
}
