import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer, stop } from "./processes.ts";
import { HUNDRED_PARAGRAPHS, apiHeaders, call, printedToken } from "./workload.ts";

/**
 * `npm run bench:mcp`: what `/mcp` adds to the REST API for the same work, as the Quire process's own
 * CPU per request (utime + stime; wall clock swings too much on a shared machine) and the client's
 * p50/p99 latency: `notion-fetch` of a 1,000-block page next to `GET /v1/pages/{id}/markdown`, and
 * `notion-search` next to `POST /v1/search`. BENCH_ROUNDS (default 3) rounds of BENCH_COUNT requests.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const count = Number(process.env.BENCH_COUNT ?? 100);
const TICK_MS = 10;

function cpuMs(pid: number): number {
  if (!existsSync(`/proc/${pid}/stat`)) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

let rpcId = 0;
function toolCall(url: string, token: string, name: string, args: Record<string, unknown>) {
  return fetch(`${url}/mcp`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: ++rpcId,
      method: "tools/call",
      params: { name, arguments: args },
    }),
  });
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-mcp-"));
  const root = resolve(import.meta.dirname, "..");
  const quire = await startServer(process.execPath, [
    join(root, "bin/quire.js"),
    "serve",
    "--port",
    "0",
    "--no-demo",
    "--data",
    dataDir,
  ]);
  try {
    const token = printedToken(quire.output);
    const api = (method: string, path: string, body?: unknown) => call(quire.url, token, method, path, body);
    const page = await api("POST", "/v1/pages", {
      parent: { workspace: true },
      properties: { title: [{ text: { content: "Benchmark thousand" } }] },
    });
    for (let i = 0; i < 10; i++)
      await api("PATCH", `/v1/blocks/${page.id}/children`, { children: HUNDRED_PARAGRAPHS });
    const headers = { ...apiHeaders(token), "notion-version": "2026-03-11" };
    const scenarios: Array<[string, () => Promise<Response>]> = [
      [
        "REST GET /v1/pages/{id}/markdown (1,000 blocks)",
        () => fetch(`${quire.url}/v1/pages/${page.id}/markdown`, { headers }),
      ],
      ["MCP notion-fetch (1,000 blocks)", () => toolCall(quire.url, token, "notion-fetch", { id: page.id })],
      [
        "REST POST /v1/search",
        () =>
          fetch(`${quire.url}/v1/search`, {
            method: "POST",
            headers,
            body: JSON.stringify({ query: "Benchmark", page_size: 10 }),
          }),
      ],
      [
        "MCP notion-search",
        () =>
          toolCall(quire.url, token, "notion-search", { query: "Benchmark", filters: { title_only: true } }),
      ],
    ];
    const pid = quire.child.pid ?? 0;
    for (const [name, send] of scenarios) {
      for (let i = 0; i < 10; i++) await (await send()).arrayBuffer();
      const cpu: number[] = [];
      const latencies: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const before = cpuMs(pid);
        for (let i = 0; i < count; i++) {
          const start = performance.now();
          const response = await send();
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`${name}: ${response.status}`);
          latencies.push(performance.now() - start);
        }
        cpu.push((cpuMs(pid) - before) / count);
      }
      console.log(
        `${name.padEnd(50)} server CPU ${median(cpu).toFixed(2)} ms/req   p50 ${percentile(latencies, 0.5).toFixed(1)} ms   p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
      );
    }
  } finally {
    await stop(quire);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
