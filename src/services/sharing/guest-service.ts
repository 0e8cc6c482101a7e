import { emojiOf } from "../../domain/blocks/index.ts";
import { findBlock, findBlocks } from "../../storage/block-repo.ts";
import {
  type GuestShareRow,
  deleteGuestShare,
  guestsOfWorkspace,
  guestsSharingBlock,
  insertGuestShare,
  sharedBlockIds,
} from "../../storage/guest-share-repo.ts";
import { listTreeLevel } from "../../storage/page-list-repo.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { pageTitle } from "../../domain/page-title.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { AccountError } from "../identity/account-service.ts";
import type { PageEntry } from "../browse/browse-service.ts";
import { readAs } from "../access/read-model.ts";

/**
 * Guests see only the pages shared with them and everything below (Notion's guests, help/sharing-and-
 * permissions; `Reader` applies it). Members share a page with a guest from the page's "Share with
 * guests" card.
 */

const MAX_GUEST_PAGES = 2000;

function titleOf(content: JsonObject): string {
  return typeof content["title"] === "string" ? content["title"] : "";
}

async function sharedRoots(ctx: ServiceContext, userId: string): Promise<string[]> {
  return sharedBlockIds(ctx.store.db, userId);
}

/**
 * The pages and databases a guest can see, for the page tree: the shared ones and their descendants
 * (found level by level through every block, since pages can sit inside toggles or columns). Pages whose
 * parent is not visible become roots, so no title of an unshared page is ever listed.
 */
export async function guestPages(
  ctx: ServiceContext,
  workspaceId: string,
  userId: string,
): Promise<PageEntry[]> {
  const db = ctx.store.db;
  const roots = await sharedRoots(ctx, userId);
  const out: PageEntry[] = [];
  const seen = new Set<string>();
  const mentioning: string[] = [];
  let frontier = roots;
  let first = true;
  while (frontier.length > 0 && out.length < MAX_GUEST_PAGES) {
    // Rows are shown in their database's table, not in the tree (as for members).
    const rows = await listTreeLevel(
      db,
      workspaceId,
      first ? { ids: frontier } : { childrenOf: frontier },
      MAX_GUEST_PAGES * 4,
    );
    first = false;
    const next: string[] = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      next.push(row.id);
      if (row.propertiesMention) mentioning.push(row.id);
      if (row.page)
        out.push({
          id: row.id,
          type: row.page.type,
          title: titleOf(row.page.content),
          parentId: row.page.parentId,
          icon: emojiOf(row.page.icon),
        });
    }
    frontier = next.slice(0, MAX_GUEST_PAGES * 4);
  }
  const titles = await titlesAsGuest(ctx, workspaceId, userId, mentioning);
  const visible = new Set(out.map((p) => p.id));
  return out.map((p) => ({
    ...p,
    title: titles.get(p.id) ?? p.title,
    parentId: p.parentId && !visible.has(p.parentId) ? null : p.parentId,
  }));
}

/** Titles holding mentions, as the guest reads them (no title of a page not shared with them). */
async function titlesAsGuest(
  ctx: ServiceContext,
  workspaceId: string,
  userId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const db = ctx.store.db;
  const viewer = { workspaceId, workspaceName: "", userId, integration: null, guest: true };
  const pages = await readAs(db, ctx, viewer, await findBlocks(db, workspaceId, ids));
  return new Map(pages.map((p) => [p.id, pageTitle(p)]));
}

export type GuestShare = GuestShareRow;

/** Guests a page is shared with directly. */
export async function guestsOfPage(
  ctx: ServiceContext,
  workspaceId: string,
  pageId: string,
): Promise<GuestShare[]> {
  return guestsSharingBlock(ctx.store.db, workspaceId, pageId);
}

/** The workspace's guests, for the share form. */
export async function guestsOf(ctx: ServiceContext, workspaceId: string): Promise<GuestShare[]> {
  return guestsOfWorkspace(ctx.store.db, workspaceId);
}

export async function shareWithGuest(
  ctx: ServiceContext,
  workspaceId: string,
  guestUserId: string,
  pageId: string,
): Promise<void> {
  const db = ctx.store.db;
  const guest = (await guestsOf(ctx, workspaceId)).find((g) => g.userId === guestUserId);
  if (!guest) throw new AccountError("Pick a guest of this workspace to share with.");
  const block = await findBlock(db, workspaceId, pageId);
  if (!block || block.inTrash || !["child_page", "child_database"].includes(block.type))
    throw new AccountError("Only pages and databases of this workspace can be shared.");
  await insertGuestShare(db, guestUserId, pageId, nowIso(ctx));
}

export async function unshareWithGuest(
  ctx: ServiceContext,
  workspaceId: string,
  guestUserId: string,
  pageId: string,
): Promise<void> {
  if (!(await guestsOf(ctx, workspaceId)).some((g) => g.userId === guestUserId))
    throw new AccountError("Pick a guest of this workspace.");
  await deleteGuestShare(ctx.store.db, guestUserId, pageId);
}
