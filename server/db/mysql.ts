/**
 * MySQL/MariaDB under the same Kysely queries as SQLite: a mysql2 pool behind Kysely's `MysqlDialect`, with the
 * site's table prefix, UTC sessions, times read as the `YYYY-MM-DD HH:mm:ss` strings the queries compare, a timeout
 * on every query, and connections that are dropped (never handed out again) once they stop answering.
 *
 * Values always travel as parameters next to the SQL text; nothing from a request is ever spliced into SQL.
 */
import { Kysely, MysqlDialect, OperationNodeTransformer } from 'kysely';
import type {
  AggregateFunctionNode,
  CompiledQuery,
  KyselyPlugin,
  MysqlPool,
  MysqlPoolConnection,
  MysqlQueryResult,
  MysqlStream,
  MysqlStreamOptions,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RawNode,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { createPool } from 'mysql2';
import type { Pool, PoolConnection, QueryError } from 'mysql2';
import { TablePrefixPlugin } from './connection';
import type { MysqlSiteDatabase } from './connection';
import type { ReportsDatabase } from './tables';

/** `--db` values that name a MySQL/MariaDB server rather than a SQLite file. */
const MYSQL_URL_PATTERN = /^(?:mysql|mariadb):\/\//i;

/** Whether a `--db` value is a `mysql://` (or `mariadb://`) URL. */
export function isMysqlUrl(text: string): boolean {
  return MYSQL_URL_PATTERN.test(text);
}

/** Where and as whom to connect, read from a `mysql://user:pass@host:port/dbname` URL. */
export interface MysqlTarget {
  host: string;
  /** @default 3306 */
  port: number;
  user: string;
  password: string;
  /** The database (schema) holding the site's tables. */
  database: string;
  /** `?socket=/run/mysqld/mysqld.sock`: a Unix socket instead of TCP. */
  socketPath: string | undefined;
}

/**
 * Reads a `mysql://user:pass@host:port/dbname[?socket=path]` URL (user and password percent-encoded).
 * @returns The target, or a message saying what is wrong with the URL (without repeating its password).
 */
export function parseMysqlUrl(url: string): MysqlTarget | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${describeMysqlUrl(url)} is not a valid URL: use mysql://user:password@host:3306/database.`;
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!isMysqlUrl(url) || database === '' || database.includes('/')) {
    return `${describeMysqlUrl(url)} names no database: use mysql://user:password@host:3306/database.`;
  }
  const port = parsed.port === '' ? 3306 : Number(parsed.port);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    socketPath: parsed.searchParams.get('socket') ?? undefined,
  };
}

/** The URL with its password masked, for messages and logs. */
export function describeMysqlUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/** Options of {@link openMysqlDatabase}. */
export interface OpenMysqlOptions {
  /** `mysql://user:pass@host:port/dbname`; see {@link parseMysqlUrl}. */
  url: string;
  /** WordPress table prefix. @default 'wp_' */
  prefix?: string;
  /** Most connections the pool opens at once. @default 10 */
  poolSize?: number;
  /**
   * Longest a query may run, in ms: the server stops it (MariaDB `max_statement_time`, MySQL
   * `max_execution_time`), and the client gives up on the connection a second later in case the server cannot even
   * answer that. `0`: no limit, for a bulk write that owns the database (a new site's build, a seed).
   * @default 5000
   */
  queryTimeoutMs?: number;
  /** Longest opening a connection may take, in ms. @default 3000 */
  connectTimeoutMs?: number;
  /** Called with every query Kysely runs (SQL and parameters). */
  onQuery?: (query: CompiledQuery) => void;
}

/** Defaults of {@link OpenMysqlOptions}. */
export const MYSQL_DEFAULTS = { poolSize: 10, queryTimeoutMs: 5000, connectTimeoutMs: 3000 } as const;

/** Longest `/health` waits for the database before it says the database is down. */
const HEALTH_TIMEOUT_MS = 2000;

/** How much longer than the server's own statement limit the client waits before it drops the connection. */
const CLIENT_GRACE_MS = 1000;

/** The error mysql2 reports when its client-side query timeout fires. */
const CLIENT_TIMEOUT_CODE = 'PROTOCOL_SEQUENCE_TIMEOUT';

