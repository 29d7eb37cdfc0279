/**
 * The reports' reads on SQLite, off the event loop: a small pool of worker threads (piscina), each with a read-only
 * connection to the site's file, behind a Kysely dialect of their own. better-sqlite3 runs a query synchronously, so
 * on the main thread one slow report query would stall every other request, `/health` included; in the pool it
 * stalls one worker, and the main thread keeps reading requests, answering `/health` and turning away what is
 * beyond `--max-pending`.
 *
 * Kysely compiles each query on the main thread (the table prefix plugin included) and a worker only runs the SQL.
 * The database is in WAL mode, so the workers read what the main connection committed, while it writes.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, KyselyPlugin, QueryResult } from 'kysely';
import { Piscina } from 'piscina';
import type { ReportsDatabase } from './tables';

/** Reader threads by default: one per core, at most four (the main thread parses, serializes and answers). */
export function defaultReaderThreads(): number {
  return Math.min(4, availableParallelism());
}

/** What runs on a worker: Kysely's compiled SQL and its parameters. */
interface ReadTask {
  sql: string;
  parameters: readonly unknown[];
}

class ReaderConnection implements DatabaseConnection {
  constructor(private readonly pool: Piscina<ReadTask, unknown[]>) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const rows = (await this.pool.run({ sql: query.sql, parameters: query.parameters })) as R[];
    return { rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The SQLite report readers do not stream.');
  }
}

class ReaderDriver implements Driver {
  readonly #connection: ReaderConnection;

  constructor(private readonly pool: Piscina<ReadTask, unknown[]>) {
    this.#connection = new ReaderConnection(pool);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    // No transactions, no session state: every query may go to any worker, so one connection object serves all.
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    throw new Error('The SQLite report readers only read: no transactions.');
  }

  async commitTransaction(): Promise<void> {
    throw new Error('The SQLite report readers only read: no transactions.');
  }

  async rollbackTransaction(): Promise<void> {
    throw new Error('The SQLite report readers only read: no transactions.');
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

class ReaderDialect implements Dialect {
  constructor(private readonly pool: Piscina<ReadTask, unknown[]>) {}

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new ReaderDriver(this.pool);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/**
 * Opens the reader pool of a SQLite file.
 * @param path The database file (it must exist: the readers never create or write it).
 * @param threads Worker threads, see {@link defaultReaderThreads}.
 * @param plugins The main connection's plugins (the table prefix), so queries compile the same.
 * @param onQuery Called with every query the readers run, as the main connection's `onQuery`.
 * @returns The query builder for reads; `destroy()` on it ends the threads.
 */
export function openSqliteReaders(
  path: string,
  threads: number,
  plugins: readonly KyselyPlugin[],
  onQuery?: (query: CompiledQuery) => void,
): Kysely<ReportsDatabase> {
  const pool = new Piscina<ReadTask, unknown[]>({
    filename: fileURLToPath(new URL('./sqliteReader.worker.mjs', import.meta.url)),
    minThreads: threads,
    maxThreads: threads,
    // A worker never sleeps: the pool's threads stay for the server's life.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { path },
  });
  // A thread that dies (its query's caller hears of it) must not end the process as an unheard 'error' event.
  pool.on('error', (error: unknown) => {
    process.stderr.write(`A SQLite reader thread failed: ${String((error as Error)?.message ?? error)}\n`);
  });
  return new Kysely<ReportsDatabase>({
    dialect: new ReaderDialect(pool),
    plugins: [...plugins],
    log: onQuery ? (event) => onQuery(event.query) : undefined,
  });
}
