// `npm run build` (also `prepare` and `prepack`): compiles what the published package runs into plain
// JavaScript in dist/, so installing it needs no TypeScript loader (development keeps running src/
// through tsx; bin/quire.js picks whichever is there).
//   dist/cli.js       the `quire` command (bin/quire.js imports it)
//   dist/testing.js   `quire-server/testing` for `import`; shares its chunk of the server with cli.js
//   dist/testing.cjs  `quire-server/testing` for `require` (Jest), one self-contained file
//   dist/testing.d.cts the declarations of types/testing.d.ts for `require` resolution
//   dist/style.css    the web UI's stylesheet, read next to the module that serves it
//   dist/board.js     the web UI's board drag-and-drop script, likewise
//   dist/views.js     the web UI's table-cell saving script, likewise
// Dependencies stay external and resolve from the consumer's node_modules. Every file is written next
// to its final name and renamed, chunks before the entries that import them, so a concurrent build (the
// test projects run one each) never exposes a half-written or dangling bundle. `--clean` empties dist/
// first, so a tarball never carries chunks of an older build.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "dist");
const BANNER = "// Built from src/ by scripts/build.js; do not edit.";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "warning",
  // Whitespace goes (the two bundles hold the server twice and must fit the 2 MB budget); identifiers
  // and syntax stay as written, so stack traces still name Quire's own functions.
  minifyWhitespace: true,
  minifyIdentifiers: false,
  minifySyntax: false,
};

function writeAtomically(target, contents) {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temporary, contents);
  renameSync(temporary, target);
}

async function buildAll() {
  const esm = await build({
    ...common,
    entryPoints: { cli: join(root, "src/cli/main.ts"), testing: join(root, "src/testing/index.ts") },
    format: "esm",
    splitting: true,
    outdir: outDir,
    chunkNames: "[name]-[hash]",
    banner: { js: BANNER },
  });
  // The web UI reads its stylesheet next to its module; in the bundle that is dist/ (copied below).
  // CommonJS has no import.meta, so the CJS bundle derives the same URL from __filename.
  const cjs = await build({
    ...common,
    entryPoints: [join(root, "src/testing/index.ts")],
    format: "cjs",
    outfile: join(outDir, "testing.cjs"),
    define: { "import.meta.url": "__quireModuleUrl" },
    // `import("@notionhq/client")` becomes `require`: Jest runs CommonJS in a VM context where a
    // dynamic import fails unless Node runs with --experimental-vm-modules.
    supported: { "dynamic-import": false },
    banner: {
      js: `${BANNER}\nconst __quireModuleUrl = require("node:url").pathToFileURL(__filename).href;`,
    },
  });
  const entries = new Set(["cli.js", "testing.js", "testing.cjs"]);
  const files = [...esm.outputFiles, ...cjs.outputFiles];
  const ordered = [
    ...files.filter((file) => !entries.has(basename(file.path))),
    ...files.filter((file) => entries.has(basename(file.path))),
  ];
  if (process.argv.includes("--clean")) rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const file of ordered) writeAtomically(file.path, file.contents);
  writeAtomically(join(outDir, "style.css"), readFileSync(join(root, "src/web/style.css")));
  writeAtomically(join(outDir, "board.js"), readFileSync(join(root, "src/web/board.js")));
  writeAtomically(join(outDir, "views.js"), readFileSync(join(root, "src/web/views.js")));
  // One declaration file, two module kinds: under `require`, TypeScript must see a .d.cts, or it
  // reports the CommonJS entry as an ES module ("masquerading as ESM").
  writeAtomically(join(outDir, "testing.d.cts"), readFileSync(join(root, "types/testing.d.ts")));
}

await buildAll();
