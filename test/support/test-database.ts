import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type {} from "./global-setup.ts";

export type TestDialect = "sqlite" | "postgres";

/** Which engine this Vitest project targets; set per project in vitest.config.ts. */
export function testDialect(): TestDialect {
  const dialect = process.env["QUIRE_TEST_DIALECT"] ?? "sqlite";
  if (dialect !== "sqlite" && dialect !== "postgres") {
    throw new Error(`QUIRE_TEST_DIALECT must be "sqlite" or "postgres", not "${dialect}"`);
  }
  return dialect;
}

/**
 * Options for `openStore()`: a fresh directory on every call, plus the run's PostgreSQL database when
 * the postgres project is running. Test files share that one database; each test makes its own workspace.
 */
export function testDatabaseOptions(): { dataDir: string; url?: string } {
  // The run root is removed by global-setup.ts at teardown; os.tmpdir() is the fallback when a file runs
  // under a config without that setup.
  const root = inject("quireTestRoot") ?? tmpdir();
  const dataDir = mkdtempSync(join(root, "db-"));
  if (testDialect() === "sqlite") return { dataDir };
  const url = inject("quireDatabaseUrl");
  if (!url) {
    throw new Error("QUIRE_TEST_DIALECT=postgres, but no test database was provided: run `npm test`");
  }
  return { dataDir, url };
}
