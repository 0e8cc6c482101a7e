import { type Kysely, sql } from "kysely";
import type { Dialect } from "../store.ts";
import { LISTED_TYPES_SQL, SEARCH_TITLE_TYPES, postgresFold } from "../search/search-sql.ts";

const TITLE_TYPES = SEARCH_TITLE_TYPES.map((t) => `'${t}'`).join(", ");

/** SQLite: the plain text of a block's rich text, from its stored JSON. */
function sqliteContentText(row: "new" | "old" | "b"): string {
  return `(select group_concat(json_extract(value, '$.plain_text'), ' ') from json_each(${row}.content, '$.rich_text'))`;
}

/** Trigger body: index the `new` row under its key (titles twice, block text once). */
const INDEX_NEW_ROW = `
    insert into search_title_words (rowid, title) select k.key, json_extract(new.content, '$.title')
      from search_keys k where k.block_id = new.id and new.type in (${TITLE_TYPES});
    insert into search_title_grams (rowid, title) select k.key, json_extract(new.content, '$.title')
      from search_keys k where k.block_id = new.id and new.type in (${TITLE_TYPES});
    insert into search_content (rowid, body) select k.key, ${sqliteContentText("new")}
      from search_keys k where k.block_id = new.id and new.type not in (${TITLE_TYPES})
      and json_type(new.content, '$.rich_text') = 'array';`;

/** Trigger body: drop the `old` row from every index. */
const UNINDEX_OLD_ROW = `
    delete from search_title_words where rowid = (select key from search_keys where block_id = old.id);
    delete from search_title_grams where rowid = (select key from search_keys where block_id = old.id);
    delete from search_content where rowid = (select key from search_keys where block_id = old.id);`;

/**
 * FTS5 tables keyed by `search_keys.key`: blocks' own rowids are not stable (VACUUM may renumber a table
 * without an INTEGER PRIMARY KEY), so each indexed block gets a key of its own. Titles are indexed twice:
 * by words (unicode61, prefix queries) and by trigrams (substrings, for scripts written without spaces).
 * Triggers keep every index right whichever code path writes `blocks`.
 */
const SQLITE_STATEMENTS = [
  `create table search_keys (key integer primary key, block_id text not null unique)`,
  `create virtual table search_title_words using fts5(title, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')`,
  `create virtual table search_title_grams using fts5(title, content='', contentless_delete=1,
    tokenize='trigram remove_diacritics 1')`,
  `create virtual table search_content using fts5(body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
  `create trigger search_blocks_insert after insert on blocks begin
    insert into search_keys (block_id) values (new.id);
    ${INDEX_NEW_ROW}
  end`,
  `create trigger search_blocks_update after update of content on blocks
    when old.content is not new.content begin
    ${UNINDEX_OLD_ROW}
    ${INDEX_NEW_ROW}
  end`,
  `create trigger search_blocks_delete after delete on blocks begin
    ${UNINDEX_OLD_ROW}
    delete from search_keys where block_id = old.id;
  end`,
  `insert into search_keys (block_id) select id from blocks`,
  `insert into search_title_words (rowid, title) select k.key, json_extract(b.content, '$.title')
    from blocks b join search_keys k on k.block_id = b.id where b.type in (${TITLE_TYPES})`,
  `insert into search_title_grams (rowid, title) select k.key, json_extract(b.content, '$.title')
    from blocks b join search_keys k on k.block_id = b.id where b.type in (${TITLE_TYPES})`,
  `insert into search_content (rowid, body) select k.key, ${sqliteContentText("b")}
    from blocks b join search_keys k on k.block_id = b.id where b.type not in (${TITLE_TYPES})
    and json_type(b.content, '$.rich_text') = 'array'`,
];

/** The block-text vector as this migration built it (021 replaced it with a cheaper fold). */
function contentVector(column: string): string {
  return `to_tsvector('simple', ${postgresFold(`jsonb_path_query_array(${column}::jsonb, '$.rich_text[*].plain_text')::text`)})`;
}

/**
 * PostgreSQL: a generated column holds the folded title of pages and databases, so no write path can
 * forget it; a GIN index over its tsvector serves word-prefix queries. Block text is indexed by an
 * expression index (only the opt-in content search reads it).
 */
const POSTGRES_STATEMENTS = [
  `alter table blocks add column search_title text generated always as
    (case when type in (${TITLE_TYPES}) then ${postgresFold("content::jsonb ->> 'title'")} end) stored`,
  `create index blocks_search_title on blocks using gin (to_tsvector('simple', search_title))
    where search_title is not null`,
  `create index blocks_search_content on blocks using gin (${contentVector("content")})
    where type not in (${TITLE_TYPES})`,
];

/**
 * Search (`POST /v1/search`): full-text indexes over titles and block text, and an index of pages and
 * databases by last edit, which serves listings without a query and the default order.
 */
export function searchMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const statements = dialect === "postgres" ? POSTGRES_STATEMENTS : SQLITE_STATEMENTS;
      for (const statement of statements) await sql.raw(statement).execute(db);
      await sql
        .raw(
          `create index blocks_search_recent on blocks (workspace_id, last_edited_time, id)
            where type in (${LISTED_TYPES_SQL})`,
        )
        .execute(db);
    },
  };
}
