import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Started, freshPostgres, startServer, stop } from "./processes.ts";
import { HUNDRED_PARAGRAPHS, PROPERTIES, ROW, apiHeaders, call, printedToken } from "./workload.ts";

/**
 * `npm run bench:cpu`: the Quire process's own CPU time (utime + stime from /proc/PID/stat) per request,
 * for four requests sent one after another. On a shared, loaded machine wall-clock throughput swings 2×,
 * while the CPU a request costs the server barely moves, so this is the figure to compare changes by.
 *
 * SQLite always; BENCH_DATABASE_URL=postgres://… (an admin URL: a new database per server) adds
 * PostgreSQL, where the CPU of the server's PostgreSQL backends is printed too (when they run on this
 * machine and /proc shows them). BENCH_BASELINE=DIR (a checkout, e.g. a worktree of main with
 * node_modules) runs the same requests against that checkout's server and prints both figures.
 * BENCH_ONLY=WORD runs only the scenarios whose name holds it. BENCH_ROUNDS (default 3) rounds of each scenario, the median printed; BENCH_SCALE multiplies the counts.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const adminUrl = process.env.BENCH_DATABASE_URL;
const baseline = process.env.BENCH_BASELINE;
/** BENCH_ONLY=WORD: only the scenarios whose name holds WORD (e.g. "append"), the others print –. */
const only = process.env.BENCH_ONLY;
/** Linux reports process times in clock ticks of 1/100 s (getconf CLK_TCK) on every common platform. */
const TICK_MS = 10;

/** utime + stime of a process in milliseconds, or undefined once it is gone. */
function cpuMs(pid: number): number | undefined {
  if (!existsSync(`/proc/${pid}/stat`)) return undefined;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces; every field after its closing parenthesis is plain.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

interface Workspace {
  url: string;
  headers: Record<string, string>;
  page: string;
  listed: string;
  /** Pages to append to, ten appends each, so no page grows past 1,000 blocks. */
  targets: string[];
  source: string;
}

interface Scenario {
  name: string;
  count: number;
  send: (w: Workspace, i: number) => Promise<Response>;
}

const json = (w: Workspace, method: string, path: string, body: unknown) =>
  fetch(`${w.url}${path}`, { method, headers: w.headers, body: JSON.stringify(body) });

const APPENDS_PER_PAGE = 10;
const SCENARIOS: Scenario[] = [
  {
    name: "GET /v1/pages/{id}",
    count: 1000 * scale,
    send: (w) => fetch(`${w.url}/v1/pages/${w.page}`, { headers: w.headers }),
  },
  {
    name: "GET /v1/blocks/{id}/children (100)",
    count: 300 * scale,
    send: (w) => fetch(`${w.url}/v1/blocks/${w.listed}/children`, { headers: w.headers }),
  },
  {
    name: "PATCH append of 100 blocks",
    count: 100 * scale,
    send: (w, i) =>
      json(w, "PATCH", `/v1/blocks/${w.targets[Math.floor(i / APPENDS_PER_PAGE)]}/children`, {
        children: HUNDRED_PARAGRAPHS,
      }),
  },
  {
    name: "POST /v1/pages (a row, 8 properties)",
    count: 300 * scale,
    send: (w) => json(w, "POST", "/v1/pages", { parent: { data_source_id: w.source }, properties: ROW }),
  },
];
const WARM_UP = 30;

async function prepare(quire: Started, token: string): Promise<Workspace> {
  const api = (method: string, path: string, body?: unknown) => call(quire.url, token, method, path, body);
  const page = await api("POST", "/v1/pages", {
    parent: { workspace: true },
    properties: { title: [{ text: { content: "Benchmark page" } }] },
  });
  const listed = await api("POST", "/v1/pages", { parent: { page_id: page.id } });
  await api("PATCH", `/v1/blocks/${listed.id}/children`, { children: HUNDRED_PARAGRAPHS });
  const appends = (SCENARIOS[2]?.count ?? 0) * rounds + WARM_UP;
  const targets: string[] = [];
  for (let i = 0; i < Math.ceil(appends / APPENDS_PER_PAGE); i++) {
    targets.push((await api("POST", "/v1/pages", { parent: { page_id: page.id } })).id);
  }
  const database = await api("POST", "/v1/databases", {
    parent: { type: "page_id", page_id: page.id },
    title: [{ text: { content: "Rows" } }],
    initial_data_source: { properties: PROPERTIES },
  });
  const source = (database.data_sources as Array<{ id: string }>)[0]?.id ?? "";
  return { url: quire.url, headers: apiHeaders(token), page: page.id, listed: listed.id, targets, source };
}

/** The PostgreSQL backends serving a database, read through a connection of our own (left out). */
async function backendsOf(databaseUrl: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const pids = async (): Promise<number[]> =>
    (
      await client.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      )
    ).rows.map((r) => r.pid);
  return {
    /** Their CPU so far, by pid. */
    async sample(): Promise<Map<number, number>> {
      const sample = new Map<number, number>();
      for (const pid of await pids()) sample.set(pid, cpuMs(pid) ?? 0);
      return sample;
    },
    close: () => client.end(),
  };
}

