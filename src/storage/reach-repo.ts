import type { Executor } from "./executor.ts";
import { placeholders, readRows } from "./raw-sql.ts";

/**
 * Whose sharing decides what is reachable: an integration's grants, a guest's shares, or nobody's (only
 * trash is asked about).
 */
export type ReachScope = { grantsOf: string } | { guestSharesOf: string } | null;

export interface Reach {
  workspaceId: string;
  /** The block itself is in the trash. */
  inTrash: boolean;
  /** Some ancestor (not the block itself) is in the trash. */
  trashedAbove: boolean;
  /** The block or an ancestor was shared within the scope (never without a scope). */
  shared: boolean;
}

function sharesJoin(scope: ReachScope): { sql: string; params: string[] } {
  if (scope === null) return { sql: "(select null as block_id) s on 1 = 0", params: [] };
  return "grantsOf" in scope
    ? { sql: "grants s on s.integration_id = ? and s.block_id = c.id", params: [scope.grantsOf] }
    : { sql: "guest_shares s on s.user_id = ? and s.block_id = c.id", params: [scope.guestSharesOf] };
}

/**
 * Sharing and trash for a batch of blocks in one statement: each block's ancestry up to the workspace,
 * joined with the scope's shares. The cost follows the batch and the depth of the tree, not the size
 * of the workspace. Ids that match no block are absent from the answer.
 */
export async function reachOf(db: Executor, ids: string[], scope: ReachScope): Promise<Map<string, Reach>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const shares = sharesJoin(scope);
  const rows = await readRows<{
    id: string;
    workspaceId: string;
    inTrash: number | string;
    trashedAbove: number | string;
    shared: number | string;
  }>(
    db,
    `with recursive chain(start, workspace_id, id, parent_id, in_trash, depth) as (
      select id, workspace_id, id, parent_id, in_trash, 0 from blocks where id in (${placeholders(unique.length)})
      union all
      select chain.start, chain.workspace_id, b.id, b.parent_id, b.in_trash, chain.depth + 1
      from blocks b join chain on b.id = chain.parent_id
      where chain.depth < 1000
    )
    select c.start as id, max(c.workspace_id) as "workspaceId",
      max(case when c.depth = 0 then c.in_trash else 0 end) as "inTrash",
      max(case when c.depth > 0 then c.in_trash else 0 end) as "trashedAbove",
      max(case when s.block_id is null then 0 else 1 end) as shared
    from chain c left join ${shares.sql}
    group by c.start`,
    [...unique, ...shares.params],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        workspaceId: r.workspaceId,
        inTrash: Number(r.inTrash) > 0,
        trashedAbove: Number(r.trashedAbove) > 0,
        shared: Number(r.shared) > 0,
      },
    ]),
  );
}
