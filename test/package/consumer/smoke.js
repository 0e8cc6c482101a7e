// `npm run test:consumer` (a section of .ci/run): the package as a user meets it. `npm pack`s this
// checkout and installs the tarball into new projects outside the repository, with @notionhq/client
// and Vitest, and with Jest; runs the tests that docs/testing-your-integration.md shows (blocks marked
// `<!-- smoke: RUNNER PATH -->`, written to PATH); type-checks against the shipped declarations; serves
// the SDK from `npx quire serve --port 0`, from `npx quire-server serve` outside any project, and from
// the documented GitHub Actions step; prints cold-start figures. Four projects:
//   Node 20, npm 11, Vitest: the docs' install line as written (npm 11 runs the script and warns)
//   Node 20, npm 10, Jest: `--ignore-scripts`; Quire's message must name the fix, which is then run
//   newest Node, npm 11, Vitest: `strict-allow-scripts` after the docs' `npm pkg set allowScripts…`
//   newest Node, npm 10, Jest: a plain install
// Each install is a real one, from the tarball and the registry through an npm cache of the smoke
// test's own. better-sqlite3 cannot download its prebuilt binaries here, so its install script
// compiles it from source (a minute or more). The checkout's `npm ci` has just compiled it for Node 20,
// and the strict install on the newest Node compiles it for that one; each such binary is put where
// better-sqlite3's prebuild-install looks for a downloaded one (the cache's _prebuilds), so the other
// installs run the same install script down the path a user with a reachable download takes. The
// newest Node and npm 10 and the npm cache are kept in QUIRE_SMOKE_TOOLS (default: a temp dir)
// between runs; the binaries are not.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "../../..");
const TOOLS = process.env.QUIRE_SMOKE_TOOLS ?? join(tmpdir(), "quire-smoke-tools");
const WORK = mkdtempSync(join(tmpdir(), "quire-smoke-"));
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const NPM_CACHE = join(TOOLS, "npm-cache");
const started = performance.now();

// npm passes its own settings to scripts as npm_* variables; a consumer's install must not see ours.
const BASE_ENV = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  npm_config_cache: NPM_CACHE,
};

function log(line) {
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

function run(command, args, { cwd, env = BASE_ENV, allowFailure = false, timeout = 600_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (!allowFailure && result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} (in ${cwd}) failed (${result.status ?? result.signal}):\n${output}`,
    );
  }
  return { status: result.status, stdout: result.stdout ?? "", output };
}

/** The code blocks of the docs marked `<!-- smoke: RUNNER PATH -->`, by runner. */
function documentedFiles() {
  const text = readFileSync(join(ROOT, "docs/testing-your-integration.md"), "utf8");
  const files = [];
  for (const match of text.matchAll(/<!-- smoke: (\S+)(?: (\S+))? -->\s*```\w*\n([\s\S]*?)```/g)) {
    files.push({ runner: match[1], path: match[2], text: match[3] });
  }
  const install = text.match(/^npm install -D quire-server .*$/m)?.[0];
  if (!install) throw new Error("docs/testing-your-integration.md has no `npm install -D quire-server` line");
  // The approval the docs give for npm 11's strict-allow-scripts, run before the install as written.
  const approve = text.match(/^\s*(npm pkg set allowScripts\.better-sqlite3=true --json)$/m)?.[1];
  if (!approve) throw new Error("docs/testing-your-integration.md has no `npm pkg set allowScripts…` line");
  return { files, install: install.split(/\s+/).slice(1), approve: approve.split(/\s+/).slice(1) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A runtime in TOOLS, installed with npm the first time (the `node` package brings its headers). */
function installTool(name, spec) {
  const dir = join(TOOLS, `${name}-${spec}`);
  if (!existsSync(join(dir, "installed"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "tools", private: true }));
    run("npm", ["install", "--no-audit", "--no-fund", `${name}@${spec}`], { cwd: dir });
    writeFileSync(join(dir, "installed"), spec);
  }
  return dir;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Starts `args` (a `quire serve`) and resolves with its URL and first token once it says Listening. */
function startServer(command, args, { cwd, env }) {
  const t0 = performance.now();
  // Its own process group: npx does not pass SIGTERM on to the `quire` it runs.
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`no "Listening" within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk) => {
      output += chunk;
      const url = output.match(/Listening on (http:\/\/\S+)/)?.[1];
      const token = output.match(/^\s+(ntn_\S+)/m)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ child, url, token, ms: performance.now() - t0, output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) =>
      reject(new Error(`quire serve exited (${code}) before listening:\n${output}`)),
    );
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // the group is gone already
  }
}

