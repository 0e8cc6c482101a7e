import type { Kysely } from "kysely";

/**
 * The Free plan's workspace block limit (`quire serve --block-limit`, reference/workspace-block-limits):
 * one row per workspace that has reached it, with the end of its grace period. A workspace without a
 * row has not reached the limit; the row is never removed, as deleting blocks restores no capacity.
 */
export const blockLimitMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("block_limit_graces")
      .addColumn("workspace_id", "text", (c) => c.primaryKey().references("workspaces.id"))
      .addColumn("reached_time", "text", (c) => c.notNull())
      .addColumn("grace_ends_time", "text", (c) => c.notNull())
      .execute();
  },
};
