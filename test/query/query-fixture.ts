import { randomUUID } from "node:crypto";
import type { PropertySchema, PropertyType, QueryValues } from "../../src/domain/properties/types.ts";
import { parseQuery } from "../../src/domain/query/parse-query.ts";
import { compileQuery } from "../../src/storage/query/compile-query.ts";
import { migrate, type Store } from "../../src/storage/store.ts";
import { readRows, runRaw } from "../../src/storage/raw-sql.ts";
import { type RowQuery, queryRows } from "../../src/storage/row-query.ts";
import { insertRowValues } from "../../src/storage/row-values.ts";
import { openIsolated } from "../support/isolated-database.ts";

/** Users the rows are created and edited by; ME is the viewer unless a query says otherwise. */
export const ME_ID = "11111111-1111-4111-8111-111111111111";
export const OTHER_ID = "22222222-2222-4222-8222-222222222222";
export const THIRD_ID = "33333333-3333-4333-8333-333333333333";

export interface Row {
  name: string;
  values: QueryValues;
  created?: string;
  edited?: string;
  createdBy?: string;
  editedBy?: string;
  trashed?: boolean;
}

export interface RunOptions {
  now?: Date;
  timeZone?: string;
  viewer?: string;
}

export function property(
  id: string,
  name: string,
  type: PropertyType,
  config: PropertySchema["config"] = {},
): PropertySchema {
  return { id, name, description: null, type, config };
}

export interface QueryFixture {
  store: Store;
  /** Names of the matching rows, in result order. */
  run(body: unknown, options?: RunOptions): Promise<string[]>;
  /** The same rows as a set, for filters without sorts. */
  matches(filter: unknown, options?: RunOptions): Promise<string[]>;
  close(): Promise<void>;
}

/** Page size for the plan checks: small, so that cursors and sort walks are exercised on small fixtures. */
const PAGE = 2;

export const DEFAULT_NOW = new Date("2024-03-13T15:00:00.000Z"); // a Wednesday

async function ensureQueryValues(store: Store): Promise<void> {
  const columns =
    store.dialect === "sqlite"
      ? await readRows<{ name: string }>(store.db, "select name from pragma_table_info('blocks')", [])
      : await readRows<{ name: string }>(
          store.db,
          "select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'blocks'",
          [],
        );
  if (columns.some((c) => c.name === "query_values")) return;
  const type = store.dialect === "sqlite" ? "text" : "jsonb";
  await store.transaction((trx) => runRaw(trx, `alter table blocks add column query_values ${type}`, []));
}

export async function createFixture(schema: PropertySchema[], rows: Row[]): Promise<QueryFixture> {
  const { store, drop } = await openIsolated();
  await migrate(store);
  await ensureQueryValues(store);
  const workspaceId = randomUUID();
  const dataSourceId = randomUUID();
  const names = new Map<string, string>();
  await store.transaction(async (trx) => {
    await runRaw(trx, "insert into workspaces (id, name, created_time) values (?, ?, ?)", [
      workspaceId,
      "query tests",
      DEFAULT_NOW.toISOString(),
    ]);
    for (const [i, row] of rows.entries()) {
      const id = randomUUID();
      names.set(id, row.name);
      const created = row.created ?? new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      await runRaw(
        trx,
        `insert into blocks (id, workspace_id, type, parent_type, parent_id, sort_key, content, in_trash,
           created_time, created_by, last_edited_time, last_edited_by, query_values)
         values (?, ?, 'page', 'data_source_id', ?, ?, '{}', ?, ?, ?, ?, ?, ?)`,
        [
          id,
          workspaceId,
          dataSourceId,
          `k${String(i).padStart(5, "0")}`,
          row.trashed ? 1 : 0,
          created,
          row.createdBy ?? ME_ID,
          row.edited ?? created,
          row.editedBy ?? row.createdBy ?? ME_ID,
          JSON.stringify(row.values),
        ],
      );
      await insertRowValues(trx, [{ rowId: id, sourceId: dataSourceId, values: row.values }]);
    }
  });

  const run = async (body: unknown, options: RunOptions = {}): Promise<string[]> => {
    const ast = parseQuery(body, schema);
    const compiled = compileQuery(ast, {
      dialect: store.dialect,
      dataSourceId,
      viewerUserId: options.viewer ?? ME_ID,
      now: options.now ?? DEFAULT_NOW,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    });
    const text = `select b.id as id from blocks b where b.parent_id = ? and b.in_trash = ? and (${compiled.where}) order by ${compiled.orderBy}, b.sort_key, b.id limit ?`;
    const params = [dataSourceId, 0, ...compiled.params, 1000];
    const found = await readRows<{ id: string }>(store.db, text, params);
    const expected = found.map((r) => names.get(r.id) ?? r.id);
    await checkNarrowings(compiled, new Set(found.map((r) => r.id)));
    await checkPlans(compiled, expected);
    return expected;
  };

  /** Every narrowing must find every match (it may find more): the planner relies on it. */
  async function checkNarrowings(compiled: ReturnType<typeof compileQuery>, matches: Set<string>) {
    for (const narrowing of compiled.narrowings) {
      const candidates = await readRows<{ id: string }>(
        store.db,
        `select v.row_id as id from row_values v where v.source_id = ? and v.property_id = ? and ${narrowing.where}`,
        [dataSourceId, narrowing.propertyId, ...narrowing.params],
      );
      const found = new Set(candidates.map((c) => c.id));
      const missed = [...matches].filter((id) => !found.has(id)).map((id) => names.get(id));
      if (missed.length > 0) throw new Error(`narrowing ${narrowing.where} misses ${missed.join(", ")}`);
    }
  }

  /**
   * The storage query, page by page through cursors, under each plan it can choose (narrowed, walked
   * sort, full scan), must return the reference query's rows in the reference order.
   */
  async function checkPlans(compiled: ReturnType<typeof compileQuery>, expected: string[]) {
    const plans: Array<Pick<RowQuery, "narrowings" | "walk">> = [
      { narrowings: compiled.narrowings, walk: compiled.walk },
      { narrowings: [], walk: compiled.walk },
      { narrowings: [], walk: null },
    ];
    for (const plan of plans) {
      const served: string[] = [];
      let after: unknown[] | null = null;
      for (let page = 0; page < 1000; page++) {
        const found = await queryRows(store.db, {
          ...plan,
          sourceId: dataSourceId,
          inTrash: false,
          where: compiled.where,
          params: compiled.params,
          orderKeys: compiled.orderKeys,
          limit: PAGE + 1,
          after,
        });
        served.push(...found.rows.slice(0, PAGE).map((r) => names.get(r.id) ?? r.id));
        if (found.rows.length <= PAGE) break;
        after = found.keys[PAGE - 1] ?? null;
      }
      if (JSON.stringify(served) !== JSON.stringify(expected)) {
        throw new Error(
          `plan ${JSON.stringify(plan)} served ${served.join(", ")}; expected ${expected.join(", ")}`,
        );
      }
    }
  }

  return {
    store,
    run,
    matches: async (filter, options) => (await run({ filter }, options)).sort(),
    close: async () => {
      await store.close();
      await drop();
    },
  };
}
