import type { Executor } from "./executor.ts";
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

function toIntegration(row: IntegrationTable): IntegrationRecord {
  return { ...row, capabilities: JSON.parse(row.capabilities) as string[] };
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
