import type { QueryWord } from "../../domain/search-text.ts";
import type { Dialect } from "../database.ts";
import { likeLiteral, postgresContentVector } from "./search-sql.ts";

/** A piece of SQL with its `?` parameters, in order. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

/**
 * Where the engines' full-text features differ: how a title row `b` matches the query words, which
 * pages hold a block matching them, and the relevance tier of `b`'s title (0 the whole title is the
 * query, 1 it starts with it, 2 otherwise).
 */
export interface SearchDialect {
  titleMatch(words: QueryWord[]): Fragment;
  contentPages(words: QueryWord[], workspaceId: string): Fragment;
  tier(phrase: string): Fragment;
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
    return { sql: parts.join(" and "), params };
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

export const postgresSearch: SearchDialect = {
  titleMatch(words) {
    const parts: string[] = ["b.search_title is not null"];
    const params: unknown[] = [];
    const spaced = words.filter((w) => !w.unspaced);
    if (spaced.length > 0) {
      parts.push(`to_tsvector('simple', b.search_title) @@ to_tsquery('simple', ?)`);
      params.push(tsPrefixes(spaced));
    }
    // The default parser keeps a run of Han or Kana as one token, so a word inside it is a substring.
    for (const word of words.filter((w) => w.unspaced)) {
      parts.push(`strpos(b.search_title, ?) > 0`);
      params.push(word.text);
    }
    return { sql: parts.join(" and "), params };
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
