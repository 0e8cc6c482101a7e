import type { Kysely } from "kysely";

/**
 * People who sign in (accounts, memberships, sessions, sign-in throttling), guest page shares, and
 * public integrations with OAuth 2.0 (clients, grants, codes, refresh tokens). Every secret is stored as
 * a SHA-256 digest, passwords as scrypt hashes.
 */
export const accountsOauthMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // internal | public | installation (a public integration installed in a workspace through OAuth).
    await db.schema
      .alterTable("integrations")
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("internal"))
      .execute();
    await db.schema.alterTable("integrations").addColumn("icon", "text").execute();
    await db.schema.alterTable("integrations").addColumn("installed_from", "text").execute();
    await db.schema.alterTable("tokens").addColumn("label", "text").execute();
    await db.schema
      .createTable("accounts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("memberships")
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("user_id", "text", (c) => c.notNull().unique().references("users.id"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("memberships_pk", ["account_id", "workspace_id"])
      .execute();
    await db.schema
      .createTable("sessions")
      .addColumn("id_hash", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("csrf_token", "text", (c) => c.notNull())
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("expires_time", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("sign_in_failures")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("failures", "integer", (c) => c.notNull())
      .addColumn("first_failure_time", "text", (c) => c.notNull())
      .addColumn("locked_until", "text")
      .execute();
    await db.schema
      .createTable("guest_shares")
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("block_id", "text", (c) => c.notNull().references("blocks.id"))
      .addColumn("created_time", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("guest_shares_pk", ["user_id", "block_id"])
      .execute();
    await db.schema
      .createTable("oauth_clients")
      .addColumn("integration_id", "text", (c) => c.primaryKey().references("integrations.id"))
      .addColumn("client_id", "text", (c) => c.notNull().unique())
      .addColumn("client_secret_hash", "text", (c) => c.notNull())
      .addColumn("redirect_uris", "text", (c) => c.notNull())
      .addColumn("template_page_id", "text")
      .execute();
    await db.schema
      .createTable("oauth_grants")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("client_integration_id", "text", (c) => c.notNull().references("integrations.id"))
      .addColumn("installation_id", "text", (c) => c.notNull().references("integrations.id"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("duplicated_template_id", "text")
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("revoked_time", "text")
      .execute();
    await db.schema
      .createTable("oauth_codes")
      .addColumn("code_hash", "text", (c) => c.primaryKey())
      .addColumn("grant_id", "text", (c) => c.notNull().references("oauth_grants.id"))
      .addColumn("redirect_uri", "text")
      .addColumn("code_challenge", "text")
      .addColumn("expires_time", "text", (c) => c.notNull())
      .addColumn("used_time", "text")
      .execute();
    await db.schema
      .createTable("oauth_refresh_tokens")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("grant_id", "text", (c) => c.notNull().references("oauth_grants.id"))
      .addColumn("created_time", "text", (c) => c.notNull())
      .addColumn("used_time", "text")
      .execute();
    await db.schema
      .createTable("oauth_access_tokens")
      .addColumn("token_id", "text", (c) => c.primaryKey().references("tokens.id"))
      .addColumn("grant_id", "text", (c) => c.notNull().references("oauth_grants.id"))
      .execute();
    await db.schema
      .createIndex("oauth_access_tokens_grant")
      .on("oauth_access_tokens")
      .column("grant_id")
      .execute();
  },
};
