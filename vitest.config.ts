import { existsSync } from "node:fs";
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// One Vitest run, one project per storage engine (docs/testing.md). The postgres project exists only when
// an admin URL is given; scripts/test.js reports the skip and fails CI for it.
const postgresAdminUrl = process.env["QUIRE_TEST_DATABASE_URL"]?.trim();
const everyTest = ["src/**/*.test.ts", "test/**/*.test.ts"];
// Browser tests need Chromium (Debian's package); scripts/test.js reports the skip and fails CI for it.
const chromium = process.env["QUIRE_CHROMIUM"] ?? "/usr/bin/chromium";
const browserTests = ["test/browser/**/*.test.ts"];
const globalSetup = ["test/support/global-setup.ts"];

const sqlite: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "sqlite",
    include: everyTest,
    exclude: [...configDefaults.exclude, ...browserTests],
    env: { QUIRE_TEST_DIALECT: "sqlite" },
    globalSetup,
  },
};

const browser: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "browser",
    include: browserTests,
    env: { QUIRE_TEST_DIALECT: "sqlite" },
    globalSetup,
    testTimeout: 60_000,
  },
};

const postgres: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "postgres",
    include: everyTest,
    // src/domain/ does no I/O (DESIGN.md) and test/drift/ compares code with docs, so their tests would
    // only repeat the sqlite run.
    exclude: [...configDefaults.exclude, "src/domain/**", "test/drift/**", ...browserTests],
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
    projects: [sqlite, ...(postgresAdminUrl ? [postgres] : []), ...(existsSync(chromium) ? [browser] : [])],
  },
});
