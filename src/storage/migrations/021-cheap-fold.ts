import { type Kysely, sql } from "kysely";
import type { Dialect } from "../store.ts";
import {
  SEARCH_TITLE_TYPES,
  foldFunction,
  postgresContentVector,
  postgresSearchTitle,
} from "../search/search-sql.ts";

const TITLE_TYPES = SEARCH_TITLE_TYPES.map((t) => `'${t}'`).join(", ");

/**
 * PostgreSQL: the stored fold of titles (`search_title`) and the block-text index are computed with
 * `quire_fold`, which skips the character table for ASCII text. Same values as before (search-sql.ts);
 * an append of 100 paragraphs cost PostgreSQL about 32 ms of CPU before, most of it in the fold. The
 * generated column is dropped and added again (PostgreSQL cannot change its expression), which rewrites
 * `blocks` once, with the two title indexes built over it (004, 014). SQLite indexes with FTS5: nothing.
 */
export function cheapFoldMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "postgres") return;
      const statements = [
        foldFunction(),
        `drop index if exists blocks_search_content`,
        `create index blocks_search_content on blocks using gin (${postgresContentVector("content")})
          where type not in (${TITLE_TYPES})`,
        `alter table blocks drop column search_title cascade`,
        `alter table blocks add column search_title text generated always as (${postgresSearchTitle()}) stored`,
        `create index blocks_search_title on blocks using gin (to_tsvector('simple', search_title))
          where search_title is not null`,
        `create index blocks_search_title_grams on blocks using gin (quire_title_grams(search_title))
          where search_title is not null`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}
