import { openDatabase, migrate } from "./src/storage/database.ts";
import { createWorkspace, createPersonalToken } from "./src/services/workspace-service.ts";
import { authenticate } from "./src/services/auth-service.ts";
import { createPage, getPage } from "./src/services/page-service.ts";
import { appendBlockChildren, listBlockChildren } from "./src/services/block-service.ts";
import { presentBlock } from "./src/presenters/present-block.ts";
import { listChildren } from "./src/storage/block-repo.ts";
import { mkdtempSync } from "node:fs";
const database = openDatabase({ dataDir: mkdtempSync("/tmp/micro-") });
await migrate(database);
const ctx = { database, clock: () => new Date(), publicUrl: "http://x" };
const { workspace, owner } = await createWorkspace(ctx, { name: "w", ownerName: "o", ownerEmail: "e" });
const token = await createPersonalToken(ctx, workspace.id, owner.id);
const viewer = await authenticate(ctx, `Bearer ${token}`);
const children = Array.from({ length: 100 }, (_, i) => ({
  paragraph: { rich_text: [{ text: { content: `Paragraph ${i} with a little text in it.` } }] },
}));
const p2 = await createPage(ctx, viewer, { parent: { workspace: true } });
await appendBlockChildren(ctx, viewer, p2.id, { children, afterId: null, position: "end" });
async function time(name: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  console.log(name, (Number(process.hrtime.bigint() - t) / n / 1e3).toFixed(1), "µs");
}
await time("repo.listChildren", 300, () => listChildren(database.db, p2.id, { limit: 101 }));
await time("service.list", 300, () => listBlockChildren(ctx, viewer, p2.id, { pageSize: 100 }));
await time("list+present+json", 300, async () =>
  JSON.stringify(
    (await listBlockChildren(ctx, viewer, p2.id, { pageSize: 100 })).results.map((b) =>
      presentBlock(b, "2025-09-03"),
    ),
  ),
);
await time("getPage", 3000, () => getPage(ctx, viewer, p2.id));
