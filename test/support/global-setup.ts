import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { loadResponseSchemas } from "./sdk-shapes/response-schemas.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A directory removed after the run; every test database's `dataDir` is created inside it. */
    quireTestRoot: string;
    /** The per-run PostgreSQL database (postgres project only). */
    quireDatabaseUrl: string;
  }
}

/**
 * Vitest globalSetup, run once per project in the main process before that project's workers start.
 * Values reach tests through `project.provide` → `inject`, which is scoped to the project, so the
 * sqlite project never sees the PostgreSQL URL.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Generated once here rather than by each worker (test/support/sdk-shapes).
  for (const sdk of ["v5", "v4"] as const) loadResponseSchemas(sdk);
  let dropDatabase: (() => Promise<void>) | undefined;
  if (project.config.env["QUIRE_TEST_DIALECT"] === "postgres") {
    const adminUrl = process.env["QUIRE_TEST_DATABASE_URL"]?.trim();
    if (!adminUrl) throw new Error("the postgres project needs QUIRE_TEST_DATABASE_URL (an admin URL)");
    const { url, drop } = await createDatabase(adminUrl);
    project.provide("quireDatabaseUrl", url);
    dropDatabase = drop;
  }

  const root = mkdtempSync(join(tmpdir(), `quire-test-${project.name || "root"}-`));
  project.provide("quireTestRoot", root);
  // Vitest exits within a millisecond of SIGINT/SIGTERM without running teardowns; a synchronous
  // `exit` listener still removes the files. The database is swept by the next run (dropAbandoned).
  const removeRoot = (): void => rmSync(root, { recursive: true, force: true });
  process.once("exit", removeRoot);

  return async () => {
    try {
      await dropDatabase?.();
    } finally {
      process.off("exit", removeRoot);
      removeRoot();
    }
  };
}

const owner = `${process.pid}@${hostname()}`;

async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // Lower-case hex needs no quoting rules beyond the double quotes below.
  const name = `quire_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, async (client) => {
    await dropAbandoned(client);
    await client.query(`CREATE DATABASE "${name}"`);
    await client.query(`COMMENT ON DATABASE "${name}" IS 'quire test run ${owner}'`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE (PostgreSQL 13+) ends connections a test forgot to close, so a leaked pool cannot keep the
    // database alive after the run.
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/** Drops databases left by runs on this machine whose process is gone (interrupted with Ctrl-C). */
async function dropAbandoned(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string; comment: string | null }>(
    `SELECT datname AS name, shobj_description(oid, 'pg_database') AS comment
       FROM pg_database WHERE datname ~ '^quire_test_[0-9a-f]{12}$'`,
  );
  for (const { name, comment } of rows) {
    const match = /^quire test run (\d+)@(.+)$/.exec(comment ?? "");
    if (!match || match[2] !== hostname() || isAlive(Number(match[1]))) continue;
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function withAdmin(adminUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to QUIRE_TEST_DATABASE_URL (${redact(adminUrl)}): ${String(error)}`, {
      cause: error,
    });
  }
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

function redact(rawUrl: string): string {
  try {
    const url = new URL(rawUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "an unparsable URL";
  }
}
