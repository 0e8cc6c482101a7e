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

/**
 * The fold as an immutable function for what is stored and indexed (migration 021): `translate()` looks
 * each character up in its table of about a thousand, so folding a paragraph cost PostgreSQL some 175 µs,
 * most of an append's time. Text that is all ASCII (byte length equals character length) needs only
 * `lower()`: the table's ASCII entries are the capitals `lower()` already maps.
 */
export function foldFunction(): string {
  const { from, to } = foldTable();
  return `create or replace function quire_fold(t text) returns text
  language sql immutable strict parallel safe as $fold$
    select case when octet_length(t) = char_length(t) then lower(t)
      else translate(lower(t), ${literal(from)}, ${literal(to)}) end
  $fold$`;
}

/** The folded title of pages and databases, the `search_title` generated column (migration 021). */
export function postgresSearchTitle(): string {
  return `case when type in (${SEARCH_TITLE_TYPES.map((t) => `'${t}'`).join(", ")}) then quire_fold(content::jsonb ->> 'title') end`;
}

/** The tsvector of a block's rich text; queries must spell it exactly as the index does. */
export function postgresContentVector(column: string): string {
  return `to_tsvector('simple', quire_fold(jsonb_path_query_array(${column}::jsonb, '$.rich_text[*].plain_text')::text))`;
}

/** A LIKE pattern matching `text` literally (with `escape '\\'`). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Code points of the scripts written without spaces (domain/search-text.ts's UNSPACED: Han, Kana, Thai,
 * Lao, Khmer, Myanmar) that PostgreSQL indexes by single characters and adjacent pairs (migration 014).
 * A full-text parser keeps a run of them as one token, and trigrams need three characters, while most
 * Chinese and Japanese words are one or two.
 */
const GRAM_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0e00, 0x0eff], // Thai, Lao
  [0x1000, 0x109f], // Myanmar
  [0x1780, 0x17ff], // Khmer
  [0x2e80, 0x2fdf], // CJK and Kangxi radicals
  [0x3005, 0x3007],
  [0x3021, 0x3029],
  [0x3041, 0x30ff], // Hiragana, Katakana
  [0x31f0, 0x31ff],
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff],
  [0x20000, 0x3134f], // CJK extensions B to G
];

const hex = (n: number) =>
  n > 0xffff ? `\\U${n.toString(16).padStart(8, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;

/** The ranges as a bracket expression of PostgreSQL's regular expressions. */
const GRAM_CLASS = `[${GRAM_RANGES.map(([lo, hi]) => `${hex(lo)}-${hex(hi)}`).join("")}]`;

function isGramChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return GRAM_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
}

/**
 * The immutable SQL function an expression index is built over: every gram character of a title, and
 * every pair of adjacent gram characters. Whether a character counts depends on it alone, so every gram
 * of a substring is a gram of the whole title: containment of the query's grams finds candidates, which
 * `strpos` then checks.
 */
export const TITLE_GRAMS_FUNCTION = `create or replace function quire_title_grams(t text) returns text[]
  language sql immutable parallel safe as $$
    select coalesce(array_agg(distinct g), '{}'::text[]) from (
      select substr(t, i, 1) as g from generate_series(1, length(t)) as i
        where substr(t, i, 1) ~ '${GRAM_CLASS}'
      union all
      select substr(t, i, 2) from generate_series(1, length(t) - 1) as i
        where substr(t, i, 2) ~ '^${GRAM_CLASS}{2}$'
    ) grams
  $$`;

/**
 * The grams a title holding `word` must have: its pairs, or, for a word of one gram character, that
 * character. Empty when the word has no gram character at all (the index cannot help).
 */
export function queryGrams(word: string): string[] {
  const chars = [...word];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const [a, b] = [chars[i] ?? "", chars[i + 1] ?? ""];
    if (isGramChar(a) && isGramChar(b)) pairs.add(a + b);
  }
  if (pairs.size > 0) return [...pairs];
  return [...new Set(chars.filter(isGramChar))];
}