/** Stops a server and waits until nothing of its process group is left. */
async function stopServer(server) {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  killGroup(server.child);
  await exited;
  await groupGone(server.child);
}

async function groupGone(child) {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process group ${child.pid} outlived SIGTERM`);
}

/**
 * Where prebuild-install (better-sqlite3's install script) keeps a downloaded binary for this Node:
 * `<npm cache>/_prebuilds/<sha512(url) prefix>-<file name>` (prebuild-install/util.js, cachedPrebuild).
 */
function prebuildCacheFile(dir, node) {
  const { version } = JSON.parse(readFileSync(join(dir, "node_modules/better-sqlite3/package.json"), "utf8"));
  const abi = run(node.exe, ["-p", "process.versions.modules"]).stdout.trim();
  const file = `better-sqlite3-v${version}-node-v${abi}-${process.platform}-${process.arch}.tar.gz`;
  const url = `https://github.com/WiseLibs/better-sqlite3/releases/download/v${version}/${file}`;
  const digest = createHash("sha512").update(url).digest("hex").slice(0, 6);
  return join(NPM_CACHE, "_prebuilds", `${digest}-${file.replace(/[^a-zA-Z0-9.]+/g, "-")}`);
}

/** How the project's better-sqlite3 got its binary; a source build leaves node-gyp's Makefile. */
function nativeOrigin(dir, node) {
  const sqlite = join(dir, "node_modules/better-sqlite3");
  if (!existsSync(join(sqlite, "build/Release/better_sqlite3.node"))) return "missing";
  if (!existsSync(join(sqlite, "build/Makefile"))) return "prebuilt binary from the cache";
  const cached = prebuildCacheFile(dir, node);
  mkdirSync(dirname(cached), { recursive: true });
  run("tar", ["-czf", cached, "-C", sqlite, "build/Release/better_sqlite3.node"]);
  return "built from source";
}

