import { pageUrl } from "../domain/urls.ts";
import { type ApiVersion, traitsOf } from "../domain/versions.ts";
import { pageTitle } from "../domain/page-title.ts";
import type { PageView } from "../services/pages/page-types.ts";
import { partialUser, presentParent, trashFields } from "./present-common.ts";
import { type FileLinks, presentFileSource, presentPropertyFiles } from "./present-file.ts";
import { presentRowProperties } from "./present-row.ts";

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

/** `properties` by name: a row's whole schema, or a plain page's title. */
export function presentPageProperties(view: PageView, files: FileLinks): Record<string, unknown> {
  const properties = view.schema
    ? presentRowProperties(view.schema, view.page)
    : (view.page.properties ?? {});
  return presentPropertyFiles(properties, files);
}

export function presentPage(
  view: PageView,
  version: ApiVersion,
  publicUrl: string,
  files: FileLinks,
  only?: string[],
) {
  const { page } = view;
  const properties = presentPageProperties(view, files);
  // 2022-06-28 pages predate `is_archived` and `is_locked` (S4 PageObjectResponse).
  const flags = !traitsOf(version).pageFlags
    ? {}
    : { is_archived: page.isArchived, is_locked: page.isLocked };
  return {
    object: "page",
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.lastEditedTime,
    created_by: partialUser(page.createdBy),
    last_edited_by: partialUser(page.lastEditedBy),
    cover: presentFileSource(page.cover, files),
    icon: presentFileSource(page.icon, files),
    parent: presentParent(page, version),
    ...trashFields(version, page.inTrash),
    ...flags,
    properties: selectProperties(properties, only),
    url: pageUrl(publicUrl, page.id, pageTitle(page)),
    public_url: null,
  };
}
