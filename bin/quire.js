#!/usr/bin/env node
// In a checkout, Quire runs from its TypeScript source through tsx (a dev dependency), so edits need no
// build. The published package carries no src/, only the JavaScript scripts/build.js compiled into
// dist/ when it was packed: plain Node loads that, with no loader and no compile step at start.
import { existsSync } from "node:fs";
import module from "node:module";

const source = new URL("../src/cli/main.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  // Node 22.1+ keeps the compiled code of the modules it loads on disk (in os.tmpdir()), so a start
  // after the first skips most of the parsing (nodejs.org/api/module.html#module-compile-cache).
  module.enableCompileCache?.();
  await import("../dist/cli.js");
}
