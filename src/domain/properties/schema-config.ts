import {
  type JsonObject,
  expectation,
  failOneOf,
  optionalEnum,
  optionalObject,
  optionalString,
  requireEnum,
  requireObject,
  requireUuid,
} from "../validation.ts";
import type { ApiVersion, RelationRequest, SelectOption } from "./model.ts";
import { hasDataSources } from "../versions.ts";
import {
  defaultStatusConfig,
  mergeOptions,
  parseNewOptions,
  readGroups,
  readOptions,
  regroup,
  statusConfigFor,
} from "./select-options.ts";
import type { PropertySchema, PropertyType } from "./types.ts";

/** S4 `NumberFormat` (S5 types it as a plain string but Notion still refuses unknown formats). */
export const NUMBER_FORMATS = [
  "number",
  "number_with_commas",
  "percent",
  "dollar",
  "australian_dollar",
  "canadian_dollar",
  "singapore_dollar",
  "euro",
  "pound",
  "yen",
  "ruble",
  "rupee",
  "won",
  "yuan",
  "real",
  "lira",
  "rupiah",
  "franc",
  "hong_kong_dollar",
  "new_zealand_dollar",
  "krona",
  "norwegian_krone",
  "mexican_peso",
  "rand",
  "new_taiwan_dollar",
  "danish_krone",
  "zloty",
  "baht",
  "forint",
  "koruna",
  "shekel",
  "chilean_peso",
  "philippine_peso",
  "dirham",
  "colombian_peso",
  "riyal",
  "ringgit",
  "leu",
  "argentine_peso",
  "uruguayan_peso",
  "peruvian_sol",
] as const;

/** S5 `RollupFunction`. */
export const ROLLUP_FUNCTIONS = [
  "count",
  "count_values",
  "empty",
  "not_empty",
  "unique",
  "show_unique",
  "percent_empty",
  "percent_not_empty",
  "sum",
  "average",
  "median",
  "min",
  "max",
  "range",
  "earliest_date",
  "latest_date",
  "date_range",
  "checked",
  "unchecked",
  "percent_checked",
  "percent_unchecked",
  "count_per_group",
  "percent_per_group",
  "show_original",
] as const;

const OPTION_TYPES = new Set<PropertyType>(["select", "multi_select", "status"]);

/** A rollup's relation as requested; resolved against the whole schema once every entry is parsed. */
export interface RollupRef {
  relationPropertyId?: string | undefined;
  relationPropertyName?: string | undefined;
  rollupPropertyId?: string | undefined;
  rollupPropertyName?: string | undefined;
}

export interface ParsedConfig {
  config: JsonObject;
  relation?: Omit<RelationRequest, "propertyId">;
  rollup?: RollupRef;
}

/** Options a retyped property carries over (select ↔ multi_select ↔ status keep their options). */
function carriedOptions(previous: PropertySchema | undefined): SelectOption[] {
  return previous && OPTION_TYPES.has(previous.type) ? readOptions(previous.config) : [];
}

function parseOptionConfig(
  type: "select" | "multi_select" | "status",
  input: JsonObject,
  path: string,
  previous: PropertySchema | undefined,
): JsonObject {
  const carried = carriedOptions(previous);
  const given = input.options;
  // A new property's options are all new; an existing one's may reference its options by id or name.
  const options =
    given === undefined
      ? carried
      : previous
        ? mergeOptions(carried, given, `${path}.options`)
        : parseNewOptions(given, `${path}.options`);
  if (type !== "status") return { options };
  if (previous?.type === "status") return { options, groups: regroup(readGroups(previous.config), options) };
  if (options.length === 0 && given === undefined) return defaultStatusConfig();
  return statusConfigFor(options);
}

