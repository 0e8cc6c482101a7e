import { existsSync, readdirSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabaseOptions, testDialect } from "./test-database.ts";

// Guards the harness itself: broken plumbing would otherwise show up as every storage test quietly
// running on SQLite twice.
describe("testDatabaseOptions", () => {
  it("gives a fresh, empty data directory on every call", () => {
    const first = testDatabaseOptions();
    const second = testDatabaseOptions();
    expect(first.dataDir).not.toBe(second.dataDir);
    expect(existsSync(first.dataDir) && readdirSync(first.dataDir)).toEqual([]);
  });

  it("targets the project's engine: no URL for sqlite, the run's own database for postgres", async () => {
    const { url } = testDatabaseOptions();
    if (testDialect() === "sqlite") {
      expect(url).toBeUndefined();
      return;
    }
    expect(url).toMatch(/^postgres(ql)?:\/\/.+\/quire_test_[0-9a-f]{12}(\?|$)/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>("select current_database() as name");
      expect(url).toContain(`/${rows[0]?.name}`);
    } finally {
      await client.end();
    }
  });
});
