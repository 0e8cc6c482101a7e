import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabaseOptions } from "../support/test-database.ts";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;

/**
 * A consumer's project outside this repository: its node_modules has `quire-server` (this package) and nothing
 * else, and it runs plain Node, without tsx or Vitest's transforms, as Jest and other runners would.
 */
function consumerProject(type: "module" | "commonjs"): string {
  const dir = mkdtempSync(join(tmpdir(), "quire-consumer-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type }));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "quire-server"), "dir");
  return dir;
}

const SCRIPT_BODY = `
  const quire = await startQuire({
    databaseUrl: process.env.QUIRE_URL || undefined,
    seed: { pages: [{ key: "home", title: "Home", content: ["hello"] }] },
  });
  const notion = quire.client();
  const page = await notion.pages.retrieve({ page_id: quire.seeded.ids.home });
  await notion.pages.create({ parent: { page_id: page.id } });
  await quire.reset();
  const children = await notion.blocks.children.list({ block_id: page.id });
  console.log(JSON.stringify({ url: quire.url, page: page.id, children: children.results.map((b) => b.type) }));
  await quire.close();
`;

async function runConsumer(dir: string, file: string, text: string) {
  writeFileSync(join(dir, file), text);
  const { stdout } = await run(process.execPath, [file], {
    cwd: dir,
    timeout: 60_000,
    env: { ...process.env, QUIRE_URL: testDatabaseOptions().url ?? "" },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { url: string; children: string[] };
}

describe("quire-server/testing by package name", () => {
  beforeAll(async () => {
    await run(process.execPath, [join(ROOT, "scripts/build.js")], { timeout: 60_000 });
  }, 90_000);

  it("imports from an ES module in plain Node", async () => {
    const dir = consumerProject("module");
    const result = await runConsumer(
      dir,
      "test.js",
      `import { startQuire } from "quire-server/testing";\n${SCRIPT_BODY}`,
    );
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The child page created before reset() is gone; the seeded paragraph is back.
    expect(result.children).toEqual(["paragraph"]);
  });

  it("requires from CommonJS, as Jest loads it", async () => {
    const dir = consumerProject("commonjs");
    const result = await runConsumer(
      dir,
      "test.js",
      `const { startQuire } = require("quire-server/testing");\n(async () => {${SCRIPT_BODY}})();`,
    );
    expect(result.children).toEqual(["paragraph"]);
  });

  it("runs an integration's own Vitest suite, its files in parallel, each on its own Quire", async () => {
    const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
    const { stdout } = await run(
      process.execPath,
      [vitest, "run", "--root", join(ROOT, "examples/task-sync"), "--reporter=json"],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, QUIRE_URL: testDatabaseOptions().url ?? "" } },
    );
    const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: unknown[];
    };
    expect(report).toMatchObject({ numPassedTests: 5, numFailedTests: 0 });
    expect(report.testResults).toHaveLength(2);
  }, 150_000);
});
