import type { Kysely } from "kysely";

/**
 * Comments (reference/comment-object). A discussion has no row of its own: it is the set of comments
 * sharing a `discussion_id`, all on the same page or block. `position` orders the comments under one
 * page or block (creation order, the order Notion lists them in) and gives cursors a stable key.
 */
export const commentsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("comments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("parent_type", "text", (c) => c.notNull())
      .addColumn("parent_id", "text", (c) => c.notNull().references("blocks.id"))
      .addColumn("discussion_id", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("rich_text", "text", (c) => c.notNull())
      // `[{file_upload_id}]` once file uploads exist; always `[]` until then.
      .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("display_type", "text", (c) => c.notNull())
      // Whose name the comment shows: the bot or a person; null for a custom name.
      .addColumn("display_user_id", "text")
      .addColumn("display_custom_name", "text")
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("last_edited_time", "text", (c) => c.notNull())
      .addColumn("deleted_time", "text")
      .execute();
    // Deleted comments keep their position, so positions under one parent are never reused.
    await db.schema
      .createIndex("comments_parent_position")
      .unique()
      .on("comments")
      .columns(["parent_id", "position"])
      .execute();
    await db.schema.createIndex("comments_discussion").on("comments").column("discussion_id").execute();
  },
};
