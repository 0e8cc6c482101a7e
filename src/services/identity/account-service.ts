import { randomBytes } from "node:crypto";
import { newId } from "../../domain/ids.ts";
import {
  type AccountRecord,
  type SessionRow,
  type WorkspaceMembership,
  clearFailures,
  deleteSession,
  findAccountByEmail,
  findMembership,
  findMembershipOfUser,
  findSession,
  firstWorkspaceIdOf,
  insertAccount,
  insertMembership,
  insertSession,
  membershipsOf,
  setSessionWorkspace,
} from "../../storage/account-repo.ts";
import { type UserRecord, insertUser } from "../../storage/identity-repo.ts";
import type { MembershipTable } from "../../storage/schema.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from "./password.ts";
import type { SignInThrottle } from "./sign-in-throttle.ts";
import { hashToken } from "./tokens.ts";

export type Role = MembershipTable["role"];

/** A signed-in session with its account, membership, workspace and user (what web pages show). */
export type SessionDetails = SessionRow;

/** A problem a person can fix, shown in a form or printed by the CLI. */
export class AccountError extends Error {}

const SESSION_DAYS = 14;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!/^[^\s@]+@[^\s@]+$/.test(normalized) || normalized.length > 320)
    throw new AccountError(`"${email}" is not an email address.`);
  return normalized;
}

/**
 * Adds a person to a workspace: a new account (with this password), or an existing account by email
 * (the password must then be absent or match). Each membership has its own `users` row, since Notion
 * user ids are per workspace.
 */
export async function addPerson(
  ctx: ServiceContext,
  input: { email: string; password?: string; name?: string; workspaceId: string; role: Role },
): Promise<{ account: AccountRecord; user: UserRecord; created: boolean }> {
  const email = checkEmail(input.email);
  let account = await findAccountByEmail(ctx.store.db, email);
  const created = !account;
  if (
    account &&
    input.password !== undefined &&
    !(await verifyPassword(input.password, account.passwordHash))
  )
    throw new AccountError(`An account for ${email} already exists with another password.`);
  if (!account) {
    if (input.password === undefined) throw new AccountError("A new account needs a password.");
    const problem = passwordProblem(input.password);
    if (problem) throw new AccountError(problem);
    account = {
      id: newId(),
      email,
      name: input.name?.trim() || email.split("@")[0] || email,
      passwordHash: await hashPassword(input.password),
      createdTime: nowIso(ctx),
    };
  }
  const theAccount = account;
  const now = nowIso(ctx);
  const user: UserRecord = {
    id: newId(),
    workspaceId: input.workspaceId,
    type: "person",
    name: theAccount.name,
    avatarUrl: null,
    email,
    createdTime: now,
  };
  await ctx.store.transaction(async (trx) => {
    if (created) await insertAccount(trx, theAccount);
    if (await findMembership(trx, theAccount.id, input.workspaceId))
      throw new AccountError(`${email} is already a member of this workspace.`);
    await insertUser(trx, user);
    await insertMembership(trx, {
      accountId: theAccount.id,
      workspaceId: input.workspaceId,
      userId: user.id,
      role: input.role,
      createdTime: now,
    });
  });
  return { account: theAccount, user, created };
}

/**
 * Gives a workspace's owner (a `users` row made before accounts existed, or by `ensureDefaultWorkspace`)
 * an account with a generated password; returns the password, or null when the owner already has one.
 */
export async function ensureOwnerAccount(
  ctx: ServiceContext,
  owner: UserRecord,
): Promise<{ email: string; password: string } | null> {
  if (await findMembershipOfUser(ctx.store.db, owner.id)) return null;
  const email = checkEmail(owner.email ?? "owner@quire.local");
  const existing = await findAccountByEmail(ctx.store.db, email);
  const password = generatePassword();
  const now = nowIso(ctx);
  await ctx.store.transaction(async (trx) => {
    const accountId = existing?.id ?? newId();
    if (!existing)
      await insertAccount(trx, {
        id: accountId,
        email,
        name: owner.name ?? "Workspace Owner",
        passwordHash: await hashPassword(password),
        createdTime: now,
      });
    await insertMembership(trx, {
      accountId,
      workspaceId: owner.workspaceId,
      userId: owner.id,
      role: "owner",
      createdTime: now,
    });
  });
  return existing ? null : { email, password };
}

