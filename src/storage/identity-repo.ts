import { sql } from "kysely";
import type { Dialect } from "./store.ts";
import type { Executor } from "./executor.ts";
import { decodeStringList } from "./json-columns.ts";
import { readRows } from "./raw-sql.ts";
import type { IntegrationTable, TokenTable, UserTable, WorkspaceTable } from "./schema.ts";

export type UserRecord = UserTable;
export type WorkspaceRecord = WorkspaceTable;

export interface IntegrationRecord extends Omit<IntegrationTable, "capabilities"> {
  capabilities: string[];
}

export async function insertWorkspace(db: Executor, workspace: WorkspaceTable): Promise<void> {
  await db.insertInto("workspaces").values(workspace).execute();
}

/**
 * Serialises the creation of a server's first workspace: several processes may start together on one
 * PostgreSQL, and only one may create it. SQLite transactions already hold the write lock.
 */
export async function lockFirstWorkspaceCreation(db: Executor, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(7878)`.execute(db);
}

export async function renameWorkspace(db: Executor, id: string, name: string): Promise<void> {
  await db.updateTable("workspaces").set({ name }).where("id", "=", id).execute();
}

export async function findWorkspace(db: Executor, id: string): Promise<WorkspaceRecord | undefined> {
  return db.selectFrom("workspaces").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function firstWorkspace(db: Executor): Promise<WorkspaceRecord | undefined> {
  return db
    .selectFrom("workspaces")
    .selectAll()
    .orderBy("createdTime")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export async function insertUser(db: Executor, user: UserTable): Promise<void> {
  await db.insertInto("users").values(user).execute();
}

export async function findUser(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<UserRecord | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findUsers(db: Executor, workspaceId: string, ids: string[]): Promise<UserRecord[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("users")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("id", "in", ids)
    .execute();
}

/** Users ordered by id so a cursor (the next id) stays valid while others join. */
export async function listUsers(
  db: Executor,
  workspaceId: string,
  options: { fromId?: string | undefined; limit: number },
): Promise<UserRecord[]> {
  let query = db.selectFrom("users").selectAll().where("workspaceId", "=", workspaceId);
  if (options.fromId !== undefined) query = query.where("id", ">=", options.fromId);
  return query.orderBy("id").limit(options.limit).execute();
}

/** The first person of a workspace: its owner. */
export async function workspaceOwner(db: Executor, workspaceId: string): Promise<UserRecord | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("type", "=", "person")
    .orderBy("createdTime")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

/** An integration row with its stored capability list decoded and checked. */
export function toIntegration(row: IntegrationTable): IntegrationRecord {
  return { ...row, capabilities: decodeStringList(row.capabilities, "integration capabilities") };
}

export async function insertIntegration(db: Executor, integration: IntegrationRecord): Promise<void> {
  await db
    .insertInto("integrations")
    .values({ ...integration, capabilities: JSON.stringify(integration.capabilities) })
    .execute();
}

export async function findIntegrationByName(
  db: Executor,
  workspaceId: string,
  name: string,
): Promise<IntegrationRecord | undefined> {
  const row = await db
    .selectFrom("integrations")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("name", "=", name)
    .orderBy("createdTime", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && toIntegration(row);
}

export async function insertToken(db: Executor, token: TokenTable): Promise<void> {
  await db.insertInto("tokens").values(token).execute();
}

/** Gives an integration's tokens a chosen secret (seeds name their tokens). */
export async function setIntegrationTokenHash(
  db: Executor,
  integrationId: string,
  tokenHash: string,
): Promise<void> {
  await db.updateTable("tokens").set({ tokenHash }).where("integrationId", "=", integrationId).execute();
}

export interface TokenOwner {
  workspaceId: string;
  workspaceName: string;
  kind: TokenTable["kind"];
  userId: string;
  integration: IntegrationRecord | null;
}

interface TokenRow {
  workspaceId: string;
  workspaceName: string;
  kind: TokenTable["kind"];
  userId: string;
  integrationId: string | null;
  integrationName: string | null;
  botUserId: string | null;
  capabilities: string | null;
  ownerUserId: string | null;
  integrationCreatedTime: string | null;
  integrationKind: IntegrationTable["kind"] | null;
  installedFrom: string | null;
}

export async function findLiveToken(db: Executor, tokenHash: string): Promise<TokenOwner | undefined> {
  const [row] = await readRows<TokenRow>(
    db,
    `select t.workspace_id as "workspaceId", w.name as "workspaceName", t.kind, t.user_id as "userId",
        i.id as "integrationId", i.name as "integrationName", i.bot_user_id as "botUserId", i.capabilities,
        i.owner_user_id as "ownerUserId", i.created_time as "integrationCreatedTime",
        i.kind as "integrationKind", i.installed_from as "installedFrom"
      from tokens t join workspaces w on w.id = t.workspace_id left join integrations i on i.id = t.integration_id
      where t.token_hash = ? and t.revoked_time is null`,
    [tokenHash],
  );
  if (!row) return undefined;
  const integration =
    row.integrationId && row.integrationName && row.botUserId && row.capabilities && row.ownerUserId
      ? toIntegration({
          id: row.integrationId,
          workspaceId: row.workspaceId,
          name: row.integrationName,
          botUserId: row.botUserId,
          capabilities: row.capabilities,
          ownerUserId: row.ownerUserId,
          createdTime: row.integrationCreatedTime ?? "",
          kind: row.integrationKind ?? "internal",
          icon: null,
          installedFrom: row.installedFrom,
        })
      : null;
  return {
    workspaceId: row.workspaceId,
    workspaceName: row.workspaceName,
    kind: row.kind,
    userId: row.userId,
    integration,
  };
}

export async function insertGrant(
  db: Executor,
  integrationId: string,
  blockId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("grants")
    .values({ integrationId, blockId, createdTime: now })
    .onConflict((oc) => oc.columns(["integrationId", "blockId"]).doNothing())
    .execute();
}

/** The person who owns (installed) an integration. */
export async function integrationOwnerId(db: Executor, integrationId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("integrations")
    .select("ownerUserId")
    .where("id", "=", integrationId)
    .executeTakeFirst();
  return row?.ownerUserId;
}

/** The workspace's own integrations (internal and public), oldest first. */
export async function listOwnIntegrations(db: Executor, workspaceId: string): Promise<IntegrationRecord[]> {
  const rows = await db
    .selectFrom("integrations")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("kind", "in", ["internal", "public"])
    .orderBy("createdTime")
    .execute();
  return rows.map(toIntegration);
}

export async function findIntegration(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<IntegrationRecord | undefined> {
  const row = await db
    .selectFrom("integrations")
    .selectAll()
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toIntegration(row);
}

/** An integration by id alone; throws when it is gone (callers hold a reference that guarantees it). */
export async function getIntegrationById(db: Executor, id: string): Promise<IntegrationRecord> {
  const row = await db.selectFrom("integrations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  return toIntegration(row);
}

/** Renames an integration and sets its icon and capabilities. */
export async function updateIntegrationFields(
  db: Executor,
  id: string,
  fields: { name: string; icon: string | null; capabilities: string[] },
): Promise<void> {
  await db
    .updateTable("integrations")
    .set({ name: fields.name, icon: fields.icon, capabilities: JSON.stringify(fields.capabilities) })
    .where("id", "=", id)
    .execute();
}

/** Installations of a public integration follow its capabilities. */
export async function setInstallationCapabilities(
  db: Executor,
  publicIntegrationId: string,
  capabilities: string[],
): Promise<void> {
  await db
    .updateTable("integrations")
    .set({ capabilities: JSON.stringify(capabilities) })
    .where("installedFrom", "=", publicIntegrationId)
    .execute();
}

export async function renameUser(db: Executor, id: string, name: string): Promise<void> {
  await db.updateTable("users").set({ name }).where("id", "=", id).execute();
}

/** Ends every live token of an integration in a workspace (its internal secrets). */
export async function revokeIntegrationTokens(
  db: Executor,
  workspaceId: string,
  integrationId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable("tokens")
    .set({ revokedTime: now })
    .where("workspaceId", "=", workspaceId)
    .where("integrationId", "=", integrationId)
    .where("revokedTime", "is", null)
    .execute();
}

export interface PersonalTokenRow {
  id: string;
  label?: string | null;
  createdTime: string;
}

/** A person's live personal tokens, newest first. */
export async function listLivePersonalTokens(db: Executor, userId: string): Promise<PersonalTokenRow[]> {
  return db
    .selectFrom("tokens")
    .select(["id", "label", "createdTime"])
    .where("userId", "=", userId)
    .where("kind", "=", "personal")
    .where("revokedTime", "is", null)
    .orderBy("createdTime", "desc")
    .execute();
}

/** Ends one live personal token of a person; false when there was none with that id. */
export async function revokePersonalTokenOf(
  db: Executor,
  userId: string,
  tokenId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("tokens")
    .set({ revokedTime: now })
    .where("id", "=", tokenId)
    .where("userId", "=", userId)
    .where("kind", "=", "personal")
    .where("revokedTime", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every live personal token of a person. */
export async function revokePersonalTokensOf(db: Executor, userId: string, now: string): Promise<void> {
  await db
    .updateTable("tokens")
    .set({ revokedTime: now })
    .where("userId", "=", userId)
    .where("kind", "=", "personal")
    .where("revokedTime", "is", null)
    .execute();
}
