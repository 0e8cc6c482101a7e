import { validationError } from "../../errors.ts";
import { type JsonObject, excerpt, requireObject, requireString } from "../validation.ts";
import { newPropertyId } from "./ids.ts";
import { findPropertyIndex, notAProperty } from "./lookup.ts";
import type { ApiVersion, RelationRequest, SchemaChange, SchemaUpdate } from "./model.ts";
import { type ParsedConfig, parseConfig } from "./schema-config.ts";
import {
  type PendingRollup,
  SECOND_TITLE,
  entryType,
  parseDescription,
  resolveRollups,
} from "./schema-parse.ts";
import { PROPERTY_TYPES, type PropertySchema, type PropertyType } from "./types.ts";

/** S5 `UpdateDataSourceBodyParameters.properties` cannot add or retype to these (create can). */
const CREATE_ONLY: readonly PropertyType[] = ["button", "location", "verification", "last_visited_time"];
const UPDATE_TYPES = PROPERTY_TYPES.filter((t) => !CREATE_ONLY.includes(t));

export const DELETE_TITLE = "The title property can't be deleted.";
export const RETYPE_TITLE = "The title property can't be changed to another type.";

function nameTaken(schema: PropertySchema[], name: string, except?: string): void {
  if (schema.some((p) => p.name === name && p.id !== except)) {
    throw validationError(`A property named ${excerpt(name)} already exists.`);
  }
}

/** The relation request a config produces, unless it keeps the same target and kind. */
function relationChange(
  previous: PropertySchema | undefined,
  parsed: ParsedConfig,
): Omit<RelationRequest, "propertyId"> | undefined {
  const relation = parsed.relation;
  if (!relation || previous?.type !== "relation") return relation;
  const config = previous.config;
  const sameTarget =
    (relation.dataSourceId !== undefined && relation.dataSourceId === config.data_source_id) ||
    (relation.databaseId !== undefined && relation.databaseId === config.database_id);
  return sameTarget && relation.kind === config.type ? undefined : relation;
}

/** A rollup request naming the function, relation and rolled-up property it already has. */
function sameRollup(config: JsonObject, parsed: ParsedConfig): boolean {
  const ref = parsed.rollup;
  const matches = (id: string | undefined, name: string | undefined, side: "relation" | "rollup") =>
    (id !== undefined && id === config[`${side}_property_id`]) ||
    (id === undefined && name === config[`${side}_property_name`]);
  return (
    ref !== undefined &&
    parsed.config.function === config.function &&
    matches(ref.relationPropertyId, ref.relationPropertyName, "relation") &&
    matches(ref.rollupPropertyId, ref.rollupPropertyName, "rollup")
  );
}

/** Whether an entry carries a `<type>` key (any type, so create-only ones get the "Fix one" error). */
function hasConfig(entry: JsonObject): boolean {
  return entry.type !== undefined || PROPERTY_TYPES.some((t) => entry[t] !== undefined);
}

function sameConfig(a: JsonObject, b: JsonObject): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Collected {
  changes: SchemaChange[];
  relations: RelationRequest[];
  pending: PendingRollup[];
}

function addProperty(
  schema: PropertySchema[],
  key: string,
  entry: JsonObject,
  path: string,
  version: ApiVersion,
  out: Collected,
): void {
  const type = entryType(entry, path, UPDATE_TYPES);
  if (type === "title") throw validationError(SECOND_TITLE);
  const name = entry.name === undefined ? key : requireString(entry.name, `${path}.name`);
  nameTaken(schema, name);
  const id = newPropertyId(new Set(schema.map((p) => p.id)));
  const parsed = parseConfig(type, entry[type], `${path}.${type}`, version);
  const description = parseDescription(entry.description, `${path}.description`) ?? null;
  schema.push({ id, name, description, type, config: parsed.config });
  out.changes.push({ kind: "added", id });
  if (parsed.relation) out.relations.push({ propertyId: id, ...parsed.relation });
  if (parsed.rollup) out.pending.push({ propertyId: id, name, ...parsed.rollup });
}

