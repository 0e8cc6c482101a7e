import { type Kysely, sql } from "kysely";

/**
 * `has_children` asks "is there a live child block under this one?" for every block served. The
 * general children index also holds data-source rows, so a planner may judge it poor for that question
 * and scan the table instead; a partial index of live block children answers it with one probe.
 */
export const liveChildrenMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create index blocks_live_children on blocks (parent_id)
      where in_trash = 0 and parent_type in ('page_id', 'block_id')`.execute(db);
  },
};
