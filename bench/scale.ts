import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Started, freshPostgres, load, type LoadResult, startServer, stop } from "./processes.ts";
import { PROPERTIES, ROW } from "./workload.ts";

/**
 * `npm run bench:scale`: does a write cost more in a workspace that holds many databases? Appending a
 * paragraph to a page and creating a row (8 connections each, autocannon in its own process) in an
 * empty workspace and in one holding BENCH_SOURCES (default 1,000) more databases of 8 properties, the two
 * servers taking turns for BENCH_ROUNDS rounds.
 * BENCH_DATABASE_URL=postgres://… measures PostgreSQL (in a new database made for the run).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const sources = Number(process.env.BENCH_SOURCES ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 8;

interface Workspace {
  quire: Started;
  headers: Record<string, string>;
  page: string;
  source: string;
  api: (method: string, path: string, body: unknown) => Promise<{ id: string } & Record<string, unknown>>;
  home: string;
  cleanup: () => Promise<void>;
}

/** A server on its own new data directory (or PostgreSQL database), with a page and a database to write to. */
async function openWorkspace(): Promise<Workspace> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-scale-"));
  const postgres = process.env.BENCH_DATABASE_URL
    ? await freshPostgres(process.env.BENCH_DATABASE_URL)
    : null;
  const args = ["bin/quire.js", "serve", "--port", "0", "--no-demo", "--data", dataDir];
  if (postgres) args.push("--database-url", postgres.url);
  const quire = await startServer(process.execPath, args);
  const token = quire.output.map((l) => l.trim()).find((l) => l.startsWith("ntn_"));
  if (!token) throw new Error(`no token printed: ${quire.output.join("\n")}`);
  const headers = {
    authorization: `Bearer ${token}`,
    "notion-version": "2025-09-03",
    "content-type": "application/json",
  };
  const api: Workspace["api"] = async (method, path, body) => {
    const response = await fetch(`${quire.url}${path}`, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string } & Record<string, unknown>;
  };
  const home = await api("POST", "/v1/pages", { parent: { workspace: true }, properties: {} });
  const page = await api("POST", "/v1/pages", { parent: { page_id: home.id }, properties: {} });
  const tasks = await createDatabase(api, home.id, "Tasks");
  const source = (tasks.data_sources as Array<{ id: string }>)[0]?.id as string;
  const cleanup = async () => {
    await stop(quire);
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { quire, headers, page: page.id, source, api, home: home.id, cleanup };
}

function createDatabase(api: Workspace["api"], parent: string, title: string) {
  return api("POST", "/v1/databases", {
    parent: { type: "page_id", page_id: parent },
    title: [{ text: { content: title } }],
    initial_data_source: { properties: PROPERTIES },
  });
}

const WRITES = {
  append: (w: Workspace) =>
    load({
      url: `${w.quire.url}/v1/blocks/${w.page}/children`,
      method: "PATCH",
      headers: w.headers,
      body: JSON.stringify({ children: [{ paragraph: { rich_text: [{ text: { content: "Hello" } }] } }] }),
      connections,
      seconds,
    }),
  create: (w: Workspace) =>
    load({
      url: `${w.quire.url}/v1/pages`,
      method: "POST",
      headers: w.headers,
      body: JSON.stringify({ parent: { data_source_id: w.source }, properties: ROW }),
      connections,
      seconds,
    }),
};

const median = (results: LoadResult[]): LoadResult =>
  [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[
    Math.floor(results.length / 2)
  ] as LoadResult;

async function main(): Promise<void> {
  const empty = await openWorkspace();
  const full = await openWorkspace();
  try {
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < sources; i = next++)
          await createDatabase(full.api, full.home, `Database ${i}`);
      }),
    );
    const createMs = (performance.now() - started) / sources;
    // The two workspaces take turns, so a change in the machine's load falls on both alike.
    const runs = { append: [[], []], create: [[], []] } as Record<keyof typeof WRITES, LoadResult[][]>;
    for (let round = 0; round < rounds; round++) {
      for (const write of Object.keys(WRITES) as Array<keyof typeof WRITES>) {
        runs[write][0]?.push(await WRITES[write](empty));
        runs[write][1]?.push(await WRITES[write](full));
      }
    }
    const line = (name: string, [before, after]: LoadResult[][]) => {
      const [b, a] = [median(before as LoadResult[]), median(after as LoadResult[])];
      const failed = [...(before as LoadResult[]), ...(after as LoadResult[])].reduce(
        (sum, r) => sum + r.errors + r.non2xx,
        0,
      );
      return `| ${name} | ${b.requestsPerSecond.toFixed(0)} (p99 ${b.p99} ms) | ${a.requestsPerSecond.toFixed(0)} (p99 ${a.p99} ms) | ${((100 * a.requestsPerSecond) / b.requestsPerSecond).toFixed(0)}% | ${failed} |`;
    };
    console.log(
      `\nWorkspace scale on ${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "SQLite"}: ${connections} connections, ${seconds} s per run, median of ${rounds} rounds, Node ${process.version}\n`,
    );
    console.log(
      `| write | req/s, empty workspace | req/s, ${sources} more databases | ratio (goal ≥ 90%) | failed |`,
    );
    console.log(`|---|---|---|---|---|`);
    console.log(line("append a paragraph to a page", runs.append));
    console.log(line("create a row (8 properties)", runs.create));
    console.log(`\n\`databases.create\` with 8 properties: ${createMs.toFixed(1)} ms each (4 concurrent).`);
  } finally {
    await empty.cleanup();
    await full.cleanup();
  }
}

await main();
