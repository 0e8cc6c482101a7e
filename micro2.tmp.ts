import { openDatabase, migrate } from "./src/storage/database.ts";
import { createWorkspace, createPersonalToken } from "./src/services/workspace-service.ts";
import { authenticate } from "./src/services/auth-service.ts";
import { createPage } from "./src/services/page-service.ts";
import { appendBlockChildren } from "./src/services/block-service.ts";
import { mkdtempSync } from "node:fs";
const database = openDatabase({ dataDir: mkdtempSync("/tmp/micro-") });
await migrate(database);
const ctx = { database, clock: () => new Date(), publicUrl: "http://x" };
const { workspace, owner } = await createWorkspace(ctx, { name: "w", ownerName: "o", ownerEmail: "e" });
const token = await createPersonalToken(ctx, workspace.id, owner.id);
const viewer = await authenticate(ctx, `Bearer ${token}`);
const page = await createPage(ctx, viewer, { parent: { workspace: true } });
const children = Array.from({ length: 100 }, (_, i) => ({
  paragraph: { rich_text: [{ text: { content: `Paragraph ${i} with a little text in it.` } }] },
}));
for (let i = 0; i < 5; i++)
  await appendBlockChildren(ctx, viewer, page.id, { children, afterId: null, position: "end" });
const t = process.hrtime.bigint();
for (let i = 0; i < 100; i++)
  await appendBlockChildren(ctx, viewer, page.id, { children, afterId: null, position: "end" });
console.log("append100", (Number(process.hrtime.bigint() - t) / 100 / 1e6).toFixed(2), "ms");
