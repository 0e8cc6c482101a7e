import type { Executor } from "./executor.ts";
import { type IntegrationRecord, toIntegration } from "./identity-repo.ts";
import { decodeStringList } from "./json-columns.ts";
import type { OauthClientTable, OauthCodeTable, OauthGrantTable, OauthRefreshTokenTable } from "./schema.ts";

export interface OauthClientRecord extends Omit<OauthClientTable, "redirectUris"> {
  redirectUris: string[];
}

function toClient(row: OauthClientTable): OauthClientRecord {
  return { ...row, redirectUris: decodeStringList(row.redirectUris, "OAuth redirect URIs") };
}

export async function insertClient(db: Executor, client: OauthClientRecord): Promise<void> {
  await db
    .insertInto("oauthClients")
    .values({ ...client, redirectUris: JSON.stringify(client.redirectUris) })
    .execute();
}

export async function updateClient(
  db: Executor,
  integrationId: string,
  changes: { clientSecretHash?: string; redirectUris?: string[]; templatePageId?: string | null },
): Promise<void> {
  await db
    .updateTable("oauthClients")
    .set({
      ...(changes.clientSecretHash !== undefined ? { clientSecretHash: changes.clientSecretHash } : {}),
      ...(changes.redirectUris !== undefined ? { redirectUris: JSON.stringify(changes.redirectUris) } : {}),
      ...(changes.templatePageId !== undefined ? { templatePageId: changes.templatePageId } : {}),
    })
    .where("integrationId", "=", integrationId)
    .execute();
}

export async function findClientByClientId(
  db: Executor,
  clientId: string,
): Promise<{ client: OauthClientRecord; integration: IntegrationRecord } | undefined> {
  const client = await db
    .selectFrom("oauthClients")
    .selectAll()
    .where("clientId", "=", clientId)
    .executeTakeFirst();
  if (!client) return undefined;
  const integration = await db
    .selectFrom("integrations")
    .selectAll()
    .where("id", "=", client.integrationId)
    .executeTakeFirst();
  return integration && { client: toClient(client), integration: toIntegration(integration) };
}

export async function findClientOfIntegration(
  db: Executor,
  integrationId: string,
): Promise<OauthClientRecord | undefined> {
  const row = await db
    .selectFrom("oauthClients")
    .selectAll()
    .where("integrationId", "=", integrationId)
    .executeTakeFirst();
  return row && toClient(row);
}

export async function findInstallation(
  db: Executor,
  publicIntegrationId: string,
  workspaceId: string,
  userId: string,
): Promise<IntegrationRecord | undefined> {
  const row = await db
    .selectFrom("integrations")
    .selectAll()
    .where("installedFrom", "=", publicIntegrationId)
    .where("workspaceId", "=", workspaceId)
    .where("ownerUserId", "=", userId)
    .where("kind", "=", "installation")
    .executeTakeFirst();
  return row && toIntegration(row);
}

export async function insertOauthGrant(db: Executor, grant: OauthGrantTable): Promise<void> {
  await db.insertInto("oauthGrants").values(grant).execute();
}

export async function findOauthGrant(db: Executor, id: string): Promise<OauthGrantTable | undefined> {
  return db.selectFrom("oauthGrants").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertCode(db: Executor, code: OauthCodeTable): Promise<void> {
  await db.insertInto("oauthCodes").values(code).execute();
}

export async function findCode(db: Executor, codeHash: string): Promise<OauthCodeTable | undefined> {
  return db.selectFrom("oauthCodes").selectAll().where("codeHash", "=", codeHash).executeTakeFirst();
}

/** Marks a code used; false when another request used it first (the update is the lock). */
export async function useCode(db: Executor, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("oauthCodes")
    .set({ usedTime: now })
    .where("codeHash", "=", codeHash)
    .where("usedTime", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRefreshToken(db: Executor, token: OauthRefreshTokenTable): Promise<void> {
  await db.insertInto("oauthRefreshTokens").values(token).execute();
}

export async function findRefreshToken(
  db: Executor,
  tokenHash: string,
): Promise<OauthRefreshTokenTable | undefined> {
  return db
    .selectFrom("oauthRefreshTokens")
    .selectAll()
    .where("tokenHash", "=", tokenHash)
    .executeTakeFirst();
}

export async function useRefreshToken(db: Executor, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("oauthRefreshTokens")
    .set({ usedTime: now })
    .where("tokenHash", "=", tokenHash)
    .where("usedTime", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function linkAccessToken(db: Executor, tokenId: string, grantId: string): Promise<void> {
  await db.insertInto("oauthAccessTokens").values({ tokenId, grantId }).execute();
}

export interface AccessTokenRow {
  tokenId: string;
  grantId: string;
  createdTime: string;
  revokedTime: string | null;
}

export async function findAccessToken(db: Executor, tokenHash: string): Promise<AccessTokenRow | undefined> {
  return db
    .selectFrom("tokens")
    .innerJoin("oauthAccessTokens", "oauthAccessTokens.tokenId", "tokens.id")
    .select([
      "tokens.id as tokenId",
      "oauthAccessTokens.grantId as grantId",
      "tokens.createdTime as createdTime",
      "tokens.revokedTime as revokedTime",
    ])
    .where("tokens.tokenHash", "=", tokenHash)
    .executeTakeFirst();
}

/** Ends the live access tokens of a grant (all of them, or all but one). */
export async function revokeAccessTokens(
  db: Executor,
  grantId: string,
  now: string,
  exceptTokenId?: string,
): Promise<void> {
  let ids = db.selectFrom("oauthAccessTokens").select("tokenId").where("grantId", "=", grantId);
  if (exceptTokenId) ids = ids.where("tokenId", "<>", exceptTokenId);
  await db
    .updateTable("tokens")
    .set({ revokedTime: now })
    .where("id", "in", ids)
    .where("revokedTime", "is", null)
    .execute();
}

export async function revokeOauthGrant(db: Executor, grantId: string, now: string): Promise<void> {
  await db
    .updateTable("oauthGrants")
    .set({ revokedTime: now })
    .where("id", "=", grantId)
    .where("revokedTime", "is", null)
    .execute();
  await revokeAccessTokens(db, grantId, now);
  await db
    .updateTable("oauthRefreshTokens")
    .set({ usedTime: now })
    .where("grantId", "=", grantId)
    .where("usedTime", "is", null)
    .execute();
}

