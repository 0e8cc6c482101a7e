import { sql } from "kysely";
import type { Executor } from "./executor.ts";

/** When the workspace's grace period after reaching the block limit ends; undefined before it is reached. */
export async function findGraceEnd(db: Executor, workspaceId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("blockLimitGraces")
    .select("graceEndsTime")
    .where("workspaceId", "=", workspaceId)
    .executeTakeFirst();
  return row?.graceEndsTime;
}

/** Records that the workspace reached the limit; the first record stands (a grace period never restarts). */
export async function startGrace(
  db: Executor,
  grace: { workspaceId: string; reachedTime: string; graceEndsTime: string },
): Promise<void> {
  await db
    .insertInto("blockLimitGraces")
    .values(grace)
    .onConflict((c) => c.column("workspaceId").doNothing())
    .execute();
}

/** Blocks the workspace has made, trashed ones included (Quire never erases a block, so this is lifetime). */
export async function countBlocks(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom("blocks")
    .select(sql<number>`count(*)`.as("n"))
    .where("workspaceId", "=", workspaceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** People of the workspace who are not guests: the members the Free plan's limit counts. */
export async function countMembers(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select(sql<number>`count(*)`.as("n"))
    .where("workspaceId", "=", workspaceId)
    .where("type", "=", "person")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("memberships")
            .select("memberships.userId")
            .whereRef("memberships.userId", "=", "users.id")
            .where("memberships.role", "=", "guest"),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
