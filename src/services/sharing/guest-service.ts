import { findBlock, findBlocks } from "../../storage/block-repo.ts";
import { pageTitle } from "../../presenters/present-page.ts";
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

function titleOf(content: string): string {
  const parsed = JSON.parse(content) as { title?: unknown };
  return typeof parsed.title === "string" ? parsed.title : "";
}

function emojiOf(icon: string | null): string | null {
  if (!icon) return null;
  const parsed = JSON.parse(icon) as { type?: string; emoji?: string };
  return parsed.type === "emoji" && parsed.emoji ? parsed.emoji : null;
}

async function sharedRoots(ctx: ServiceContext, userId: string): Promise<string[]> {
  const rows = await ctx.database.db
    .selectFrom("guestShares")
    .select("blockId")
    .where("userId", "=", userId)
    .execute();
  return rows.map((r) => r.blockId);
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
  const db = ctx.database.db;
  const roots = await sharedRoots(ctx, userId);
  const out: PageEntry[] = [];
  const seen = new Set<string>();
  const mentioning: string[] = [];
  let frontier = roots;
  let first = true;
  while (frontier.length > 0 && out.length < MAX_GUEST_PAGES) {
    const query = db
      .selectFrom("blocks")
      .select(["id", "type", "content", "properties", "parentId", "icon"])
      .where("workspaceId", "=", workspaceId)
      .where("inTrash", "=", 0);
    // Rows are shown in their database's table, not in the tree (as for members).
    const rows = await (
      first
        ? query.where("id", "in", frontier)
        : query.where("parentId", "in", frontier).where("parentType", "in", ["page_id", "block_id"])
    )
      .orderBy("sortKey")
      .limit(MAX_GUEST_PAGES * 4)
      .execute();
    first = false;
    const next: string[] = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      next.push(row.id);
      if (row.properties?.includes('"type":"mention"')) mentioning.push(row.id);
      if (row.type === "child_page" || row.type === "child_database")
        out.push({
          id: row.id,
          type: row.type,
          title: titleOf(row.content),
          parentId: row.parentId,
          icon: emojiOf(row.icon),
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
  const db = ctx.database.db;
  const viewer = { workspaceId, workspaceName: "", userId, integration: null, guest: true };
  const pages = await readAs(db, ctx, viewer, await findBlocks(db, workspaceId, ids));
  return new Map(pages.map((p) => [p.id, pageTitle(p)]));
}

export interface GuestShare {
  userId: string;
  name: string | null;
  email: string;
}

/** Guests a page is shared with directly. */
export async function guestsOfPage(
  ctx: ServiceContext,
  workspaceId: string,
  pageId: string,
): Promise<GuestShare[]> {
  return ctx.database.db
    .selectFrom("guestShares")
    .innerJoin("memberships", "memberships.userId", "guestShares.userId")
    .innerJoin("accounts", "accounts.id", "memberships.accountId")
    .innerJoin("users", "users.id", "guestShares.userId")
    .select(["guestShares.userId as userId", "users.name as name", "accounts.email as email"])
    .where("guestShares.blockId", "=", pageId)
    .where("memberships.workspaceId", "=", workspaceId)
    .orderBy("accounts.email")
    .execute();
}

/** The workspace's guests, for the share form. */
export async function guestsOf(ctx: ServiceContext, workspaceId: string): Promise<GuestShare[]> {
  return ctx.database.db
    .selectFrom("memberships")
    .innerJoin("accounts", "accounts.id", "memberships.accountId")
    .innerJoin("users", "users.id", "memberships.userId")
    .select(["memberships.userId as userId", "users.name as name", "accounts.email as email"])
    .where("memberships.workspaceId", "=", workspaceId)
    .where("memberships.role", "=", "guest")
    .orderBy("accounts.email")
    .execute();
}

export async function shareWithGuest(
  ctx: ServiceContext,
  workspaceId: string,
  guestUserId: string,
  pageId: string,
): Promise<void> {
  const db = ctx.database.db;
  const guest = (await guestsOf(ctx, workspaceId)).find((g) => g.userId === guestUserId);
  if (!guest) throw new AccountError("Pick a guest of this workspace to share with.");
  const block = await findBlock(db, workspaceId, pageId);
  if (!block || block.inTrash || !["child_page", "child_database"].includes(block.type))
    throw new AccountError("Only pages and databases of this workspace can be shared.");
  await db
    .insertInto("guestShares")
    .values({ userId: guestUserId, blockId: pageId, createdTime: nowIso(ctx) })
    .onConflict((oc) => oc.columns(["userId", "blockId"]).doNothing())
    .execute();
}

export async function unshareWithGuest(
  ctx: ServiceContext,
  workspaceId: string,
  guestUserId: string,
  pageId: string,
): Promise<void> {
  if (!(await guestsOf(ctx, workspaceId)).some((g) => g.userId === guestUserId))
    throw new AccountError("Pick a guest of this workspace.");
  await ctx.database.db
    .deleteFrom("guestShares")
    .where("userId", "=", guestUserId)
    .where("blockId", "=", pageId)
    .execute();
}
