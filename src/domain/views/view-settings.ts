import type { PropertySchema } from "../properties/types.ts";
import { parseQuery } from "../query/parse-query.ts";
import type { QueryAst } from "../query/ast.ts";
import { type JsonObject, fail, isObject, requireObject } from "../validation.ts";
import { defaultConfiguration, parseConfiguration } from "./view-configuration.ts";
import {
  filterToIds,
  filterToNames,
  propertyIdOf,
  quickFiltersToNames,
  sortsToIds,
  sortsToNames,
} from "./view-references.ts";
import type { ViewSettings, ViewType } from "./view-types.ts";

/**
 * The filter, sorts, quick filters and configuration of a `views.create` or `views.update` body,
 * validated against the data source's schema with the same messages as a data-source query (a view's
 * filter is the query grammar, S5 `ViewFilterRequest`). On update, an absent key keeps the view's
 * setting and `null` clears it; `quick_filters` entries set to `null` are removed one by one.
 */
export function parseViewSettings(
  body: JsonObject,
  type: ViewType,
  schema: PropertySchema[],
  current: ViewSettings | null,
): ViewSettings {
  const settings: ViewSettings = current ?? {
    filter: null,
    sorts: null,
    quickFilters: null,
    configuration: defaultConfiguration(type, schema),
  };
  const filter =
    body.filter === undefined
      ? settings.filter
      : body.filter === null
        ? null
        : parseFilter(body.filter, schema);
  const sorts =
    body.sorts === undefined
      ? settings.sorts
      : body.sorts === null
        ? null
        : parseSortList(body.sorts, schema);
  const quickFilters =
    body.quick_filters === undefined
      ? settings.quickFilters
      : body.quick_filters === null
        ? null
        : parseQuickFilters(body.quick_filters, schema, settings.quickFilters);
  const configuration =
    body.configuration === undefined || body.configuration === null
      ? settings.configuration
      : parseConfiguration(body.configuration, type, schema, "body.configuration", settings.configuration);
  return { filter, sorts, quickFilters, configuration };
}

function parseFilter(input: unknown, schema: PropertySchema[]): JsonObject {
  parseQuery({ filter: input }, schema, { path: "body" });
  return filterToIds(requireObject(input, "body.filter"), schema);
}

function parseSortList(input: unknown, schema: PropertySchema[]): JsonObject[] {
  parseQuery({ sorts: input }, schema, { path: "body" });
  return sortsToIds(input as JsonObject[], schema);
}

function parseQuickFilters(
  input: unknown,
  schema: PropertySchema[],
  current: Record<string, JsonObject> | null,
): Record<string, JsonObject> | null {
  const entries = requireObject(input, "body.quick_filters");
  const out: Record<string, JsonObject> = { ...(current ?? {}) };
  for (const [key, condition] of Object.entries(entries)) {
    const id = propertyIdOf(schema, key);
    if (condition === null) {
      delete out[id];
      continue;
    }
    const path = `body.quick_filters.${key}`;
    if (!isObject(condition)) fail(path, "an object", condition);
    // A quick filter is a property filter without `property` (S5 `QuickFilterConditionRequest`).
    parseQuery({ filter: { ...condition, property: key } }, schema, { path: `body.quick_filters.${key}` });
    out[id] = condition;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The settings as served: property names for ids, deleted properties dropped. */
export function presentableSettings(settings: ViewSettings, schema: PropertySchema[]) {
  return {
    filter: settings.filter && filterToNames(settings.filter, schema),
    sorts: settings.sorts && sortsToNames(settings.sorts, schema),
    quickFilters: settings.quickFilters && quickFiltersToNames(settings.quickFilters, schema),
  };
}

/**
 * What a view's query runs: its filter and every quick filter, all of which must hold, and its sorts,
 * read against the current schema exactly as a data-source query reads them.
 */
export function viewQueryAst(settings: ViewSettings, schema: PropertySchema[]): QueryAst {
  const { filter, sorts, quickFilters } = presentableSettings(settings, schema);
  const base = parseQuery({ ...(filter ? { filter } : {}), ...(sorts ? { sorts } : {}) }, schema);
  const quick = Object.entries(quickFilters ?? {}).flatMap(
    ([name, condition]) => parseQuery({ filter: { ...condition, property: name } }, schema).filter ?? [],
  );
  const filters = [...(base.filter ? [base.filter] : []), ...quick];
  const combined = filters.length > 1 ? { kind: "and" as const, filters } : (filters[0] ?? null);
  return { filter: combined, sorts: base.sorts };
}
