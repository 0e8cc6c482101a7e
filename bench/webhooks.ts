import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, LogLevel } from "@notionhq/client";
import { createApp } from "../src/app.ts";
import type { ServiceContext } from "../src/services/context.ts";
import {
  createIntegration,
  createPersonalToken,
  createWorkspace,
  shareWithIntegration,
} from "../src/services/identity/workspace-service.ts";
import { startWebhookWorker } from "../src/services/webhooks/delivery-worker.ts";
import {
  createSubscription,
  getWebhookSubscription,
  verifySubscription,
} from "../src/services/webhooks/subscription-service.ts";
import { DEFAULT_CAPABILITIES } from "../src/services/access/viewer.ts";
import { migrate, openStore } from "../src/storage/store.ts";
import { webhookSettings } from "../src/webhook-runtime.ts";

/**
 * `npm run bench:webhooks` (issue 17): 10,000 page updates spread over 1,000 pages, first in a
 * workspace without a subscription, then in one with an active subscription (window 0, so every
 * update is one `page.properties_updated`). Prints page updates/s for both (the cost of webhooks on
 * writes), events delivered per second, and the delay from write to delivery (p50/p99). The receiver
 * runs in its own process; the delivery worker runs in the server's, as in `quire serve`. SQLite unless
 * BENCH_DATABASE_URL names a PostgreSQL database.
 */
const PAGES = Number(process.env.BENCH_PAGES ?? 1000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 10_000);
const CONCURRENCY = 8;

const receiver = spawn(process.execPath, ["--import", "tsx", "bench/webhook-receiver.ts"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<number>((resolve) => {
  receiver.stdout.on("data", (c: Buffer) => {
    const m = /RECEIVER (\d+)/.exec(c.toString());
    if (m) resolve(Number(m[1]));
  });
});
const receiverUrl = `http://127.0.0.1:${port}/hooks`;

const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-webhooks-"));
const store = openStore({ dataDir, url: process.env.BENCH_DATABASE_URL || undefined });
await migrate(store);
const settings = webhookSettings({ windowMs: 0 });
const ctx: ServiceContext = { store, clock: () => new Date(), publicUrl: "", webhooks: settings };
const app = createApp(ctx);
await app.listen({ port: 0, host: "127.0.0.1" });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
ctx.publicUrl = url;
const worker = startWebhookWorker(ctx, settings);
ctx.webhookWorker = worker;

async function workspace(name: string) {
  const { workspace: ws, owner } = await createWorkspace(ctx, {
    name,
    ownerName: "Bench",
    ownerEmail: `${name}@example.com`,
  });
  const token = await createPersonalToken(ctx, ws.id, owner.id);
  const notion = new Client({ auth: token, baseUrl: url, logLevel: LogLevel.ERROR });
  const root = await notion.pages.create({
    parent: { workspace: true },
    properties: { title: { title: [{ text: { content: "Root" } }] } },
  });
  await createIntegration(ctx, ws.id, {
    name: "Hooks",
    capabilities: DEFAULT_CAPABILITIES,
    ownerUserId: owner.id,
  });
  await shareWithIntegration(ctx, ws.id, "Hooks", root.id);
  const pages: string[] = [];
  for (let i = 0; i < PAGES; i += CONCURRENCY) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, PAGES - i) }, (_, j) =>
        notion.pages.create({
          parent: { page_id: root.id },
          properties: { title: { title: [{ text: { content: `Page ${i + j}` } }] } },
        }),
      ),
    );
    pages.push(...batch.map((p) => p.id));
  }
  return { ws, notion, pages };
}

/** This process's CPU time (server, worker and SDK clients alike) in ms: unlike wall time, other load barely moves it. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function updates(notion: Client, pages: string[]): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < UPDATES; i = next++) {
        const pageId = pages[i % pages.length] as string;
        await notion.pages.update({
          page_id: pageId,
          properties: { title: { title: [{ text: { content: `Edit ${i}` } }] } },
        });
      }
    }),
  );
  return UPDATES / ((performance.now() - start) / 1000);
}

const stats = async () =>
  (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as {
    delays: number[];
    first: number;
    last: number;
  };
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

try {
  const plain = await workspace("plain");
  const cpuBefore = cpuMs();
  const without = await updates(plain.notion, plain.pages);
  const cpuWithout = (cpuMs() - cpuBefore) / UPDATES;

  const hooked = await workspace("hooked");
  const subscription = await createSubscription(ctx, hooked.ws.id, {
    integration: "Hooks",
    url: receiverUrl,
    eventTypes: ["page.properties_updated"],
  });
  const token = (
    await store.db
      .selectFrom("webhookSubscriptions")
      .select("verificationToken")
      .where("id", "=", subscription.id)
      .executeTakeFirstOrThrow()
  ).verificationToken;
  await verifySubscription(ctx, hooked.ws.id, subscription.id, token);
  if ((await getWebhookSubscription(ctx, hooked.ws.id, subscription.id)).status !== "active")
    throw new Error("not active");
  const writeStart = Date.now();
  const cpuStart = cpuMs();
  const withHooks = await updates(hooked.notion, hooked.pages);
  const cpuWrites = (cpuMs() - cpuStart) / UPDATES;
  const deadline = Date.now() + 300_000;
  let got = await stats();
  while (got.delays.length < UPDATES && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    got = await stats();
  }
  const cpuAll = (cpuMs() - cpuStart) / UPDATES;
  const sorted = [...got.delays].sort((a, b) => a - b);
  const seconds = (got.last - writeStart) / 1000;
  console.log(
    `engine: ${store.dialect}; ${UPDATES} page updates over ${PAGES} pages, ${CONCURRENCY} concurrent SDK clients`,
  );
  console.log(`page updates/s without a subscription: ${without.toFixed(0)}`);
  console.log(
    `page updates/s with an active subscription: ${withHooks.toFixed(0)} (${((1 - withHooks / without) * 100).toFixed(1)} % slower)`,
  );
  console.log(
    `CPU ms per update (this process): without ${cpuWithout.toFixed(3)}; with, while writing ${cpuWrites.toFixed(3)} (+${((cpuWrites / cpuWithout - 1) * 100).toFixed(1)} %); with, until the last delivery ${cpuAll.toFixed(3)} (+${((cpuAll / cpuWithout - 1) * 100).toFixed(1)} %)`,
  );
  console.log(
    `events delivered: ${got.delays.length}; ${(got.delays.length / seconds).toFixed(0)} events/s from the first write to the last delivery`,
  );
  console.log(
    `write → delivery delay: p50 ${pct(sorted, 50)} ms, p99 ${pct(sorted, 99)} ms, max ${sorted.at(-1)} ms`,
  );
} finally {
  await app.close();
  await worker.stop();
  await store.close();
  receiver.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
