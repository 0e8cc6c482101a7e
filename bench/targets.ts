import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Started, freshPostgres, load, type LoadResult, startServer, stop } from "./processes.ts";
import { HUNDRED_PARAGRAPHS, PROPERTIES, ROW, apiHeaders, call, printedToken } from "./workload.ts";

/**
 * `npm run bench:targets`: every target of issue 14 in one run, each as a ratio next to its goal. Quire,
 * the bare node:http ceiling and autocannon each run in their own process. SQLite always;
 * BENCH_DATABASE_URL=postgres://… (an admin URL: a new database is made for the run) adds PostgreSQL on
 * one process and on `--processes 2`, and the CJK title search over 100,000 titles (bench/search.ts).
 * BENCH_SECONDS (default 10) per load; BENCH_SKIP_SEARCH=1 leaves out the search seeding (about a minute).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const adminUrl = process.env.BENCH_DATABASE_URL;
const READ_CONNECTIONS = 50;
const WRITERS = 10;

/**
 * Appends of 100 blocks as a share of the page ceiling in the same run, on main before issue 14
 * (dc5ac81): 0.19 % and 0.12 % in two runs (98 and 54 req/s against ceilings of 50.7k and 43.4k; the
 * machine is shared and noisy), so 0.16 %. The
 * goal is four times that share, so it is compared within one run as every other target.
 */
const APPEND_BASELINE_SHARE = 0.0016;

interface Workspace {
  quire: Started;
  token: string;
  headers: Record<string, string>;
  page: string;
  listed: string;
  target: string;
  source: string;
}

/** A workspace with a page to read, a page of 100 paragraphs, a page to append to and a database. */
async function prepare(quire: Started, token: string): Promise<Workspace> {
  const api = (method: string, path: string, body?: unknown) => call(quire.url, token, method, path, body);
  const page = await api("POST", "/v1/pages", {
    parent: { workspace: true },
    properties: { title: [{ text: { content: "Benchmark page" } }] },
  });
  const listed = await api("POST", "/v1/pages", { parent: { page_id: page.id } });
  await api("PATCH", `/v1/blocks/${listed.id}/children`, { children: HUNDRED_PARAGRAPHS });
  const target = await api("POST", "/v1/pages", { parent: { page_id: page.id } });
  const database = await api("POST", "/v1/databases", {
    parent: { type: "page_id", page_id: page.id },
    title: [{ text: { content: "Rows" } }],
    initial_data_source: { properties: PROPERTIES },
  });
  const source = (database.data_sources as Array<{ id: string }>)[0]?.id ?? "";
  return {
    quire,
    token,
    headers: apiHeaders(token),
    page: page.id,
    listed: listed.id,
    target: target.id,
    source,
  };
}

function serveArgs(dataDir: string, databaseUrl: string | undefined, processes = 1): string[] {
  const args = ["bin/quire.js", "serve", "--port", "0", "--no-demo", "--data", dataDir];
  if (databaseUrl) args.push("--database-url", databaseUrl);
  if (processes > 1) args.push("--processes", String(processes));
  return args;
}

const reads = {
  page: (w: Workspace) =>
    load({
      url: `${w.quire.url}/v1/pages/${w.page}`,
      headers: w.headers,
      connections: READ_CONNECTIONS,
      seconds,
    }),
  children: (w: Workspace) =>
    load({
      url: `${w.quire.url}/v1/blocks/${w.listed}/children`,
      headers: w.headers,
      connections: READ_CONNECTIONS,
      seconds,
    }),
};

const writes = {
  append: (w: Workspace) =>
    load({
      url: `${w.quire.url}/v1/blocks/${w.target}/children`,
      method: "PATCH",
      headers: w.headers,
      body: JSON.stringify({ children: HUNDRED_PARAGRAPHS }),
      connections: READ_CONNECTIONS,
      seconds,
    }),
  rows: (w: Workspace) =>
    load({
      url: `${w.quire.url}/v1/pages`,
      method: "POST",
      headers: w.headers,
      body: JSON.stringify({ parent: { data_source_id: w.source }, properties: ROW }),
      connections: WRITERS,
      seconds,
    }),
};

