import { type Kysely, sql } from "kysely";
import type { Dialect } from "../store.ts";

/**
 * Databases and data sources. Both also have a row in `blocks` with the same id (types
 * `child_database` and `data_source`), so ancestry, sharing and trash work through one tree:
 * page → child_database → data_source → row pages.
 */
export function databasesMigration(dialect: Dialect) {
  const json = dialect === "postgres" ? sql`jsonb` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("blocks")
        .addColumn("query_values", json, (c) => c.notNull().defaultTo(sql`'{}'`))
        .execute();
      await db.schema
        .createTable("databases")
        .addColumn("id", "text", (c) => c.primaryKey().references("blocks.id"))
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("is_inline", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable("data_sources")
        .addColumn("id", "text", (c) => c.primaryKey().references("blocks.id"))
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
        .addColumn("database_id", "text", (c) => c.notNull().references("databases.id"))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("properties", "text", (c) => c.notNull())
        // Next `unique_id` number; incremented under the data source's row lock.
        .addColumn("unique_counter", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("data_sources_database").on("data_sources").column("database_id").execute();
    },
  };
}
