import type { JsonObject } from "../validation.ts";

/** Every property type a data source schema can hold (S5 PropertyConfigurationRequest + responses). */
export const PROPERTY_TYPES = [
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "status",
  "date",
  "people",
  "files",
  "checkbox",
  "url",
  "email",
  "phone_number",
  "formula",
  "relation",
  "rollup",
  "created_time",
  "created_by",
  "last_edited_time",
  "last_edited_by",
  "unique_id",
  "verification",
  "button",
  "place",
  "location",
  "last_visited_time",
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/**
 * One property of a data source, as stored in `data_sources.properties` (an array, in schema order).
 * `config` is exactly the `<type>` object Notion serves for the schema entry, e.g.
 * `{format:"number"}`, `{options:[{id,name,color,description}]}`, `{expression}`,
 * `{database_id, data_source_id, type:"dual_property", dual_property:{synced_property_id, synced_property_name}}`,
 * `{function, relation_property_id, relation_property_name, rollup_property_id, rollup_property_name}`,
 * `{prefix}`; `{}` for types without settings.
 * Ids are short, URL-safe and stable across renames; the title property's id is always "title".
 */
export interface PropertySchema {
  id: string;
  name: string;
  description: string | null;
  type: PropertyType;
  config: JsonObject;
}

/**
 * A row's stored values (`blocks.properties` of a page whose parent is a data source), keyed by
 * property id. Only writable types are stored, each as the `<type>` value Notion serves:
 * title/rich_text → rich text item array; number → number|null; select/status → {id,name,color}|null;
 * multi_select → [{id,name,color}]; date → {start,end,time_zone}|null; people → [{object:"user",id}];
 * files → file objects; checkbox → boolean; url/email/phone_number → string|null;
 * relation → [{id}]; unique_id → {prefix, number} (assigned at creation); verification, place → as served.
 * Computed types (formula, rollup, created_*, last_edited_*, button) are not stored here.
 */
export type StoredValues = Record<string, unknown>;

/**
 * What filters and sorts read (`blocks.query_values`, JSON keyed by property id). One scalar per
 * property, or an array for multi-valued ones; absent (never null) when the value is empty:
 * - title, rich_text, url, email, phone_number, verification (state), place (name): string
 * - number, unique_id (number part): number
 * - checkbox: boolean (always present)
 * - select, status: the option name; multi_select: [option names]
 * - date: the start as epoch milliseconds (a date-only value is midnight UTC, or midnight in its
 *   time_zone); the end, when there is one, under the key `<id>:end`
 * - people: [user ids]; relation: [page ids]; files: number of files (absent when none)
 * - formula: per result type — string, number, boolean, or date as epoch ms
 * - rollup: number or date (epoch ms) for aggregating functions; for show_original/show_unique an
 *   array of element scalars encoded as above
 * created_time/last_edited_time/created_by/last_edited_by come from the row's own columns instead.
 */
export type QueryValues = Record<string, string | number | boolean | Array<string | number | boolean>>;