interface EngineRun {
  page: LoadResult;
  children: LoadResult;
  append: LoadResult;
  rows: LoadResult;
}

async function measureEngine(w: Workspace): Promise<EngineRun> {
  return {
    page: await reads.page(w),
    children: await reads.children(w),
    append: await writes.append(w),
    rows: await writes.rows(w),
  };
}

/** The bare node:http server answering with `body`, loaded like Quire at 50 connections. */
async function ceiling(url: string, body: string): Promise<LoadResult> {
  const server = await startServer(process.execPath, ["--import", "tsx", "bench/ceiling-server.ts", body]);
  try {
    return await load({
      url: `${server.url}${new URL(url).pathname}`,
      connections: READ_CONNECTIONS,
      seconds,
    });
  } finally {
    await stop(server);
  }
}

/** The p50 of the Chinese title queries of bench/search.ts on PostgreSQL, in its own process. */
async function cjkSearch(url: string): Promise<Array<{ name: string; p50: number }>> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/search.ts"], {
    env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_SKIP_SQLITE: "1", BENCH_RUNS: "50" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  if (code !== 0) throw new Error(`bench/search.ts exited with ${code}`);
  return out
    .split("\n")
    .filter((line) => line.startsWith("| Chinese"))
    .map((line) => {
      const cells = line.split("|").map((c) => c.trim());
      return { name: cells[1] ?? "", p50: Number.parseFloat(cells[3] ?? "NaN") };
    });
}

