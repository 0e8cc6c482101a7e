import type { Executor } from "./executor.ts";
import type {
  AccountTable,
  MembershipTable,
  SessionTable,
  SignInFailureTable,
  UserTable,
  WorkspaceTable,
} from "./schema.ts";

export type AccountRecord = AccountTable;
export type MembershipRecord = MembershipTable;

export async function insertAccount(db: Executor, account: AccountTable): Promise<void> {
  await db.insertInto("accounts").values(account).execute();
}

export async function findAccountByEmail(db: Executor, email: string): Promise<AccountRecord | undefined> {
  return db.selectFrom("accounts").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function findAccount(db: Executor, id: string): Promise<AccountRecord | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertMembership(db: Executor, membership: MembershipTable): Promise<void> {
  await db.insertInto("memberships").values(membership).execute();
}

export async function findMembership(
  db: Executor,
  accountId: string,
  workspaceId: string,
): Promise<MembershipRecord | undefined> {
  return db
    .selectFrom("memberships")
    .selectAll()
    .where("accountId", "=", accountId)
    .where("workspaceId", "=", workspaceId)
    .executeTakeFirst();
}

export async function findMembershipOfUser(
  db: Executor,
  userId: string,
): Promise<MembershipRecord | undefined> {
  return db.selectFrom("memberships").selectAll().where("userId", "=", userId).executeTakeFirst();
}

export interface WorkspaceMembership extends MembershipRecord {
  workspaceName: string;
}

export async function membershipsOf(db: Executor, accountId: string): Promise<WorkspaceMembership[]> {
  return db
    .selectFrom("memberships")
    .innerJoin("workspaces", "workspaces.id", "memberships.workspaceId")
    .selectAll("memberships")
    .select("workspaces.name as workspaceName")
    .where("memberships.accountId", "=", accountId)
    .orderBy("memberships.createdTime")
    .execute();
}

export interface MemberRow {
  user: UserTable;
  role: MembershipRecord["role"];
  email: string;
}

export async function membersOf(db: Executor, workspaceId: string): Promise<MemberRow[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.userId")
    .innerJoin("accounts", "accounts.id", "memberships.accountId")
    .selectAll("users")
    .select(["memberships.role as role", "accounts.email as accountEmail"])
    .where("memberships.workspaceId", "=", workspaceId)
    .orderBy("memberships.createdTime")
    .execute();
  return rows.map(({ role, accountEmail, ...user }) => ({ user, role, email: accountEmail }));
}

export async function insertSession(db: Executor, session: SessionTable): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

export interface SessionRow {
  session: SessionTable;
  account: AccountTable;
  membership: MembershipTable;
  workspace: WorkspaceTable;
  user: UserTable;
}

export async function findSession(db: Executor, idHash: string): Promise<SessionRow | undefined> {
  const session = await db.selectFrom("sessions").selectAll().where("idHash", "=", idHash).executeTakeFirst();
  if (!session) return undefined;
  const account = await findAccount(db, session.accountId);
  const membership = account && (await findMembership(db, account.id, session.workspaceId));
  if (!account || !membership) return undefined;
  const workspace = await db
    .selectFrom("workspaces")
    .selectAll()
    .where("id", "=", session.workspaceId)
    .executeTakeFirst();
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", membership.userId)
    .executeTakeFirst();
  if (!workspace || !user) return undefined;
  return { session, account, membership, workspace, user };
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("idHash", "=", idHash).execute();
}

export async function setSessionWorkspace(db: Executor, idHash: string, workspaceId: string): Promise<void> {
  await db.updateTable("sessions").set({ workspaceId }).where("idHash", "=", idHash).execute();
}

/** The failure rows of some throttle keys (an email, a client address, everyone). */
export async function findFailureRows(db: Executor, keys: string[]): Promise<SignInFailureTable[]> {
  return db.selectFrom("signInFailures").selectAll().where("key", "in", keys).execute();
}

/**
 * Counts one failure for `key` in one statement, so concurrent failures (several processes on one
 * PostgreSQL included) all count; a count whose window began before `windowStart` starts again at 1.
 * Returns the new count.
 */
export async function countFailure(
  db: Executor,
  key: string,
  now: string,
  windowStart: string,
): Promise<number> {
  const row = await db
    .insertInto("signInFailures")
    .values({ key, failures: 1, firstFailureTime: now, lockedUntil: null })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => {
        const expired = eb("signInFailures.firstFailureTime", "<", windowStart);
        return {
          failures: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb("signInFailures.failures", "+", 1))
            .end(),
          firstFailureTime: eb
            .case()
            .when(expired)
            .then(now)
            .else(eb.ref("signInFailures.firstFailureTime"))
            .end(),
        };
      }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom("signInFailures").where("key", "=", key).execute();
}

/** Forgets failures whose window closed before `windowStart`. */
export async function deleteExpiredFailures(db: Executor, windowStart: string): Promise<void> {
  await db.deleteFrom("signInFailures").where("firstFailureTime", "<", windowStart).execute();
}

/** The workspace an account joined first, where signing in lands. */
export async function firstWorkspaceIdOf(db: Executor, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("memberships")
    .select("workspaceId")
    .where("accountId", "=", accountId)
    .orderBy("createdTime")
    .limit(1)
    .executeTakeFirst();
  return row?.workspaceId;
}

export async function setMemberRole(
  db: Executor,
  workspaceId: string,
  userId: string,
  role: MembershipRecord["role"],
): Promise<void> {
  await db
    .updateTable("memberships")
    .set({ role })
    .where("workspaceId", "=", workspaceId)
    .where("userId", "=", userId)
    .execute();
}

/** The account behind a workspace user; throws when the user is no member (callers checked it). */
export async function accountIdOfMember(db: Executor, userId: string): Promise<string> {
  const row = await db
    .selectFrom("memberships")
    .select("accountId")
    .where("userId", "=", userId)
    .executeTakeFirstOrThrow();
  return row.accountId;
}

export async function deleteMembership(db: Executor, workspaceId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("memberships")
    .where("workspaceId", "=", workspaceId)
    .where("userId", "=", userId)
    .execute();
}

/** Signs an account out of one workspace: its sessions there end. */
export async function deleteSessionsIn(db: Executor, accountId: string, workspaceId: string): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where("accountId", "=", accountId)
    .where("workspaceId", "=", workspaceId)
    .execute();
}
