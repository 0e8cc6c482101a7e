/** What every rate limiter (average-rate bucket or Notion's windows) shares. */

/** Which of Notion's limits refused a request (`additional_data.rate_limit_reason`, reference/request-limits). */
export type RateLimitReason =
  "public_api_request_rate_limit" | "public_api_space_request_rate_limit" | "public_api_endpoint_rate_limit";

/** One request to count: who sent it, in which workspace, to which endpoint (`GET /v1/users/me`). */
export interface RateLimitedCall {
  connection: string;
  workspace: string;
  endpoint: string;
}

export interface RateLimitRefusal {
  retryAfter: number;
  reason: RateLimitReason;
}

/** Counts one request: `null` when it may proceed, else how long to wait and which limit it hit. */
export interface RateLimiter {
  take(call: RateLimitedCall): Promise<RateLimitRefusal | null>;
}

/** Whole seconds, at least one: Notion sends integers and a zero would invite an immediate retry. */
export function retryAfter(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000 - 1e-9));
}
