import { APIErrorCode, Client, LogLevel } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RateLimitConfig, createRateLimiter } from "../../../src/http/rate-limit.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { expectApiError } from "../helpers.ts";

/**
 * `quire serve --rate-limit`: each connection (an integration's bot, or a person's tokens) has its own
 * bucket; past it, Notion's 429 `rate_limited` with `Retry-After`. The budgets are tiny or huge so no
 * assertion depends on how fast the machine is.
 */

const servers: TestServer[] = [];
async function limitedServer(limit: RateLimitConfig): Promise<TestServer> {
  const server = await startTestServer({
    app: (ctx) => ({ rateLimiter: createRateLimiter(ctx.store, limit) }),
  });
  servers.push(server);
  return server;
}

let slow: TestServer;
beforeAll(async () => {
  // Three at once, then one every 100 s.
  slow = await limitedServer({ perSecond: 0.01, burst: 3 });
});
afterAll(async () => {
  for (const server of servers) await server.close();
});

describe("rate limits", () => {
  it("answer 429 rate_limited with Retry-After once a connection's burst is spent", async () => {
    const ws = await slow.workspace();
    for (let i = 0; i < 3; i++) expect((await ws.fetch("/v1/users/me")).status).toBe(200);
    const response = await ws.fetch("/v1/users/me");
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(90);
    expect(retryAfter).toBeLessThanOrEqual(100);
    expect(await response.json()).toEqual({
      object: "error",
      status: 429,
      code: "rate_limited",
      message: "You have been rate limited. Please try again in a few minutes.",
      request_id: response.headers.get("x-notion-request-id"),
      additional_data: {
        rate_limit_reason: "public_api_request_rate_limit",
        retry_after: String(retryAfter),
      },
    });
    await expectApiError(ws.client().users.me({}), { status: 429, code: APIErrorCode.RateLimited });
  });

  it("count each integration and each person separately, and only authenticated requests", async () => {
    const ws = await slow.workspace();
    const alpha = await ws.integration("Alpha");
    const beta = await ws.integration("Beta");
    for (let i = 0; i < 5; i++)
      expect((await ws.fetch("/v1/users/me", { token: "ntn_wrong" })).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await ws.fetch("/v1/users/me", { token: alpha })).status).toBe(200);
    expect((await ws.fetch("/v1/users/me", { token: alpha })).status).toBe(429);
    expect((await ws.fetch("/v1/users/me", { token: beta })).status).toBe(200);
    expect((await ws.fetch("/v1/users/me")).status).toBe(200);
  });

  it("let the SDK's retries through once the bucket refills", async () => {
    // One request, then one more every 200 ms: the retry after `Retry-After: 1` always finds room.
    const server = await limitedServer({ perSecond: 5, burst: 1 });
    const ws = await server.workspace();
    const client = new Client({
      auth: ws.token,
      baseUrl: server.url,
      logLevel: LogLevel.ERROR,
      retry: { maxRetries: 3, initialRetryDelayMs: 5 },
    });
    const results = await Promise.all([client.users.me({}), client.users.me({}), client.users.me({})]);
    expect(results.map((me) => me.object)).toEqual(["user", "user", "user"]);
  });

  it("share one budget between processes on PostgreSQL, one per process on SQLite", async () => {
    const ws = await slow.workspace();
    const limit = { perSecond: 0.01, burst: 2 };
    // Two limiters over one database stand for two Quire processes.
    const first = createRateLimiter(slow.store, limit);
    const second = createRateLimiter(slow.store, limit);
    const key = { connection: `shared-${ws.id}`, workspace: ws.id, endpoint: "GET /v1/users/me" };
    const wait = async (limiter: typeof first) => (await limiter?.take(key))?.retryAfter ?? null;
    expect(await wait(first)).toBeNull();
    expect(await wait(second)).toBeNull();
    if (slow.store.dialect === "postgres") {
      expect(await wait(first)).toBeGreaterThan(90);
      expect(await wait(second)).toBeGreaterThan(90);
    } else {
      expect(await wait(first)).toBeNull();
      expect(await wait(first)).toBeGreaterThan(90);
      expect(await wait(second)).toBeNull();
    }
  });

  it("are off unless asked for", async () => {
    const server = await startTestServer();
    servers.push(server);
    const ws = await server.workspace();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => (await ws.fetch("/v1/users/me")).status),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
