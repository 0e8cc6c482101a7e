import { afterEach, describe, expect, it } from "vitest";
import { type Served, databaseFlags, kill, quire, serve, tokenIn } from "./run-cli.ts";

const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => kill(s)));
});

describe("quire serve --rate-limit", () => {
  it("limits each connection to the given requests per second", async () => {
    // One request per 100 s: the second is refused however slow the machine is.
    const served = await serve(["--rate-limit", "0.01", ...(await databaseFlags())]);
    running.push(served);
    expect(served.lines).toContain("Rate limit: 0.01 requests/s per connection, bursts of 1");
    const headers = {
      authorization: `Bearer ${tokenIn(served.lines) ?? ""}`,
      "notion-version": "2025-09-03",
    };
    expect((await fetch(`${served.url}/v1/users/me`, { headers })).status).toBe(200);
    const limited = await fetch(`${served.url}/v1/users/me`, { headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(90);
    expect(await limited.json()).toMatchObject({ code: "rate_limited" });
  });

  it("chooses Notion's per-plan windows with --rate-limit notion --plan", async () => {
    const served = await serve(["--rate-limit", "notion", "--plan", "business", ...(await databaseFlags())]);
    running.push(served);
    expect(served.lines).toContain(
      "Rate limit: Notion's business plan, 600 requests per connection per 60 s, 15000 per workspace per 300 s",
    );
    await expect(
      quire(["serve", "--rate-limit", "notion", "--plan", "pro", ...(await databaseFlags())]),
    ).rejects.toThrow(/Invalid plan: pro/);
  });

  it("turns on the Free plan's block limit with --block-limit, and refuses it with another plan", async () => {
    const served = await serve(["--block-limit", ...(await databaseFlags())]);
    running.push(served);
    expect(served.lines).toContain(
      "Block limit: the Free plan's 1,000 blocks per workspace with more than one member, then 3 days of grace, for internal integrations",
    );
    await expect(
      quire(["serve", "--block-limit", "--plan", "plus", ...(await databaseFlags())]),
    ).rejects.toThrow(/--block-limit models the Free plan's block limit; the plan is plus/);
  });

  it("rejects a limit it cannot read", async () => {
    await expect(quire(["serve", "--rate-limit", "fast", ...(await databaseFlags())])).rejects.toThrow(
      /Invalid rate limit: fast/,
    );
  });
});
