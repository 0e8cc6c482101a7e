import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshPostgres, load, startServer, stop } from "./processes.ts";
import { HUNDRED_PARAGRAPHS, PROPERTIES, ROW, apiHeaders, call, printedToken } from "./workload.ts";

/**
 * `npx tsx bench/profile.ts SCENARIO [DIR]`: Quire under `node --cpu-prof` while autocannon (its own
 * process) runs one scenario (page, children, append, rows) for BENCH_SECONDS (default 5); the profile
 * is written to DIR (default a temp dir) for Chrome DevTools or `--cpu-prof` readers.
 * BENCH_DATABASE_URL=postgres://… profiles PostgreSQL (in a new database).
 */
const scenario = process.argv[2] ?? "page";
const outDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), "quire-profile-"));
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const dataDir = mkdtempSync(join(tmpdir(), "quire-profile-data-"));
const postgres = process.env.BENCH_DATABASE_URL ? await freshPostgres(process.env.BENCH_DATABASE_URL) : null;
const args = ["--cpu-prof", "--cpu-prof-dir", outDir, "bin/quire.js", "serve", "--port", "0", "--no-demo"];
args.push("--data", dataDir, ...(postgres ? ["--database-url", postgres.url] : []));
const quire = await startServer(process.execPath, args);
try {
  const token = printedToken(quire.output);
  const api = (method: string, path: string, body?: unknown) => call(quire.url, token, method, path, body);
  const page = await api("POST", "/v1/pages", { parent: { workspace: true }, properties: {} });
  const headers = apiHeaders(token);
  const base = { headers, connections: scenario === "rows" ? 10 : 50, seconds };
  if (scenario === "page") await load({ ...base, url: `${quire.url}/v1/pages/${page.id}` });
  if (scenario === "children") {
    await api("PATCH", `/v1/blocks/${page.id}/children`, { children: HUNDRED_PARAGRAPHS });
    await load({ ...base, url: `${quire.url}/v1/blocks/${page.id}/children` });
  }
  if (scenario === "append") {
    const body = JSON.stringify({ children: HUNDRED_PARAGRAPHS });
    await load({ ...base, url: `${quire.url}/v1/blocks/${page.id}/children`, method: "PATCH", body });
  }
  if (scenario === "rows") {
    const database = await api("POST", "/v1/databases", {
      parent: { type: "page_id", page_id: page.id },
      title: [{ text: { content: "Rows" } }],
      initial_data_source: { properties: PROPERTIES },
    });
    const source = (database.data_sources as Array<{ id: string }>)[0]?.id;
    const body = JSON.stringify({ parent: { data_source_id: source }, properties: ROW });
    await load({ ...base, url: `${quire.url}/v1/pages`, method: "POST", body });
  }
} finally {
  await stop(quire);
  await postgres?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(join(outDir, readdirSync(outDir).find((f) => f.endsWith(".cpuprofile")) ?? ""));
