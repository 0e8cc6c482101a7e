import type { Viewer } from "../services/access/viewer.ts";
import type { ServiceContext } from "../services/context.ts";
import { type Args, isRecord, optionalString, wrong } from "./args.ts";
import { readId } from "./ids.ts";
import { type SchemaProperty, wirePropertiesOf } from "./sqlite-values.ts";
import { type Wire, readDataSource, readDatabase, schemaOf } from "./workspace.ts";

/** A page outside a data source has one property, its title. */
export const PAGE_SCHEMA: SchemaProperty[] = [{ name: "title", type: "title" }];

/** `icon`/`cover` as the hosted tools take them: an emoji, or an image URL. */
export function fileOrEmoji(value: unknown, field: string, emojiAllowed: boolean): Wire | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === "none") return null;
  if (typeof value !== "string" || value.trim() === "")
    return wrong(field, "an emoji or an https URL", value);
  if (/^https?:\/\//.test(value)) return { type: "external", external: { url: value } };
  if (!emojiAllowed) return wrong(field, "an https URL", value);
  return { type: "emoji", emoji: value };
}

export type ResolvedParent =
  | { wire: Wire; schema: SchemaProperty[]; inSource: false }
  | { wire: Wire; schema: SchemaProperty[]; inSource: true; dataSourceId: string };

/**
 * The hosted `parent` (`{page_id}`, `{database_id}`, `{data_source_id}`, or none for a workspace page)
 * as the REST API's parent, with the schema the pages' properties are read against.
 */
export async function resolveParent(
  ctx: ServiceContext,
  viewer: Viewer,
  parent: Args | undefined,
): Promise<ResolvedParent> {
  if (!parent) return { wire: { workspace: true }, schema: PAGE_SCHEMA, inSource: false };
  const pageId = optionalString(parent, "page_id", "parent.page_id");
  if (pageId !== undefined)
    return { wire: { page_id: readId(pageId, "parent.page_id").id }, schema: PAGE_SCHEMA, inSource: false };
  let sourceId: string | undefined;
  const given = optionalString(parent, "data_source_id", "parent.data_source_id");
  if (given !== undefined) sourceId = readId(given, "parent.data_source_id").id;
  const databaseId = optionalString(parent, "database_id", "parent.database_id");
  if (sourceId === undefined && databaseId !== undefined) {
    const database = await readDatabase(ctx, viewer, readId(databaseId, "parent.database_id").id);
    const sources = Array.isArray(database.data_sources) ? database.data_sources : [];
    const first = sources[0];
    if (sources.length !== 1 || !isRecord(first) || typeof first.id !== "string")
      return wrong(
        "parent.database_id",
        "a database with one data source (give parent.data_source_id instead)",
        databaseId,
      );
    sourceId = first.id;
  }
  if (sourceId === undefined)
    return wrong("parent", "one of {page_id}, {database_id} or {data_source_id}", parent);
  const source = await readDataSource(ctx, viewer, sourceId);
  return {
    wire: { data_source_id: sourceId },
    schema: schemaOf(source),
    inSource: true,
    dataSourceId: sourceId,
  };
}

export function wireProperties(values: unknown, schema: SchemaProperty[], field: string): Wire | undefined {
  if (values === undefined || values === null) return undefined;
  if (!isRecord(values)) return wrong(field, "an object of property names to values", values);
  return wirePropertiesOf(values, schema, field);
}