/** One consumer project: a fresh directory, the documented install, the documented tests. */
async function consumer({ node, npm, runner, mode, measure }) {
  const label = `Node ${node.version}, npm ${npm.version}, ${runner}${mode ? `, ${mode}` : ""}`;
  const dir = mkdtempSync(join(WORK, `${runner}-node${node.version.split(".")[0]}-`));
  const env = { ...BASE_ENV, PATH: `${node.bin}:${BASE_ENV.PATH}`, npm_config_nodedir: node.nodedir };
  const npmRun = (args, options = {}) => run(node.exe, [npm.cli, ...args], { cwd: dir, env, ...options });
  const manifest = {
    name: `consumer-${runner}`,
    private: true,
    type: runner === "vitest" ? "module" : "commonjs",
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // npm 11's strict policy refuses the install (ESTRICTALLOWSCRIPTS) unless the documented approval
  // comes first.
  if (mode === "strict") npmRun(DOCS.approve);
  mkdirSync(join(dir, "test"));
  writeFileSync(join(dir, "test/seed.yaml"), readFileSync(join(HERE, "seed.yaml")));
  for (const file of DOCS.files.filter((f) => f.runner === runner))
    writeFileSync(join(dir, file.path), file.text);
  for (const file of ["serve-check.mjs", "startup.mjs", "types-check.ts"])
    writeFileSync(join(dir, file), readFileSync(join(HERE, file)));

  const install = DOCS.install.map((arg) => (arg === "quire-server" ? TARBALL : arg));
  // --prefer-offline: the smoke test's own npm cache answers for metadata it fetched on an earlier run.
  const flags = [
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    ...(mode === "strict" ? ["--strict-allow-scripts"] : []),
  ];
  const t0 = performance.now();
  npmRun([...install, runner, ...flags, ...(mode === "held-back" ? ["--ignore-scripts"] : [])]);
  const origin = mode === "held-back" ? "none (install scripts skipped)" : nativeOrigin(dir, node);
  log(`${label}: installed in ${((performance.now() - t0) / 1000).toFixed(0)} s; better-sqlite3: ${origin}`);

  if (mode === "held-back") {
    // An install whose scripts did not run (denied, --ignore-scripts): Quire must say what to do, and
    // doing that must be enough.
    const refused = run(node.exe, ["startup.mjs"], { cwd: dir, env, allowFailure: true });
    if (refused.status === 0 || !refused.output.includes("npm rebuild better-sqlite3"))
      throw new Error(`${label}: expected the native-module message, got:\n${refused.output}`);
    log(
      `${label}: without the native module Quire says: "${refused.output.match(/Quire's SQLite[^\n]*/)?.[0]}"`,
    );
    npmRun(["rebuild", "better-sqlite3"]);
    log(`${label}: npm rebuild better-sqlite3: ${nativeOrigin(dir, node)}`);
  }

  const resultsFile = join(dir, "results.json");
  const testArgs =
    runner === "vitest"
      ? ["vitest", "run", "--reporter=json", `--outputFile=${resultsFile}`]
      : ["jest", "--json", `--outputFile=${resultsFile}`];
  run(node.exe, [npm.cli.replace(/npm-cli\.js$/, "npx-cli.js"), ...testArgs], { cwd: dir, env });
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  const expected = DOCS.files.filter((f) => f.runner === runner && f.path.endsWith(".test.js")).length;
  if (
    results.numFailedTests !== 0 ||
    results.numPassedTests < expected ||
    results.testResults.length !== expected
  )
    throw new Error(
      `${label}: ${runner} ran ${results.numPassedTests} passing / ${results.numFailedTests} failing`,
    );
  log(`${label}: ${runner} passed ${results.numPassedTests} tests in ${results.testResults.length} files`);

  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "node16",
        target: "es2022",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ["types-check.ts"],
    }),
  );
  run(node.exe, [TSC, "-p", dir], { cwd: dir, env });
  log(`${label}: types check (${manifest.type})`);

  const npx = [npm.cli.replace(/npm-cli\.js$/, "npx-cli.js"), "quire", "serve", "--port", "0"];
  const served = await startServer(node.exe, [...npx, "--data", join(dir, ".quire")], { cwd: dir, env });
  try {
    const seen = JSON.parse(
      run(node.exe, ["serve-check.mjs", served.url, served.token], { cwd: dir, env }).stdout,
    );
    // The printed token is the owner's personal access token.
    if (seen.me !== "person" || seen.children.join() !== "paragraph")
      throw new Error(`${label}: the SDK saw ${JSON.stringify(seen)}`);
  } finally {
    await stopServer(served);
  }
  log(`${label}: npx quire serve --port 0 answered the SDK on ${served.url}`);

  if (measure) await measureStart(label, node, dir, env, npx);
  return { label, dir };
}

