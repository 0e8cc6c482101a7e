import { hasDataSources, servesArchived, type ApiVersion } from "../domain/versions.ts";
import type { BlockRecord } from "../storage/block-repo.ts";

export { partialUser } from "../domain/partial-user.ts";

/**
 * The `parent` object of a page, block, database or data source. Rows of a data source name both
 * the source and its database from 2025-09-03 on; 2022-06-28 knows only the database.
 */
export function presentParent(block: BlockRecord, version: ApiVersion) {
  switch (block.parentType) {
    case "data_source_id":
      return hasDataSources(version)
        ? { type: "data_source_id", data_source_id: block.parentId, database_id: block.parentDatabaseId }
        : { type: "database_id", database_id: block.parentDatabaseId };
    case "database_id":
      return { type: "database_id", database_id: block.parentId };
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
