import type { RenderWebhookEvent } from "./webhook-payload.ts";

/** How webhooks are delivered in this process (config.ts reads the flags and environment). */
export interface WebhookSettings {
  /** Aggregation window of `page.content_updated` and friends (`--webhook-window-ms`). */
  windowMs: number;
  /** Delays before attempts 2, 3, … (`--webhook-retry-schedule-ms`); attempts stop after 8. */
  retryScheduleMs: number[];
  /** How long one request may take before it counts as failed. */
  timeoutMs: number;
  /** The outbound fetch (injected so tests and the SSRF guard can replace it). */
  fetch: typeof fetch;
  /** The event body (presenters/present-webhook.ts; injected, as services never build the wire). */
  render: RenderWebhookEvent;
  /** The verification request's body. */
  renderVerification: (token: string) => string;
}

/**
 * Notion aggregates "typically within a minute"; a few seconds keeps rapid edits together without
 * making a developer wait. Tests set 0 or a few milliseconds.
 */
export const DEFAULT_WINDOW_MS = 3000;

/**
 * Eight attempts in about a day, as Notion's (third-party summaries: 8 attempts over ~24 h): 1 min,
 * 5 min, 15 min, 1 h, 3 h, 6 h, then 12 h before the last.
 */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  60_000, 300_000, 900_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
];

export const MAX_ATTEMPTS = 8;

/** Parses `200,400,800`: delays before attempts 2, 3, …; at most 7 (attempt 8 is the last). */
export function parseRetrySchedule(text: string): number[] {
  const delays = text.split(",").map((s) => Number(s.trim()));
  if (
    delays.length === 0 ||
    delays.length > MAX_ATTEMPTS - 1 ||
    delays.some((d) => !Number.isInteger(d) || d < 0)
  ) {
    throw new Error(
      `Invalid webhook retry schedule: ${text} (expected up to ${MAX_ATTEMPTS - 1} comma-separated delays in ms)`,
    );
  }
  return delays;
}

export function parseWindowMs(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) {
    throw new Error(`Invalid webhook window: ${text} (expected milliseconds, 0 to 600000)`);
  }
  return ms;
}
