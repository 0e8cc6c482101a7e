import { describe, expect, it } from "vitest";
import { MemoryWindowLimiter, notionWindowLimits, parsePlan } from "./rate-limit-windows.ts";

const call = (connection: string, workspace = "ws", endpoint = "GET /v1/users/me") => ({
  connection,
  workspace,
  endpoint,
});

describe("Notion's plan budgets", () => {
  it("give 180 requests a minute per connection, 600 on Business and Enterprise", () => {
    expect(notionWindowLimits("free").connection).toEqual({ budget: 180, windowS: 60 });
    expect(notionWindowLimits("plus").connection).toEqual({ budget: 180, windowS: 60 });
    expect(notionWindowLimits("business").connection).toEqual({ budget: 600, windowS: 60 });
    expect(notionWindowLimits("enterprise").connection).toEqual({ budget: 600, windowS: 60 });
    // The workspace window is longer than a minute, so its Retry-After can be too.
    expect(notionWindowLimits("free").workspace.windowS).toBeGreaterThan(60);
  });

  it("read --plan", () => {
    expect(parsePlan(undefined)).toBe("free");
    expect(parsePlan("enterprise")).toBe("enterprise");
    expect(() => parsePlan("pro")).toThrow(/Invalid plan: pro/);
  });
});

describe("MemoryWindowLimiter", () => {
  it("lets a connection's budget through in one burst, then waits for its window to reset", async () => {
    let now = 0;
    const limiter = new MemoryWindowLimiter(notionWindowLimits("free"), () => now);
    for (let i = 0; i < 180; i++) expect(await limiter.take(call("bot"))).toBeNull();
    expect(await limiter.take(call("bot"))).toEqual({
      retryAfter: 60,
      reason: "public_api_request_rate_limit",
    });
    now = 45_200;
    expect(await limiter.take(call("bot"))).toEqual({
      retryAfter: 15,
      reason: "public_api_request_rate_limit",
    });
    // Another connection has its own budget.
    expect(await limiter.take(call("other"))).toBeNull();
    now = 60_000;
    expect(await limiter.take(call("bot"))).toBeNull();
  });

  it("shares the workspace's budget between its connections and names that limit", async () => {
    let now = 0;
    const limits = { ...notionWindowLimits("free"), workspace: { budget: 3, windowS: 120 } };
    const limiter = new MemoryWindowLimiter(limits, () => now);
    for (const bot of ["a", "b", "c"]) expect(await limiter.take(call(bot))).toBeNull();
    expect(await limiter.take(call("d"))).toEqual({
      retryAfter: 120,
      reason: "public_api_space_request_rate_limit",
    });
    expect(await limiter.take(call("d", "other-workspace"))).toBeNull();
    now = 120_000;
    expect(await limiter.take(call("d"))).toBeNull();
  });

  it("applies an endpoint's own budget to that endpoint only", async () => {
    const limits = notionWindowLimits("free", { "POST /v1/search": { budget: 2, windowS: 30 } });
    const limiter = new MemoryWindowLimiter(limits, () => 0);
    const search = call("bot", "ws", "POST /v1/search");
    expect([await limiter.take(search), await limiter.take(search)]).toEqual([null, null]);
    expect(await limiter.take(search)).toEqual({ retryAfter: 30, reason: "public_api_endpoint_rate_limit" });
    expect(await limiter.take(call("bot"))).toBeNull();
  });

  it("names the limit that resets last when a request exceeds several", async () => {
    const limits = {
      ...notionWindowLimits("free"),
      connection: { budget: 1, windowS: 60 },
      workspace: { budget: 1, windowS: 300 },
    };
    const limiter = new MemoryWindowLimiter(limits, () => 0);
    expect(await limiter.take(call("bot"))).toBeNull();
    expect(await limiter.take(call("bot"))).toEqual({
      retryAfter: 300,
      reason: "public_api_space_request_rate_limit",
    });
  });
});
