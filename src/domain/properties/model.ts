import type { ApiVersion } from "../versions.ts";
import type { PropertySchema, PropertyType, StoredValues } from "./types.ts";

export type { ApiVersion };

/** A select, multi-select or status option as served in the schema. */
export interface SelectOption {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

/** A status group as served in the schema. */
export interface StatusGroup {
  id: string;
  name: string;
  color: string;
  option_ids: string[];
}

/**
 * A relation property as requested, before its target is resolved. The domain cannot look ids up, so
 * the service resolves the target, fills `database_id`/`data_source_id` (and for dual relations
 * `dual_property.synced_property_*`) in the property's config, and creates the twin property.
 * 2025+ requests name a data source; 2022-06-28 requests name a database (or, before the upgrade,
 * a data source — both are accepted there).
 */
export interface RelationRequest {
  propertyId: string;
  dataSourceId?: string | undefined;
  databaseId?: string | undefined;
  kind: "single_property" | "dual_property";
  /** Requested name (or id) of the twin property a dual relation creates on the target. */
  syncedPropertyName?: string | undefined;
  syncedPropertyId?: string | undefined;
}

/**
 * A rollup whose relation property was found in the same schema; the rolled-up property lives in the
 * relation's target and is only named here (by id and/or name) for the service to resolve. The
 * property's config already holds `function`, `relation_property_id/_name`, and whichever of
 * `rollup_property_id/_name` the request gave.
 */
export interface RollupRequest {
  propertyId: string;
  relationPropertyId: string;
  rollupPropertyId?: string | undefined;
  rollupPropertyName?: string | undefined;
}

export interface SchemaChange {
  kind: "added" | "renamed" | "deleted" | "retyped" | "updated";
  id: string;
}

export interface ParsedSchema {
  schema: PropertySchema[];
  relations: RelationRequest[];
  rollups: RollupRequest[];
}

export interface SchemaUpdate extends ParsedSchema {
  changes: SchemaChange[];
}

/** An option a row write created; the service appends it to the property's schema options. */
export interface NewOption {
  propertyId: string;
  option: SelectOption;
}

export interface RowValues {
  /** Values to merge over the row's stored values (`{...old, ...values}`); cleared ones hold their empty form. */
  values: StoredValues;
  newOptions: NewOption[];
  /** Ids of the properties the request wrote, in request order. */
  touched: string[];
  /** `file_upload` ids referenced by files values; the service checks and attaches them. */
  fileUploads: string[];
  /** Page ids per relation property; the service checks they exist and are in the relation's target. */
  relations: Array<{ propertyId: string; pageIds: string[] }>;
  /** User (and group) ids referenced by people values. */
  people: string[];
}

/** Property types whose values a request can write (S5 CreatePageBodyParameters `properties`). */
export const WRITABLE_TYPES = [
  "title",
  "rich_text",
  "number",
  "url",
  "select",
  "multi_select",
  "people",
  "email",
  "phone_number",
  "date",
  "checkbox",
  "relation",
  "files",
  "status",
  "place",
  "verification",
] as const satisfies readonly PropertyType[];
export type WritableType = (typeof WRITABLE_TYPES)[number];

export function isWritable(type: string): type is WritableType {
  return (WRITABLE_TYPES as readonly string[]).includes(type);
}
