import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface Started {
  url: string;
  output: string[];
  child: ChildProcess;
}

/** Starts a server process and waits for its "Listening on URL" line. */
export async function startServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Started> {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "inherit"] });
  const output: string[] = [];
  let buffered = "";
  return new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`${command} exited with ${String(code)}: ${output.join("\n")}`)),
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      output.push(...lines);
      const url = output.map((l) => /^Listening on (http:\/\/\S+)$/.exec(l)?.[1]).find(Boolean);
      if (url) setTimeout(() => resolve({ url, output, child }), 300);
    });
  });
}

export async function stop(started: Started): Promise<void> {
  started.child.removeAllListeners("exit");
  started.child.kill("SIGTERM");
  await once(started.child, "exit");
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon in its own process so the load generator doesn't share an event loop with anything measured. */
export async function load(options: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const args = [
    "-c",
    String(options.connections),
    "-d",
    String(options.seconds),
    "-j",
    "-m",
    options.method ?? "GET",
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}=${value}`);
  if (options.body) args.push("-b", options.body);
  const child = spawn(process.execPath, ["node_modules/autocannon/autocannon.js", ...args, options.url], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** A new, empty PostgreSQL database next to the one `adminUrl` names, dropped by `drop()`. */
export async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const name = `quire_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
