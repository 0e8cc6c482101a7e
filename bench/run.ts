import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, type LoadResult, startServer, stop } from "./processes.ts";

/**
 * `npm run bench`: Quire and a bare node:http ceiling, each in its own process, loaded by autocannon in a
 * third. Set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL, BENCH_SECONDS to change the duration.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const databaseUrl = process.env.BENCH_DATABASE_URL;

function paragraph(i: number) {
  return { paragraph: { rich_text: [{ text: { content: `Paragraph ${i} with a little text in it.` } }] } };
}

async function api(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "notion-version": "2025-09-03",
      "content-type": "application/json",
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

function row(name: string, result: LoadResult, ceiling?: LoadResult): string {
  const share = ceiling
    ? `${((100 * result.requestsPerSecond) / ceiling.requestsPerSecond).toFixed(0)}%`
    : "";
  const failures = result.errors + result.non2xx;
  return `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${share} | ${failures} |`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-"));
  const args = ["bin/quire.js", "serve", "--port", "0", "--data", dataDir];
  if (databaseUrl) args.push("--database-url", databaseUrl);
  const quire = await startServer(process.execPath, args);
  const token = quire.output.map((l) => l.trim()).find((l) => l.startsWith("ntn_"));
  if (!token) throw new Error(`no token printed (an existing database?): ${quire.output.join("\n")}`);
  const headers = {
    authorization: `Bearer ${token}`,
    "notion-version": "2025-09-03",
    "content-type": "application/json",
  };
  try {
    const page = await api(quire.url, token, "POST", "/v1/pages", {
      parent: { workspace: true },
      properties: { title: [{ text: { content: "Benchmark page" } }] },
    });
    const listed = await api(quire.url, token, "POST", "/v1/pages", { parent: { page_id: page.id } });
    const hundred = Array.from({ length: 100 }, (_, i) => paragraph(i));
    await api(quire.url, token, "PATCH", `/v1/blocks/${listed.id}/children`, { children: hundred });
    const target = await api(quire.url, token, "POST", "/v1/pages", { parent: { page_id: page.id } });

    const pageJson = await (await fetch(`${quire.url}/v1/pages/${page.id}`, { headers })).text();
    const ceilingServer = await startServer(process.execPath, [
      "--import",
      "tsx",
      "bench/ceiling-server.ts",
      pageJson,
    ]);
    const ceiling = await load({ url: `${ceilingServer.url}/v1/pages/${page.id}`, connections, seconds });
    await stop(ceilingServer);

    const retrieve = await load({ url: `${quire.url}/v1/pages/${page.id}`, headers, connections, seconds });
    const children = await load({
      url: `${quire.url}/v1/blocks/${listed.id}/children`,
      headers,
      connections,
      seconds,
    });
    const append = await load({
      url: `${quire.url}/v1/blocks/${target.id}/children`,
      method: "PATCH",
      headers,
      body: JSON.stringify({ children: hundred }),
      connections,
      seconds,
    });

    console.log(
      `\nQuire on ${databaseUrl ? "PostgreSQL" : "SQLite"}, ${connections} connections, ${seconds} s each, Node ${process.version}\n`,
    );
    console.log("| scenario | req/s | p50 ms | p99 ms | of ceiling | failed |");
    console.log("|---|---|---|---|---|---|");
    console.log(row("ceiling: bare node:http, same page JSON", ceiling));
    console.log(row("GET /v1/pages/{id}", retrieve, ceiling));
    console.log(row("GET /v1/blocks/{id}/children (100)", children));
    console.log(row("PATCH /v1/blocks/{id}/children (100 blocks)", append));
  } finally {
    await stop(quire);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
