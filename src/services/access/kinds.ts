import { archivedEdit, notFound } from "../../errors.ts";
import { type BlockRecord, ancestry, findBlock } from "../../storage/block-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { readerFor } from "./reader.ts";
import type { Viewer } from "./viewer.ts";

export type Kind = "page" | "block" | "database" | "data source";

export function isPage(block: BlockRecord): boolean {
  return block.type === "child_page";
}

/** Which stored rows answer to each kind of id: data sources live in the tree but are not blocks. */
const MATCHES: Record<Kind, (type: string) => boolean> = {
  page: (type) => type === "child_page",
  block: (type) => type !== "data_source",
  database: (type) => type === "child_database",
  "data source": (type) => type === "data_source",
};

/**
 * Loads a page or block the viewer may see. Integrations see what was shared with them and everything
 * below it (guests likewise, see `Reader`); anything else — missing, in another workspace, or not
 * shared — is the same 404 (never 403, so an integration cannot probe for objects it was not given).
 */
export async function loadVisible(
  db: Executor,
  viewer: Viewer,
  id: string,
  kind: Kind,
): Promise<BlockRecord> {
  const block = await findBlock(db, viewer.workspaceId, id);
  const missing = () => notFound(kind, id, viewer.integration);
  if (!block || !MATCHES[kind](block.type)) throw missing();
  if (!(await canReach(db, viewer, id))) throw missing();
  return block;
}

/** Whether the viewer may open this block (owners and members may open anything of their workspace). */
export async function canReach(db: Executor, viewer: Viewer, id: string): Promise<boolean> {
  if (!viewer.integration && !viewer.guest) return true;
  return readerFor(db, viewer).canReach(id);
}

/** Notion refuses edits inside anything in the trash, including below a trashed ancestor. */
export async function assertNotInTrash(db: Executor, id: string): Promise<void> {
  const chain = await ancestry(db, id);
  if (chain.some((a) => a.inTrash)) throw archivedEdit();
}
