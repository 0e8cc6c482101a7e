import type { ServiceContext } from "../context.ts";
import { consistentDump, replaceState } from "../../harness/state-service.ts";
import { type SeedResult, applySeed } from "./apply-seed.ts";
import type { Seed } from "./seed-format.ts";

/**
 * Applies a seed all or nothing. A seed passes through many service calls (each its own transaction),
 * and one may refuse a value only the service can judge; then the state from before the seed comes back.
 */
export async function seedWorkspace(
  ctx: ServiceContext,
  target: { workspaceId: string; ownerId: string },
  seed: Seed,
): Promise<SeedResult> {
  const before = await consistentDump(ctx.store);
  try {
    return await applySeed(ctx, target, seed);
  } catch (error) {
    await replaceState(ctx, before);
    throw error;
  }
}
