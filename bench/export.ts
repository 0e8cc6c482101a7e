import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { exportWorkspace } from "../src/services/io/export-service.ts";
import { importExport } from "../src/services/io/import-service.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { createDatabase } from "../src/services/databases/database-service.ts";
import { parseCreateDatabase } from "../src/routes/databases/schema.ts";
import { createMarkdownPage } from "../src/services/markdown/markdown-pages.ts";
import { createPage } from "../src/services/pages/page-service.ts";
import type { Viewer } from "../src/services/access/viewer.ts";
import { splitMarkdownBody } from "../src/routes/pages/markdown-schema.ts";
import { parseCreatePage } from "../src/routes/pages/schema.ts";
import type { JsonObject } from "../src/domain/validation.ts";
import { createWorkspace } from "../src/services/identity/workspace-service.ts";
import { migrate, openStore } from "../src/storage/store.ts";

/**
 * `npm run bench:export`: `quire export` of a workspace of 1,000 pages (500 nested pages of about 20
 * blocks each under 10 top-level pages, and a database of 490 rows with five properties), then
 * `quire import` of the result into a fresh workspace. Reports pages/s. BENCH_DATABASE_URL=postgres://…
 * measures PostgreSQL.
 */
const CONTENT = Array.from(
  { length: 6 },
  (_, i) =>
    `## Part ${i}\nSome **text** with a [link](https://example.com/${i}).\n- item one\n- item two\n> quoted`,
).join("\n");

/** A `pages.create` body with `markdown`, read as the route reads it. */
function markdownPage(body: JsonObject) {
  const { rest, nodes } = splitMarkdownBody(body);
  return { page: parseCreatePage(rest), nodes };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "quire-bench-io-"));
  const store = openStore({ dataDir: dir, url: process.env.BENCH_DATABASE_URL });
  await migrate(store);
  const ctx: ServiceContext = { store, clock: () => new Date(), publicUrl: "" };
  const viewerOf = async (name: string): Promise<Viewer> => {
    const { workspace, owner } = await createWorkspace(ctx, {
      name,
      ownerName: name,
      ownerEmail: `${name}@example.com`,
    });
    return { workspaceId: workspace.id, workspaceName: name, userId: owner.id, integration: null };
  };
  const viewer = await viewerOf("bench");
  const seedStart = performance.now();
  for (let top = 0; top < 10; top++) {
    const root = await createMarkdownPage(
      ctx,
      viewer,
      markdownPage({
        parent: { workspace: true },
        properties: { title: { title: [{ text: { content: `Area ${top}` } }] } },
        markdown: CONTENT,
      }),
    );
    for (let i = 0; i < 50; i++) {
      await createMarkdownPage(
        ctx,
        viewer,
        markdownPage({
          parent: { page_id: root.page.id },
          properties: { title: { title: [{ text: { content: `Note ${top}.${i}` } }] } },
          markdown: CONTENT,
        }),
      );
    }
  }
  const db = await createDatabase(
    ctx,
    viewer,
    parseCreateDatabase(
      {
        parent: { type: "workspace", workspace: true },
        title: [{ text: { content: "Tracker" } }],
        initial_data_source: {
          properties: {
            Name: { title: {} },
            Count: { number: {} },
            Stage: { select: { options: [{ name: "a" }, { name: "b" }] } },
            Due: { date: {} },
            Done: { checkbox: {} },
          },
        },
      },
      "2025-09-03",
    ),
  );
  const sourceId = db.sources[0]?.id as string;
  for (let i = 0; i < 490; i++) {
    await createPage(
      ctx,
      viewer,
      parseCreatePage({
        parent: { data_source_id: sourceId },
        properties: {
          Name: { title: [{ text: { content: `Row ${i}` } }] },
          Count: { number: i },
          Stage: { select: { name: i % 2 ? "a" : "b" } },
          Due: { date: { start: "2026-01-01" } },
          Done: { checkbox: i % 3 === 0 },
        },
      }),
    );
  }
  console.log(`seeded 1,000 pages in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const out = join(dir, "export");
  let start = performance.now();
  const summary = await exportWorkspace(ctx, viewer, out);
  let seconds = (performance.now() - start) / 1000;
  console.log(
    `export: ${summary.pages} pages, ${summary.files} files in ${seconds.toFixed(2)} s = ${(summary.pages / seconds).toFixed(0)} pages/s`,
  );
  const target = await viewerOf("target");
  start = performance.now();
  const report = await importExport(ctx, target, out);
  seconds = (performance.now() - start) / 1000;
  const pages = report.pages + report.rows;
  console.log(
    `import: ${pages} pages in ${seconds.toFixed(2)} s = ${(pages / seconds).toFixed(0)} pages/s (${report.failed.length} failed)`,
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
