import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createApp } from "../src/app.ts";
import { renderMarkdown } from "../src/domain/markdown/index.ts";
import { findBlock } from "../src/storage/block-repo.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { loadRenderTree } from "../src/services/markdown/markdown-tree.ts";
import { authenticate } from "../src/services/identity/auth-service.ts";
import { createPersonalToken, createWorkspace } from "../src/services/identity/workspace-service.ts";
import { migrate, openStore } from "../src/storage/store.ts";

/**
 * `npm run bench:markdown`: export latency of a 1,000-block page (mixed block types, a third of them
 * nested under toggles and lists), through the HTTP API and of the renderer alone. Target: p50 < 100 ms.
 * BENCH_DATABASE_URL=postgres://… measures PostgreSQL.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function text(content: string) {
  return [{ text: { content }, annotations: { bold: content.length % 3 === 0 } }];
}

/** Two top-level blocks and eight nested ones: 100 sections make 1,000 blocks. */
function section(i: number): unknown[] {
  const nested = Array.from({ length: 8 }, (_, j) => ({
    paragraph: { rich_text: text(`Nested ${i}.${j} text`) },
  }));
  return [
    { heading_2: { rich_text: text(`Section ${i}`) } },
    { toggle: { rich_text: text(`Toggle ${i}`), children: nested } },
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "quire-bench-md-"));
  const store = openStore({ dataDir: dir, url: process.env.BENCH_DATABASE_URL });
  await migrate(store);
  const ctx: ServiceContext = { store, clock: () => new Date(), publicUrl: "" };
  const app = createApp(ctx);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  ctx.publicUrl = url;
  const { workspace, owner } = await createWorkspace(ctx, {
    name: "Bench",
    ownerName: "Bench",
    ownerEmail: "b@example.com",
  });
  const token = await createPersonalToken(ctx, workspace.id, owner.id);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "notion-version": "2026-03-11",
        "content-type": "application/json",
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; markdown?: string };
  };
  const page = await call("POST", "/v1/pages", {
    parent: { workspace: true },
    properties: { title: [{ text: { content: "Big" } }] },
  });
  for (let batch = 0; batch < 10; batch++) {
    const children = Array.from({ length: 10 }, (_, k) => section(batch * 10 + k)).flat();
    await call("PATCH", `/v1/blocks/${page.id}/children`, { children });
  }
  const check = await call("GET", `/v1/pages/${page.id}/markdown`);
  const lines = check.markdown?.split("\n").length ?? 0;

  const http: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await call("GET", `/v1/pages/${page.id}/markdown`);
    http.push(performance.now() - start);
  }
  const viewer = await authenticate(ctx, `Bearer ${token}`);
  const root = await findBlock(store.db, workspace.id, page.id);
  if (!root) throw new Error("page missing");
  const tree = await loadRenderTree(store.db, ctx, viewer, root, true);
  const options = {
    pageUrl: (id: string) => `${url}/${id}`,
    blockUrl: (id: string) => `${url}/p#${id}`,
    limit: 20_000,
  };
  const render: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    renderMarkdown(tree, options);
    render.push(performance.now() - start);
  }
  console.log(`Markdown export of a 1,000-block page (${lines} lines), ${store.dialect}, ${ROUNDS} rounds`);
  console.log("| Path | p50 ms | p99 ms |");
  console.log("|---|---|---|");
  console.log(
    `| GET /v1/pages/{id}/markdown | ${percentile(http, 50).toFixed(1)} | ${percentile(http, 99).toFixed(1)} |`,
  );
  console.log(
    `| renderMarkdown alone | ${percentile(render, 50).toFixed(2)} | ${percentile(render, 99).toFixed(2)} |`,
  );
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
