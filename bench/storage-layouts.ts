import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";

/**
 * `npm run bench:layouts`: the measurement behind the storage design of data-source rows (docs/storage.md).
 * Three layouts of the same rows, in plain SQL on SQLite (and PostgreSQL with BENCH_DATABASE_URL):
 * - `partial`: rows in the shared blocks table, one partial expression index per property per source
 *   (what Quire had before; every block write evaluates every source's index predicate);
 * - `values`: rows in the shared blocks table with their JSON values, plus one shared table of typed
 *   values (`source, property, value, row`) with fixed indexes, which drive sorts and filters;
 * - `tables`: a table per data source with a typed, indexed column per property.
 * For each: appending a paragraph and creating a row with no other sources and with 1,000 sources of
 * 8 properties, and a compound filter + sort over 100,000 rows.
 */
const SOURCES = Number(process.env.BENCH_SOURCES ?? 1000);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const WRITES = Number(process.env.BENCH_WRITES ?? 2000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 50);
const databaseUrl = process.env.BENCH_DATABASE_URL;

type Layout = "partial" | "values" | "tables";
const PROPS = ["status", "priority", "estimate", "due", "done", "notes", "link", "category"] as const;
const NUMERIC = new Set(["priority", "estimate", "due", "done"]);

interface Engine {
  name: string;
  exec(sql: string): Promise<void>;
  run(sql: string, params: unknown[]): Promise<void>;
  all(sql: string, params: unknown[]): Promise<unknown[]>;
  /** Runs `work` in one transaction. */
  tx(work: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

function sqliteEngine(): Engine & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "quire-layouts-"));
  const db = new SQLite(join(dir, "bench.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const cache = new Map<string, SQLite.Statement>();
  const prepared = (sql: string): SQLite.Statement => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    dir,
    name: "SQLite",
    exec: (sql) => Promise.resolve(void db.exec(sql)),
    run: (sql, params) => Promise.resolve(void prepared(sql).run(...params)),
    all: (sql, params) => Promise.resolve(prepared(sql).all(...params)),
    tx: async (work) => {
      db.exec("begin immediate");
      try {
        await work();
        db.exec("commit");
      } catch (error) {
        db.exec("rollback");
        throw error;
      }
    },
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      cache.clear();
      return Promise.resolve();
    },
  };
}

