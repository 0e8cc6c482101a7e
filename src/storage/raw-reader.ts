import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type pg from "pg";
import type { Executor } from "./executor.ts";

/**
 * The hottest reads (token lookup, a block by id, a page of children) are plain SQL, the same text on
 * both engines (`?` placeholders, quoted camelCase aliases), run outside transactions through a cached
 * prepared statement — several times cheaper per request than building and compiling a query.
 */
export interface RawReader {
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
}

/** On SQLite a separate read-only connection: WAL gives it the last committed state, never a write in flight. */
export function sqliteReader(connection: SQLite.Database): RawReader {
  const statements = new Map<string, SQLite.Statement>();
  return {
    all<T>(sql: string, params: unknown[]) {
      let statement = statements.get(sql);
      if (!statement) {
        // Statements with IN lists vary by length; a bound keeps the cache from growing without limit.
        if (statements.size >= 1000) statements.clear();
        statement = connection.prepare(sql);
        statements.set(sql, statement);
      }
      return Promise.resolve(statement.all(...params) as T[]);
    },
  };
}

export function postgresReader(pool: pg.Pool): RawReader {
  const texts = new Map<string, string>();
  return {
    async all<T>(sqlText: string, values: unknown[]) {
      let text = texts.get(sqlText);
      if (text === undefined) {
        let n = 0;
        text = sqlText.replace(/\?/g, () => `$${++n}`);
        texts.set(sqlText, text);
      }
      const result = await pool.query({ text, values });
      return result.rows as T[];
    },
  };
}

const readers = new WeakMap<object, RawReader>();

export function attachReader(db: object, reader: RawReader): void {
  readers.set(db, reader);
}

/**
 * Runs a raw read written with `?` placeholders. Outside transactions it goes straight to the cached
 * prepared statement; transactions are separate objects with no reader attached, so reads inside one go
 * through Kysely (which renders the placeholders for its engine) and see the transaction's own writes.
 */
export async function readRows<T>(db: Executor, text: string, params: unknown[]): Promise<T[]> {
  const reader = readers.get(db);
  if (reader) return reader.all<T>(text, params);
  const parts = text.split("?");
  const fragments = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray;
  return (await sql<T>(fragments, ...params).execute(db)).rows;
}

/** `?, ?, ?` for an IN list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}
