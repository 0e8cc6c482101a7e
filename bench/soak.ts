import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Started, freshPostgres, load, startServer, stop } from "./processes.ts";
import {
  HUNDRED_PARAGRAPHS,
  PROPERTIES,
  ROW,
  apiHeaders,
  call,
  paragraph,
  printedToken,
} from "./workload.ts";

/**
 * `npm run bench:soak` (issue 18): 200 connections of mixed requests, 80% reads and 20% writes, for
 * SOAK_SECONDS (default 60) on SQLite and, with BENCH_DATABASE_URL=postgres://… (an admin URL), on
 * PostgreSQL. Prints errors, p50/p99, throughput as a share of the page-read figure measured on the same
 * server in the same run, and the server's RSS at the start and the end.
 */
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = 200;
const adminUrl = process.env.BENCH_DATABASE_URL;

function rssMiB(started: Started): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${started.child.pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

interface SoakResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Eight reads and two writes, which every connection cycles through in order. */
async function mixedRequests(quire: Started, token: string) {
  const api = (method: string, path: string, body?: unknown) => call(quire.url, token, method, path, body);
  const page = await api("POST", "/v1/pages", {
    parent: { workspace: true },
    properties: { title: [{ text: { content: "Soak" } }] },
    children: HUNDRED_PARAGRAPHS,
  });
  const database = await api("POST", "/v1/databases", {
    parent: { type: "page_id", page_id: page.id },
    title: [{ text: { content: "Soak rows" } }],
    initial_data_source: { properties: PROPERTIES },
  });
  const source = (database.data_sources as Array<{ id: string }>)[0]?.id ?? "";
  for (let i = 0; i < 50; i++)
    await api("POST", "/v1/pages", { parent: { data_source_id: source }, properties: ROW });
  const appendTo = await api("POST", "/v1/pages", { parent: { page_id: page.id } });
  const headers = apiHeaders(token);
  const json = (method: string, path: string, body: unknown) => ({
    method,
    path,
    headers,
    body: JSON.stringify(body),
  });
  const get = (path: string) => ({ method: "GET", path, headers });
  return [
    get(`/v1/pages/${page.id}`),
    get(`/v1/blocks/${page.id}/children?page_size=50`),
    json("POST", `/v1/data_sources/${source}/query`, { page_size: 20 }),
    get(`/v1/pages/${page.id}`),
    json("POST", "/v1/search", { query: "Soak", page_size: 10 }),
    get(`/v1/users/me`),
    get(`/v1/data_sources/${source}`),
    get(`/v1/blocks/${page.id}/children?page_size=10`),
    json("PATCH", `/v1/blocks/${appendTo.id}/children`, { children: [paragraph(1)] }),
    json("POST", "/v1/pages", { parent: { data_source_id: source }, properties: ROW }),
  ];
}

async function soak(url: string, requests: unknown[]): Promise<SoakResult> {
  const options = { url, connections: CONNECTIONS, duration: SOAK_SECONDS, requests };
  const child = spawn(process.execPath, ["--import", "tsx", "bench/soak-load.ts", JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  if (code !== 0) throw new Error(`the soak load exited with ${code}`);
  return JSON.parse(stdout) as SoakResult;
}

async function engine(name: string, dataDir: string, databaseUrl?: string): Promise<void> {
  const args = ["bin/quire.js", "serve", "--port", "0", "--no-demo", "--data", dataDir];
  if (databaseUrl) args.push("--database-url", databaseUrl);
  const quire = await startServer(process.execPath, args);
  try {
    const token = printedToken(quire.output);
    const requests = await mixedRequests(quire, token);
    const pagePath = (requests[0] as { path: string }).path;
    const pageRead = await load({
      url: `${quire.url}${pagePath}`,
      headers: apiHeaders(token),
      connections: 50,
      seconds: 10,
    });
    const rssStart = rssMiB(quire);
    const result = await soak(quire.url, requests);
    const rssEnd = rssMiB(quire);
    const growth = (100 * (rssEnd - rssStart)) / rssStart;
    console.log(
      `${name}: ${CONNECTIONS} connections, ${SOAK_SECONDS} s, 80% reads: ${result.requests.total} requests, ` +
        `${result.requests.average.toFixed(0)} req/s (${((100 * result.requests.average) / pageRead.requestsPerSecond).toFixed(0)}% ` +
        `of ${pageRead.requestsPerSecond.toFixed(0)} page reads/s in this run), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; ` +
        `RSS ${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)} MiB (${growth >= 0 ? "+" : ""}${growth.toFixed(1)}%, goal under +10%)`,
    );
  } finally {
    await stop(quire);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), "quire-soak-"));
try {
  await engine("sqlite", join(dataDir, "sqlite"));
  if (adminUrl) {
    const postgres = await freshPostgres(adminUrl);
    try {
      await engine("postgres", join(dataDir, "pg"), postgres.url);
    } finally {
      await postgres.drop();
    }
  } else console.log("postgres: skipped (set BENCH_DATABASE_URL=postgres://… to soak PostgreSQL too)");
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
