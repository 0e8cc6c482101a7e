/**
 * `npm run fuzz`: the fuzz generator of test/fuzz for 10,000 requests (QUIRE_FUZZ_COUNT) per engine
 * against a real `quire serve` process — SQLite always, PostgreSQL when QUIRE_TEST_DATABASE_URL is set —
 * with a fixed seed (QUIRE_FUZZ_SEED), printing the answers by status and the server's RSS before and
 * after. Exits 1 on any problem.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { runFuzz } from "./run-fuzz.ts";

const COUNT = Number(process.env["QUIRE_FUZZ_COUNT"] ?? 10_000);
const SEED = Number(process.env["QUIRE_FUZZ_SEED"] ?? 20261208);
const BIN = new URL("../../bin/quire.js", import.meta.url).pathname;

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

async function serve(args: string[]) {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--no-demo", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`quire serve exited with ${String(code)}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (\S+)/.exec(out);
      if (match && /ntn_\w{46}/.test(out)) resolve(match[1] as string);
    });
  });
  return { child, url, token: /ntn_\w{46}/.exec(out)?.[0] as string };
}

async function freshPostgres(adminUrl: string): Promise<string> {
  const name = `quire_fuzz_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function fuzzOne(engine: string, args: string[]): Promise<boolean> {
  const { child, url, token } = await serve(args);
  try {
    const cold = rssMiB(child.pid as number);
    // A first pass warms the JIT, caches and pools, so the RSS measured across the run is growth, not warm-up.
    await runFuzz({ baseUrl: url, token, seed: SEED + 1, count: Math.ceil(COUNT / 5) });
    const before = rssMiB(child.pid as number);
    const started = Date.now();
    const report = await runFuzz({ baseUrl: url, token, seed: SEED, count: COUNT });
    const healthy = (await fetch(`${url}/healthz`)).status === 200;
    const after = rssMiB(child.pid as number);
    console.log(
      `${engine}: ${report.requests} requests over ${report.routes} routes in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
        `seed ${SEED}: ${JSON.stringify(report.statuses)}; problems ${report.problemCount}; ` +
        `server ${healthy ? "healthy" : "NOT healthy"}; RSS ${cold.toFixed(0)} MiB at start, ${before.toFixed(0)} → ${after.toFixed(0)} MiB over the run`,
    );
    for (const problem of report.problems) console.log(`  ${problem}`);
    return report.problemCount === 0 && healthy;
  } finally {
    child.kill("SIGTERM");
  }
}

const results = [await fuzzOne("sqlite", ["--data", mkdtempSync(join(tmpdir(), "quire-fuzz-"))])];
const adminUrl = process.env["QUIRE_TEST_DATABASE_URL"];
if (adminUrl) {
  const url = await freshPostgres(adminUrl);
  results.push(
    await fuzzOne("postgres", ["--data", mkdtempSync(join(tmpdir(), "quire-fuzz-")), "--database-url", url]),
  );
} else console.log("postgres: skipped (set QUIRE_TEST_DATABASE_URL=postgres://… to fuzz PostgreSQL too)");
process.exit(results.every(Boolean) ? 0 : 1);
