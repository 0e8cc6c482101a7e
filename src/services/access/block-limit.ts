import { ApiError } from "../../errors.ts";
import { countBlocks, countMembers, findGraceEnd, startGrace } from "../../storage/block-limit-repo.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import type { Viewer } from "./viewer.ts";

/**
 * The Free plan's workspace block limit (reference/workspace-block-limits), on with `quire serve
 * --block-limit`: a Free workspace with more than one member (guests don't count) may make 1,000 blocks
 * in its lifetime. The write that reaches the limit succeeds and starts a three-day grace period; once it
 * ends, requests that create blocks fail for internal integrations. Personal access tokens and public
 * integrations (installable in any workspace) are never refused. Reads, edits and deletes stay open.
 */
export const FREE_PLAN_BLOCK_LIMIT = { lifetimeBlocks: 1000, graceMs: 3 * 24 * 60 * 60 * 1000 };

export type BlockLimit = typeof FREE_PLAN_BLOCK_LIMIT;

/** Before a request that creates blocks: refuses an internal integration once the grace period is over. */
export async function checkBlockLimit(ctx: ServiceContext, viewer: Viewer): Promise<void> {
  if (!viewer.integration || (viewer.integration.kind ?? "internal") !== "internal") return;
  const graceEnds = await findGraceEnd(ctx.store.db, viewer.workspaceId);
  if (graceEnds === undefined || nowIso(ctx) < graceEnds) return;
  throw new ApiError(
    "restricted_resource",
    "This workspace has reached the Free plan's limit of 1,000 blocks and its grace period has ended, " +
      "so new blocks cannot be created. Reads, edits and deletes still work; upgrade the plan to add content.",
  );
}

/** After a request that created blocks, whoever made it: starts the grace period when the limit is reached. */
export async function noteBlockUsage(
  ctx: ServiceContext,
  workspaceId: string,
  limit: BlockLimit,
): Promise<void> {
  const db = ctx.store.db;
  if ((await findGraceEnd(db, workspaceId)) !== undefined) return;
  if ((await countMembers(db, workspaceId)) < 2) return;
  if ((await countBlocks(db, workspaceId)) < limit.lifetimeBlocks) return;
  const now = ctx.clock();
  await startGrace(db, {
    workspaceId,
    reachedTime: now.toISOString(),
    graceEndsTime: new Date(now.getTime() + limit.graceMs).toISOString(),
  });
}