function parseRelation(input: JsonObject, path: string, version: ApiVersion) {
  let dataSourceId: string | undefined;
  let databaseId: string | undefined;
  // 2025-09-03 dropped `database_id` here; 2022-06-28 names a database, or a data source after upgrading.
  if (hasDataSources(version) || input.data_source_id !== undefined) {
    dataSourceId = requireUuid(input.data_source_id, `${path}.data_source_id`);
  } else {
    databaseId = requireUuid(input.database_id, `${path}.database_id`);
  }
  const kinds = ["single_property", "dual_property"] as const;
  const kind = optionalEnum(input.type, `${path}.type`, kinds) ?? kinds.find((k) => input[k] !== undefined);
  if (!kind)
    failOneOf(
      path,
      kinds.map((k) => expectation(`${path}.${k}`, "defined", undefined)),
    );
  const settings = optionalObject(input[kind], `${path}.${kind}`) ?? {};
  const relation: Omit<RelationRequest, "propertyId"> = { dataSourceId, databaseId, kind };
  if (kind === "dual_property") {
    relation.syncedPropertyName = optionalString(
      settings.synced_property_name,
      `${path}.dual_property.synced_property_name`,
    );
    relation.syncedPropertyId = optionalString(
      settings.synced_property_id,
      `${path}.dual_property.synced_property_id`,
    );
  }
  // Placeholders until the service resolves the target (see RelationRequest).
  const config: JsonObject = {
    database_id: databaseId ?? "",
    data_source_id: dataSourceId ?? "",
    type: kind,
    [kind]: kind === "dual_property" ? { synced_property_id: "", synced_property_name: "" } : {},
  };
  return { config, relation };
}

function parseRollup(input: JsonObject, path: string): ParsedConfig {
  const fn = requireEnum(input.function, `${path}.function`, ROLLUP_FUNCTIONS);
  const ref: RollupRef = {
    relationPropertyId: optionalString(input.relation_property_id, `${path}.relation_property_id`),
    relationPropertyName: optionalString(input.relation_property_name, `${path}.relation_property_name`),
    rollupPropertyId: optionalString(input.rollup_property_id, `${path}.rollup_property_id`),
    rollupPropertyName: optionalString(input.rollup_property_name, `${path}.rollup_property_name`),
  };
  for (const side of ["relation", "rollup"] as const) {
    if (ref[`${side}PropertyId`] === undefined && ref[`${side}PropertyName`] === undefined) {
      failOneOf(path, [
        expectation(`${path}.${side}_property_name`, "defined", undefined),
        expectation(`${path}.${side}_property_id`, "defined", undefined),
      ]);
    }
  }
  const config: JsonObject = { function: fn };
  if (ref.rollupPropertyId !== undefined) config.rollup_property_id = ref.rollupPropertyId;
  if (ref.rollupPropertyName !== undefined) config.rollup_property_name = ref.rollupPropertyName;
  return { config, rollup: ref };
}

/**
 * The `<type>` object of a schema entry, validated, with Notion's defaults filled in. `previous` is the
 * property being updated (same id), whose settings carry over when the request leaves them out.
 */
export function parseConfig(
  type: PropertyType,
  value: unknown,
  path: string,
  version: ApiVersion,
  previous?: PropertySchema,
): ParsedConfig {
  const input = requireObject(value, path);
  const same = previous?.type === type ? previous.config : undefined;
  switch (type) {
    case "number": {
      const format = optionalEnum(input.format, `${path}.format`, NUMBER_FORMATS);
      return { config: { format: format ?? (typeof same?.format === "string" ? same.format : "number") } };
    }
    case "select":
    case "multi_select":
    case "status":
      return { config: parseOptionConfig(type, input, path, previous) };
    case "formula": {
      const expression = optionalString(input.expression, `${path}.expression`);
      const kept = typeof same?.expression === "string" ? same.expression : "";
      return { config: { expression: expression ?? kept } };
    }
    case "relation":
      return parseRelation(input, path, version);
    case "rollup":
      return parseRollup(input, path);
    case "unique_id": {
      const prefix = input.prefix === null ? null : optionalString(input.prefix, `${path}.prefix`);
      const kept = typeof same?.prefix === "string" ? same.prefix : null;
      // An empty prefix is no prefix: Notion serves `prefix: null` for IDs shown as bare numbers.
      return { config: { prefix: prefix === undefined ? kept : prefix || null } };
    }
    default:
      return { config: {} };
  }
}
