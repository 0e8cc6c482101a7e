// `npm test [-- <vitest args>]`: one Vitest run over the sqlite project and, when QUIRE_TEST_DATABASE_URL
// is set, the postgres project (vitest.config.ts). Says what it skipped, fails CI for skipping, and ends
// with one machine-readable line: `tests: N passed, N failed, N skipped`.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const resultsFile = join(root, ".test-results", "vitest.json");
const userArgs = process.argv.slice(2);
const inCi = /^(true|1)$/i.test(process.env.CI ?? "");
const postgresUrl = process.env.QUIRE_TEST_DATABASE_URL?.trim();

const skipped = [];
if (!postgresUrl) {
  skipped.push("SKIPPED: PostgreSQL suites (set QUIRE_TEST_DATABASE_URL=postgres://user@host:port/postgres)");
}
const chromium = process.env.QUIRE_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  skipped.push(
    `SKIPPED: browser suites (no Chromium at ${chromium}; apt-get install chromium, or set QUIRE_CHROMIUM)`,
  );
}
for (const line of skipped) console.log(line);

const vitestBin = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
const watching = userArgs.some(
  (arg) => arg === "--watch" || arg === "-w" || arg === "watch" || arg === "dev",
);
const userChoseReporter = userArgs.some((arg) => arg === "--reporter" || arg.startsWith("--reporter="));
const vitestArgs = [
  ...(watching ? [] : ["run"]),
  ...(userChoseReporter ? [] : ["--reporter=default"]),
  "--reporter=json",
  `--outputFile.json=${resultsFile}`,
  ...userArgs,
];

rmSync(resultsFile, { force: true });
const child = spawn(process.execPath, [vitestBin, ...vitestArgs], { cwd: root, stdio: "inherit" });
// Ctrl-C already reaches Vitest through the terminal's process group; outlive it so its global teardown
// can drop the test database. A SIGTERM sent to this process alone is passed on.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => child.kill("SIGTERM"));

child.on("exit", (code, signal) => {
  const vitestCode = code ?? 1;
  const counts = readCounts();
  if (signal || vitestCode >= 128) {
    console.log(`Vitest was interrupted (${signal ?? `exit code ${vitestCode}`}).`);
  } else if (vitestCode !== 0 && counts.failed === 0) {
    console.log(`Vitest exited with code ${vitestCode} without a failing test; see its errors above.`);
  }
  for (const line of skipped) console.log(line);
  const failForSkips = skipped.length > 0 && inCi;
  if (failForSkips) console.log("CI=true: failing because suites were skipped; CI must run every suite.");
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(vitestCode === 0 && failForSkips ? 1 : vitestCode);
});

function readCounts() {
  if (!existsSync(resultsFile)) {
    console.log(`No Vitest results at ${resultsFile}; Vitest stopped before reporting (see above).`);
    return { passed: 0, failed: 0, skipped: 0 };
  }
  const report = JSON.parse(readFileSync(resultsFile, "utf8"));
  // A file that fails to load or throws in a hook has no failing test; count it once so the closing line
  // never reads "0 failed" for a failed run.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  );
  for (const file of brokenFiles) console.log(`FAILED FILE: ${file.name}: ${file.message}`);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}
