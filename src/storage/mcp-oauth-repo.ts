import type { Executor } from "./executor.ts";
import { decodeStringList } from "./json-columns.ts";
import type { McpClientTable, McpCodeTable, McpGrantTable, McpTokenTable } from "./schema-mcp.ts";

/** The SQL of `/mcp`'s OAuth (migration 016); services/mcp-oauth holds the rules. */
export interface McpClientRecord extends Omit<McpClientTable, "redirectUris"> {
  redirectUris: string[];
}

export async function insertMcpClient(db: Executor, client: McpClientRecord): Promise<void> {
  await db
    .insertInto("mcpClients")
    .values({ ...client, redirectUris: JSON.stringify(client.redirectUris) })
    .execute();
}

export async function findMcpClient(db: Executor, clientId: string): Promise<McpClientRecord | undefined> {
  const row = await db
    .selectFrom("mcpClients")
    .selectAll()
    .where("clientId", "=", clientId)
    .executeTakeFirst();
  return row && { ...row, redirectUris: decodeStringList(row.redirectUris, "MCP redirect URIs") };
}

export async function insertMcpGrant(db: Executor, grant: McpGrantTable): Promise<void> {
  await db.insertInto("mcpGrants").values(grant).execute();
}

export async function findMcpGrant(db: Executor, id: string): Promise<McpGrantTable | undefined> {
  return db.selectFrom("mcpGrants").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function revokeMcpGrant(db: Executor, id: string, now: string): Promise<void> {
  await db
    .updateTable("mcpGrants")
    .set({ revokedTime: now })
    .where("id", "=", id)
    .where("revokedTime", "is", null)
    .execute();
}

/** A person's live MCP connections, with their clients' names, newest first (the dashboard lists them). */
export async function listLiveMcpGrants(db: Executor, userId: string) {
  return db
    .selectFrom("mcpGrants")
    .innerJoin("mcpClients", "mcpClients.clientId", "mcpGrants.clientId")
    .select(["mcpGrants.id", "mcpClients.clientName", "mcpGrants.createdTime", "mcpGrants.lastUsedTime"])
    .where("mcpGrants.userId", "=", userId)
    .where("mcpGrants.revokedTime", "is", null)
    .orderBy("mcpGrants.createdTime", "desc")
    .execute();
}

export async function insertMcpCode(db: Executor, code: McpCodeTable): Promise<void> {
  await db.insertInto("mcpCodes").values(code).execute();
}

export async function findMcpCode(db: Executor, codeHash: string): Promise<McpCodeTable | undefined> {
  return db.selectFrom("mcpCodes").selectAll().where("codeHash", "=", codeHash).executeTakeFirst();
}

/** Marks a code used; false when another request used it first (the update is the race's referee). */
export async function useMcpCode(db: Executor, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("mcpCodes")
    .set({ usedTime: now })
    .where("codeHash", "=", codeHash)
    .where("usedTime", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertMcpToken(db: Executor, token: McpTokenTable): Promise<void> {
  await db.insertInto("mcpTokens").values(token).execute();
}

export async function findMcpToken(db: Executor, tokenHash: string): Promise<McpTokenTable | undefined> {
  return db.selectFrom("mcpTokens").selectAll().where("tokenHash", "=", tokenHash).executeTakeFirst();
}

/** Uses a refresh token once; false when it was already used (by this request's rival or a thief). */
export async function useMcpRefreshToken(db: Executor, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("mcpTokens")
    .set({ usedTime: now })
    .where("tokenHash", "=", tokenHash)
    .where("kind", "=", "refresh")
    .where("usedTime", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a grant's access tokens now (a refresh replaces them). */
export async function expireMcpAccessTokens(db: Executor, grantId: string, now: string): Promise<void> {
  await db
    .updateTable("mcpTokens")
    .set({ expiresTime: now })
    .where("grantId", "=", grantId)
    .where("kind", "=", "access")
    .where("expiresTime", ">", now)
    .execute();
}

/** The person behind a live access token: their grant, membership and workspace, in one read. */
export async function findMcpAccessOwner(db: Executor, tokenHash: string) {
  return db
    .selectFrom("mcpTokens")
    .innerJoin("mcpGrants", "mcpGrants.id", "mcpTokens.grantId")
    .innerJoin("memberships", (join) =>
      join
        .onRef("memberships.userId", "=", "mcpGrants.userId")
        .onRef("memberships.workspaceId", "=", "mcpGrants.workspaceId"),
    )
    .innerJoin("workspaces", "workspaces.id", "mcpGrants.workspaceId")
    .select([
      "mcpGrants.id as grantId",
      "mcpGrants.userId",
      "mcpGrants.workspaceId",
      "workspaces.name as workspaceName",
      "memberships.role",
      "mcpTokens.expiresTime",
    ])
    .where("mcpTokens.tokenHash", "=", tokenHash)
    .where("mcpTokens.kind", "=", "access")
    .where("mcpGrants.revokedTime", "is", null)
    .executeTakeFirst();
}
