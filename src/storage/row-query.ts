import { type BlockRecord, ROW_COLUMNS, type Row, toRecord } from "./block-repo.ts";
import type { Dialect } from "./database.ts";
import type { Executor } from "./executor.ts";
import type { SortKey } from "./query/index.ts";
import { type SortProbe, sourceLiteral } from "./query-indexes.ts";
import { readRows } from "./raw-sql.ts";

export interface RowQuery {
  dialect: Dialect;
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
  probe?: SortProbe | null | undefined;
}

export interface RowPage {
  rows: BlockRecord[];
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

const PROBE_FACTOR = 20;
const PROBE_MIN = 2000;
const PROBE_MAX = 20_000;

/**
 * Rows of a data source matching a compiled filter, in order, resuming after a cursor. With a probe,
 * the rows that come first in the first sort's own index are tried first: when they hold the whole
 * page it is the right page (nothing outside them sorts earlier), found without filtering and sorting
 * every row; otherwise the full query runs.
 */
export async function queryRows(db: Executor, query: RowQuery): Promise<RowPage> {
  const keys = [...query.orderKeys, ...TIE_BREAKERS];
  const keyColumns = keys.map((key, i) => `${key.sql} as "k${i}"`).join(", ");
  const order = keys.map((key) => `${key.sql} ${key.direction} nulls last`).join(", ");
  // Templates are pages of the source too, but never query results (migration 006).
  const scope = `parent_id = ${sourceLiteral(query.sourceId)} and parent_type = 'data_source_id' and is_template = 0 and in_trash = ?`;
  const tailParams: unknown[] = [...query.params];
  const resume = query.after ? ` and ${afterCondition(keys, query.after, tailParams)}` : "";
  const tail = `(${query.where || "1 = 1"})${resume} order by ${order} limit ?`;
  tailParams.push(query.limit);
  const trash = query.inTrash ? 1 : 0;
  const select = `select ${ROW_COLUMNS}, ${keyColumns}`;
  const toPage = (rows: Array<Row & Record<string, unknown>>): RowPage => ({
    rows: rows.map(toRecord),
    keys: rows.map((row) => keys.map((_, i) => row[`k${i}`] ?? null)),
  });
  const probe = query.probe;
  const first = query.after?.[0];
  if (probe && first !== null) {
    const { index, expression, direction } = probe;
    // SQLite's planner prefers a filter's index; the probe only pays off walking the sort's.
    const hint = query.dialect === "sqlite" ? ` indexed by ${index}` : "";
    const from = first === undefined ? "" : ` and ${expression} ${direction === "asc" ? ">=" : "<="} ?`;
    const window = Math.min(PROBE_MAX, Math.max(PROBE_MIN, PROBE_FACTOR * query.limit));
    const probed = await readRows<Row & Record<string, unknown>>(
      db,
      `${select} from (select * from blocks${hint} where ${scope} and ${expression} is not null${from}
        order by ${expression} ${direction}, sort_key, id limit ?) b where ${tail}`,
      [trash, ...(first === undefined ? [] : [first]), window, ...tailParams],
    );
    if (probed.length === query.limit) return toPage(probed);
  }
  const rows = await readRows<Row & Record<string, unknown>>(
    db,
    `${select} from blocks b where ${scope} and ${tail}`,
    [trash, ...tailParams],
  );
  return toPage(rows);
}
