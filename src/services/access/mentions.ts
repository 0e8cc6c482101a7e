import { type MentionTarget, mentionTargets, textItem } from "../../domain/rich-text.ts";
import { pageUrl } from "../../domain/urls.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { findBlocks } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { findUsers } from "../../storage/identity-repo.ts";
import { pageTitle } from "../../domain/page-title.ts";
import { type Reader, readerFor } from "./reader.ts";
import type { Viewer } from "./viewer.ts";

const UNTITLED = "Untitled";

/**
 * Fills `plain_text` (and `href` for pages and databases) of user, page and database mentions anywhere
 * in `values`, the way Notion renders them for this reader: "@Name" for people, the title for pages.
 * A page or database the reader cannot reach reads exactly like one that does not exist: "If an
 * integration doesn't have access to the mentioned page, then the mention is returned with just the ID.
 * The plain_text value that would be a title appears as "Untitled" and the annotation object's values
 * are defaults" (reference/rich-text, page mention type object) — so no title, and no slug in `href`.
 * Returns the mention items hidden that way.
 */
export async function resolveMentions(
  db: Executor,
  reader: Reader,
  publicUrl: string,
  values: unknown,
  kept?: unknown,
): Promise<Set<JsonObject>> {
  const hidden = new Set<JsonObject>();
  const keep = new Set([...mentionTargets(kept)].map((t) => t.item));
  const targets = [...mentionTargets(values)].filter((t) => !keep.has(t.item));
  if (targets.length === 0) return hidden;
  const { workspaceId } = reader.viewer;
  const ids = (kind: MentionTarget["kind"]) => [
    ...new Set(targets.filter((t) => t.kind === kind).map((t) => t.id)),
  ];
  const users = new Map((await findUsers(db, workspaceId, ids("user"))).map((u) => [u.id, u]));
  const pageIds = [...ids("page"), ...ids("database")];
  const visible = reader.complete ? null : await reader.reachable(pageIds);
  const pages = new Map(
    (await findBlocks(db, workspaceId, visible ? [...visible] : pageIds)).map((b) => [b.id, b]),
  );
  for (const target of targets) {
    if (target.kind === "user") {
      target.item.plain_text = `@${users.get(target.id)?.name ?? "Unknown user"}`;
      continue;
    }
    const page = pages.get(target.id);
    const title = page ? pageTitle(page) : "";
    target.item.plain_text = title || UNTITLED;
    target.item.href = pageUrl(publicUrl, target.id, title);
    if (!page && visible) hidden.add(target.item);
  }
  return hidden;
}

/** Mentions as the reader sees them when reading: hidden ones also lose their annotations (see above). */
export async function readMentions(
  db: Executor,
  reader: Reader,
  publicUrl: string,
  values: unknown,
): Promise<Set<JsonObject>> {
  const hidden = await resolveMentions(db, reader, publicUrl, values);
  for (const item of hidden) item.annotations = textItem("").annotations;
  return hidden;
}

/**
 * The same, as the writer of `values` sees them, before they are stored: a mention of a page the writer
 * cannot reach stores no title (else a writer could read any title back, and tell unknown ids from
 * unshared ones). Annotations are kept as written; readers who can see the page get its title when
 * they read it. Mentions that are still the very objects of `kept` (what was stored before an edit)
 * were not written now and keep their stored text.
 */
export async function resolveMentionText(
  db: Executor,
  viewer: Viewer,
  publicUrl: string,
  values: unknown,
  kept?: unknown,
): Promise<void> {
  await resolveMentions(db, readerFor(db, viewer), publicUrl, values, kept);
}
