import { plainText } from "../domain/rich-text.ts";
import { pageUrl } from "../domain/urls.ts";
import { type ApiVersion, hasDataSources } from "../domain/versions.ts";
import { presentSchema } from "../domain/properties/index.ts";
import type { BlockRecord } from "../storage/block-repo.ts";
import type { DataSourceView, DatabaseView } from "../storage/database-repo.ts";
import { partialUser, presentParent, trashFields } from "./present-common.ts";
import { type FileLinks, presentFileSource } from "./present-file.ts";

export type { DataSourceView, DatabaseView };

function common(block: BlockRecord) {
  return {
    created_time: block.createdTime,
    last_edited_time: block.lastEditedTime,
    created_by: partialUser(block.createdBy),
    last_edited_by: partialUser(block.lastEditedBy),
  };
}

/**
 * A database. From 2025-09-03 it is a container listing its data sources; in 2022-06-28 it is one
 * table with its schema inline (the caller refuses databases with several sources for that version).
 */
export function presentDatabase(
  view: DatabaseView,
  version: ApiVersion,
  publicUrl: string,
  files: FileLinks,
) {
  const { block, fields } = view;
  const base = {
    object: "database",
    id: block.id,
    ...common(block),
    title: fields.title,
    description: fields.description,
    icon: presentFileSource(block.icon, files),
    cover: presentFileSource(block.cover, files),
    parent: presentParent(block, version),
    is_inline: fields.isInline,
    ...trashFields(version, block.inTrash),
  };
  const url = pageUrl(publicUrl, block.id, plainText(fields.title));
  if (!hasDataSources(version)) {
    const main = view.sources[0];
    return { ...base, properties: main ? presentSchema(main.schema, version) : {}, url, public_url: null };
  }
  return {
    ...base,
    is_locked: block.isLocked,
    data_sources: view.sources.map((s) => ({ id: s.id, name: plainText(s.title) })),
    url,
    public_url: null,
  };
}

export function presentDataSource(
  view: DataSourceView,
  version: ApiVersion,
  publicUrl: string,
  files: FileLinks,
) {
  const { block, fields, database } = view;
  return {
    object: "data_source",
    id: block.id,
    ...common(block),
    title: fields.title,
    description: fields.description,
    icon: presentFileSource(block.icon, files),
    cover: presentFileSource(database.block.cover, files),
    properties: presentSchema(fields.schema, version),
    parent: { type: "database_id", database_id: fields.databaseId },
    database_parent: presentParent(database.block, version),
    is_inline: database.fields.isInline,
    ...trashFields(version, block.inTrash),
    url: pageUrl(publicUrl, block.id, plainText(fields.title)),
    public_url: null,
  };
}
