import { validationError } from "../../errors.ts";
import {
  type JsonObject,
  expectation,
  fail,
  failOneOf,
  optionalString,
  requireEnum,
  requireObject,
} from "../validation.ts";
import { TITLE_ID, newPropertyId } from "./ids.ts";
import type { ApiVersion, ParsedSchema, RelationRequest, RollupRequest } from "./model.ts";
import { type RollupRef, parseConfig } from "./schema-config.ts";
import { PROPERTY_TYPES, type PropertySchema, type PropertyType } from "./types.ts";

/** Message Notion gives when a new schema lacks its title property (makenotion/notion-sdk-js#239). */
export const MISSING_TITLE = "Title is not provided";
export const SECOND_TITLE = "Only one title property is allowed.";

/**
 * Which `<type>` key a schema entry uses: its `type` when given (then the config must be there too),
 * otherwise the one type key present. Notion reports a missing key as a "Fix one:" list of alternatives.
 */
export function entryType<T extends PropertyType>(input: JsonObject, path: string, allowed: readonly T[]): T {
  if (input.type !== undefined) {
    const type = requireEnum(input.type, `${path}.type`, allowed);
    if (input[type] === undefined) fail(`${path}.${type}`, "defined", undefined);
    return type;
  }
  const present = allowed.filter((t) => input[t] !== undefined);
  const [first, second] = present;
  if (first === undefined)
    failOneOf(
      path,
      allowed.map((t) => expectation(`${path}.${t}`, "defined", undefined)),
    );
  if (second !== undefined) fail(`${path}.${second}`, "not present", input[second]);
  return first;
}

export function parseDescription(value: unknown, path: string): string | null | undefined {
  if (value === null) return null;
  const text = optionalString(value, path);
  return text === "" ? null : text;
}

/** What a pending rollup refers to, kept until the whole schema is known. */
export interface PendingRollup extends RollupRef {
  propertyId: string;
  name: string;
}

/**
 * Rollups name their relation by id or name, and it may be declared later in the same request, so
 * they are resolved once the schema is complete. The relation must live in the same data source.
 */
export function resolveRollups(schema: PropertySchema[], pending: PendingRollup[]): RollupRequest[] {
  return pending.map((rollup) => {
    const relation =
      schema.find((p) => p.type === "relation" && p.id === rollup.relationPropertyId) ??
      schema.find((p) => p.type === "relation" && p.name === rollup.relationPropertyName);
    if (!relation) {
      throw validationError(
        `Rollup property ${rollup.name} must use a relation property of this data source.`,
      );
    }
    const entry = schema.find((p) => p.id === rollup.propertyId);
    if (entry) {
      const config: JsonObject = {
        function: entry.config.function,
        relation_property_id: relation.id,
        relation_property_name: relation.name,
      };
      if (rollup.rollupPropertyId !== undefined) config.rollup_property_id = rollup.rollupPropertyId;
      if (rollup.rollupPropertyName !== undefined) config.rollup_property_name = rollup.rollupPropertyName;
      entry.config = config;
    }
    return {
      propertyId: rollup.propertyId,
      relationPropertyId: relation.id,
      rollupPropertyId: rollup.rollupPropertyId,
      rollupPropertyName: rollup.rollupPropertyName,
    };
  });
}

/** The schema Notion gives a data source created without `properties`: one title called "Name". */
export function defaultSchema(): PropertySchema[] {
  return [{ id: TITLE_ID, name: "Name", description: null, type: "title", config: {} }];
}

/**
 * `properties` of `POST /v1/databases` (2022: top level; 2025+: `initial_data_source`) and
 * `POST /v1/data_sources`: keys are names, values `{<type>: config, type?, description?}`.
 */
export function parseSchema(input: unknown, path: string, version: ApiVersion): ParsedSchema {
  const properties = requireObject(input, path);
  const schema: PropertySchema[] = [];
  const relations: RelationRequest[] = [];
  const pending: PendingRollup[] = [];
  const taken = new Set<string>([TITLE_ID]);
  for (const [name, raw] of Object.entries(properties)) {
    const epath = `${path}.${name}`;
    const entry = requireObject(raw, epath);
    const type = entryType(entry, epath, PROPERTY_TYPES);
    if (type === "title" && schema.some((p) => p.type === "title")) throw validationError(SECOND_TITLE);
    const id = type === "title" ? TITLE_ID : newPropertyId(taken);
    taken.add(id);
    const parsed = parseConfig(type, entry[type], `${epath}.${type}`, version);
    const description = parseDescription(entry.description, `${epath}.description`) ?? null;
    schema.push({ id, name, description, type, config: parsed.config });
    if (parsed.relation) relations.push({ propertyId: id, ...parsed.relation });
    if (parsed.rollup) pending.push({ propertyId: id, name, ...parsed.rollup });
  }
  if (!schema.some((p) => p.type === "title")) throw validationError(MISSING_TITLE);
  return { schema, relations, rollups: resolveRollups(schema, pending) };
}
