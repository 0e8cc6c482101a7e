import { type MentionTarget, mentionTargets } from "../domain/rich-text.ts";
import { pageUrl } from "../domain/urls.ts";
import { type BlockRecord, findBlocks } from "../storage/block-repo.ts";
import type { Executor } from "../storage/executor.ts";
import { findUsers } from "../storage/identity-repo.ts";
import { pageTitle } from "../presenters/present-page.ts";

/**
 * Fills `plain_text` (and `href` for pages) of user, page and database mentions anywhere in `values`,
 * the way Notion renders them: "@Name" for people, the title for pages.
 */
export async function resolveMentionText(
  db: Executor,
  workspaceId: string,
  publicUrl: string,
  values: unknown,
): Promise<void> {
  const targets = [...mentionTargets(values)];
  if (targets.length === 0) return;
  const ids = (kind: MentionTarget["kind"]) => [
    ...new Set(targets.filter((t) => t.kind === kind).map((t) => t.id)),
  ];
  const users = new Map((await findUsers(db, workspaceId, ids("user"))).map((u) => [u.id, u]));
  const pages = new Map(
    (await findBlocks(db, workspaceId, [...ids("page"), ...ids("database")])).map((b) => [b.id, b]),
  );
  for (const target of targets) {
    if (target.kind === "user") {
      target.item.plain_text = `@${users.get(target.id)?.name ?? "Unknown user"}`;
      continue;
    }
    const page = pages.get(target.id);
    const title = page ? pageTitle(page) : "";
    target.item.plain_text = title || "Untitled";
    target.item.href = pageUrl(publicUrl, target.id, title);
  }
}

/**
 * Notion renders mentions when they are read, so a renamed page or person shows its current name.
 * Only records whose stored JSON holds a mention pay for the lookup.
 */
export async function refreshMentions<T extends BlockRecord | BlockRecord[]>(
  db: Executor,
  publicUrl: string,
  records: T,
): Promise<T> {
  const list: BlockRecord[] = Array.isArray(records) ? records : [records];
  const stale = list.filter((r) => r.hasMentions);
  const first = stale[0];
  if (first) {
    await resolveMentionText(
      db,
      first.workspaceId,
      publicUrl,
      stale.map((r) => [r.content, r.properties]),
    );
  }
  return records;
}
