import { createRequire } from "node:module";
import SQLite from "better-sqlite3";
import type pg from "pg";

/**
 * Opens a SQLite file through better-sqlite3, whose native half is compiled when the package is
 * installed (its install script downloads a prebuilt binary or builds one with node-gyp). The script
 * may not have run (`--ignore-scripts`, `ignore-scripts=true` in .npmrc), or the binary was built for
 * another Node.js. npm 11 runs unreviewed install scripts with a warning; with `strict-allow-scripts`
 * it refuses the install, and `npm rebuild`, until `allowScripts` covers them (npm help
 * install-scripts). better-sqlite3 then fails only here, at the first open, with a message about
 * bindings files; this says what to run instead.
 */
export function openSqliteFile(file: string, options: SQLite.Options): SQLite.Database {
  try {
    return new SQLite(file, options);
  } catch (error) {
    throw explainNativeModuleError(error);
  }
}

// What better-sqlite3's loader (the `bindings` package) and Node's dlopen say for a missing binary, one
// built for another Node.js (NODE_MODULE_VERSION), or one for another platform.
const NATIVE_LOAD_FAILURE =
  /Could not locate the bindings file|NODE_MODULE_VERSION|invalid ELF header|wrong ELF class|ERR_DLOPEN_FAILED|better_sqlite3\.node/;

export function explainNativeModuleError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (!NATIVE_LOAD_FAILURE.test(message) && code !== "ERR_DLOPEN_FAILED") return error;
  const cause = message.split("\n")[0];
  return new Error(
    [
      `Quire's SQLite store needs the native module of better-sqlite3, and it is not built for this ` +
        `Node.js (${process.version}, ABI ${process.versions.modules}): ${cause}`,
      "Build it in your project with:",
      "  npm rebuild better-sqlite3",
      "(add --ignore-scripts=false if your .npmrc sets ignore-scripts). If npm refuses because the " +
        "script is not covered by allowScripts (npm 11 with strict-allow-scripts), approve it first: " +
        "npm install-scripts approve better-sqlite3 (it writes allowScripts in your package.json). " +
        "Where no prebuilt binary can be downloaded, the build needs python3, make and a C++ compiler.",
      "PostgreSQL needs no native module: pass --database-url (or databaseUrl to startQuire()).",
    ].join("\n"),
    { cause: error },
  );
}

// `pg` is loaded on first use: a SQLite server or test never pays for it (about 70 ms at start).
const requireHere = createRequire(import.meta.url);
let pgModule: typeof pg | undefined;

export function loadPg(): typeof pg {
  pgModule ??= requireHere("pg") as typeof pg;
  return pgModule;
}
