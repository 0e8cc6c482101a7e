import fc from "fast-check";
import { documentedRoutes } from "../support/endpoint-table.ts";
import { describeRequest, problemWith, send } from "./check.ts";
import { buildFixture } from "./fixture.ts";
import { fuzzRequests } from "./requests.ts";

export interface FuzzReport {
  requests: number;
  routes: number;
  /** HTTP status → answers. */
  statuses: Record<string, number>;
  /** The first problems found, each with the request that caused it. */
  problems: string[];
  problemCount: number;
}

/** Every documented route but the harness's own (served only with `--harness`). */
export function fuzzedRoutes(): string[] {
  return documentedRoutes().filter((route) => !route.includes(" /__quire/"));
}

/**
 * Sends `count` fuzzed requests (derived from `seed`, so a run can be repeated exactly) to a Quire at
 * `baseUrl`, `concurrency` at a time, and judges every answer.
 */
export async function runFuzz(options: {
  baseUrl: string;
  token: string;
  seed: number;
  count: number;
  concurrency?: number;
}): Promise<FuzzReport> {
  const fixture = await buildFixture(options.baseUrl, options.token);
  const routes = fuzzedRoutes();
  const requests = fc.sample(fuzzRequests(routes, fixture, options.token), {
    seed: options.seed,
    numRuns: options.count,
  });
  const report: FuzzReport = {
    requests: 0,
    routes: routes.length,
    statuses: {},
    problems: [],
    problemCount: 0,
  };
  const record = (problem: string) => {
    report.problemCount++;
    if (report.problems.length < 10) report.problems.push(problem);
  };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++];
      if (!req) break;
      report.requests++;
      try {
        const answer = await send(options.baseUrl, req);
        report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
        const problem = problemWith(req, answer);
        if (problem) record(`${problem}\n  after ${describeRequest(req)}`);
      } catch (error) {
        record(`${error instanceof Error ? error.message : String(error)}\n  after ${describeRequest(req)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return report;
}
