import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// One Vitest run, one project per storage engine (docs/testing.md). The postgres project exists only when
// an admin URL is given; scripts/test.js reports the skip and fails CI for it.
const postgresAdminUrl = process.env["QUIRE_TEST_DATABASE_URL"]?.trim();
const everyTest = ["src/**/*.test.ts", "test/**/*.test.ts"];
const globalSetup = ["test/support/global-setup.ts"];

const sqlite: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: "sqlite", include: everyTest, env: { QUIRE_TEST_DIALECT: "sqlite" }, globalSetup },
};

const postgres: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "postgres",
    include: everyTest,
    // src/domain/ does no I/O (DESIGN.md), so its tests would only repeat the sqlite run.
    exclude: [...configDefaults.exclude, "src/domain/**"],
    env: { QUIRE_TEST_DIALECT: "postgres" },
    globalSetup,
  },
};

export default defineConfig({
  test: {
    // Real PostgreSQL round trips and listening servers need more than the 5 s default on a loaded
    // 2-core CI machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: postgresAdminUrl ? [sqlite, postgres] : [sqlite],
  },
});
