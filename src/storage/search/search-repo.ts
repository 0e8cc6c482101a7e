import type { QueryWord } from "../../domain/search-text.ts";
import type { Dialect } from "../store.ts";
import type { Executor } from "../executor.ts";
import { placeholders, readRows } from "../raw-sql.ts";
import { type Fragment, WALK_THRESHOLD, searchDialect } from "./search-dialects.ts";
import { LISTED_TYPES_SQL } from "./search-sql.ts";

export type SearchOrder = "relevance" | "ascending" | "descending";

/** Where a result sits in the order; cursors carry the key of the last result served. */
export interface SearchKey {
  tier: number;
  time: string;
  id: string;
}

export interface SearchSpec {
  workspaceId: string;
  words: QueryWord[];
  /** The whole query, folded, for relevance tiers. */
  phrase: string;
  pages: boolean;
  /** Which rows stand for databases: data sources (2025-09-03) or the databases themselves (2022-06-28). */
  databases: "data_source" | "child_database" | null;
  trashed: boolean;
  content: boolean;
  order: SearchOrder;
  after: SearchKey | undefined;
  limit: number;
}

export interface SearchHit extends SearchKey {
  type: string;
}

function orderBy(order: SearchOrder): string {
  if (order === "ascending") return "time asc, id asc";
  return order === "relevance" ? "tier asc, time desc, id desc" : "time desc, id desc";
}

function afterKey(order: SearchOrder, key: SearchKey | undefined): Fragment {
  if (!key) return { sql: "1 = 1", params: [] };
  const timeId =
    order === "ascending" ? "(time > ? or (time = ? and id > ?))" : "(time < ? or (time = ? and id < ?))";
  const timeParams = [key.time, key.time, key.id];
  if (order !== "relevance") return { sql: timeId, params: timeParams };
  return { sql: `(tier > ? or (tier = ? and ${timeId}))`, params: [key.tier, key.tier, ...timeParams] };
}

/**
 * Without a query the partial index of pages and databases by last edit serves the order directly.
 * Templates never appear in search: `dataSources.listTemplates` lists them.
 */
function listAll(spec: SearchSpec): Fragment {
  const types = [spec.pages ? "child_page" : null, spec.databases].filter((t) => t !== null);
  return {
    sql: `select b.id, b.type, b.last_edited_time as time, 2 as tier from blocks b
      where b.workspace_id = ? and b.type in (${LISTED_TYPES_SQL}) and b.type in (${placeholders(types.length)})
      and b.in_trash = ? and b.is_template = 0`,
    params: [spec.workspaceId, ...types, spec.trashed ? 1 : 0],
  };
}

/**
 * Pages and databases whose title matches (or, with content search, pages holding a matching block);
 * in 2025-09-03 a matching database stands for each of its data sources.
 */
function matching(spec: SearchSpec, dialect: Dialect): Fragment {
  const search = searchDialect(dialect);
  const title = search.titleMatch(spec.words);
  // Tiers read every matching title; only the relevance order needs them.
  const tier = spec.order === "relevance" ? search.tier(spec.phrase) : { sql: "2", params: [] };
  const content = spec.content ? search.contentPages(spec.words, spec.workspaceId) : undefined;
  const where = content ? `((${title.sql}) or b.id in ${content.sql})` : title.sql;
  const types = [spec.pages ? "'child_page'" : null, spec.databases ? "'child_database'" : null].filter(
    (t) => t !== null,
  );
  const trash = spec.trashed ? 1 : 0;
  const matched = `select b.id, b.type, b.last_edited_time as time, b.in_trash, ${tier.sql} as tier from blocks b
    where ${search.unindexed("b.workspace_id", title)} = ? and ${search.unindexed("b.type", title)} in (${types.join(", ")})
    and b.is_template = 0 and ${where}`;
  const params = [...tier.params, spec.workspaceId, ...title.params, ...(content?.params ?? [])];
  const direct = `select m.id, m.type, m.time, m.tier from matched m where m.in_trash = ${trash}
    and m.type in ('child_page'${spec.databases === "child_database" ? ", 'child_database'" : ""})`;
  const sources =
    spec.databases === "data_source"
      ? ` union all select s.id, s.type, s.last_edited_time as time, m.tier from matched m
          join blocks s on s.parent_id = m.id and s.type = 'data_source'
          where ${spec.trashed ? "(s.in_trash = 1 or m.in_trash = 1)" : "s.in_trash = 0 and m.in_trash = 0"}`
      : "";
  return {
    sql: `with matched as (${matched}) select * from (${direct}${sources}) r`,
    params,
  };
}

/**
 * Many matches in recency order: walk pages and databases by last edit and test each against the
 * full-text result, which stops after a page instead of sorting every match (SQLite only).
 */
async function walking(db: Executor, dialect: Dialect, spec: SearchSpec): Promise<Fragment | undefined> {
  if (spec.order === "relevance" || spec.trashed || spec.content) return undefined;
  const walk = searchDialect(dialect).walk?.(spec.words);
  if (!walk) return undefined;
  if (walk.count) {
    const [count] = await readRows<{ n: number | string }>(db, walk.count.sql, walk.count.params);
    if (Number(count?.n ?? 0) < WALK_THRESHOLD) return undefined;
  }
  const all = listAll(spec);
  return { sql: `${all.sql} and ${walk.condition.sql}`, params: [...all.params, ...walk.condition.params] };
}

/** One batch of candidates in order, before the reach check. */
export async function searchCandidates(
  db: Executor,
  dialect: Dialect,
  spec: SearchSpec,
): Promise<SearchHit[]> {
  const walk = spec.words.length === 0 ? undefined : await walking(db, dialect, spec);
  const base = spec.words.length === 0 ? listAll(spec) : (walk ?? matching(spec, dialect));
  const after = afterKey(spec.order, spec.after);
  const sql =
    spec.words.length === 0 || walk
      ? `select * from (${base.sql}) r where ${after.sql} order by ${orderBy(spec.order)} limit ?`
      : `${base.sql} where ${after.sql} order by ${orderBy(spec.order)} limit ?`;
  const rows = await readRows<{ id: string; type: string; time: string; tier: number | string }>(db, sql, [
    ...base.params,
    ...after.params,
    spec.limit,
  ]);
  return rows.map((r) => ({ id: r.id, type: r.type, time: r.time, tier: Number(r.tier) }));
}
