import { HarnessClock } from "../../src/harness/clock.ts";
import { FaultStore } from "../../src/harness/faults.ts";
import { RequestLog } from "../../src/harness/request-log.ts";
import { type RateLimit, createRateLimiter } from "../../src/http/rate-limit.ts";
import { type TestServer, startTestServer } from "./quire.ts";

export const HARNESS_TOKEN = "harness-test-token";

export interface HarnessServer extends TestServer {
  clock: HarnessClock;
  faults: FaultStore;
  requestLog: RequestLog;
  /** Calls `/__quire/<path>` with the harness token and a JSON body. */
  harness(path: string, init?: { method?: string; body?: unknown; token?: string | null }): Promise<Response>;
}

/** A listening Quire with the harness on, its clock behind every timestamp, and optionally a rate limit. */
export async function startHarnessServer(
  options: { rateLimit?: RateLimit; requestLogSize?: number; random?: () => number } = {},
): Promise<HarnessServer> {
  const clock = new HarnessClock();
  const faults = new FaultStore(options.random);
  const requestLog = new RequestLog(options.requestLogSize);
  const server = await startTestServer({
    clock: () => clock.now(),
    app: (ctx) => ({
      harness: { token: HARNESS_TOKEN, clock, faults, requestLog },
      rateLimiter: createRateLimiter(ctx.store, options.rateLimit),
    }),
  });
  return {
    ...server,
    clock,
    faults,
    requestLog,
    harness: (path, init = {}) => {
      const headers = new Headers();
      const token = init.token === undefined ? HARNESS_TOKEN : init.token;
      if (token !== null) headers.set("x-quire-harness-token", token);
      if (init.body !== undefined) headers.set("content-type", "application/json");
      return fetch(`${server.url}/__quire/${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
      });
    },
  };
}
