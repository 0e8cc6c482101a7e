import type { Executor } from "../executor.ts";
import { placeholders, readRows } from "../raw-sql.ts";

export interface Reach {
  /** Some ancestor (not the row itself) is in the trash. */
  trashedAbove: boolean;
  /** The row or an ancestor was shared with the integration asked about. */
  granted: boolean;
}

/**
 * Trash and sharing for a batch of search candidates in one statement: each row's ancestry up to the
 * workspace, joined with the integration's grants. Cost follows the batch, not the workspace.
 */
export async function reachOf(
  db: Executor,
  ids: string[],
  integrationId: string | null,
): Promise<Map<string, Reach>> {
  if (ids.length === 0) return new Map();
  const rows = await readRows<{ id: string; trashedAbove: number | string; granted: number | string }>(
    db,
    `with recursive chain(start, id, parent_id, in_trash, depth) as (
      select id, id, parent_id, in_trash, 0 from blocks where id in (${placeholders(ids.length)})
      union all
      select chain.start, b.id, b.parent_id, b.in_trash, chain.depth + 1
      from blocks b join chain on b.id = chain.parent_id
      where chain.depth < 1000
    )
    select c.start as id, max(case when c.depth > 0 then c.in_trash else 0 end) as "trashedAbove",
      max(case when g.block_id is null then 0 else 1 end) as granted
    from chain c left join grants g on g.integration_id = ? and g.block_id = c.id
    group by c.start`,
    [...ids, integrationId ?? ""],
  );
  return new Map(
    rows.map((r) => [r.id, { trashedAbove: Number(r.trashedAbove) > 0, granted: Number(r.granted) > 0 }]),
  );
}
