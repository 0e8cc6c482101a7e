import type { JsonObject } from "../domain/validation.ts";
import type { Executor } from "./executor.ts";
import { readRows } from "./raw-sql.ts";
import { readJson } from "./schema.ts";

export interface TreeRow {
  id: string;
  parentId: string;
  type: string;
  sortKey: string;
  content: JsonObject;
  /** Whether the stored JSON holds a mention, whose text is rendered at read time. */
  hasMentions: boolean;
}

/**
 * Every live block below `rootId` in one recursive query, stopping at child pages and databases (they
 * are rendered as links, their content is their own). Rows come unordered; callers group by parent and
 * sort by `sortKey`. Exporting a page is one round trip whatever its size.
 */
export async function loadSubtree(db: Executor, rootId: string): Promise<TreeRow[]> {
  const rows = await readRows<Omit<TreeRow, "content" | "hasMentions"> & { content: string }>(
    db,
    `with recursive tree(id, type) as (
      select id, type from blocks
        where parent_id = ? and in_trash = 0 and parent_type in ('page_id', 'block_id')
      union all
      select c.id, c.type from blocks c join tree t on c.parent_id = t.id
        where t.type not in ('child_page', 'child_database')
          and c.in_trash = 0 and c.parent_type in ('page_id', 'block_id')
    )
    select b.id, b.parent_id as "parentId", b.type, b.sort_key as "sortKey", b.content
      from tree t join blocks b on b.id = t.id`,
    [rootId],
  );
  return rows.map((row) => ({
    ...row,
    content: readJson<JsonObject>(row.content) ?? {},
    hasMentions: row.content.includes('"type":"mention"'),
  }));
}
