import type { QueryAst } from "../../domain/query/ast.ts";
import { isTimeZone } from "../../domain/time-zones.ts";
import { compileFilter } from "./compile-filter.ts";
import { type Narrowing, type SortWalk, narrowingsOf, sortWalkOf } from "./narrowing.ts";
import { type SortKey, compileSortKeys, orderByOf } from "./compile-sorts.ts";
import { Params, type SqlDialect } from "./sql-text.ts";

export interface CompileQueryOptions {
  dialect: SqlDialect;
  /** The data source being queried; the caller restricts `b.parent_id` to it. */
  dataSourceId: string;
  /** Who `"me"` in a people filter means. */
  viewerUserId: string;
  /** The instant relative dates ("today", "past_week" …) are resolved against. */
  now: Date;
  /** IANA zone for day boundaries and relative dates; default UTC (Notion's API default). */
  timeZone?: string;
}

export interface CompiledQuery {
  /** A boolean SQL expression over `blocks b`; `1 = 1` without a filter. */
  where: string;
  params: unknown[];
  /**
   * ORDER BY keys, most significant first, without the tie-breakers the caller appends
   * (`b.sort_key, b.id`); `b.sort_key` (creation order) when the query has no sorts.
   */
  orderBy: string;
  /** The same keys one by one (parameter-free), for cursors that resume after the last row served. */
  orderKeys: SortKey[];
  /** Conditions every match meets that the typed `row_values` entries answer (see narrowing.ts). */
  narrowings: Narrowing[];
  /** The first sort, when its values can be walked in order through those entries. */
  walk: SortWalk | null;
}

/**
 * SQL fragments for `select … from blocks b where b.parent_id = ? and b.in_trash = ? and (<where>)
 * order by <orderBy>, b.sort_key, b.id limit ?`.
 *
 * Semantics, where Notion's docs leave room (each is explained where it is implemented):
 * - Text compares case-insensitively (`lower()` on both sides; ASCII-only on SQLite, whose lower()
 *   folds nothing else); option names, ids and verification states compare exactly.
 * - Empty = absent key. Negative conditions (does_not_equal, does_not_contain, verification
 *   does_not_equal) are the exact complement of the positive one, so they include empty values;
 *   comparisons (greater_than, before …) never match an empty value. An unset checkbox is false.
 * - Dates compare on the start of a range only (notion-sdk-js#431). A date-only or relative operand
 *   is a whole day in the zone; a datetime is exact. past_* / next_* are [now − period, now] /
 *   [now, now + period] on the zone's calendar; this_week is Sunday to Saturday.
 * - Rollup `every` needs at least one element; `none` holds for an empty rollup.
 * - Sorts put empty values last in both directions; text sorts ignore case; select/status sort by
 *   option order; ties fall to the caller's `b.sort_key, b.id`.
 */
export function compileQuery(ast: QueryAst, options: CompileQueryOptions): CompiledQuery {
  const timeZone = options.timeZone ?? "UTC";
  if (!isTimeZone(timeZone)) throw new Error(`unknown time zone ${JSON.stringify(timeZone)}`);
  const ctx = {
    dialect: options.dialect,
    viewerUserId: options.viewerUserId,
    dates: { now: options.now, timeZone },
  };
  const params = new Params();
  const where = ast.filter === null ? "1 = 1" : compileFilter(ast.filter, ctx, params);
  const orderKeys = compileSortKeys(options.dialect, ast.sorts);
  const orderBy = orderKeys.length === 0 ? "b.sort_key" : orderByOf(orderKeys);
  return {
    where,
    params: params.values,
    orderBy,
    orderKeys,
    narrowings: narrowingsOf(ast.filter, ctx),
    walk: sortWalkOf(ast.sorts[0]),
  };
}
