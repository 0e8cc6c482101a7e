import type SQLite from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/** Distinct statement texts kept; texts with IN lists vary by length, so the cache is bounded. */
const MAX_STATEMENTS = 1000;

/**
 * The connection as Kysely's SQLite driver sees it, with its statements prepared once per text: the
 * driver prepares every query afresh, which on a row creation's dozen builder queries cost more than
 * running some of them. A statement busy in an iteration (a streamed query) is never handed out twice.
 */
export function withCachedStatements(connection: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare: (text: string) => {
      const cached = statements.get(text);
      if (cached && !cached.busy) return cached;
      const statement = connection.prepare(text);
      if (!cached) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
  };
}
