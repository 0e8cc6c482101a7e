import type { Kysely } from "kysely";

/**
 * OAuth for `/mcp` (docs/mcp.md), beside the public integrations' OAuth of migration 009 because its
 * grants are different: a client registers itself (RFC 7591, public, no secret), and a grant acts as
 * the person who allowed it rather than as an installed bot. Codes and tokens are stored as SHA-256
 * digests; a refresh token is used once (rotation), access tokens expire.
 */
export const mcpOauthMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("mcp_clients")
      .addColumn("client_id", "text", (c) => c.primaryKey())
      .addColumn("client_name", "text", (c) => c.notNull())
      .addColumn("client_uri", "text")
      .addColumn("redirect_uris", "text", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("mcp_grants")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("client_id", "text", (c) => c.notNull().references("mcp_clients.client_id"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("last_used_time", "text")
      .addColumn("revoked_time", "text")
      .execute();
    await db.schema
      .createIndex("mcp_grants_user")
      .on("mcp_grants")
      .columns(["user_id", "revoked_time"])
      .execute();
    await db.schema
      .createTable("mcp_codes")
      .addColumn("code_hash", "text", (c) => c.primaryKey())
      .addColumn("grant_id", "text", (c) => c.notNull().references("mcp_grants.id"))
      .addColumn("redirect_uri", "text", (c) => c.notNull())
      .addColumn("code_challenge", "text", (c) => c.notNull())
      .addColumn("expires_time", "text", (c) => c.notNull())
      .addColumn("used_time", "text")
      .execute();
    await db.schema
      .createTable("mcp_tokens")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("grant_id", "text", (c) => c.notNull().references("mcp_grants.id"))
      // access | refresh
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("expires_time", "text")
      .addColumn("used_time", "text")
      .execute();
    await db.schema.createIndex("mcp_tokens_grant").on("mcp_tokens").column("grant_id").execute();
  },
};
