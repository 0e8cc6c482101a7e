import { type BlockRecord, ROW_COLUMNS, type Row, toRecord } from "./block-repo.ts";
import type { Executor } from "./executor.ts";
import { type Narrowing, orderByOf, type SortKey, type SortWalk } from "./query/index.ts";
import { readRows } from "./raw-sql.ts";

export interface RowQuery {
  sourceId: string;
  inTrash: boolean;
  /** Compiled filter over the row as `b` (see storage/query) and its parameters. */
  where: string;
  params: unknown[];
  /** Compiled sort keys; creation order (`sort_key`, then `id`) always follows to make the order total. */
  orderKeys: SortKey[];
  limit: number;
  /** The order-key values of the last row already served (a cursor), or null for the first page. */
  after: unknown[] | null;
  /** Conditions every match meets, answerable from `row_values` alone. */
  narrowings?: Narrowing[] | undefined;
  /** The first sort, when its values can be walked in order. */
  walk?: SortWalk | null | undefined;
  /** Read only the rows' ids (a view query keeps those), not their values. */
  idsOnly?: boolean | undefined;
}

export interface RowPage {
  /** The rows, or none when only their ids were asked for. */
  rows: BlockRecord[];
  ids: string[];
  /** Each row's order-key values, for the cursor after it. */
  keys: unknown[][];
}

const TIE_BREAKERS: SortKey[] = [
  { sql: "b.sort_key", direction: "asc" },
  { sql: "b.id", direction: "asc" },
];

/**
 * "Comes after `values` in this order", empties last in both directions. A cursor made of the last
 * row's key values keeps its place when rows are added or removed before it, where an offset would
 * repeat or skip rows.
 */
function afterCondition(keys: SortKey[], values: unknown[], params: unknown[], i = 0): string {
  const key = keys[i];
  if (!key) return "1 = 0";
  const value = values[i] ?? null;
  const later = key.direction === "asc" ? ">" : "<";
  let beyond = "1 = 0";
  if (value !== null) {
    params.push(value);
    beyond = `(${key.sql} ${later} ? or ${key.sql} is null)`;
  }
  let equal = `${key.sql} is null`;
  if (value !== null) {
    params.push(value);
    equal = `${key.sql} = ?`;
  }
  return `(${beyond} or (${equal} and ${afterCondition(keys, values, params, i + 1)}))`;
}

/** A narrowing with fewer candidates than this drives the query: they are fetched and filtered whole. */
const NARROW_LIMIT = 2000;
const WALK_FACTOR = 20;
const WALK_MIN = 2000;
const WALK_MAX = 20_000;

type Found = Row & Record<string, unknown>;

/**
 * Rows of a data source matching a compiled filter, in order, resuming after a cursor. The plan is
 * chosen here rather than left to the engines, whose planners see one shared table of typed values
 * (migration 011) and cannot tell which property's entries are selective:
 * 1. the most selective narrowing, when it leaves few candidates: fetch those, filter and sort them;
 * 2. otherwise, with a walkable first sort, the rows that come first in its values are tried: when
 *    they hold the whole page it is the right page (nothing outside them sorts earlier);
 * 3. otherwise the source's rows in creation order, filtered, sorted, limited.
 */
export async function queryRows(db: Executor, query: RowQuery): Promise<RowPage> {
  const keys = [...query.orderKeys, ...TIE_BREAKERS];
  const keyColumns = keys.map((key, i) => `${key.sql} as "k${i}"`).join(", ");
  const order = orderByOf(keys);
  // Templates are pages of the source too, but never query results (migration 006).
  const scope = `b.parent_id = ? and b.parent_type = 'data_source_id' and b.is_template = 0 and b.in_trash = ?`;
  const scopeParams = [query.sourceId, query.inTrash ? 1 : 0];
  const tailParams: unknown[] = [...query.params];
  const resume = query.after ? ` and ${afterCondition(keys, query.after, tailParams)}` : "";
  const tail = `(${query.where || "1 = 1"})${resume} order by ${order} limit ?`;
  tailParams.push(query.limit);
  const select = `select ${query.idsOnly ? `b.id as "id"` : ROW_COLUMNS}, ${keyColumns}`;
  const toPage = (rows: Found[]): RowPage => ({
    rows: query.idsOnly ? [] : rows.map(toRecord),
    ids: rows.map((row) => row.id),
    keys: rows.map((row) => keys.map((_, i) => row[`k${i}`] ?? null)),
  });
  // CROSS JOIN fixes SQLite's join order (candidates first); PostgreSQL plans it as an inner join.
  const fromCandidates = (candidates: string): string =>
    `${select} from (${candidates}) c cross join blocks b where b.id = c.row_id and ${scope} and ${tail}`;

  const narrowing = await mostSelective(db, query.sourceId, query.narrowings ?? []);
  if (narrowing) {
    const rows = await readRows<Found>(
      db,
      fromCandidates(
        `select distinct v.row_id from row_values v where v.source_id = ? and v.property_id = ? and ${narrowing.where}`,
      ),
      [query.sourceId, narrowing.propertyId, ...narrowing.params, ...scopeParams, ...tailParams],
    );
    return toPage(rows);
  }

  const walk = query.walk;
  const first = query.after?.[0];
  // A window of fewer than WALK_FACTOR pages seldom holds a whole page (a view query asks for up to
  // 10,000 rows at once): walking it would only add its cost to the scan that follows.
  const window = Math.max(WALK_MIN, WALK_FACTOR * query.limit);
  if (walk && first !== null && window <= WALK_MAX) {
    const column = `v.${walk.column}`;
    const from = first === undefined ? "" : ` and ${column} ${walk.direction === "asc" ? ">=" : "<="} ?`;
    const walked = await readRows<Found>(
      db,
      fromCandidates(`select v.row_id from row_values v where v.source_id = ? and v.property_id = ?
        and ${column} is not null${from} order by ${column} ${walk.direction} limit ?`),
      [
        query.sourceId,
        walk.propertyId,
        ...(first === undefined ? [] : [first]),
        window,
        ...scopeParams,
        ...tailParams,
      ],
    );
    if (walked.length === query.limit) return toPage(walked);
  }

  const rows = await readRows<Found>(db, `${select} from blocks b where ${scope} and ${tail}`, [
    ...scopeParams,
    ...tailParams,
  ]);
  return toPage(rows);
}

/**
 * The narrowing with the fewest candidates, when that is under NARROW_LIMIT. Each count stops at the
 * limit, so asking costs at most that many index entries per narrowing.
 */
async function mostSelective(
  db: Executor,
  sourceId: string,
  narrowings: Narrowing[],
): Promise<Narrowing | null> {
  let best: { narrowing: Narrowing; count: number } | null = null;
  for (const narrowing of narrowings) {
    const [row] = await readRows<{ n: number | string }>(
      db,
      `select count(*) as n from (select 1 from row_values v where v.source_id = ? and v.property_id = ?
        and ${narrowing.where} limit ?) t`,
      [sourceId, narrowing.propertyId, ...narrowing.params, NARROW_LIMIT],
    );
    const count = Number(row?.n ?? NARROW_LIMIT);
    if (count < NARROW_LIMIT && (!best || count < best.count)) best = { narrowing, count };
  }
  return best?.narrowing ?? null;
}