async function measureStart(label, node, dir, env, npx) {
  const bin = join(dir, "node_modules/.bin/quire");
  const help = [1, 2, 3].map(() => {
    const t0 = performance.now();
    run(bin, ["--help"], { cwd: dir, env });
    return performance.now() - t0;
  });
  const serveTimes = async (command, args) => {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const data = mkdtempSync(join(dir, "data-"));
      const server = await startServer(command, [...args, "--data", data], { cwd: dir, env });
      times.push(server.ms);
      await stopServer(server);
    }
    return times;
  };
  const viaNpx = await serveTimes(node.exe, npx);
  const viaBin = await serveTimes(bin, ["serve", "--port", "0"]);
  const startups = [1, 2, 3].map(() => JSON.parse(run(node.exe, ["startup.mjs"], { cwd: dir, env }).stdout));
  const ms = (values) => `${Math.round(median(values))} ms`;
  log(
    `${label}: cold start (medians of 3): quire --help ${ms(help)}; serve to Listening (new workspace) ` +
      `via npx ${ms(viaNpx)}, via node_modules/.bin/quire ${ms(viaBin)}; import quire-server/testing ` +
      `${ms(startups.map((s) => s.import))}, first startQuire() ${ms(startups.map((s) => s.first))}, ` +
      `second ${ms(startups.map((s) => s.second))}`,
  );
}

