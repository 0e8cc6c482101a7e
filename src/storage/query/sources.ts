import type { RowColumn } from "../../domain/query/ast.ts";
import {
  indexableExpression,
  jsonValue,
  quotedKey,
  rawValue,
  type Params,
  type SqlDialect,
} from "./sql-text.ts";

/**
 * Where a condition reads its value: a property in `query_values`, one element of a list rollup, or
 * one of the row's own columns. Every expression is NULL when the value is absent (Notion's "empty").
 */
export interface Source {
  /** The value as text, compared case-insensitively by text conditions. */
  text: string;
  /** The value as text, compared exactly (option names, verification states, ids). */
  option: string;
  number: string;
  /** Epoch milliseconds, or for timestamp columns ISO-8601 text (which sorts the same way). */
  date: string;
  dateParam(ms: number): unknown;
  boolean: string;
  /** True when the value holds any of `values` (list membership, or equality for a scalar). */
  holdsAny(values: readonly string[], params: Params): string;
  /** True when a list value has at least one element; for scalars, when the value is non-empty. */
  listPresent: string;
}

export function textPresent(text: string): string {
  return `(${text} is not null and ${text} <> '')`;
}

function scalarHoldsAny(option: string) {
  return (values: readonly string[], params: Params): string => `${option} in (${params.list(values)})`;
}

export function propertySource(dialect: SqlDialect, propertyId: string, computed: boolean): Source {
  const raw = rawValue(dialect, "b", propertyId);
  const typed = (kind: "number" | "date" | "boolean"): string =>
    indexableExpression(dialect, propertyId, kind, { computed });
  const key = quotedKey(propertyId);
  const holdsAny =
    dialect === "sqlite"
      ? (values: readonly string[], params: Params): string =>
          `exists (select 1 from json_each(b.query_values, '$."${key}"') as je where je.value in (${params.list(values)}))`
      : // Containment (`@>`) is what a GIN index on query_values (jsonb_path_ops) serves.
        (values: readonly string[], params: Params): string =>
          `(${values
            .map(
              (v) => `b.query_values @> cast(${params.add(JSON.stringify({ [propertyId]: [v] }))} as jsonb)`,
            )
            .join(" or ")})`;
  const listPresent =
    dialect === "sqlite"
      ? `coalesce(json_array_length(b.query_values, '$."${key}"'), 0) > 0`
      : `coalesce(jsonb_typeof(${jsonValue("b", propertyId)}) = 'array' and ${jsonValue("b", propertyId)} <> '[]'::jsonb, false)`;
  return {
    text: raw,
    option: raw,
    number: typed("number"),
    date: typed("date"),
    dateParam: (ms) => ms,
    boolean: typed("boolean"),
    holdsAny,
    listPresent,
  };
}

/** The table expression a rollup's elements come from, and its alias `je`. */
export function rollupElements(dialect: SqlDialect, propertyId: string): string {
  if (dialect === "sqlite") return `json_each(b.query_values, '$."${quotedKey(propertyId)}"') as je`;
  // A scalar counts as a one-element list (SQLite's json_each does the same); absent as none.
  const value = jsonValue("b", propertyId);
  const list = `case when ${value} is null then '[]'::jsonb when jsonb_typeof(${value}) = 'array' then ${value} else jsonb_build_array(${value}) end`;
  return `jsonb_array_elements(${list}) as je(value)`;
}

/** One element of a list rollup, inside `exists (select 1 from <rollupElements> where …)`. */
export function elementSource(dialect: SqlDialect): Source {
  if (dialect === "sqlite") {
    const typed = (types: string): string => `case when je.type in (${types}) then je.value end`;
    return {
      text: "je.value",
      option: "je.value",
      number: typed("'integer', 'real'"),
      date: typed("'integer', 'real'"),
      dateParam: (ms) => ms,
      boolean: typed("'true', 'false'"),
      holdsAny: scalarHoldsAny("je.value"),
      listPresent: textPresent("je.value"),
    };
  }
  const text = "(je.value #>> '{}')";
  const typed = (jsonType: string, cast: string): string =>
    `case when jsonb_typeof(je.value) = '${jsonType}' then ${text}::${cast} end`;
  return {
    text,
    option: text,
    number: typed("number", "numeric"),
    date: typed("number", "numeric"),
    dateParam: (ms) => ms,
    boolean: typed("boolean", "boolean"),
    holdsAny: scalarHoldsAny(text),
    listPresent: textPresent(text),
  };
}

/** created_time/last_edited_time (ISO-8601 UTC text, never empty) and created_by/last_edited_by. */
export function columnSource(name: RowColumn): Source {
  const column = `b.${name}`;
  return {
    text: column,
    option: column,
    number: "null",
    date: column,
    // toISOString() is the format the columns are written in, so text comparison orders correctly.
    dateParam: (ms) => new Date(ms).toISOString(),
    boolean: "null",
    holdsAny: scalarHoldsAny(column),
    listPresent: textPresent(column),
  };
}