function changeProperty(
  schema: PropertySchema[],
  index: number,
  entry: JsonObject,
  path: string,
  version: ApiVersion,
  out: Collected,
): void {
  const previous = schema[index];
  if (!previous) return;
  const next: PropertySchema = { ...previous };
  const { id } = previous;
  if (entry.name !== undefined) {
    const name = requireString(entry.name, `${path}.name`);
    if (name !== previous.name) {
      nameTaken(schema, name, id);
      next.name = name;
      out.changes.push({ kind: "renamed", id });
    }
  }
  const description = parseDescription(entry.description, `${path}.description`);
  if (description !== undefined && description !== previous.description) {
    next.description = description;
    out.changes.push({ kind: "updated", id });
  }
  // `{name}` alone (or with a description) is a rename; any `<type>` key is a config change.
  if (hasConfig(entry)) {
    const type = entryType(entry, path, UPDATE_TYPES);
    if (previous.type === "title" && type !== "title") throw validationError(RETYPE_TITLE);
    if (type === "title" && previous.type !== "title") throw validationError(SECOND_TITLE);
    const parsed = parseConfig(type, entry[type], `${path}.${type}`, version, previous);
    const relation = relationChange(previous, parsed);
    const rollupKept = parsed.rollup && previous.type === "rollup" && sameRollup(previous.config, parsed);
    // Unchanged relations and rollups keep their resolved ids rather than the request's references.
    const config = (parsed.relation && !relation) || rollupKept ? previous.config : parsed.config;
    if (type !== previous.type) out.changes.push({ kind: "retyped", id });
    else if (!sameConfig(config, previous.config)) out.changes.push({ kind: "updated", id });
    next.type = type;
    next.config = config;
    if (relation) out.relations.push({ propertyId: id, ...relation });
    if (parsed.rollup && !rollupKept) out.pending.push({ propertyId: id, name: next.name, ...parsed.rollup });
  }
  schema[index] = next;
}

/** Rollups store their relation's name too; keep it in step with renames in the same schema. */
function refreshRollupNames(schema: PropertySchema[]): void {
  for (const rollup of schema) {
    if (rollup.type !== "rollup") continue;
    const relation = schema.find((p) => p.id === rollup.config.relation_property_id);
    if (relation && relation.name !== rollup.config.relation_property_name) {
      rollup.config = { ...rollup.config, relation_property_name: relation.name };
    }
  }
}

/**
 * `properties` of `PATCH /v1/data_sources/{id}` (2022: `PATCH /v1/databases/{id}`): keys are names or
 * ids; `null` deletes, `{name}` renames, a `<type>` object changes settings or type (the id stays).
 * A key that matches nothing adds a property of that name.
 */
export function applySchemaUpdate(
  current: PropertySchema[],
  input: unknown,
  path: string,
  version: ApiVersion,
): SchemaUpdate {
  const properties = requireObject(input, path);
  const schema = current.map((p) => ({ ...p, config: { ...p.config } }));
  const out: Collected = { changes: [], relations: [], pending: [] };
  for (const [key, raw] of Object.entries(properties)) {
    const epath = `${path}.${key}`;
    const index = findPropertyIndex(schema, key);
    const existing = schema[index];
    if (raw === null) {
      if (!existing) throw validationError(notAProperty(key));
      if (existing.type === "title") throw validationError(DELETE_TITLE);
      schema.splice(index, 1);
      out.changes.push({ kind: "deleted", id: existing.id });
      continue;
    }
    const entry = requireObject(raw, epath);
    if (existing) changeProperty(schema, index, entry, epath, version, out);
    else if (!hasConfig(entry)) throw validationError(notAProperty(key));
    else addProperty(schema, key, entry, epath, version, out);
  }
  const rollups = resolveRollups(schema, out.pending);
  refreshRollupNames(schema);
  return { schema, changes: out.changes, relations: out.relations, rollups };
}
