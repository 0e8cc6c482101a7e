import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoadResult, type Started, load, startServer, stop } from "./processes.ts";

/**
 * `npm run bench:runtime`: what the harness request log and the rate limiter cost on `GET /v1/pages/{id}`,
 * each mode in its own server process loaded by autocannon in another. BENCH_DATABASE_URL=postgres://…
 * measures PostgreSQL (where the rate limiter is one upsert per request); BENCH_SECONDS, BENCH_CONNECTIONS.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const modes = ["baseline", "harness", "rate-limit", "rate-limit-windows"] as const;

interface Target {
  server: Started;
  dataDir: string;
  url: string;
  headers: Record<string, string>;
}

async function startMode(mode: string): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-runtime-"));
  const server = await startServer(process.execPath, [
    "--import",
    "tsx",
    "bench/runtime-server.ts",
    mode,
    dataDir,
  ]);
  const token = server.output.map((l) => l.trim()).find((l) => l.startsWith("ntn_")) ?? "";
  const headers = {
    authorization: `Bearer ${token}`,
    "notion-version": "2025-09-03",
    "content-type": "application/json",
  };
  const created = await fetch(`${server.url}/v1/pages`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      parent: { workspace: true },
      properties: { title: [{ text: { content: "Benchmark page" } }] },
    }),
  });
  const page = (await created.json()) as { id: string };
  return { server, dataDir, url: `${server.url}/v1/pages/${page.id}`, headers };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Modes take turns, round after round, so a noisy neighbour on the machine hits them all alike. */
async function main(): Promise<void> {
  const targets = new Map<string, Target>();
  try {
    for (const mode of modes) targets.set(mode, await startMode(mode));
    // Warm each process's JIT before anything is counted.
    for (const target of targets.values()) {
      await load({ url: target.url, headers: target.headers, connections, seconds: 2 });
    }
    const results = new Map<string, LoadResult[]>(modes.map((m) => [m, []]));
    for (let round = 0; round < rounds; round++) {
      for (const mode of modes) {
        const target = targets.get(mode);
        if (!target) continue;
        results
          .get(mode)
          ?.push(await load({ url: target.url, headers: target.headers, connections, seconds }));
      }
    }
    console.log(
      `\nGET /v1/pages/{id} on ${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "SQLite"}, ${connections} connections, ${rounds} rounds of ${seconds} s, medians, Node ${process.version}\n`,
    );
    console.log("| mode | req/s | p50 ms | p99 ms | vs baseline | failed |");
    console.log("|---|---|---|---|---|---|");
    const baseline = median((results.get("baseline") ?? []).map((r) => r.requestsPerSecond));
    for (const mode of modes) {
      const runs = results.get(mode) ?? [];
      const rps = median(runs.map((r) => r.requestsPerSecond));
      const failed = runs.reduce((n, r) => n + r.errors + r.non2xx, 0);
      console.log(
        `| ${mode} | ${rps.toFixed(0)} | ${median(runs.map((r) => r.p50))} | ${median(runs.map((r) => r.p99))} | ${((100 * rps) / baseline).toFixed(0)}% | ${failed} |`,
      );
    }
  } finally {
    for (const target of targets.values()) {
      await stop(target.server);
      rmSync(target.dataDir, { recursive: true, force: true });
    }
  }
}

await main();
