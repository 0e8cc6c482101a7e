import { describe, expect, it } from "vitest";
import { MemoryRateLimiter, NOTION_RATE_LIMIT, type RateLimiter, parseRateLimit } from "./rate-limit.ts";
import { notionWindowLimits } from "./rate-limit-windows.ts";

/** The seconds a connection is told to wait, or null when its request may proceed. */
async function wait(limiter: RateLimiter, connection: string): Promise<number | null> {
  const refused = await limiter.take({ connection, workspace: "ws", endpoint: "GET /v1/users/me" });
  return refused?.retryAfter ?? null;
}

describe("parseRateLimit", () => {
  it("reads notion (per plan), average, off and requests per second", () => {
    expect(parseRateLimit("notion")).toEqual(notionWindowLimits("free"));
    expect(parseRateLimit("notion", "business")).toEqual(notionWindowLimits("business"));
    expect(parseRateLimit("average")).toEqual(NOTION_RATE_LIMIT);
    expect(parseRateLimit(undefined)).toBeUndefined();
    expect(parseRateLimit("off")).toBeUndefined();
    expect(parseRateLimit("10")).toEqual({ perSecond: 10, burst: 10 });
    expect(parseRateLimit("0.5")).toEqual({ perSecond: 0.5, burst: 1 });
    for (const bad of ["0", "-3", "fast", "Infinity"])
      expect(() => parseRateLimit(bad)).toThrow(/rate limit/);
  });
});

describe("MemoryRateLimiter", () => {
  it("lets a burst through, then one request per interval, telling callers how long to wait", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ perSecond: 2, burst: 3 }, () => now);
    const take = () => wait(limiter, "bot");
    expect([await take(), await take(), await take()]).toEqual([null, null, null]);
    expect(await take()).toBe(1);
    now += 499;
    expect(await take()).toBe(1);
    now += 1;
    expect(await take()).toBeNull();
    expect(await take()).toBe(1);
    // A refused request costs nothing: waiting one interval is always enough.
    now += 500;
    expect(await take()).toBeNull();
    // Idle callers refill up to the burst, never beyond.
    now += 60_000;
    expect([await take(), await take(), await take(), await take()]).toEqual([null, null, null, 1]);
  });

  it("keeps callers apart and rounds long waits up to whole seconds", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ perSecond: 0.1, burst: 1 }, () => now);
    expect(await wait(limiter, "a")).toBeNull();
    expect(await wait(limiter, "b")).toBeNull();
    expect(await wait(limiter, "a")).toBe(10);
    now += 8_500;
    expect(await wait(limiter, "a")).toBe(2);
  });

  it("Notion's limit allows 180 at once and three a second after that", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(NOTION_RATE_LIMIT, () => now);
    for (let i = 0; i < 180; i++) expect(await wait(limiter, "bot")).toBeNull();
    expect(await wait(limiter, "bot")).toBe(1);
    now += 1000;
    expect([await wait(limiter, "bot"), await wait(limiter, "bot"), await wait(limiter, "bot")]).toEqual([
      null,
      null,
      null,
    ]);
    expect(await wait(limiter, "bot")).toBe(1);
  });
});
