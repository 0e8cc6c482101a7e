import type SQLite from "better-sqlite3";
import { CompiledQuery } from "kysely";
import type pg from "pg";
import { asConflict } from "./contention.ts";
import type { Executor } from "./executor.ts";

/**
 * The hottest statements (token lookup, a block by id, a page of children, inserting appended blocks)
 * are plain SQL, the same text on both engines (`?` placeholders, quoted camelCase aliases). They skip
 * the query builder, whose per-call build and compile cost several times the statement itself.
 */
type Runner = <T>(text: string, params: unknown[], arrays?: boolean) => Promise<T[]>;

const runners = new WeakMap<object, Runner>();

/** Cached prepared statements on one better-sqlite3 connection. */
export function sqliteRunner(connection: SQLite.Database): Runner {
  const statements = new Map<string, SQLite.Statement>();
  return <T>(text: string, params: unknown[], arrays = false) => {
    let statement = statements.get(text);
    if (!statement) {
      // Statements with IN lists vary by length; a bound keeps the cache from growing without limit.
      if (statements.size >= 1000) statements.clear();
      statement = connection.prepare(text);
      statements.set(text, statement);
    }
    try {
      if (statement.reader) return Promise.resolve(statement.raw(arrays).all(...params) as T[]);
      statement.run(...params);
      return Promise.resolve([]);
    } catch (error) {
      return Promise.reject(asConflict(error));
    }
  };
}

const pgStatements = new Map<string, { name?: string; text: string }>();
let pgStatementCount = 0;

/**
 * `$n` placeholders, and for fixed-shape statements a name, so each pooled connection parses and plans
 * them once. Statements with IN lists vary with the list's length and stay unnamed, or every connection
 * would keep a plan per length.
 */
function postgresStatement(text: string): { name?: string; text: string } {
  let statement = pgStatements.get(text);
  if (statement === undefined) {
    let n = 0;
    const converted = text.replace(/\?/g, () => `$${++n}`);
    statement = /\bin \(/i.test(text)
      ? { text: converted }
      : { name: `quire_${++pgStatementCount}`, text: converted };
    if (pgStatements.size >= 1000) pgStatements.clear();
    pgStatements.set(text, statement);
  }
  return statement;
}

function postgresText(text: string): string {
  return postgresStatement(text).text;
}

export function postgresPoolRunner(pool: pg.Pool): Runner {
  return async <T>(text: string, values: unknown[], arrays = false) => {
    try {
      const statement = postgresStatement(text);
      return (await pool.query({ ...statement, values, ...(arrays ? { rowMode: "array" } : {}) }))
        .rows as T[];
    } catch (error) {
      throw asConflict(error);
    }
  };
}

/** Inside a PostgreSQL transaction statements must go through the transaction's own connection. */
export function postgresTransactionRunner(trx: Executor): Runner {
  return async <T>(text: string, values: unknown[], arrays = false) => {
    const rows = (await trx.executeQuery<T>(CompiledQuery.raw(postgresText(text), values))).rows;
    // Kysely's driver returns objects; their keys keep the select list's order.
    return arrays ? (rows.map((row) => Object.values(row as object)) as T[]) : rows;
  };
}

/**
 * Binds a runner to a database handle or a transaction. On SQLite the root handle gets a separate
 * read-only connection (WAL serves it the last committed state, never a write in flight), and a
 * transaction gets the writing connection, which Kysely holds exclusively for the transaction.
 */
export function attachRunner(handle: object, runner: Runner): void {
  runners.set(handle, runner);
}

function runnerFor(db: Executor): Runner {
  const runner = runners.get(db);
  if (!runner) throw new Error("raw SQL on a handle that was not opened through openStore/transaction");
  return runner;
}

export function readRows<T>(db: Executor, text: string, params: unknown[]): Promise<T[]> {
  return runnerFor(db)<T>(text, params);
}

/**
 * Rows as arrays in the select list's order. better-sqlite3 builds a row object key by key, which for a
 * wide row costs more than the statement; the caller builds its records from the arrays instead.
 */
export function readArrays(db: Executor, text: string, params: unknown[]): Promise<unknown[][]> {
  return runnerFor(db)<unknown[]>(text, params, true);
}

export async function runRaw(db: Executor, text: string, params: unknown[]): Promise<void> {
  await runnerFor(db)(text, params);
}

/** `?, ?, ?` for an IN list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}
