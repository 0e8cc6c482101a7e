/**
 * SQL text shared by the filter and sort compilers: positional parameters, property-key quoting and the
 * typed expressions that read `blocks.query_values`. Follows raw-sql.ts: `?` placeholders and one text
 * for both engines except where the dialects force a difference.
 */

export type SqlDialect = "sqlite" | "postgres";

/** Collects parameters in the order their `?` appear; call `add` while building text left to right. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return "?";
  }

  /** A text parameter. PostgreSQL cannot infer a type for `lower(?)` (lower() also takes ranges). */
  text(value: string): string {
    return `cast(${this.add(value)} as text)`;
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(", ");
  }
}

/**
 * A property id as it may appear inside an SQL string literal. Ids come from the schema, never from
 * the request, and are URL-safe; still, the id is embedded in the SQL text (expression indexes only
 * match literal paths), so anything that could leave the literal is refused: `"` would end SQLite's
 * quoted JSON-path label, `\` starts escapes, `?` would be taken for a placeholder by the PostgreSQL
 * runner (raw-sql.ts renumbers every `?`). A `'` is doubled.
 */
export function quotedKey(propertyId: string): string {
  const control = [...propertyId].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (propertyId.length === 0 || control || /["\\?]/.test(propertyId)) {
    throw new Error(`property id ${JSON.stringify(propertyId)} cannot be used in a query`);
  }
  return propertyId.replace(/'/g, "''");
}

function column(alias: string | null): string {
  return alias === null ? "query_values" : `${alias}.query_values`;
}

/** The stored JSON value at a key (jsonb on PostgreSQL); only PostgreSQL has a use for it. */
export function jsonValue(alias: string | null, propertyId: string): string {
  return `${column(alias)}->'${quotedKey(propertyId)}'`;
}

/** The value as SQL text (numbers as their digits), NULL when absent. */
export function rawValue(dialect: SqlDialect, alias: string | null, propertyId: string): string {
  const key = quotedKey(propertyId);
  return dialect === "sqlite"
    ? `json_extract(${column(alias)}, '$."${key}"')`
    : `(${column(alias)}->>'${key}')`;
}

/** SQLite's `json_type` of the value; `null` in SQL when the key is absent. */
export function sqliteJsonType(alias: string | null, propertyId: string): string {
  return `json_type(${column(alias)}, '$."${quotedKey(propertyId)}"')`;
}

export type ValueKind = "text" | "option" | "number" | "date" | "boolean";

export interface ExpressionOptions {
  /** Table alias; `null` for CREATE INDEX, where columns are unqualified. Default `"b"`. */
  alias?: string | null;
  /**
   * Formula and rollup values change type when their definition changes, so comparisons on them read
   * the value only when it has the expected JSON type (a stray string must not be cast to numeric on
   * PostgreSQL, nor compare greater than every number on SQLite).
   */
  computed?: boolean;
}

/**
 * The exact expression the compiler compares for a scalar value of `kind`, so the storage layer can
 * build expression indexes the planners will match. Text compares case-insensitively, hence `lower`;
 * `option` (select/status names, verification states) compares exactly. On PostgreSQL wrap the result
 * in one more pair of parentheses inside CREATE INDEX.
 */
export function indexableExpression(
  dialect: SqlDialect,
  propertyId: string,
  kind: ValueKind,
  options: ExpressionOptions = {},
): string {
  const alias = options.alias === undefined ? "b" : options.alias;
  const raw = rawValue(dialect, alias, propertyId);
  if (kind === "text") return `lower(${raw})`;
  if (kind === "option") return raw;
  if (!options.computed) {
    if (dialect === "sqlite") return raw;
    const cast = { number: "numeric", date: "bigint", boolean: "boolean" }[kind];
    return `${raw}::${cast}`;
  }
  if (dialect === "sqlite") {
    const types = kind === "boolean" ? "'true', 'false'" : "'integer', 'real'";
    return `case when ${sqliteJsonType(alias, propertyId)} in (${types}) then ${raw} end`;
  }
  const [jsonType, cast] = kind === "boolean" ? ["boolean", "boolean"] : ["number", "numeric"];
  return `case when jsonb_typeof(${jsonValue(alias, propertyId)}) = '${jsonType}' then ${raw}::${cast} end`;
}
