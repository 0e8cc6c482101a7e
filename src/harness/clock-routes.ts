import type { FastifyInstance } from "fastify";
import { durationMs } from "../domain/iso-duration.ts";
import { type JsonObject, fail, isObject, requireEnum } from "../domain/validation.ts";
import type { HarnessClock } from "./clock.ts";

const CLOCK_ACTIONS = ["freeze", "advance", "resume", "reset"] as const;

function presentClock(clock: HarnessClock) {
  return { object: "clock", now: clock.now().toISOString(), frozen: clock.frozen };
}

function instantOf(value: unknown, path: string): Date | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) fail(path, "an ISO 8601 date-time", value);
  return new Date(ms);
}

/** How far `advance` moves: `by_ms`, or an ISO 8601 duration in `by` (`PT1H`, `P7D`, `-P1D`). */
function advanceMs(body: JsonObject, clock: HarnessClock): number {
  const { by_ms: byMs, by } = body;
  if (byMs !== undefined) {
    if (typeof byMs !== "number" || !Number.isFinite(byMs)) fail("body.by_ms", "a number", byMs);
    return byMs;
  }
  if (typeof by !== "string") fail("body.by", "an ISO 8601 duration such as `PT1H` or `P7D`", by);
  const ms = durationMs(by, clock.now());
  if (ms === undefined) fail("body.by", "an ISO 8601 duration such as `PT1H` or `P7D`", by);
  return ms;
}

/**
 * `GET /__quire/clock` and `POST /__quire/clock` with `{action: "freeze", at?}`, `{action: "advance",
 * by_ms | by}`, `{action: "resume"}` or `{action: "reset"}`. Every timestamp Quire writes and every
 * relative date filter reads this clock.
 */
export function registerClockRoutes(harness: FastifyInstance, clock: HarnessClock): void {
  harness.get("/clock", async () => presentClock(clock));
  harness.post("/clock", async (request) => {
    const body: unknown = request.body ?? {};
    if (!isObject(body)) fail("body", "an object", body);
    const action = requireEnum(body["action"], "body.action", CLOCK_ACTIONS);
    if (action === "freeze") clock.freeze(instantOf(body["at"], "body.at"));
    else if (action === "advance") clock.advance(advanceMs(body, clock));
    else if (action === "resume") clock.resume();
    else clock.reset();
    return presentClock(clock);
  });
}
