import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshPostgres, load, type LoadResult, startServer, stop } from "./processes.ts";

/**
 * `npm run bench:scale`: does a write cost more in a workspace that holds many databases? Appending a
 * paragraph to a page and creating a row (8 connections each, autocannon in its own process) in an
 * empty workspace, then again after creating BENCH_SOURCES (default 1,000) databases of 8 properties.
 * BENCH_DATABASE_URL=postgres://… measures PostgreSQL (in a new database made for the run).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const sources = Number(process.env.BENCH_SOURCES ?? 1000);
const connections = 8;

const PROPERTIES = {
  Name: { title: {} },
  Status: { select: { options: [{ name: "Todo" }, { name: "Doing" }, { name: "Done" }] } },
  Priority: { number: {} },
  Due: { date: {} },
  Done: { checkbox: {} },
  Notes: { rich_text: {} },
  Link: { url: {} },
  Tags: { multi_select: { options: [{ name: "red" }, { name: "blue" }] } },
};

const ROW = {
  Name: { title: [{ text: { content: "A row" } }] },
  Status: { select: { name: "Doing" } },
  Priority: { number: 3 },
  Due: { date: { start: "2026-12-07" } },
  Done: { checkbox: false },
  Notes: { rich_text: [{ text: { content: "Some notes" } }] },
  Link: { url: "https://example.com" },
  Tags: { multi_select: [{ name: "red" }] },
};

async function main(): Promise<void> {
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
  const api = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${quire.url}${path}`, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown> & { id: string };
  };
  const database = (parent: string, title: string) =>
    api("POST", "/v1/databases", {
      parent: { type: "page_id", page_id: parent },
      title: [{ text: { content: title } }],
      initial_data_source: { properties: PROPERTIES },
    });
  try {
    const home = await api("POST", "/v1/pages", { parent: { workspace: true }, properties: {} });
    const page = await api("POST", "/v1/pages", { parent: { page_id: home.id }, properties: {} });
    const tasks = await database(home.id, "Tasks");
    const sourceId = (tasks.data_sources as Array<{ id: string }>)[0]?.id as string;
    const measure = async (): Promise<{ append: LoadResult; create: LoadResult }> => ({
      append: await load({
        url: `${quire.url}/v1/blocks/${page.id}/children`,
        method: "PATCH",
        headers,
        body: JSON.stringify({ children: [{ paragraph: { rich_text: [{ text: { content: "Hello" } }] } }] }),
        connections,
        seconds,
      }),
      create: await load({
        url: `${quire.url}/v1/pages`,
        method: "POST",
        headers,
        body: JSON.stringify({ parent: { data_source_id: sourceId }, properties: ROW }),
        connections,
        seconds,
      }),
    });
    const empty = await measure();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < sources; i = next++) await database(home.id, `Database ${i}`);
      }),
    );
    const createMs = (performance.now() - started) / sources;
    const full = await measure();
    const line = (name: string, before: LoadResult, after: LoadResult) =>
      `| ${name} | ${before.requestsPerSecond.toFixed(0)} (p99 ${before.p99} ms) | ${after.requestsPerSecond.toFixed(0)} (p99 ${after.p99} ms) | ${((100 * after.requestsPerSecond) / before.requestsPerSecond).toFixed(0)}% | ${before.errors + before.non2xx + after.errors + after.non2xx} |`;
    console.log(
      `\nWorkspace scale on ${postgres ? "PostgreSQL" : "SQLite"}: ${connections} connections, ${seconds} s each, Node ${process.version}\n`,
    );
    console.log(
      `| write | req/s, empty workspace | req/s, ${sources} more databases | ratio (goal ≥ 90%) | failed |`,
    );
    console.log(`|---|---|---|---|---|`);
    console.log(line("append a paragraph to a page", empty.append, full.append));
    console.log(line("create a row (8 properties)", empty.create, full.create));
    console.log(`\n\`databases.create\` with 8 properties: ${createMs.toFixed(1)} ms each (4 concurrent).`);
  } finally {
    await stop(quire);
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