interface Figure {
  server: number;
  backends?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(
  w: Workspace,
  pid: number,
  backends: Awaited<ReturnType<typeof backendsOf>> | undefined,
  scenario: Scenario,
  offset: { next: number },
): Promise<Figure> {
  const send = async () => {
    const response = await scenario.send(w, offset.next++);
    if (!response.ok) throw new Error(`${scenario.name}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < WARM_UP; i++) await send();
  const server: number[] = [];
  const pg: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = cpuMs(pid) ?? NaN;
    const pgBefore = await backends?.sample();
    for (let i = 0; i < scenario.count; i++) await send();
    server.push(((cpuMs(pid) ?? NaN) - before) / scenario.count);
    if (backends && pgBefore) {
      let spent = 0;
      for (const [backend, after] of await backends.sample()) spent += after - (pgBefore.get(backend) ?? 0);
      pg.push(spent / scenario.count);
    }
  }
  return { server: median(server), ...(backends ? { backends: median(pg) } : {}) };
}

async function run(
  root: string,
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<Array<Figure | undefined>> {
  const args = [join(root, "bin/quire.js"), "serve", "--port", "0", "--no-demo", "--data", dataDir];
  if (databaseUrl) args.push("--database-url", databaseUrl);
  const quire = await startServer(process.execPath, args);
  const backends = databaseUrl ? await backendsOf(databaseUrl) : undefined;
  try {
    const w = await prepare(quire, printedToken(quire.output));
    const pid = quire.child.pid ?? 0;
    const figures: Array<Figure | undefined> = [];
    for (const scenario of SCENARIOS) {
      if (only && !scenario.name.includes(only)) {
        figures.push(undefined);
        continue;
      }
      // Appends walk through the target pages; the other scenarios ignore the index.
      figures.push(await measure(w, pid, backends, scenario, { next: 0 }));
    }
    return figures;
  } finally {
    await backends?.close();
    await stop(quire);
  }
}

const show = (f: Figure | undefined) =>
  f === undefined
    ? "–"
    : `${f.server.toFixed(2)}${f.backends === undefined ? "" : ` + pg ${f.backends.toFixed(2)}`}`;

async function main(): Promise<void> {
  const checkouts = [{ label: "this checkout", root: resolve(".") }];
  if (baseline) checkouts.unshift({ label: `baseline (${baseline})`, root: resolve(baseline) });
  const engines: Array<{ name: string; admin?: string }> = [{ name: "SQLite" }];
  if (adminUrl) engines.push({ name: "PostgreSQL", admin: adminUrl });
  for (const engine of engines) {
    const results: Array<Array<Figure | undefined>> = [];
    for (const checkout of checkouts) {
      const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-cpu-"));
      const postgres = engine.admin ? await freshPostgres(engine.admin) : undefined;
      try {
        results.push(await run(checkout.root, postgres?.url, dataDir));
      } finally {
        await postgres?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    console.log(`\n${engine.name}: server CPU ms per request (median of ${rounds} rounds)`);
    console.log(`| request | ${checkouts.map((c) => c.label).join(" | ")} |`);
    console.log(`|---|${checkouts.map(() => "---:").join("|")}|`);
    SCENARIOS.forEach((scenario, i) => {
      console.log(`| ${scenario.name} ×${scenario.count} | ${results.map((r) => show(r[i])).join(" | ")} |`);
    });
  }
}

await main();
