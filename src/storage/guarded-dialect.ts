import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";
import { asConflict } from "./contention.ts";

/** How one engine starts transactions and runs statements when other processes share the database. */
export interface Guard {
  /** Starts a transaction in place of the dialect's own `begin`. */
  begin?: (connection: DatabaseConnection) => Promise<void>;
  /** Whether a rollback is still owed (SQLite may have rolled back already, and then refuses one). */
  inTransaction?: () => boolean;
  /** Runs one statement; by default it runs once. */
  statement?: <T>(run: () => Promise<T>) => Promise<T>;
}

async function guarded<T>(guard: Guard, run: () => Promise<T>): Promise<T> {
  try {
    return await (guard.statement ? guard.statement(run) : run());
  } catch (error) {
    throw asConflict(error);
  }
}

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly guard: Guard,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return guarded(this.guard, () => this.inner.executeQuery<R>(query));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof GuardedConnection ? connection.inner : connection;
}

/**
 * Kysely's driver with every statement's lock contention turned into Notion's 409 (`asConflict`), and
 * transactions begun the way `guard` says. Savepoints are not offered: Quire does not nest transactions.
 */
class GuardedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly guard: Guard,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new GuardedConnection(await this.inner.acquireConnection(), this.guard);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const inner = unwrap(connection);
    const { begin } = this.guard;
    return guarded({}, () => (begin ? begin(inner) : this.inner.beginTransaction(inner, settings)));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return guarded({}, () => this.inner.commitTransaction(unwrap(connection)));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.guard.inTransaction && !this.guard.inTransaction()) return;
    await this.inner.rollbackTransaction(unwrap(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** `inner` (Kysely's SQLite or PostgreSQL dialect) with a `GuardedDriver`. */
export class GuardedDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly guard: Guard,
  ) {}

  createDriver(): Driver {
    return new GuardedDriver(this.inner.createDriver(), this.guard);
  }

  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }

  createIntrospector(db: Parameters<Dialect["createIntrospector"]>[0]): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}
