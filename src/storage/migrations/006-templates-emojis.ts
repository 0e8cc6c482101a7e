import { type Kysely, sql } from "kysely";

/**
 * Data source templates and custom emojis.
 *
 * A template is a page of its data source (parent `data_source_id`, so it has the source's properties
 * and can be read and edited by id like any row) flagged `is_template`: queries, search and row
 * listings skip it (developers.notion.com/docs/creating-pages-from-templates). The source's default
 * template is a column of the source, so there is at most one.
 */
export const templatesEmojisMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("blocks")
      .addColumn("is_template", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("data_sources").addColumn("default_template_id", "text").execute();
    // Listing a source's templates in order without walking its rows.
    await sql`create index blocks_templates on blocks (parent_id, sort_key) where is_template = 1`.execute(
      db,
    );
    await db.schema
      .createTable("custom_emojis")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
      .addColumn("created_time", "text", (c) => c.notNull())
      .execute();
    // Names are unique in a workspace (they are how people type them: `:name:`); also the list order.
    await db.schema
      .createIndex("custom_emojis_workspace_name")
      .unique()
      .on("custom_emojis")
      .columns(["workspace_id", "name"])
      .execute();
  },
};
