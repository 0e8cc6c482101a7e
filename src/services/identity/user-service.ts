import { notFound } from "../../errors.ts";
import {
  type UserRecord,
  botOwnerIds,
  findUser,
  findUsers,
  listUsers as listUserRows,
} from "../../storage/identity-repo.ts";
import type { ServiceContext } from "../context.ts";
import { type Page, type PageRequest, invalidCursor, pageOf } from "../pagination.ts";
import { parseId } from "../../domain/ids.ts";
import { requireCapability, type Viewer } from "../access/viewer.ts";

export async function getSelf(ctx: ServiceContext, viewer: Viewer): Promise<UserRecord> {
  const user = await findUser(ctx.store.db, viewer.workspaceId, viewer.userId);
  if (!user) throw notFound("user", viewer.userId);
  return user;
}

/**
 * The owners of the bots among `users`: the person who installed a public integration through OAuth
 * (Notion's `owner: {type: "user", user}`, reference/get-self), or nothing for a bot the workspace owns.
 */
export async function botOwners(
  ctx: ServiceContext,
  viewer: Viewer,
  users: UserRecord[],
): Promise<Map<string, UserRecord>> {
  const bots = users.filter((u) => u.type === "bot").map((u) => u.id);
  const ownerIds = await botOwnerIds(ctx.store.db, viewer.workspaceId, bots);
  const people = await findUsers(ctx.store.db, viewer.workspaceId, [
    ...new Set([...ownerIds.values()].filter((id): id is string => id !== null)),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const owners = new Map<string, UserRecord>();
  for (const [bot, ownerId] of ownerIds) {
    const owner = ownerId ? byId.get(ownerId) : undefined;
    if (owner) owners.set(bot, owner);
  }
  return owners;
}

export async function getUser(ctx: ServiceContext, viewer: Viewer, id: string): Promise<UserRecord> {
  requireCapability(viewer, "user_info");
  const user = await findUser(ctx.store.db, viewer.workspaceId, id);
  if (!user) throw notFound("user", id, viewer.integration);
  return user;
}

export async function listUsers(
  ctx: ServiceContext,
  viewer: Viewer,
  request: PageRequest,
): Promise<Page<UserRecord>> {
  requireCapability(viewer, "user_info");
  let fromId: string | undefined;
  if (request.startCursor !== undefined) {
    const id = parseId(request.startCursor);
    if (!id) throw invalidCursor(request.startCursor);
    fromId = id;
  }
  const rows = await listUserRows(ctx.store.db, viewer.workspaceId, {
    fromId,
    limit: request.pageSize + 1,
  });
  return pageOf(rows, request.pageSize, (u) => u.id);
}
