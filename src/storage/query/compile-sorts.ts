import type { SortNode, SortValue } from "../../domain/query/ast.ts";
import {
  indexableExpression,
  jsonValue,
  quotedKey,
  rawValue,
  sqliteJsonType,
  type SqlDialect,
} from "./sql-text.ts";

/**
 * Text sorts are case-insensitive and, on PostgreSQL, byte-wise (`collate "C"`) so both engines
 * return the same order whatever the cluster's locale (as `blocks.sort_key` does).
 */
function textKey(dialect: SqlDialect, text: string): string {
  return dialect === "postgres" ? `lower(${text}) collate "C"` : `lower(${text})`;
}

function firstElement(dialect: SqlDialect, propertyId: string): string {
  return dialect === "sqlite"
    ? `json_extract(b.query_values, '$."${quotedKey(propertyId)}"[0]')`
    : `(${jsonValue("b", propertyId)}->>0)`;
}

/** A SQL string literal; option names come from the schema, so they are quoted, never interpolated raw. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * An option's position in the schema; options no longer in the schema after all known ones. Names are
 * literals rather than parameters so a key can be repeated (select list, cursor condition, ORDER BY).
 */
function optionRank(value: string, options: string[]): string {
  if (options.length === 0) return value;
  const whens = options.map((name, i) => `when ${value} = ${literal(name)} then ${i}`).join(" ");
  return `case when ${value} is null then null ${whens} else ${options.length} end`;
}

/**
 * Formula and rollup values are numbers, dates (epoch ms), booleans, text or lists depending on their
 * definition: numbers order numerically first, then everything else as case-insensitive text.
 */
function computedKeys(dialect: SqlDialect, propertyId: string): string[] {
  const raw = rawValue(dialect, "b", propertyId);
  if (dialect === "sqlite") {
    const type = sqliteJsonType("b", propertyId);
    const isNumber = `${type} in ('integer', 'real')`;
    return [
      `case when ${isNumber} then ${raw} end`,
      textKey(dialect, `case when ${isNumber} then null else ${raw} end`),
    ];
  }
  const isNumber = `jsonb_typeof(${jsonValue("b", propertyId)}) = 'number'`;
  return [
    `case when ${isNumber} then ${raw}::numeric end`,
    textKey(dialect, `case when ${isNumber} then null else ${raw} end`),
  ];
}

function sortKeys(dialect: SqlDialect, value: SortValue): string[] {
  switch (value.kind) {
    case "column":
      return [`b.${value.column}`];
    case "text":
      return [textKey(dialect, rawValue(dialect, "b", value.propertyId))];
    case "number":
    case "date":
      return [indexableExpression(dialect, value.propertyId, value.kind)];
    case "boolean":
      // An unset checkbox is false, not empty: it sorts with the unchecked ones.
      return [`coalesce(${indexableExpression(dialect, value.propertyId, "boolean")}, false)`];
    case "option":
      return [optionRank(rawValue(dialect, "b", value.propertyId), value.options)];
    case "first_option":
      return [optionRank(firstElement(dialect, value.propertyId), value.options)];
    case "first_text":
      return [textKey(dialect, firstElement(dialect, value.propertyId))];
    case "computed":
      return computedKeys(dialect, value.propertyId);
  }
}

/** One ORDER BY key: a parameter-free SQL expression over `b` and its direction. */
export interface SortKey {
  sql: string;
  direction: "asc" | "desc";
}

export function compileSortKeys(dialect: SqlDialect, sorts: SortNode[]): SortKey[] {
  return sorts.flatMap((sort) => {
    const direction = sort.direction === "ascending" ? "asc" : "desc";
    return sortKeys(dialect, sort.value).map((sql) => ({ sql, direction }));
  });
}

/** Empty values sort last in both directions, as in Notion. */
export function orderByOf(keys: SortKey[]): string {
  return keys.map((key) => `${key.sql} ${key.direction} nulls last`).join(", ");
}
