/**
 * The database connection: better-sqlite3 under Kysely, with the site's table prefix added to every query.
 *
 * Report queries are written with Kysely against unprefixed names, so MySQL/MariaDB (`mysql.ts`) is another dialect
 * under the same queries, not other queries.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, OperationNodeTransformer, SqliteDialect } from 'kysely';
import type {
  CompiledQuery,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  TableNode,
  UnknownRow,
} from 'kysely';
import { openSqliteReaders } from './sqliteReaders';
import { ROLLUP_TABLE_NAMES, TABLE_NAMES } from './tables';
import type { KnownTableName, ReportsDatabase } from './tables';

/** Table prefixes are spliced into SQL identifiers, so only WordPress's own safe characters are allowed. */
export const TABLE_PREFIX_PATTERN = /^[A-Za-z0-9_]{0,32}$/;

const KNOWN_TABLES: ReadonlySet<string> = new Set([...TABLE_NAMES, ...ROLLUP_TABLE_NAMES]);

class TableNameTransformer extends OperationNodeTransformer {
  readonly #tableName: (table: KnownTableName) => string;

  constructor(tableName: (table: KnownTableName) => string) {
    super();
    this.#tableName = tableName;
  }

  protected override transformTable(node: TableNode): TableNode {
    const transformed = super.transformTable(node);
    const name = transformed.table.identifier.name;
    // Only our own tables: aliases (`b.status`) and CTE names are table nodes too and must stay as written.
    if (!isTableName(name)) return transformed;
    return {
      ...transformed,
      table: {
        ...transformed.table,
        identifier: { ...transformed.table.identifier, name: this.#tableName(name) },
      },
    };
  }
}

function isTableName(name: string): name is KnownTableName {
  return KNOWN_TABLES.has(name);
}

/**
 * A Kysely plugin that writes every known table under the name `tableName` gives it: a site's prefixed name, or a
 * MySQL/MariaDB build's staging name (`rebuild.ts`). The names are spliced into SQL as they are: only safe ones.
 */
export class TableNamePlugin implements KyselyPlugin {
  readonly #transformer: TableNameTransformer;

  /** @param tableName The name in the database of an unprefixed table name. */
  constructor(tableName: (table: KnownTableName) => string) {
    this.#transformer = new TableNameTransformer(tableName);
  }

  /** Rewrites the table names of one query. */
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  /** Results need no change. */
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** A Kysely plugin that writes `fcal_bookings` as `${prefix}fcal_bookings` (and so on for every known table). */
export class TablePrefixPlugin extends TableNamePlugin {
  /** @param prefix The site's table prefix, e.g. `wp_`; must match {@link TABLE_PREFIX_PATTERN}. */
  constructor(prefix: string) {
    if (!TABLE_PREFIX_PATTERN.test(prefix))
      throw new Error(`Invalid table prefix: ${JSON.stringify(prefix)}`);
    super((name) => `${prefix}${name}`);
  }
}

/** What every open site database offers, whatever the engine. */
interface OpenSiteDatabase {
  /** The query builder every query goes through. */
  db: Kysely<ReportsDatabase>;
  /**
   * The query builder of the report endpoints' reads: on SQLite opened with `readerThreads`, worker threads off the
   * event loop (`sqliteReaders.ts`); otherwise {@link db} itself.
   */
  reads: Kysely<ReportsDatabase>;
  /** The table prefix, e.g. `wp_`. */
  prefix: string;
  /**
   * Checks that the database answers, for `/health`: on MySQL/MariaDB through a connection of its own with a short
   * timeout, so it never waits behind the report queries in the pool. Rejects when the database does not answer.
   */
  ping(): Promise<void>;
  /** Closes the connection (or the pool); safe to call twice. */
  close(): Promise<void>;
}

/** A site database in a SQLite file. */
export interface SqliteSiteDatabase extends OpenSiteDatabase {
  dialect: 'sqlite';
  /** The raw connection, for storage-specific work (pragmas, query plans). */
  sqlite: Database.Database;
}

/** A site database on a MySQL/MariaDB server, through a connection pool. */
export interface MysqlSiteDatabase extends OpenSiteDatabase {
  dialect: 'mysql';
  /** The database (schema) name on the server. */
  database: string;
}

/** An open site database: the engine is told by `dialect`. */
export type SiteDatabase = SqliteSiteDatabase | MysqlSiteDatabase;

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** File path, or `:memory:` for a private in-memory database. */
  path: string;
  /** WordPress table prefix. @default 'wp_' */
  prefix?: string;
  /** Called with every query Kysely runs (SQL and parameters), the readers' too, e.g. to inspect query plans. */
  onQuery?: (query: CompiledQuery) => void;
  /**
   * Worker threads for the report reads (`reads`), each with a read-only connection; 0 reads on this connection,
   * on the event loop. A file only (not `:memory:`), and one that exists.
   * @default 0
   */
  readerThreads?: number;
}

/** Opens (creating the file and its folder if needed) a SQLite database. The schema is not touched. */
export function openDatabase(options: OpenDatabaseOptions): SqliteSiteDatabase {
  const prefix = options.prefix ?? 'wp_';
  const plugin = new TablePrefixPlugin(prefix);
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const sqlite = new Database(options.path);
  // WAL lets a second instance read while this one seeds; NORMAL sync is safe with WAL and much faster to seed.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = OFF');
  // Refreshes the planner's statistics if the data changed a lot since the last ANALYZE (SQLite's advice for every
  // new connection). Full statistics, not sampled ones: with estimates the latest-bookings query sorts every row.
  sqlite.pragma('optimize = 0x10002');
  const onQuery = options.onQuery;
  const db = new Kysely<ReportsDatabase>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [plugin],
    log: onQuery ? (event) => onQuery(event.query) : undefined,
  });
  const readerThreads = options.path === ':memory:' ? 0 : (options.readerThreads ?? 0);
  const reads = readerThreads > 0 ? openSqliteReaders(options.path, readerThreads, [plugin], onQuery) : db;
  let closed = false;
  return {
    dialect: 'sqlite',
    db,
    reads,
    sqlite,
    prefix,
    async ping() {
      sqlite.prepare('select 1').get();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (reads !== db) await reads.destroy();
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}
