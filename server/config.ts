/**
 * Settings of the reference backend, from command-line flags, then environment variables, then defaults.
 */
import { parseArgs } from 'node:util';
import { isValidTimezone } from '../src/lib/siteTime';
import { TABLE_PREFIX_PATTERN } from './db/connection';
import { isMysqlUrl, MYSQL_DEFAULTS, parseMysqlUrl } from './db/mysql';

/** Everything the server and its CLI need. */
export interface ServerConfig {
  /** Site timezone, IANA or `±HH:MM`. @default 'Europe/Berlin' (the demo site's; a real site passes its own) */
  timezone: string;
  /** WordPress `start_of_week`, 0 Sunday … 6 Saturday. @default 1 */
  startOfWeek: number;
  /** WordPress table prefix. @default 'wp_' */
  prefix: string;
  /** SQLite file, or a `mysql://user:pass@host:port/dbname` URL for MySQL/MariaDB. @default './data/booking-reports.sqlite' */
  dbPath: string;
  /** MySQL/MariaDB: most connections per instance. @default 10 */
  dbPoolSize: number;
  /** MySQL/MariaDB: longest a query may run, in ms, before the request answers 503 `db_unavailable`. @default 5000 */
  dbTimeoutMs: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host: string;
  /** Port to listen on (0 picks a free one). @default 8080 */
  port: number;
  /** Secret for cookies and nonces; generated and kept in the database when not given. */
  secret: string | undefined;
  /** `--seed N`: replace the bookings with N generated ones before serving. */
  seedBookings: number | undefined;
  /** `--import file.json`: load rows into an empty database before serving. */
  importFile: string | undefined;
  /** No request log lines. @default false */
  quiet: boolean;
  /** The admin page embeds the dashboard's first answers (`preloaded`). @default true */
  preload: boolean;
}

/** What the command line asks for: run with a config, print help, or stop with an error. */
export type ConfigResult =
  { kind: 'run'; config: ServerConfig } | { kind: 'help'; text: string } | { kind: 'error'; message: string };

/** Defaults of every setting. */
export const DEFAULT_CONFIG: Readonly<ServerConfig> = Object.freeze({
  timezone: 'Europe/Berlin',
  startOfWeek: 1,
  prefix: 'wp_',
  dbPath: './data/booking-reports.sqlite',
  dbPoolSize: MYSQL_DEFAULTS.poolSize,
  dbTimeoutMs: MYSQL_DEFAULTS.queryTimeoutMs,
  host: '127.0.0.1',
  port: 8080,
  secret: undefined,
  seedBookings: undefined,
  importFile: undefined,
  quiet: false,
  preload: true,
});

/** `--help`: every flag, its variable and its default. */
export const HELP_TEXT = `Booking reports: reference backend (SQLite or MySQL/MariaDB) serving the REST API and the dashboard.

Usage: npm start -- [options]        (or: npx tsx server/main.ts [options])

Options (a flag wins over its environment variable):
  --timezone <zone>      Site timezone: IANA name (Europe/Berlin) or fixed offset (+05:30).
                         Env BR_TIMEZONE. Default: Europe/Berlin (the demo site's).
  --start-of-week <0-6>  WordPress start_of_week: 0 Sunday ... 6 Saturday; keys weekly graph buckets.
                         Env BR_START_OF_WEEK. Default: 1 (Monday).
  --prefix <prefix>      WordPress table prefix: tables are <prefix>fcal_bookings, <prefix>users, ...
                         Letters, digits and _ only. Env BR_TABLE_PREFIX. Default: wp_
  --db <path|url>        SQLite database file; created (with demo data) when missing. Or a MySQL/MariaDB
                         database: mysql://user:password@host:3306/dbname (?socket=/path for a socket).
                         An existing site's tables there are only read (a user with SELECT is enough);
                         missing tables are created, with demo data when the plugin's are missing.
                         Env BR_DB. Default: ./data/booking-reports.sqlite
  --db-pool <N>          MySQL/MariaDB: most open connections of this instance. Env BR_DB_POOL. Default: 10
  --db-timeout <ms>      MySQL/MariaDB: longest a query may run; a request that hits it, or finds the
                         database down, answers 503 db_unavailable. Env BR_DB_TIMEOUT. Default: 5000
  --host <address>       Interface to listen on. Env BR_HOST. Default: 127.0.0.1
  --port <number>        Port to listen on; 0 picks a free one. Env BR_PORT. Default: 8080
  --secret <text>        Secret that signs login cookies and REST nonces. Env BR_NONCE_SECRET.
                         Default: generated once and kept in the database (<prefix>options); required
                         when that database is only read (an existing site on MySQL/MariaDB).
  --seed <N>             Replace all bookings with N generated ones (millions are fine: written in
                         transactions of 10,000 with progress on stderr), then serve. On MySQL/MariaDB
                         only into empty tables.
  --import <file.json>   Load rows in the plugin's table shapes into a new, empty database, then serve:
                         {"users": [...], "calendars": [...], "events": [...], "bookings": [...], "activities": [...]}
  --quiet                No request log lines.
  --no-preload           The admin page embeds no first answers: the dashboard asks for them itself.
                         Env BR_PRELOAD=0 (or false, off, no). Default: preloaded.
  -h, --help             Show this help and exit.

Open the printed URL: a wp-admin-like page logs you in as the administrator; its admin bar switches to a host.
`;