class ByteExactDistinctTransformer extends OperationNodeTransformer {
  protected override transformAggregateFunction(node: AggregateFunctionNode): AggregateFunctionNode {
    const transformed = super.transformAggregateFunction(node);
    if (!transformed.distinct) return transformed;
    return {
      ...transformed,
      aggregated: transformed.aggregated.map((expression): RawNode => ({
        kind: 'RawNode',
        sqlFragments: ['convert(', ' using utf8mb4) collate utf8mb4_bin'],
        parameters: [expression],
      })),
    };
  }
}

/**
 * Makes `COUNT(DISTINCT x)` compare text exactly, as SQLite and the report engine do. MySQL compares strings by the
 * column's collation, and WordPress's (`utf8mb4_unicode_520_ci`) takes `josé` and `jose` for one guest.
 * `utf8mb4_bin` tells apart every code point, and is valid whatever the column's charset once converted; its only
 * leniency, ignoring trailing spaces, cannot matter for the trimmed guest key. (A binary cast is as exact but
 * twice as slow: MariaDB then keeps every distinct key at the column's full byte width.)
 */
class ByteExactDistinctPlugin implements KyselyPlugin {
  readonly #transformer = new ByteExactDistinctTransformer();

  /** Wraps what every `DISTINCT` aggregate compares in `CONVERT(… USING utf8mb4) COLLATE utf8mb4_bin`. */
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  /** Results need no change. */
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** What Kysely's streaming reads get back from `query(sql, parameters)` without a callback. */
type StreamableQuery = { stream: <T>(options: MysqlStreamOptions) => MysqlStream<T> };

/** Runs one statement on a raw pooled connection. */
function run(connection: PoolConnection, sql: string, timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.query({ sql, timeout }, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Kysely's view of the pool. Every new connection is set up before Kysely sees it (UTC session, statement time
 * limit), and every query gets the client-side timeout. A connection whose query timed out is in an unknown state
 * (the answer may still arrive), and one that could not be set up is of no use, so both are destroyed, which also
 * takes them out of the pool.
 */
class TimedPool implements MysqlPool {
  readonly #pool: Pool;
  readonly #queryTimeoutMs: number;
  /** The client-side timeout of each query, in ms: a second past the server's limit; `undefined` without a limit. */
  readonly #clientTimeoutMs: number | undefined;
  /** One wrapper per pooled connection: Kysely keys its per-connection state on the object it is handed. */
  readonly #wrappers = new WeakMap<PoolConnection, MysqlPoolConnection>();

  constructor(pool: Pool, queryTimeoutMs: number) {
    this.#pool = pool;
    this.#queryTimeoutMs = queryTimeoutMs;
    this.#clientTimeoutMs = queryTimeoutMs > 0 ? queryTimeoutMs + CLIENT_GRACE_MS : undefined;
  }

  getConnection(callback: (error: unknown, connection: MysqlPoolConnection) => void): void {
    // Kysely reads only the error when there is one.
    const fail = (error: unknown): void => callback(error, undefined as unknown as MysqlPoolConnection);
    this.#pool.getConnection((error, connection) => {
      if (error) return fail(error);
      const known = this.#wrappers.get(connection);
      if (known) return callback(null, known);
      this.#setUp(connection).then(
        () => callback(null, this.#wrap(connection)),
        (setupError: unknown) => {
          connection.destroy();
          fail(setupError);
        },
      );
    });
  }

  end(callback: (error: unknown) => void): void {
    this.#pool.end(callback);
  }

