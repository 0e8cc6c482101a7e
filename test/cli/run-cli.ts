import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { Client, LogLevel, isNotionClientError } from "@notionhq/client";
import pg from "pg";
import { afterEach } from "vitest";
import { testDatabaseOptions } from "../support/test-database.ts";

const run = promisify(execFile);
const BIN = new URL("../../bin/quire.js", import.meta.url).pathname;

/**
 * `--data` or `--database-url` for a fresh, empty database of this project's engine. The CLI works on
 * "the" workspace, so on PostgreSQL each call gets its own schema of the run's shared test database.
 */
export async function databaseFlags(): Promise<string[]> {
  const options = testDatabaseOptions();
  if (!options.url) return ["--data", options.dataDir];
  const schema = `cli_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const url = new URL(options.url);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return ["--data", options.dataDir, "--database-url", url.toString()];
}

export async function quire(args: string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { timeout: 30_000 });
  return stdout.trim().split("\n");
}

export interface Served {
  url: string;
  lines: string[];
  child: ChildProcess;
}

/** Starts `quire serve --port 0` and resolves once it prints its URL. */
export async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quire serve did not start: ${errors}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`quire serve exited with ${String(code)}: ${errors}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      lines.push(...chunk.toString().split("\n"));
      const match = lines.map((l) => /^Listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(l)?.[1]).find(Boolean);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
  child.removeAllListeners("exit");
  // The welcome text follows the URL line; give it a moment to arrive.
  await new Promise((r) => setTimeout(r, 200));
  return { url, lines, child };
}

export async function kill(served: Served, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (served.child.exitCode !== null || served.child.signalCode !== null) return;
  served.child.kill(signal);
  await once(served.child, "exit");
}

export function tokenIn(lines: string[]): string | undefined {
  return lines.map((l) => l.trim()).find((l) => /^ntn_[A-Za-z0-9]{46}$/.test(l));
}

const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => kill(s)));
});

/** `quire serve` with `flags`, killed after the test that started it. */
export async function start(flags: string[]): Promise<Served> {
  const served = await serve(flags);
  running.push(served);
  return served;
}

/** The official SDK, failing fast and quietly: tests assert on the errors. */
export function client(url: string, auth: string): Client {
  return new Client({ auth, baseUrl: url, retry: false, logLevel: LogLevel.ERROR });
}

/** The SDK error code a call ends with, or "ok". */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (isNotionClientError(error)) return error.code;
    throw error;
  }
}
