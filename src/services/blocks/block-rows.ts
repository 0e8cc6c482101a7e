import type { NewBlockRecord } from "../../storage/block-repo.ts";
import type { Viewer } from "../access/viewer.ts";

/** A new row of the blocks tree written by `viewer` now, with the defaults every new block starts with. */
export function blockRow(
  fields: Pick<NewBlockRecord, "id" | "type" | "parentType" | "parentId" | "sortKey" | "content"> &
    Partial<Pick<NewBlockRecord, "icon" | "cover">>,
  viewer: Pick<Viewer, "workspaceId" | "userId">,
  now: string,
): NewBlockRecord {
  return {
    workspaceId: viewer.workspaceId,
    properties: null,
    icon: null,
    cover: null,
    isLocked: false,
    inTrash: false,
    isArchived: false,
    createdTime: now,
    createdBy: viewer.userId,
    lastEditedTime: now,
    lastEditedBy: viewer.userId,
    ...fields,
  };
}