async function postgresEngine(url: string): Promise<Engine> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `quire_layouts_${process.pid}`;
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  const text = (sql: string): string => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    name: "PostgreSQL",
    exec: async (sql) => void (await client.query(sql)),
    run: async (sql, params) => void (await client.query(text(sql), params)),
    all: async (sql, params) => (await client.query(text(sql), params)).rows,
    tx: async (work) => {
      await client.query("begin");
      try {
        await work();
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      }
    },
    close: async () => {
      await client.end();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

const pgEngine = (engine: Engine): boolean => engine.name === "PostgreSQL";

async function createBase(engine: Engine, layout: Layout): Promise<void> {
  const json = pgEngine(engine) ? "jsonb" : "text";
  await engine.exec(`create table blocks (id text primary key, parent_id text, sort_key text not null,
    in_trash integer not null default 0, content text not null, query_values ${json} not null default '{}')`);
  await engine.exec(`create unique index blocks_children on blocks (parent_id, sort_key)`);
  if (layout === "values") {
    // As migration 011 has it.
    await engine.exec(`create table row_values (row_id text not null, property_id text not null,
      source_id text not null, num double precision, txt text)`);
    await engine.exec(`create index row_values_row on row_values (row_id)`);
    await engine.exec(`create index row_values_num on row_values (source_id, property_id, num)`);
    await engine.exec(`create index row_values_txt on row_values (source_id, property_id, txt)`);
  }
}

function jsonNumber(engine: Engine, prop: string, alias = "b"): string {
  const column = alias ? `${alias}.query_values` : "query_values";
  return pgEngine(engine) ? `(${column}->>'${prop}')::numeric` : `json_extract(${column}, '$.${prop}')`;
}
function jsonText(engine: Engine, prop: string, alias = "b"): string {
  const column = alias ? `${alias}.query_values` : "query_values";
  return pgEngine(engine) ? `(${column}->>'${prop}')` : `json_extract(${column}, '$.${prop}')`;
}

async function createSource(engine: Engine, layout: Layout, source: string): Promise<void> {
  if (layout === "partial") {
    for (const prop of PROPS) {
      const expr = NUMERIC.has(prop) ? jsonNumber(engine, prop, "") : jsonText(engine, prop, "");
      await engine.exec(
        `create index qv_${source}_${prop} on blocks ((${expr})) where parent_id = '${source}'`,
      );
    }
  } else if (layout === "tables") {
    const columns = PROPS.map((p) => `${p} ${NUMERIC.has(p) ? "double precision" : "text"}`).join(", ");
    await engine.exec(
      `create table rows_${source} (id text primary key, sort_key text not null, in_trash integer not null default 0, ${columns})`,
    );
    for (const prop of PROPS)
      await engine.exec(`create index rows_${source}_${prop} on rows_${source} (${prop})`);
  }
}

const STATUSES = ["Backlog", "Todo", "Doing", "Review", "Done"];
function rowValues(i: number): Record<string, string | number> {
  return {
    status: STATUSES[i % STATUSES.length] as string,
    priority: i % 10,
    estimate: (i * 7919) % 1000,
    due: Date.UTC(2026, 0, 1) + (i % 730) * 86_400_000,
    done: i % 3 === 0 ? 1 : 0,
    notes: `Note for task ${i}`,
    link: `https://example.com/tasks/${i}`,
    category: `Area ${i % 20}`,
  };
}

const key = (i: number): string => `k${String(i).padStart(9, "0")}`;

async function insertRow(engine: Engine, layout: Layout, source: string, i: number): Promise<void> {
  const id = `${source}-${i}`;
  const values = rowValues(i);
  if (layout === "tables") {
    await engine.run(
      `insert into rows_${source} (id, sort_key, ${PROPS.join(", ")}) values (?, ?, ${PROPS.map(() => "?").join(", ")})`,
      [id, key(i), ...PROPS.map((p) => values[p])],
    );
    return;
  }
  await engine.run(
    `insert into blocks (id, parent_id, sort_key, content, query_values) values (?, ?, ?, ?, ?)`,
    [id, source, key(i), "{}", JSON.stringify(values)],
  );
  if (layout === "values") {
    const entries = PROPS.map(() => "(?, ?, ?, ?, lower(?))").join(", ");
    await engine.run(
      `insert into row_values (row_id, property_id, source_id, num, txt) values ${entries}`,
      PROPS.flatMap((prop) => {
        const value = values[prop];
        return [
          id,
          prop,
          source,
          typeof value === "number" ? value : null,
          typeof value === "string" ? value : null,
        ];
      }),
    );
  }
}

async function timeWrites(engine: Engine, write: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < WRITES; i++) await engine.tx(() => write(i));
  return WRITES / ((performance.now() - started) / 1000);
}

const DUE_FROM = Date.UTC(2026, 2, 1);

function querySql(engine: Engine, layout: Layout, source: string): string {
  if (layout === "tables") {
    return `select id from rows_${source} where in_trash = 0 and status = 'Doing' and priority >= 5 and due >= ${DUE_FROM}
      and done = 0 order by due desc, sort_key limit 100`;
  }
  const where = `b.parent_id = '${source}' and b.in_trash = 0 and ${jsonText(engine, "status")} = 'Doing'
    and ${jsonNumber(engine, "priority")} >= 5 and ${jsonNumber(engine, "due")} >= ${DUE_FROM}
    and ${jsonNumber(engine, "done")} = 0`;
  if (layout === "partial")
    return `select b.id from blocks b where ${where} order by ${jsonNumber(engine, "due")} desc, b.sort_key limit 100`;
  // The first rows in the sort's typed values (a window, as storage/row-query.ts walks them) are
  // joined to their rows, whose JSON the conditions read.
  return `select b.id from (select row_id from row_values v where v.source_id = '${source}'
      and v.property_id = 'due' and v.num is not null order by v.num desc limit 2000) c
    cross join blocks b where b.id = c.row_id and ${where}
    order by ${jsonNumber(engine, "due")} desc, b.sort_key limit 100`;
}

