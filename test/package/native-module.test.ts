import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabaseOptions, testDialect } from "../support/test-database.ts";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;

/**
 * The compiled package installed the way `npm install --ignore-scripts` (or an npm 11 `allowScripts`
 * denial) leaves it: every dependency in place, but better-sqlite3 without its compiled binary.
 */
function installWithoutNativeModule(): string {
  const dir = mkdtempSync(join(tmpdir(), "quire-no-native-"));
  const pkg = join(dir, "node_modules", "quire-server");
  mkdirSync(pkg, { recursive: true });
  // Dot files in dist/ are a concurrent build's files in the making (scripts/build.js).
  const filter = (source: string) => !basename(source).startsWith(".");
  for (const part of ["bin", "dist", "types", "package.json"])
    cpSync(join(ROOT, part), join(pkg, part), { recursive: true, filter });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (name === "better-sqlite3" || name.startsWith(".")) continue;
    symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name), "dir");
  }
  const sqlite = join(dir, "node_modules", "better-sqlite3");
  for (const part of ["package.json", "lib"]) {
    cpSync(join(ROOT, "node_modules/better-sqlite3", part), join(sqlite, part), { recursive: true });
  }
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<{ code: unknown; stderr: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, stderr } = error as { code?: unknown; stderr?: string };
    return { code, stderr: stderr ?? "" };
  }
  throw new Error("expected the command to fail");
}

describe("better-sqlite3 without its native module", () => {
  let dir: string;
  beforeAll(async () => {
    await run(process.execPath, [join(ROOT, "scripts/build.js")], { timeout: 60_000 });
    dir = installWithoutNativeModule();
  }, 90_000);

  it.runIf(testDialect() === "sqlite")("quire serve says which command builds it", async () => {
    const bin = join(dir, "node_modules/quire-server/bin/quire.js");
    const { code, stderr } = await failure(
      run(process.execPath, [bin, "serve", "--port", "0", "--data", join(dir, "data")], {
        cwd: dir,
        timeout: 30_000,
      }),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("Quire's SQLite store needs the native module of better-sqlite3");
    expect(stderr).toContain("npm rebuild better-sqlite3");
    expect(stderr).toContain("npm install-scripts approve better-sqlite3");
    expect(stderr).toContain("--ignore-scripts=false");
  });

  it("startQuire() says it too, and PostgreSQL needs no native module", async () => {
    const url = testDatabaseOptions().url ?? "";
    writeFileSync(
      join(dir, "start.js"),
      `import { startQuire } from "quire-server/testing";
       const quire = await startQuire({ databaseUrl: process.env.QUIRE_URL || undefined });
       console.log(JSON.stringify({ user: (await quire.client().users.me({})).type }));
       await quire.close();`,
    );
    const env = { ...process.env, QUIRE_URL: url };
    if (!url) {
      const { code, stderr } = await failure(
        run(process.execPath, ["start.js"], { cwd: dir, env, timeout: 30_000 }),
      );
      expect(code).toBe(1);
      expect(stderr).toContain("npm rebuild better-sqlite3");
      expect(stderr).toContain("databaseUrl");
      return;
    }
    const { stdout } = await run(process.execPath, ["start.js"], { cwd: dir, env, timeout: 30_000 });
    expect(JSON.parse(stdout.trim())).toEqual({ user: "person" });
  });
});
