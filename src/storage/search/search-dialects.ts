import type { QueryWord } from "../../domain/search-text.ts";
import type { Dialect } from "../store.ts";
import { likeLiteral, postgresContentVector, queryGrams } from "./search-sql.ts";

/** A piece of SQL with its `?` parameters, in order. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

export interface TitleMatch extends Fragment {
  /** The match can drive the query from a full-text index, rather than filter rows found otherwise. */
  indexed: boolean;
}

/**
 * Where the engines' full-text features differ: how a title row `b` matches the query words, which
 * pages hold a block matching them, and the relevance tier of `b`'s title (0 the whole title is the
 * query, 1 it starts with it, 2 otherwise).
 */
export interface SearchDialect {
  titleMatch(words: QueryWord[]): TitleMatch;
  contentPages(words: QueryWord[], workspaceId: string): Fragment;
  tier(phrase: string): Fragment;
  /**
   * A column of `b` in a condition that must not pick the index: SQLite's planner would otherwise walk
   * every page of the workspace by `(workspace_id, type)` and probe the full-text result for each.
   */
  unindexed(column: string, match: TitleMatch): string;
  /**
   * For queries matching many titles, a condition that lets the planner walk pages by last edit and test
   * each against the full-text result, plus a count (capped) of the full-text matches to choose by
   * (none: no index can drive the query, so walking is always better).
   */
  walk?(words: QueryWord[]): { condition: Fragment; count: Fragment | undefined } | undefined;
}

/** Quoted for FTS5, where a double quote inside a string is doubled. */
function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Every spaced word as a prefix, AND-ed: `"proj"* AND "plan"*`. */
function ftsPrefixes(words: QueryWord[]): string {
  return words.map((w) => `${ftsString(w.text)}*`).join(" AND ");
}

function tsPrefixes(words: QueryWord[]): string {
  return words.map((w) => `'${w.text.replace(/'/g, "''")}':*`).join(" & ");
}

/** A block's nearest page: walk up from each matching block until a `child_page`. */
function pagesAbove(hits: string): string {
  return `(with recursive hits(id, parent_id, type, depth) as (${hits}
      union
      select p.id, p.parent_id, p.type, hits.depth + 1 from blocks p join hits on p.id = hits.parent_id
      where hits.type <> 'child_page' and hits.depth < 100)
    select id from hits where type = 'child_page')`;
}

/** Content search stops collecting matching blocks here; it is a way in, not an exhaustive listing. */
const CONTENT_HIT_LIMIT = 5000;

/** From this many full-text matches on, walking pages by last edit finds a page of results sooner. */
export const WALK_THRESHOLD = 2000;

const SQLITE_TITLE = `json_extract(b.content, '$.title')`;

export const sqliteSearch: SearchDialect = {
  titleMatch(words) {
    const parts: string[] = [];
    const params: unknown[] = [];
    const spaced = words.filter((w) => !w.unspaced);
    if (spaced.length > 0) {
      parts.push(`b.id in (select k.block_id from search_title_words s join search_keys k on k.key = s.rowid
        where search_title_words match ?)`);
      params.push(ftsPrefixes(spaced));
    }
    // The trigram index needs three characters; shorter words are checked on the candidate's title.
    const long = words.filter((w) => w.unspaced && [...w.text].length >= 3);
    if (long.length > 0) {
      parts.push(`b.id in (select k.block_id from search_title_grams s join search_keys k on k.key = s.rowid
        where search_title_grams match ?)`);
      params.push(long.map((w) => ftsString(w.text)).join(" AND "));
    }
    for (const word of words.filter((w) => w.unspaced && [...w.text].length < 3)) {
      parts.push(`${SQLITE_TITLE} like ? escape '\\'`);
      params.push(`%${likeLiteral(word.text)}%`);
    }
    return { sql: parts.join(" and "), params, indexed: spaced.length > 0 || long.length > 0 };
  },
  unindexed(column, match) {
    return match.indexed ? `+${column}` : column;
  },
  walk(words) {
    const spaced = words.filter((w) => !w.unspaced);
    const long = words.filter((w) => w.unspaced && [...w.text].length >= 3);
    const short = words.filter((w) => w.unspaced && [...w.text].length < 3);
    const titleRow = `(case when b.type = 'data_source' then b.parent_id else b.id end)`;
    const key = `(select k.key from search_keys k where k.block_id = ${titleRow})`;
    const tables: Array<[string, string]> = [];
    if (spaced.length > 0) tables.push(["search_title_words", ftsPrefixes(spaced)]);
    if (long.length > 0)
      tables.push(["search_title_grams", long.map((w) => ftsString(w.text)).join(" AND ")]);
    const conditions = tables.map(
      ([table]) => `${key} in (select rowid from ${table} where ${table} match ?)`,
    );
    const params: unknown[] = tables.map(([, match]) => match);
    // Words too short for the trigram index are tested on each title walked past.
    for (const word of short) {
      conditions.push(
        `(select json_extract(t.content, '$.title') from blocks t where t.id = ${titleRow}) like ? escape '\\'`,
      );
      params.push(`%${likeLiteral(word.text)}%`);
    }
    const [first] = tables;
    return {
      condition: { sql: conditions.join(" and "), params },
      count: first && {
        sql: `select count(*) as n from (select rowid from ${first[0]} where ${first[0]} match ? limit ${WALK_THRESHOLD})`,
        params: [first[1]],
      },
    };
  },
  contentPages(words, workspaceId) {
    const hits = `select * from (select c.id, c.parent_id, c.type, 0 from search_content s
        join search_keys k on k.key = s.rowid join blocks c on c.id = k.block_id
        where search_content match ? and c.workspace_id = ? and c.in_trash = 0 limit ${CONTENT_HIT_LIMIT})`;
    const match = words.map((w) => (w.unspaced ? ftsString(w.text) : `${ftsString(w.text)}*`)).join(" AND ");
    return { sql: pagesAbove(hits), params: [match, workspaceId] };
  },
  tier(phrase) {
    const title = `lower(${SQLITE_TITLE})`;
    return {
      sql: `(case when ${title} = ? then 0 when ${title} like ? escape '\\' then 1 else 2 end)`,
      params: [phrase, `${likeLiteral(phrase)}%`],
    };
  },
};