/** A selective equality with no sort: the filter's values (not the sort) must drive it. */
function lookupSql(engine: Engine, layout: Layout, source: string): string {
  const wanted = `'Note for task 77777'`;
  if (layout === "tables")
    return `select id from rows_${source} where in_trash = 0 and notes = ${wanted} order by sort_key limit 100`;
  const where = `b.parent_id = '${source}' and b.in_trash = 0 and ${jsonText(engine, "notes")} = ${wanted}`;
  if (layout === "partial") return `select b.id from blocks b where ${where} order by b.sort_key limit 100`;
  return `select b.id from (select distinct row_id from row_values where source_id = '${source}'
      and property_id = 'notes' and txt = lower(${wanted})) c cross join blocks b
    where b.id = c.row_id and ${where} order by b.sort_key limit 100`;
}

async function timeQuery(engine: Engine, text: string): Promise<{ p50: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < QUERIES; i++) {
    const started = performance.now();
    rows = (await engine.all(text, [])).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)] ?? 0, rows };
}

async function measure(engine: Engine, layout: Layout): Promise<string[]> {
  await createBase(engine, layout);
  const page = "page";
  await createSource(engine, layout, "big");
  let paragraphs = 0;
  const append = (): Promise<void> =>
    engine.run(`insert into blocks (id, parent_id, sort_key, content) values (?, ?, ?, ?)`, [
      `p${paragraphs}`,
      page,
      key(paragraphs++),
      '{"rich_text":[]}',
    ]);
  // The big source is loaded before the other sources exist: with per-source partial indexes, loading
  // it afterwards evaluates every source's index predicate for each of its rows. Writes are timed
  // after the load, so that both measurements see the same table and index sizes.
  for (let start = 0; start < ROWS; start += 1000) {
    await engine.tx(async () => {
      for (let i = start; i < Math.min(ROWS, start + 1000); i++) await insertRow(engine, layout, "big", i);
    });
  }
  let rowNumber = ROWS;
  await engine.exec("analyze");
  const query = await timeQuery(engine, querySql(engine, layout, "big"));
  const lookup = await timeQuery(engine, lookupSql(engine, layout, "big"));
  const emptyAppend = await timeWrites(engine, append);
  const emptyRow = await timeWrites(engine, () => insertRow(engine, layout, "big", rowNumber++));
  const started = performance.now();
  for (let s = 0; s < SOURCES; s++) await createSource(engine, layout, `s${s}`);
  const createMs = (performance.now() - started) / SOURCES;
  const fullAppend = await timeWrites(engine, append);
  const fullRow = await timeWrites(engine, () => insertRow(engine, layout, "big", rowNumber++));
  const f = (n: number): string => n.toFixed(0);
  return [
    `| ${engine.name} | ${layout} | ${f(emptyAppend)} → ${f(fullAppend)} | ${f(emptyRow)} → ${f(fullRow)} | ${createMs.toFixed(2)} ms | ${query.p50.toFixed(1)} ms (${query.rows}) | ${lookup.p50.toFixed(1)} ms (${lookup.rows}) |`,
  ];
}

async function main(): Promise<void> {
  const only = process.env.BENCH_LAYOUTS?.split(",") as Layout[] | undefined;
  const layouts: Layout[] = only ?? ["partial", "values", "tables"];
  const lines = [
    `\nStorage layouts: ${SOURCES} extra sources of ${PROPS.length} properties, ${ROWS} rows, ${WRITES} writes each, one transaction per write\n`,
    `| engine | layout | append/s (0 → ${SOURCES} sources) | row create/s (0 → ${SOURCES}) | per source created | filter + sort p50 | selective lookup p50 |`,
    `|---|---|---|---|---|---|---|`,
  ];
  for (const layout of layouts) {
    const sqlite = sqliteEngine();
    lines.push(...(await measure(sqlite, layout)));
    await sqlite.close();
    if (databaseUrl) {
      const postgres = await postgresEngine(databaseUrl);
      lines.push(...(await measure(postgres, layout)));
      await postgres.close();
    }
  }
  console.log(lines.join("\n"));
}

await main();
