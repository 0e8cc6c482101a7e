import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of docs/architecture.md are enforced by eslint-layers.js; these probes check that a
 * file breaking one is refused and that the allowed imports pass, so the rules can't silently rot.
 */

const root = join(import.meta.dirname, "..", "..");
// The probes exist only in memory, so they are parsed without the type-aware project service (and the
// one rule that needs types is off); the layer rules need no types.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { "@typescript-eslint/no-floating-promises": "off" },
  },
});

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  it.each([
    ["src/routes/pages/probe.ts", 'import "../../storage/block-repo.ts";', /never storage/],
    ["src/web/probe.ts", 'import "../storage/block-repo.ts";', /never storage/],
    ["src/services/pages/probe.ts", 'import "../../presenters/present-page.ts";', /routes present it/],
    ["src/services/pages/probe.ts", 'import "../../routes/pages/schema.ts";', /HTTP routes/],
    ["src/services/pages/probe.ts", 'import "kysely";', /storage\/ repos/],
    ["src/services/seed/probe.ts", 'import "../../routes/pages/index.ts";', /HTTP routes/],
    ["src/domain/probe.ts", 'import "../services/context.ts";', /domain\/ is pure/],
    ["src/domain/probe.ts", 'import "node:fs";', /domain\/ is pure/],
    ["src/mcp/tools/probe.ts", 'import "../../storage/block-repo.ts";', /never storage/],
    ["src/mcp/probe.ts", 'import "../routes/pages/index.ts";', /call services, not routes/],
  ])("%s refuses %s", async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ["src/routes/pages/probe.ts", 'import "../../services/pages/page-service.ts";'],
    ["src/services/pages/probe.ts", 'import "../../storage/block-repo.ts";'],
    ["src/services/seed/probe.ts", 'import "../../routes/pages/schema.ts";'],
    ["src/services/io/probe.ts", 'import "../../routes/databases/schema.ts";'],
    ["src/mcp/tools/probe.ts", 'import "../../services/pages/page-service.ts";'],
    ["src/mcp/tools/probe.ts", 'import "../../routes/pages/markdown-schema.ts";'],
  ])("%s allows %s", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
