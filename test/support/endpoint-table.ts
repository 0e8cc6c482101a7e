import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

/**
 * `METHOD /path/{param}` for each row of the "Endpoints" table of docs/compatibility.md: the list a
 * user reads to know what Quire serves, kept equal to the registered routes by test/drift/routes.test.ts.
 */
export function documentedRoutes(): string[] {
  const doc = readFileSync(join(root, "docs", "compatibility.md"), "utf8");
  const section = doc.split("\n## Endpoints\n")[1]?.split("\n## ")[0] ?? "";
  return [...section.matchAll(/^\| `([A-Z]+) (\/\S+)`/gm)].map(([, method, path]) => `${method} ${path}`);
}