function parseWhole(text: string, name: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(text.trim()))
    return `${name} must be a whole number from ${min} to ${max}, not "${text}".`;
  const value = Number(text);
  return value >= min && value <= max
    ? value
    : `${name} must be a whole number from ${min} to ${max}, not "${text}".`;
}

/** `1`/`true`/`on`/`yes` or `0`/`false`/`off`/`no`, any case; `undefined` for anything else. */
function parseSwitch(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(value)) return true;
  if (['0', 'false', 'off', 'no'].includes(value)) return false;
  return undefined;
}

/**
 * Reads the settings.
 * @param argv Arguments after the script (`process.argv.slice(2)`).
 * @param env Environment variables (`process.env`).
 */
export function parseConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ConfigResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        timezone: { type: 'string' },
        'start-of-week': { type: 'string' },
        prefix: { type: 'string' },
        db: { type: 'string' },
        'db-pool': { type: 'string' },
        'db-timeout': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        secret: { type: 'string' },
        seed: { type: 'string' },
        import: { type: 'string' },
        quiet: { type: 'boolean' },
        'no-preload': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'error', message: `${(error as Error).message}\nRun with --help to see every option.` };
  }
  const flags = parsed.values;
  if (flags.help) return { kind: 'help', text: HELP_TEXT };

  const pick = (flag: string | undefined, variable: string): string | undefined => {
    const value = flag ?? env[variable];
    return value === undefined || value === '' ? undefined : value;
  };
  const config: ServerConfig = { ...DEFAULT_CONFIG };
  const problems: string[] = [];

  config.timezone = pick(flags.timezone, 'BR_TIMEZONE') ?? DEFAULT_CONFIG.timezone;
  if (!isValidTimezone(config.timezone)) {
    problems.push(
      `Unknown timezone "${config.timezone}": use an IANA name (Europe/Berlin) or an offset (+05:30).`,
    );
  }
  const startOfWeek = pick(flags['start-of-week'], 'BR_START_OF_WEEK');
  if (startOfWeek !== undefined) {
    const value = parseWhole(startOfWeek, 'The start of week', 0, 6);
    if (typeof value === 'string') problems.push(value);
    else config.startOfWeek = value;
  }
  config.prefix = pick(flags.prefix, 'BR_TABLE_PREFIX') ?? DEFAULT_CONFIG.prefix;
  if (!TABLE_PREFIX_PATTERN.test(config.prefix)) {
    problems.push(`The table prefix "${config.prefix}" may hold only letters, digits and _ (at most 32).`);
  }
  config.dbPath = pick(flags.db, 'BR_DB') ?? DEFAULT_CONFIG.dbPath;
  if (isMysqlUrl(config.dbPath)) {
    const target = parseMysqlUrl(config.dbPath);
    if (typeof target === 'string') problems.push(target);
  }
  const poolSize = pick(flags['db-pool'], 'BR_DB_POOL');
  if (poolSize !== undefined) {
    const value = parseWhole(poolSize, 'The pool size', 1, 1000);
    if (typeof value === 'string') problems.push(value);
    else config.dbPoolSize = value;
  }
  const timeout = pick(flags['db-timeout'], 'BR_DB_TIMEOUT');
  if (timeout !== undefined) {
    const value = parseWhole(timeout, 'The query timeout (ms)', 100, 600_000);
    if (typeof value === 'string') problems.push(value);
    else config.dbTimeoutMs = value;
  }
  config.host = pick(flags.host, 'BR_HOST') ?? DEFAULT_CONFIG.host;
  const port = pick(flags.port, 'BR_PORT');
  if (port !== undefined) {
    const value = parseWhole(port, 'The port', 0, 65_535);
    if (typeof value === 'string') problems.push(value);
    else config.port = value;
  }
  config.secret = pick(flags.secret, 'BR_NONCE_SECRET');
  if (flags.seed !== undefined) {
    const value = parseWhole(flags.seed, 'The number of bookings to seed', 0, 100_000_000);
    if (typeof value === 'string') problems.push(value);
    else config.seedBookings = value;
  }
  config.importFile = flags.import;
  if (config.importFile !== undefined && config.seedBookings !== undefined) {
    problems.push('Use either --seed or --import, not both.');
  }
  config.quiet = flags.quiet ?? false;
  const preload = flags['no-preload'] ? 'no' : pick(undefined, 'BR_PRELOAD');
  if (preload !== undefined) {
    const value = parseSwitch(preload);
    if (value === undefined)
      problems.push(`BR_PRELOAD must be 1 or 0 (true/false, on/off, yes/no), not "${preload}".`);
    else config.preload = value;
  }

  if (problems.length > 0) return { kind: 'error', message: problems.join('\n') };
  return { kind: 'run', config };
}