export interface SignedIn {
  sessionId: string;
  csrfToken: string;
}

/**
 * Checks email and password and opens a new session (a fresh id every time, so an id planted before
 * sign-in is worthless: session fixation). Each attempt first waits its turn in `throttle`, which slows
 * down failures per email, per client address and server-wide but never refuses a right password for
 * what others did wrong (services/identity/sign-in-throttle.ts).
 */
export async function signIn(
  ctx: ServiceContext,
  attempt: { email: string; password: string; address: string },
  throttle: SignInThrottle,
): Promise<SignedIn> {
  const key = normalizeEmail(attempt.email);
  const keys = await throttle.admit(ctx, key, attempt.address);
  const db = ctx.store.db;
  const account = await findAccountByEmail(db, key);
  // Hash even for an unknown email, so timing does not tell which emails have accounts.
  const ok = account
    ? await verifyPassword(attempt.password, account.passwordHash)
    : (await verifyPassword(attempt.password, DUMMY_HASH), false);
  const memberships = account ? await firstMembership(ctx, account.id) : undefined;
  if (!account || !ok || !memberships) {
    await throttle.failed(ctx, keys);
    throw new AccountError("Wrong email or password.");
  }
  // The person proved who they are: their email's count starts again (the address's does not, or an
  // attacker with an account of their own could reset it between sprays).
  await clearFailures(db, key);
  return openSession(ctx, account.id, memberships);
}

const DUMMY_HASH = "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

async function firstMembership(ctx: ServiceContext, accountId: string): Promise<string | undefined> {
  return firstWorkspaceIdOf(ctx.store.db, accountId);
}

export async function openSession(
  ctx: ServiceContext,
  accountId: string,
  workspaceId: string,
): Promise<SignedIn> {
  const sessionId = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = ctx.clock();
  await insertSession(ctx.store.db, {
    idHash: hashToken(sessionId),
    accountId,
    workspaceId,
    csrfToken,
    createdTime: now.toISOString(),
    expiresTime: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
  });
  return { sessionId, csrfToken };
}

/** The live session behind a cookie value, or undefined (expired sessions are deleted when seen). */
export async function resolveSession(
  ctx: ServiceContext,
  sessionId: string | undefined,
): Promise<SessionRow | undefined> {
  if (!sessionId) return undefined;
  const idHash = hashToken(sessionId);
  const row = await findSession(ctx.store.db, idHash);
  if (!row) return undefined;
  if (Date.parse(row.session.expiresTime) <= ctx.clock().getTime()) {
    await deleteSession(ctx.store.db, idHash);
    return undefined;
  }
  return row;
}

/** The workspaces an account belongs to, oldest membership first (the workspace switcher). */
export async function workspacesOf(ctx: ServiceContext, accountId: string): Promise<WorkspaceMembership[]> {
  return membershipsOf(ctx.store.db, accountId);
}

export async function signOut(ctx: ServiceContext, sessionId: string): Promise<void> {
  await deleteSession(ctx.store.db, hashToken(sessionId));
}

export async function switchWorkspace(
  ctx: ServiceContext,
  sessionId: string,
  accountId: string,
  workspaceId: string,
): Promise<void> {
  if (!(await findMembership(ctx.store.db, accountId, workspaceId)))
    throw new AccountError("You are not a member of that workspace.");
  await setSessionWorkspace(ctx.store.db, hashToken(sessionId), workspaceId);
}