interface Target {
  name: string;
  measured: string;
  goal: string;
  /** measured ÷ goal, oriented so that ≥ 1 meets it. */
  ratio: number;
  failed?: number;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const rps = (r: LoadResult) => `${r.requestsPerSecond.toFixed(0)}/s`;
const failures = (...results: LoadResult[]) => results.reduce((n, r) => n + r.errors + r.non2xx, 0);

function engineTargets(label: string, run: EngineRun, page: LoadResult, children: LoadResult): Target[] {
  const pageShare = run.page.requestsPerSecond / page.requestsPerSecond;
  const childShare = run.children.requestsPerSecond / children.requestsPerSecond;
  const appendShare = run.append.requestsPerSecond / page.requestsPerSecond;
  return [
    {
      name: `${label}: GET /v1/pages/{id} of the ceiling (${rps(run.page)} vs ${rps(page)})`,
      measured: pct(pageShare),
      goal: "≥ 50%",
      ratio: pageShare / 0.5,
      failed: failures(run.page),
    },
    {
      name: `${label}: GET /v1/pages/{id} p99 at ${READ_CONNECTIONS} connections`,
      measured: `${run.page.p99} ms`,
      goal: "< 10 ms",
      ratio: 10 / Math.max(run.page.p99, 0.001),
    },
    {
      name: `${label}: GET /v1/blocks/{id}/children (100) of its ceiling (${rps(run.children)} vs ${rps(children)})`,
      measured: pct(childShare),
      goal: "≥ 25%",
      ratio: childShare / 0.25,
      failed: failures(run.children),
    },
    {
      name: `${label}: append 100 blocks, share of the page ceiling (${rps(run.append)}) vs main's ${pct(APPEND_BASELINE_SHARE)}`,
      measured: `${(appendShare / APPEND_BASELINE_SHARE).toFixed(2)}×`,
      goal: "≥ 4×",
      ratio: appendShare / APPEND_BASELINE_SHARE / 4,
      failed: failures(run.append),
    },
  ];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-targets-"));
  const postgres = adminUrl ? await freshPostgres(adminUrl) : undefined;
  const targets: Target[] = [];
  try {
    const sqliteServer = await startServer(process.execPath, serveArgs(join(dataDir, "sqlite"), undefined));
    let sqlite: EngineRun;
    let pageCeiling: LoadResult;
    let childrenCeiling: LoadResult;
    try {
      const w = await prepare(sqliteServer, printedToken(sqliteServer.output));
      const pageUrl = `${w.quire.url}/v1/pages/${w.page}`;
      const childrenUrl = `${w.quire.url}/v1/blocks/${w.listed}/children`;
      const pageJson = await (await fetch(pageUrl, { headers: w.headers })).text();
      const childrenJson = await (await fetch(childrenUrl, { headers: w.headers })).text();
      pageCeiling = await ceiling(pageUrl, pageJson);
      childrenCeiling = await ceiling(childrenUrl, childrenJson);
      sqlite = await measureEngine(w);
    } finally {
      await stop(sqliteServer);
    }
    targets.push(...engineTargets("SQLite", sqlite, pageCeiling, childrenCeiling));
    targets.push({
      name: `SQLite: rows created through the API, ${WRITERS} writers`,
      measured: rps(sqlite.rows),
      goal: "≥ 2000/s",
      ratio: sqlite.rows.requestsPerSecond / 2000,
      failed: failures(sqlite.rows),
    });
    if (postgres) {
      const pgServer = await startServer(process.execPath, serveArgs(join(dataDir, "pg"), postgres.url));
      let pgRun: EngineRun;
      let w: Workspace;
      try {
        w = await prepare(pgServer, printedToken(pgServer.output));
        pgRun = await measureEngine(w);
      } finally {
        await stop(pgServer);
      }
      targets.push(...engineTargets("PostgreSQL", pgRun, pageCeiling, childrenCeiling));
      const pgShare = pgRun.page.requestsPerSecond / sqlite.page.requestsPerSecond;
      targets.push({
        name: `PostgreSQL: page reads of SQLite's, one process (${rps(pgRun.page)} vs ${rps(sqlite.page)})`,
        measured: pct(pgShare),
        goal: "≥ 60%",
        ratio: pgShare / 0.6,
      });
      targets.push({
        name: `PostgreSQL: rows created through the API, ${WRITERS} writers`,
        measured: rps(pgRun.rows),
        goal: "≥ 1000/s",
        ratio: pgRun.rows.requestsPerSecond / 1000,
        failed: failures(pgRun.rows),
      });
      const two = await startServer(process.execPath, serveArgs(join(dataDir, "pg"), postgres.url, 2)).catch(
        (error: unknown) => {
          console.warn(`--processes 2 did not start: ${String(error)}`);
          return undefined;
        },
      );
      if (two) {
        try {
          const twoRead = await reads.page({ ...w, quire: two });
          const scale = twoRead.requestsPerSecond / pgRun.page.requestsPerSecond;
          targets.push({
            name: `PostgreSQL: page reads, 2 processes vs 1 (${rps(twoRead)} vs ${rps(pgRun.page)})`,
            measured: `${scale.toFixed(2)}×`,
            goal: "≥ 1.6×",
            ratio: scale / 1.6,
            failed: failures(twoRead),
          });
        } finally {
          await stop(two);
        }
      }
      if (!process.env.BENCH_SKIP_SEARCH) {
        for (const query of await cjkSearch(adminUrl ?? "")) {
          targets.push({
            name: `PostgreSQL: CJK title search over 100,000 titles, ${query.name}`,
            measured: `${query.p50.toFixed(2)} ms p50`,
            goal: "< 20 ms",
            ratio: 20 / Math.max(query.p50, 0.001),
          });
        }
      }
    }
  } finally {
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nIssue 14 targets, ${seconds} s per load, Node ${process.version}\n`);
  console.log("| target | measured | goal | ratio to goal | met | failed requests |");
  console.log("|---|---|---|---|---|---|");
  for (const t of targets) {
    console.log(
      `| ${t.name} | ${t.measured} | ${t.goal} | ${t.ratio.toFixed(2)} | ${t.ratio >= 1 ? "yes" : "no"} | ${t.failed ?? ""} |`,
    );
  }
}

await main();
