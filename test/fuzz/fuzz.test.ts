import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { testDialect } from "../support/test-database.ts";
import { runFuzz } from "./run-fuzz.ts";

/**
 * A small fuzz run inside `npm test` (issue 18): requests derived from the endpoint table, mutated, on
 * every route. `npm run fuzz` runs the same generator for 10,000 requests per engine against `quire serve`.
 */
const SEED = 20261208;
const COUNT = Number(process.env["QUIRE_FUZZ_COUNT"] ?? 400);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("fuzzed requests on every route", () => {
  it(
    `answer ${COUNT} mutated requests with JSON or a Notion error, never a 5xx, and keep serving`,
    { timeout: 120_000 },
    async () => {
      const ws = await server.workspace();
      const report = await runFuzz({ baseUrl: server.url, token: ws.token, seed: SEED, count: COUNT });
      console.log(
        `${testDialect()}: ${report.requests} fuzzed requests over ${report.routes} routes: ${JSON.stringify(report.statuses)}`,
      );
      expect(report.problems).toEqual([]);
      expect(report.requests).toBe(COUNT);
      // Bad input was sent and refused, and valid input still worked: both kinds of answer are there.
      expect(Object.keys(report.statuses).some((s) => s.startsWith("2"))).toBe(true);
      expect(Object.keys(report.statuses).some((s) => s.startsWith("4"))).toBe(true);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    },
  );
});
