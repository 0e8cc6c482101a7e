// `npm run test:package` (a section of .ci/run): what `npm pack` would publish, checked without
// installing it (test/package/consumer/smoke.js installs it). Fails when the tarball grows past its
// budget, carries anything but what runs, misses a file package.json points at, or when the compiled
// code imports a package that is not a dependency (or the toolchain is one).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Unpacked, without node_modules: the compiled server twice (ES module chunks, CommonJS) is ~1.4 MB.
const BUDGET_BYTES = 2 * 1024 * 1024;
const TOOLCHAIN = ["tsx", "esbuild", "typescript", "vitest", "eslint", "prettier"];

const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
// `npm pack --dry-run` runs prepack (the build) and lists the tarball without writing it.
const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts=false"], {
  cwd: root,
  encoding: "utf8",
});
if (pack.status !== 0) {
  console.error(pack.stderr);
  process.exit(1);
}
const [tarball] = JSON.parse(pack.stdout);
const paths = tarball.files.map((file) => file.path);
const problems = [];

if (tarball.unpackedSize > BUDGET_BYTES)
  problems.push(`unpacked size ${tarball.unpackedSize} bytes is over the budget of ${BUDGET_BYTES}`);
const allowed =
  /^(bin\/[^/]+\.js|dist\/[^/]+\.(js|cjs|d\.cts|css)|types\/[^/]+\.d\.ts|package\.json|README\.md|LICENSE)$/;
for (const path of paths) if (!allowed.test(path)) problems.push(`unexpected file in the tarball: ${path}`);

const pointedAt = [
  ...Object.values(manifest.bin),
  ...Object.values(manifest.exports).flatMap(function targets(value) {
    return typeof value === "string" ? [value] : Object.values(value).flatMap(targets);
  }),
  ...Object.values(manifest.typesVersions["*"]).flat(),
].map((path) => path.replace(/^\.\//, ""));
for (const path of pointedAt)
  if (!paths.includes(path)) problems.push(`package.json names ${path}, not packed`);

const runtime = new Set([
  ...Object.keys(manifest.dependencies),
  ...Object.keys(manifest.peerDependencies ?? {}),
]);
for (const tool of TOOLCHAIN) if (runtime.has(tool)) problems.push(`${tool} is a runtime dependency`);
// bin/quire.js loads tsx only when src/ is beside it, in a checkout; the tarball has no src/.
const DEV_ONLY = { "bin/quire.js": ["tsx/esm/api"] };
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
// Every module specifier the compiled code loads: static and dynamic imports, require calls.
const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\b[rR]equire\w*\s*\(\s*)["']([^"'./][^"']*)["']/g;
for (const path of paths.filter((p) => /\.(c?js)$/.test(p))) {
  const text = readFileSync(join(root, path), "utf8");
  for (const [, spec] of text.matchAll(specifier)) {
    const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
    if (DEV_ONLY[path]?.includes(spec)) continue;
    if (!builtins.has(spec) && !builtins.has(name) && !runtime.has(name))
      problems.push(`${path} loads "${spec}", which is not in dependencies`);
  }
}

console.log(
  `${tarball.filename}: ${tarball.size} bytes packed, ${tarball.unpackedSize} unpacked ` +
    `(budget ${BUDGET_BYTES}), ${tarball.entryCount} files`,
);
for (const problem of problems) console.log(`FAIL: ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
