import { type Kysely, sql } from "kysely";
import type { Dialect } from "../store.ts";

/** Workspaces, people and bots, tokens, sharing grants, and the pages-and-blocks tree. */
export function coreMigration(dialect: Dialect) {
  // Sort keys compare byte-wise on both engines; PostgreSQL's default collation is locale-aware.
  const sortKeyType = dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("workspaces")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("icon", "text")
        .addColumn("created_time", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("name", "text")
        .addColumn("avatar_url", "text")
        .addColumn("email", "text")
        .addColumn("created_time", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("users_workspace").on("users").columns(["workspace_id", "id"]).execute();
      await db.schema
        .createTable("integrations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("bot_user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("capabilities", "text", (c) => c.notNull())
        .addColumn("owner_user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_time", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("integrations_workspace_name")
        .on("integrations")
        .columns(["workspace_id", "name"])
        .execute();
      await db.schema
        .createTable("tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("integration_id", "text", (c) => c.references("integrations.id"))
        .addColumn("created_time", "text", (c) => c.notNull())
        .addColumn("revoked_time", "text")
        .execute();
      await db.schema
        .createTable("blocks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("parent_type", "text", (c) => c.notNull())
        .addColumn("parent_id", "text")
        .addColumn("sort_key", sortKeyType, (c) => c.notNull())
        .addColumn("content", "text", (c) => c.notNull())
        .addColumn("properties", "text")
        .addColumn("icon", "text")
        .addColumn("cover", "text")
        .addColumn("is_locked", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("in_trash", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("is_archived", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_time", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("last_edited_time", "text", (c) => c.notNull())
        .addColumn("last_edited_by", "text", (c) => c.notNull())
        .execute();
      // Unique: siblings never share a key, so child order (and cursors) are always total.
      await db.schema
        .createIndex("blocks_children")
        .unique()
        .on("blocks")
        // Also serves "last key under a parent" for appends, which must see trashed siblings too.
        .columns(["parent_id", "sort_key"])
        .execute();
      await db.schema
        .createIndex("blocks_workspace_type")
        .on("blocks")
        .columns(["workspace_id", "type"])
        .execute();
      await db.schema
        .createTable("grants")
        .addColumn("integration_id", "text", (c) => c.notNull().references("integrations.id"))
        .addColumn("block_id", "text", (c) => c.notNull().references("blocks.id"))
        .addColumn("created_time", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("grants_pk", ["integration_id", "block_id"])
        .execute();
    },
  };
}