  async #setUp(connection: PoolConnection): Promise<void> {
    // A dead socket can report more than one error; mysql2's pool listens only once, and an unheard 'error' event
    // would end the process. The errors themselves reach the waiting query's callback.
    connection.on('error', () => {});
    const timeout = this.#clientTimeoutMs ?? HEALTH_TIMEOUT_MS;
    // UTC sessions, so NOW() and any conversion agree with the stored UTC times. The site's timezone is never
    // MySQL's business (its timezone tables are usually not loaded): the engine turns every bound into UTC.
    const seconds = this.#queryTimeoutMs / 1000;
    try {
      await run(connection, `SET SESSION time_zone = '+00:00', max_statement_time = ${seconds}`, timeout);
    } catch (error) {
      if ((error as QueryError).code !== 'ER_UNKNOWN_SYSTEM_VARIABLE') throw error;
      // MySQL has no max_statement_time; its own limit covers SELECTs, which is all the reports run.
      await run(
        connection,
        `SET SESSION time_zone = '+00:00', max_execution_time = ${Math.ceil(this.#queryTimeoutMs)}`,
        timeout,
      );
    }
  }

  #wrap(connection: PoolConnection): MysqlPoolConnection {
    const timeout = this.#clientTimeoutMs;
    function query(sql: string, parameters: unknown[]): StreamableQuery;
    function query(
      sql: string,
      parameters: unknown[],
      callback: (error: unknown, result: MysqlQueryResult) => void,
    ): void;
    function query(
      sql: string,
      parameters: unknown[],
      callback?: (error: unknown, result: MysqlQueryResult) => void,
    ): StreamableQuery | void {
      const command = { sql, values: parameters, timeout };
      if (!callback) return connection.query(command);
      connection.query(command, (error: QueryError | null, result: unknown) => {
        if (error?.code === CLIENT_TIMEOUT_CODE) connection.destroy();
        // mysql2 answers rows for a SELECT and an OK packet otherwise: the two shapes Kysely's type names.
        callback(error, result as MysqlQueryResult);
      });
    }
    const wrapper: MysqlPoolConnection = { query, release: () => connection.release() };
    this.#wrappers.set(connection, wrapper);
    return wrapper;
  }
}

/**
 * Opens a connection pool to a MySQL/MariaDB database (lazily: nothing connects before the first query). The
 * schema is not touched.
 * @throws Error when the URL cannot be read or the prefix is not allowed.
 */
export function openMysqlDatabase(options: OpenMysqlOptions): MysqlSiteDatabase {
  const target = parseMysqlUrl(options.url);
  if (typeof target === 'string') throw new Error(target);
  const prefix = options.prefix ?? 'wp_';
  const plugin = new TablePrefixPlugin(prefix);
  const queryTimeoutMs = options.queryTimeoutMs ?? MYSQL_DEFAULTS.queryTimeoutMs;
  const poolSize = options.poolSize ?? MYSQL_DEFAULTS.poolSize;
  const onQuery = options.onQuery;
  const connection = {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    socketPath: target.socketPath,
    connectTimeout: options.connectTimeoutMs ?? MYSQL_DEFAULTS.connectTimeoutMs,
    enableKeepAlive: true,
    charset: 'utf8mb4_unicode_ci',
    // DATETIME columns come back exactly as stored (`YYYY-MM-DD HH:mm:ss`, UTC), never as local Dates.
    dateStrings: true,
    timezone: 'Z',
    supportBigNumbers: true,
  };
  const db = new Kysely<ReportsDatabase>({
    dialect: new MysqlDialect({
      pool: async () =>
        new TimedPool(
          createPool({ ...connection, connectionLimit: poolSize, maxIdle: poolSize }),
          queryTimeoutMs,
        ),
    }),
    plugins: [plugin, new ByteExactDistinctPlugin()],
    log: onQuery ? (event) => onQuery(event.query) : undefined,
  });
  // `/health`'s own connection: a full pool or a slow report query never delays it.
  let healthPool: Pool | undefined;
  const healthTimeoutMs =
    queryTimeoutMs > 0 ? Math.min(queryTimeoutMs, HEALTH_TIMEOUT_MS) : HEALTH_TIMEOUT_MS;
  let closed = false;
  return {
    dialect: 'mysql',
    db,
    // The pool's connections already wait on the database, not on the event loop.
    reads: db,
    prefix,
    database: target.database,
    ping() {
      if (!healthPool) {
        healthPool = createPool({
          ...connection,
          connectTimeout: Math.min(connection.connectTimeout, healthTimeoutMs),
          connectionLimit: 1,
          maxIdle: 1,
        });
        // As in the report pool: a dead socket's second error must not end the process; the query hears the first.
        healthPool.on('connection', (opened) => opened.on('error', () => {}));
      }
      const pool = healthPool;
      return new Promise((resolve, reject) => {
        pool.query({ sql: 'select 1', timeout: healthTimeoutMs }, (error) =>
          error ? reject(error) : resolve(),
        );
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await new Promise<void>((resolve) => (healthPool ? healthPool.end(() => resolve()) : resolve()));
    },
  };
}
