import { plainText } from "../domain/rich-text.ts";
import { pageUrl } from "../domain/urls.ts";
import type { ApiVersion } from "../domain/versions.ts";
import type { BlockRecord } from "../storage/block-repo.ts";
import { partialUser, presentParent, trashFields } from "./present-common.ts";

export function pageTitle(page: BlockRecord): string {
  const title = page.properties?.title;
  return title && typeof title === "object" && "title" in title ? plainText(title.title) : "";
}

/** `filter_properties` limits `properties` to the listed ids or names. */
function selectProperties(properties: Record<string, unknown>, only: string[] | undefined) {
  if (!only) return properties;
  return Object.fromEntries(
    Object.entries(properties).filter(([name, value]) => {
      const id = value && typeof value === "object" && "id" in value ? value.id : undefined;
      return only.includes(name) || (typeof id === "string" && only.includes(id));
    }),
  );
}

export function presentPage(page: BlockRecord, version: ApiVersion, publicUrl: string, only?: string[]) {
  // 2022-06-28 pages predate `is_archived` and `is_locked` (S4 PageObjectResponse).
  const flags = version === "2022-06-28" ? {} : { is_archived: page.isArchived, is_locked: page.isLocked };
  return {
    object: "page",
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.lastEditedTime,
    created_by: partialUser(page.createdBy),
    last_edited_by: partialUser(page.lastEditedBy),
    cover: page.cover,
    icon: page.icon,
    parent: presentParent(page),
    ...trashFields(version, page.inTrash),
    ...flags,
    properties: selectProperties(page.properties ?? {}, only),
    url: pageUrl(publicUrl, page.id, pageTitle(page)),
    public_url: null,
  };
}
