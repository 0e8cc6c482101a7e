import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "../../src/http/rate-limit.ts";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { callError, callJson, mcpClient } from "./mcp-client.ts";

let server: TestServer;
// A stopped clock: a wait never runs out, so what the limiter answers depends only on the calls made.
const limiter = new MemoryRateLimiter({ perSecond: 0.1, burst: 2 }, () => 0);
beforeAll(async () => {
  server = await startTestServer({ app: () => ({ rateLimiter: limiter }) });
});
afterAll(() => server.close());

describe("rate limits", () => {
  it("count tool calls with the REST API's, and a long wait is a rate_limited tool error", async () => {
    const ws = await server.workspace();
    const client = await mcpClient(server.url, ws.token);
    await callJson(client, "notion-get-users", { user_id: "self" });
    // The same caller's REST request takes the second (and last) slot of the burst.
    expect((await ws.fetch("/v1/users/me")).status).toBe(200);
    const limited = await callError(client, "notion-get-users", { user_id: "self" });
    expect(limited).toMatchObject({ code: "rate_limited", retry_after_seconds: 10 });
    expect((await ws.fetch("/v1/users/me")).status).toBe(429);
  });
});