/** The GIN index of migration 014: the query word's characters or pairs, all in the title. */
const TITLE_GRAMS = `quire_title_grams(b.search_title) @> ?::text[]`;

/** Index conditions of `b.search_title` for the words: full text for spaced ones, grams for the others. */
function postgresIndexed(words: QueryWord[]): Fragment | undefined {
  const parts: string[] = [];
  const params: unknown[] = [];
  const spaced = words.filter((w) => !w.unspaced);
  if (spaced.length > 0) {
    parts.push(`to_tsvector('simple', b.search_title) @@ to_tsquery('simple', ?)`);
    params.push(tsPrefixes(spaced));
  }
  for (const word of words.filter((w) => w.unspaced)) {
    // A single character matches too many titles for the index to pay: walking by last edit finds a
    // page of them sooner ("项" over 100,000 titles: 56 ms through the index, 8 ms walking).
    const grams = [...word.text].length < 2 ? [] : queryGrams(word.text);
    if (grams.length === 0) continue;
    parts.push(TITLE_GRAMS);
    params.push(grams);
  }
  return parts.length > 0 ? { sql: parts.join(" and "), params } : undefined;
}

/** How many titles the index finds for the words, capped at the walk threshold. */
function indexedCount(words: QueryWord[]): Fragment | undefined {
  const indexed = postgresIndexed(words);
  if (!indexed) return undefined;
  return {
    sql: `select count(*) as n from (select 1 from blocks b where b.search_title is not null
      and ${indexed.sql} limit ${WALK_THRESHOLD}) x`,
    params: indexed.params,
  };
}

export const postgresSearch: SearchDialect = {
  titleMatch(words) {
    const parts: string[] = ["b.search_title is not null"];
    const params: unknown[] = [];
    const indexed = postgresIndexed(words);
    if (indexed) {
      parts.push(indexed.sql);
      params.push(...indexed.params);
    }
    // The default parser keeps a run of Han or Kana as one token, so a word inside it is a substring;
    // the grams only find candidates.
    for (const word of words.filter((w) => w.unspaced)) {
      parts.push(`strpos(b.search_title, ?) > 0`);
      params.push(word.text);
    }
    return { sql: parts.join(" and "), params, indexed: indexed !== undefined };
  },
  unindexed(column) {
    return column;
  },
  walk(words) {
    const spaced = words.filter((w) => !w.unspaced);
    const titleRow = `(case when b.type = 'data_source' then b.parent_id else b.id end)`;
    // Read through a subquery, so the planner cannot answer it from the GIN index and walks by last edit.
    const title = `(select t.search_title from blocks t where t.id = ${titleRow})`;
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (spaced.length > 0) {
      conditions.push(`to_tsvector('simple', ${title}) @@ to_tsquery('simple', ?)`);
      params.push(tsPrefixes(spaced));
    }
    for (const word of words.filter((w) => w.unspaced)) {
      conditions.push(`strpos(${title}, ?) > 0`);
      params.push(word.text);
    }
    return {
      condition: { sql: conditions.join(" and "), params },
      count: indexedCount(words),
    };
  },
  contentPages(words, workspaceId) {
    const vector = postgresContentVector("c.content");
    const hits = `select * from (select c.id, c.parent_id, c.type, 0 from blocks c
        where ${vector} @@ to_tsquery('simple', ?) and c.workspace_id = ? and c.in_trash = 0
        and c.type not in ('child_page', 'child_database') limit ${CONTENT_HIT_LIMIT}) h`;
    return { sql: pagesAbove(hits), params: [tsPrefixes(words), workspaceId] };
  },
  tier(phrase) {
    return {
      sql: `(case when b.search_title = ? then 0 when b.search_title like ? escape '\\' then 1 else 2 end)`,
      params: [phrase, `${likeLiteral(phrase)}%`],
    };
  },
};

export function searchDialect(dialect: Dialect): SearchDialect {
  return dialect === "postgres" ? postgresSearch : sqliteSearch;
}
