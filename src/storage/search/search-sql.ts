import { foldTable } from "../../domain/search-text.ts";

/** Rows whose title is searched: pages (rows of data sources included) and databases. */
export const SEARCH_TITLE_TYPES = ["child_page", "child_database"] as const;

/**
 * Every type search can list; the predicate of the `blocks_search_recent` partial index. Queries repeat
 * it word for word so that both planners can see the index applies.
 */
export const LISTED_TYPES_SQL = "'child_page', 'child_database', 'data_source'";

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The fold of `domain/search-text.ts` in SQL: `lower()` then one `translate()`, both immutable, so it
 * can back a generated column and an expression index. The character table is spelled out in the SQL,
 * which also keeps it independent of the server's locale.
 */
export function postgresFold(expression: string): string {
  const { from, to } = foldTable();
  return `translate(lower(${expression}), ${literal(from)}, ${literal(to)})`;
}

/** The tsvector of a block's rich text; queries must spell it exactly as the index does. */
export function postgresContentVector(column: string): string {
  return `to_tsvector('simple', ${postgresFold(`jsonb_path_query_array(${column}::jsonb, '$.rich_text[*].plain_text')::text`)})`;
}

/** A LIKE pattern matching `text` literally (with `escape '\\'`). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
