import { servesArchived, type ApiVersion } from "../domain/versions.ts";
import type { BlockRecord } from "../storage/block-repo.ts";

export function partialUser(id: string) {
  return { object: "user", id };
}

/** The `parent` object of a page or block, as stored. */
export function presentParent(block: BlockRecord) {
  switch (block.parentType) {
    case "workspace":
      return { type: "workspace", workspace: true };
    case "page_id":
      return { type: "page_id", page_id: block.parentId };
    case "block_id":
      return { type: "block_id", block_id: block.parentId };
  }
}

/** `archived` up to 2025-09-03 (deprecated), `in_trash` everywhere. */
export function trashFields(version: ApiVersion, inTrash: boolean) {
  return servesArchived(version) ? { archived: inTrash, in_trash: inTrash } : { in_trash: inTrash };
}
