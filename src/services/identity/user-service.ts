import { notFound } from "../../errors.ts";
import {
  type UserRecord,
  findUser,
  integrationOwnerId,
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
 * The person who installed a public integration through OAuth: Notion reports them as the bot's
 * `owner: {type: "user", user}` (reference/get-self); internal integrations are owned by the workspace.
 */
export async function getBotOwner(ctx: ServiceContext, viewer: Viewer): Promise<UserRecord | undefined> {
  if (viewer.integration?.kind !== "installation") return undefined;
  const ownerId = await integrationOwnerId(ctx.store.db, viewer.integration.id);
  return ownerId ? findUser(ctx.store.db, viewer.workspaceId, ownerId) : undefined;
}

export async function getUser(ctx: ServiceContext, viewer: Viewer, id: string): Promise<UserRecord> {
  requireCapability(viewer, "user_info");
  const user = await findUser(ctx.store.db, viewer.workspaceId, id);
  if (!user) throw notFound("user", id, viewer.integration?.name);
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
