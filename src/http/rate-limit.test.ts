import { describe, expect, it } from "vitest";
import { MemoryRateLimiter, NOTION_RATE_LIMIT, parseRateLimit } from "./rate-limit.ts";

describe("parseRateLimit", () => {
  it("reads notion, off and requests per second", () => {
    expect(parseRateLimit("notion")).toEqual(NOTION_RATE_LIMIT);
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
    const take = () => limiter.take("bot");
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
    expect(await limiter.take("a")).toBeNull();
    expect(await limiter.take("b")).toBeNull();
    expect(await limiter.take("a")).toBe(10);
    now += 8_500;
    expect(await limiter.take("a")).toBe(2);
  });

  it("Notion's limit allows 180 at once and three a second after that", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(NOTION_RATE_LIMIT, () => now);
    for (let i = 0; i < 180; i++) expect(await limiter.take("bot")).toBeNull();
    expect(await limiter.take("bot")).toBe(1);
    now += 1000;
    expect([await limiter.take("bot"), await limiter.take("bot"), await limiter.take("bot")]).toEqual([
      null,
      null,
      null,
    ]);
    expect(await limiter.take("bot")).toBe(1);
  });
});
