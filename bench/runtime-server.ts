import type { AddressInfo } from "node:net";
import { createApp } from "../src/app.ts";
import { HarnessClock } from "../src/harness/clock.ts";
import { type RateLimitConfig, createRateLimiter } from "../src/http/rate-limit.ts";
import { notionWindowLimits } from "../src/http/rate-limit-windows.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { createPersonalToken, ensureDefaultWorkspace } from "../src/services/identity/workspace-service.ts";
import { migrate, openStore } from "../src/storage/store.ts";

/**
 * A Quire process for bench/runtime.ts: `baseline`, `harness` (request log and fault hooks on, no rules)
 * `rate-limit` (the average-rate bucket) or `rate-limit-windows` (Notion's windows as
 * `--rate-limit notion` sets them: connection and workspace), each with limits too high to refuse anything, so only their bookkeeping is measured.
 */
const [mode = "baseline", dataDir = ".quire-bench"] = process.argv.slice(2);
const store = openStore({ dataDir, url: process.env.BENCH_DATABASE_URL });
await migrate(store);
const clock = new HarnessClock();
const ctx: ServiceContext = { store, clock: () => clock.now(), publicUrl: "" };
const { workspace, owner } = await ensureDefaultWorkspace(ctx);
const token = await createPersonalToken(ctx, workspace.id, owner.id);
const huge = { budget: 1e9, windowS: 60 };
const limits: Record<string, RateLimitConfig> = {
  "rate-limit": { perSecond: 1e9, burst: 1e9 },
  "rate-limit-windows": {
    ...notionWindowLimits("enterprise"),
    connection: huge,
    workspace: huge,
  },
};
const limit = limits[mode];
const app = createApp(ctx, {
  harness: mode === "harness" ? { token: "bench-harness-token", clock } : undefined,
  rateLimiter: limit ? createRateLimiter(store, limit) : undefined,
});
await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`Listening on http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
console.log(token);
const shutdown = async () => {
  await app.close();
  await store.close();
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
