// `npm run build`: bundles the `quire/testing` entry (src/testing/index.ts and what it imports) into
// plain JavaScript, ESM and CommonJS, so test runners load it without a TypeScript loader: Vitest and
// plain Node import it, Jest requires it. Dependencies stay external and resolve from the consumer's
// node_modules. Files are written next to their final name and renamed, so concurrent builds never
// expose a half-written bundle.
import { copyFileSync, renameSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "dist");
mkdirSync(outDir, { recursive: true });

for (const [format, file] of [
  ["esm", "testing.js"],
  ["cjs", "testing.cjs"],
]) {
  const result = await build({
    entryPoints: [join(root, "src/testing/index.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format,
    packages: "external",
    write: false,
    logLevel: "warning",
    // The web UI reads its stylesheet next to its module; in the bundle that is dist/ (copied below).
    // CommonJS has no import.meta, so the CJS bundle derives the same URL from __filename.
    ...(format === "cjs" ? { define: { "import.meta.url": "__quireModuleUrl" } } : {}),
    banner: {
      js: [
        "// Built from src/testing by scripts/build-testing.js; do not edit.",
        ...(format === "cjs"
          ? ['const __quireModuleUrl = require("node:url").pathToFileURL(__filename).href;']
          : []),
      ].join("\n"),
    },
  });
  const output = result.outputFiles[0];
  const target = join(outDir, file);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, output.contents);
  renameSync(temporary, target);
}
copyFileSync(join(root, "src/web/style.css"), join(outDir, "style.css"));
