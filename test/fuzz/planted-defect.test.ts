import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { createPersonalToken, createWorkspace } from "../../src/services/identity/workspace-service.ts";
import { migrate, openStore } from "../../src/storage/store.ts";
import { testDatabaseOptions } from "../support/test-database.ts";
import { runFuzz } from "./run-fuzz.ts";

/**
 * The fuzzer must notice what it exists to catch: here a handler that throws on input it did not expect
 * (an icon that is not an object), as an unchecked `body.icon.type` would. Quire answers that with a 500.
 */
let ctx: ServiceContext;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  const store = openStore(testDatabaseOptions());
  await migrate(store);
  ctx = { store, clock: () => new Date(), publicUrl: "" };
  app = createApp(ctx);
  app.addHook("preHandler", (request, _reply, done) => {
    const body = request.body as { icon?: unknown } | undefined;
    if (
      request.method === "PATCH" &&
      body &&
      "icon" in body &&
      (body.icon === null || typeof body.icon !== "object")
    )
      throw new TypeError("Cannot read properties of a non-object icon");
    done();
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  await ctx.store.close();
});

describe("the fuzzer, against a planted defect", () => {
  it("reports the 500 and the request that caused it", { timeout: 120_000 }, async () => {
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    ctx.publicUrl = baseUrl;
    const { workspace, owner } = await createWorkspace(ctx, {
      name: "Planted",
      ownerName: "Owner",
      ownerEmail: "planted@example.com",
    });
    const token = await createPersonalToken(ctx, workspace.id, owner.id);
    const report = await runFuzz({ baseUrl, token, seed: 20261208, count: 400 });
    expect(report.problemCount).toBeGreaterThan(0);
    expect(report.problems[0]).toMatch(/^500: .*internal_server_error[\s\S]*after PATCH \/v1\//);
  });
});
