import { randomBytes } from "node:crypto";
import type { ServiceContext } from "../services/context.ts";
import { captureBaseline } from "./state-service.ts";
import type { HarnessClock } from "./clock.ts";
import { FaultStore } from "./faults.ts";
import type { HarnessOptions } from "./guard.ts";
import { RequestLog } from "./request-log.ts";

/**
 * `quire serve --harness`: the harness token (QUIRE_HARNESS_TOKEN, so scripts can fix it, or a new one)
 * and the reset target: the default workspace with its owner and the owner's personal tokens, so a
 * token printed at startup keeps working across resets.
 */
export async function startHarness(
  ctx: ServiceContext,
  clock: HarnessClock,
  enabled: boolean | undefined,
  requestLogSize: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ options: HarnessOptions; announce(url: string): void } | undefined> {
  if (!enabled) return undefined;
  const token = env.QUIRE_HARNESS_TOKEN?.trim() || `qh_${randomBytes(24).toString("hex")}`;
  await captureBaseline(ctx, "workspace");
  return {
    options: { token, clock, faults: new FaultStore(), requestLog: new RequestLog(requestLogSize) },
    announce: (url) => {
      console.log(`Harness API at ${url}/__quire (reset, seed, snapshots, clock, faults).`);
      console.log(`Harness token: ${token}`);
    },
  };
}
