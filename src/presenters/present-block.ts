import type { ApiVersion } from "../domain/versions.ts";
import type { BlockRecord } from "../storage/block-repo.ts";
import { partialUser, presentParent, trashFields } from "./present-common.ts";
import { type FileLinks, presentBlockFiles } from "./present-file.ts";

export function presentBlock(block: BlockRecord, version: ApiVersion, files: FileLinks) {
  return {
    object: "block",
    id: block.id,
    parent: presentParent(block, version),
    created_time: block.createdTime,
    last_edited_time: block.lastEditedTime,
    created_by: partialUser(block.createdBy),
    last_edited_by: partialUser(block.lastEditedBy),
    has_children: block.hasChildren,
    ...trashFields(version, block.inTrash),
    type: block.type,
    [block.type]: presentBlockFiles(block.content, files),
  };
}