/** The documented GitHub Actions "Start Quire" step, run as the runner would run it. */
async function actionsRecipe(node, dir) {
  const doc = DOCS.files.find((f) => f.runner === "actions");
  const step = parseYaml(doc.text).jobs.test.steps.find((s) => s.name === "Start Quire");
  // Port 7878 may be taken on a shared machine; the recipe is otherwise run as written.
  const port = String(await freePort());
  const runnerTemp = mkdtempSync(join(WORK, "runner-temp-"));
  const githubEnv = join(runnerTemp, "github-env");
  const env = {
    ...BASE_ENV,
    PATH: `${node.bin}:${BASE_ENV.PATH}`,
    RUNNER_TEMP: runnerTemp,
    GITHUB_ENV: githubEnv,
  };
  // Its own process group, so the server it leaves in the background can be stopped with it.
  const shell = spawn("bash", ["-e", "-c", step.run.replaceAll("7878", port)], {
    cwd: dir,
    env,
    detached: true,
  });
  const code = await new Promise((resolve) => shell.once("exit", resolve));
  try {
    if (code !== 0) throw new Error(`the Actions step exited with ${code}`);
    const vars = Object.fromEntries(
      readFileSync(githubEnv, "utf8")
        .trim()
        .split("\n")
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    const seen = JSON.parse(
      run(node.exe, ["serve-check.mjs", vars.NOTION_BASE_URL, vars.NOTION_TOKEN], { cwd: dir, env }).stdout,
    );
    if (seen.children.join() !== "paragraph") throw new Error(`the SDK saw ${JSON.stringify(seen)}`);
  } finally {
    killGroup(shell);
    await groupGone(shell);
  }
  log(`GitHub Actions recipe: "Start Quire" step served the SDK (port ${port})`);
}

/**
 * `npx quire-server serve` outside any project: npx installs the package into its own cache and runs
 * its only bin. The package is not on the registry yet, so npx gets the tarball's path instead of the
 * name; the rest (npx's install, the single-bin lookup) is the same. The SDK comes from `clientDir`.
 */
async function npxWithoutProject(node, npm, clientDir) {
  const dir = mkdtempSync(join(WORK, "npx-"));
  const env = { ...BASE_ENV, PATH: `${node.bin}:${BASE_ENV.PATH}`, npm_config_nodedir: node.nodedir };
  const npx = npm.cli.replace(/npm-cli\.js$/, "npx-cli.js");
  // A relative path: npx runs an absolute path to an existing file as a command.
  const spec = relative(dir, TARBALL);
  const args = [npx, "--yes", spec, "serve", "--port", "0", "--data", join(dir, "data")];
  const served = await startServer(node.exe, args, { cwd: dir, env });
  try {
    const seen = JSON.parse(
      run(node.exe, ["serve-check.mjs", served.url, served.token], { cwd: clientDir, env }).stdout,
    );
    if (seen.children.join() !== "paragraph") throw new Error(`the SDK saw ${JSON.stringify(seen)}`);
  } finally {
    await stopServer(served);
  }
  log(`Node ${node.version}, npm ${npm.version}: npx quire-server serve (no project) answered the SDK`);
}

const DOCS = documentedFiles();
// Binaries of an earlier run are not reused: each run builds better-sqlite3 from source once per Node.
rmSync(join(NPM_CACHE, "_prebuilds"), { recursive: true, force: true });
log(`packing ${ROOT} into ${WORK}`);
const packed = JSON.parse(
  run("npm", ["pack", "--json", "--pack-destination", WORK], { cwd: ROOT }).stdout,
)[0];
const TARBALL = join(WORK, packed.filename);
log(
  `${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`,
);

const systemMajor = Number(process.versions.node.split(".")[0]);
if (systemMajor !== 20) throw new Error(`run this with Node 20 (found ${process.version})`);
const node20 = {
  version: process.versions.node,
  exe: process.execPath,
  bin: dirname(process.execPath),
  nodedir: "/usr",
};
if (!existsSync(join(node20.nodedir, "include/node/node.h")))
  throw new Error("Node 20's headers are not in /usr/include/node");
const newestVersion = run("npm", ["view", "node", "version"]).stdout.trim();
const newestDir = installTool("node", newestVersion);
const newestHome = join(
  newestDir,
  "node_modules/node/node_modules",
  `node-${process.platform}-${process.arch}`,
);
const newest = {
  version: newestVersion,
  exe: join(newestHome, "bin/node"),
  bin: join(newestHome, "bin"),
  nodedir: newestHome,
};
const npm11 = {
  version: run("npm", ["--version"]).stdout.trim(),
  cli: join(run("npm", ["root", "-g"]).stdout.trim(), "npm/bin/npm-cli.js"),
};
if (!existsSync(npm11.cli)) throw new Error(`npm's own CLI is not at ${npm11.cli}`);
const npm10Dir = installTool("npm", "10");
const npm10 = {
  version: JSON.parse(readFileSync(join(npm10Dir, "node_modules/npm/package.json"), "utf8")).version,
  cli: join(npm10Dir, "node_modules/npm/bin/npm-cli.js"),
};
log(`Node ${node20.version} and ${newest.version}; npm ${npm11.version} and ${npm10.version}`);
// This checkout's `npm ci` (.ci/run) compiled better-sqlite3 from source for this Node 20 a moment ago;
// that build stands in for the first Node 20 one. A consumer resolving another version misses it and
// compiles its own.
const checkoutBinary = join(ROOT, "node_modules/better-sqlite3/build/Release/better_sqlite3.node");
if (existsSync(checkoutBinary)) {
  const cached = prebuildCacheFile(ROOT, node20);
  mkdirSync(dirname(cached), { recursive: true });
  run("tar", [
    "-czf",
    cached,
    "-C",
    join(ROOT, "node_modules/better-sqlite3"),
    "build/Release/better_sqlite3.node",
  ]);
  log(`Node ${node20.version}: the checkout's better-sqlite3 build is in the prebuild cache`);
}

const passed = [];
try {
  // The docs' install line as a new user types it (npm 11 runs the install script and warns).
  const first = await consumer({ node: node20, npm: npm11, runner: "vitest", measure: true });
  passed.push(first.label);
  // In the project that has the package installed, as the recipe's `npx quire` needs.
  await actionsRecipe(node20, first.dir);
  await npxWithoutProject(node20, npm11, first.dir);
  passed.push((await consumer({ node: node20, npm: npm10, runner: "jest", mode: "held-back" })).label);
  // No binary for the newest Node yet: this install compiles better-sqlite3 from source.
  passed.push(
    (await consumer({ node: newest, npm: npm11, runner: "vitest", mode: "strict", measure: true })).label,
  );
  passed.push((await consumer({ node: newest, npm: npm10, runner: "jest" })).label);
} finally {
  if (!process.env.QUIRE_SMOKE_KEEP) rmSync(WORK, { recursive: true, force: true });
}
log(`consumer smoke test passed: ${passed.join("; ")}`);
