import { APIErrorCode, type APIResponseError } from "@notionhq/client";
import { afterAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/http/rate-limit.ts";
import { type WindowLimits, notionWindowLimits } from "../../../src/http/rate-limit-windows.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError } from "../helpers.ts";

/**
 * `quire serve --rate-limit notion`: Notion's current limits (reference/request-limits), a budget per
 * connection per fixed window, one shared by the workspace's connections, and per-endpoint budgets,
 * each refusal a 429 naming its limit in `additional_data.rate_limit_reason` with `Retry-After` the
 * whole seconds until that window resets. Budgets are small and windows long (100 s and more), so no
 * assertion depends on how fast the machine is. Driven through the SDK on SQLite and PostgreSQL.
 */

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

async function limitedServer(limits: WindowLimits): Promise<TestServer> {
  const server = await startTestServer({
    app: (ctx) => ({ rateLimiter: createRateLimiter(ctx.store, limits) }),
  });
  servers.push(server);
  return server;
}

/** The refusal as the SDK surfaces it: status, code, reason, and Retry-After (header and body). */
async function refusal(promise: Promise<unknown>, reason: string): Promise<number> {
  const error: APIResponseError = await expectApiError(promise, {
    status: 429,
    code: APIErrorCode.RateLimited,
    message: "You have been rate limited. Please try again in a few minutes.",
  });
  const retryAfter = Number((error.headers as Headers).get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(error.additional_data).toEqual({ rate_limit_reason: reason, retry_after: String(retryAfter) });
  return retryAfter;
}

const base = notionWindowLimits("free");

describe("Notion's rate limits", () => {
  it("spend a connection's budget in one burst, then wait for its window (Retry-After ≤ its length)", async () => {
    const server = await limitedServer({ ...base, connection: { budget: 3, windowS: 100 } });
    const ws = await server.workspace();
    const bot = ws.client(await ws.integration("Burst"));
    for (let i = 0; i < 3; i++) expect((await bot.users.me({})).object).toBe("user");
    const wait = await refusal(bot.users.me({}), "public_api_request_rate_limit");
    expect(wait).toBeGreaterThan(90);
    expect(wait).toBeLessThanOrEqual(100);
    // Each connection has its own budget: the owner's token is not affected.
    expect((await ws.client().users.me({})).object).toBe("user");
  });

  it("share the workspace's budget between its connections, with a Retry-After beyond a minute", async () => {
    const server = await limitedServer({ ...base, workspace: { budget: 4, windowS: 1000 } });
    const ws = await server.workspace();
    const first = ws.client(await ws.integration("First"));
    const second = ws.client(await ws.integration("Second"));
    for (let i = 0; i < 2; i++) await first.users.me({});
    for (let i = 0; i < 2; i++) await second.users.me({});
    const wait = await refusal(ws.client().users.me({}), "public_api_space_request_rate_limit");
    expect(wait).toBeGreaterThan(60);
    expect(wait).toBeLessThanOrEqual(1000);
    await refusal(first.users.me({}), "public_api_space_request_rate_limit");
    // Another workspace on the same server has a budget of its own.
    const other = await server.workspace();
    expect((await other.client().users.me({})).object).toBe("user");
  });

  it("give an endpoint with its own limit a budget of its own", async () => {
    const limits = notionWindowLimits("free", { "POST /v1/search": { budget: 2, windowS: 100 } });
    const server = await limitedServer(limits);
    const ws = await server.workspace();
    const client = ws.client();
    for (let i = 0; i < 2; i++) expect((await client.search({})).object).toBe("list");
    const wait = await refusal(client.search({}), "public_api_endpoint_rate_limit");
    expect(wait).toBeGreaterThan(90);
    expect(wait).toBeLessThanOrEqual(100);
    expect((await client.users.me({})).object).toBe("user");
  });

  it("answer the raw 429 as Notion does: Retry-After header, request id, additional_data", async () => {
    const server = await limitedServer({ ...base, connection: { budget: 1, windowS: 100 } });
    const ws = await server.workspace();
    expect((await ws.fetch("/v1/users/me")).status).toBe(200);
    const response = await ws.fetch("/v1/users/me");
    expect(response.status).toBe(429);
    const retryAfter = response.headers.get("retry-after");
    expect(await response.json()).toEqual({
      object: "error",
      status: 429,
      code: "rate_limited",
      message: "You have been rate limited. Please try again in a few minutes.",
      request_id: response.headers.get("x-notion-request-id"),
      additional_data: { rate_limit_reason: "public_api_request_rate_limit", retry_after: retryAfter },
    });
  });

  it("are counted in the database on PostgreSQL, so every process shares them", async () => {
    const limits = { ...base, connection: { budget: 2, windowS: 100 } };
    const server = await limitedServer(limits);
    const ws = await server.workspace();
    // Two limiters over one database stand for two Quire processes.
    const first = createRateLimiter(server.store, limits);
    const second = createRateLimiter(server.store, limits);
    const call = { connection: `shared-${ws.id}`, workspace: ws.id, endpoint: "GET /v1/users/me" };
    expect(await first?.take(call)).toBeNull();
    expect(await second?.take(call)).toBeNull();
    const refused = await first?.take(call);
    if (server.store.dialect === "postgres") {
      expect(refused?.reason).toBe("public_api_request_rate_limit");
      expect(refused?.retryAfter).toBeGreaterThan(90);
      expect((await second?.take(call))?.retryAfter).toBeGreaterThan(90);
    } else {
      // SQLite is served by one process, which counts in memory.
      expect(refused).toBeNull();
    }
  });
});
