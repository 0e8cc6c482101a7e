import type { ApiVersion } from "./model.ts";
import type { PropertySchema } from "./types.ts";

/**
 * One schema entry as served (S5 `DatabasePropertyConfigResponse`; S4 has the same fields, including
 * `description`, so every version gets them). Relation configs carry both `database_id` and
 * `data_source_id` in all versions (reference §14.8).
 */
export function presentSchemaEntry(entry: PropertySchema, _version: ApiVersion) {
  return {
    id: entry.id,
    name: entry.name,
    description: entry.description,
    type: entry.type,
    [entry.type]: entry.config,
  };
}

/** `properties` of a data source (or 2022 database): keyed by name, in schema order. */
export function presentSchema(schema: PropertySchema[], version: ApiVersion) {
  const out: Record<string, ReturnType<typeof presentSchemaEntry>> = {};
  for (const entry of schema) out[entry.name] = presentSchemaEntry(entry, version);
  return out;
}
