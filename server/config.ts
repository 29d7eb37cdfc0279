/**
 * Settings of the reference backend, from command-line flags, then environment variables, then defaults.
 */
import { parseArgs } from 'node:util';
import { isValidTimezone } from '../src/lib/siteTime';
import { DEFAULT_MAX_PENDING } from './app';
import { TABLE_PREFIX_PATTERN } from './db/connection';
import { isMysqlUrl, MYSQL_DEFAULTS, parseMysqlUrl } from './db/mysql';
import { isLoopbackAddress, LOOPBACK_HOST_NAMES } from './hosts';
import type { AuthMode } from './logins';

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
  /**
   * How requests are logged in. `demo` by default on SQLite; on MySQL/MariaDB `undefined` until the database is
   * open, then `wordpress` for an existing WordPress site and `demo` otherwise (see {@link authProblem}).
   */
  auth: AuthMode | undefined;
  /** `--wp-config`: the WordPress configuration with the keys `--auth wordpress` checks logins with. */
  wpConfig: string | undefined;
  /** Host names the server answers for. @default the loopback names when bound to loopback; required otherwise */
  allowedHosts: string[];
  /** Most requests answered at once; more get 503 `server_busy` at once. @default 100 */
  maxPending: number;
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
  auth: undefined,
  wpConfig: undefined,
  allowedHosts: [...LOOPBACK_HOST_NAMES],
  maxPending: DEFAULT_MAX_PENDING,
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
  --allowed-host <name>  A host name the server answers for (the Host header, any port); repeat for more.
                         Others get 421, so DNS rebinding reaches nothing. Env BR_ALLOWED_HOSTS (commas).
                         Default: localhost, 127.0.0.1, ::1 on a loopback --host; required on any other.
  --auth <demo|wordpress>
                         demo: the admin page logs its viewer in as any user, no password; loopback only.
                         wordpress: no login page; WordPress's own login cookie and REST nonce are checked
                         with the site's keys (--wp-config), so wp-admin's dashboard can call this server.
                         Env BR_AUTH. Default: wordpress for an existing WordPress database, else demo.
  --wp-config <file>     The site's wp-config.php, for --auth wordpress's keys and salts (nothing in it is
                         run). Or set WORDPRESS_LOGGED_IN_KEY, _LOGGED_IN_SALT, _NONCE_KEY, _NONCE_SALT.
                         Env BR_WP_CONFIG.
  --port <number>        Port to listen on; 0 picks a free one. Env BR_PORT. Default: 8080
  --max-pending <N>      Most requests answered at once (/health aside); beyond, 503 server_busy with
                         Retry-After at once, not a queue that outlasts the clients. Env BR_MAX_PENDING.
                         Default: ${DEFAULT_MAX_PENDING}
  --secret <text>        --auth demo: secret that signs its cookies and REST nonces. Env BR_NONCE_SECRET.
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

With --auth demo, open the printed URL: a wp-admin-like page logs you in as the administrator; its admin bar
switches to a host.
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
        'allowed-host': { type: 'string', multiple: true },
        auth: { type: 'string' },
        'wp-config': { type: 'string' },
        port: { type: 'string' },
        'max-pending': { type: 'string' },
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
  const allowedHosts =
    flags['allowed-host'] ??
    pick(undefined, 'BR_ALLOWED_HOSTS')
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  if (allowedHosts && allowedHosts.length > 0) config.allowedHosts = allowedHosts;
  else if (!isLoopbackAddress(config.host)) {
    problems.push(
      `--host ${config.host} lets other machines connect: name the host names this server answers for with ` +
        '--allowed-host (e.g. --allowed-host reports.example.com), so that no other name reaches it.',
    );
  }
  const auth = pick(flags.auth, 'BR_AUTH');
  if (auth !== undefined && auth !== 'demo' && auth !== 'wordpress') {
    problems.push(`--auth must be demo or wordpress, not "${auth}".`);
  } else {
    // SQLite is always the backend's own site; MySQL/MariaDB may be a WordPress site, known once it is open.
    config.auth = auth ?? (isMysqlUrl(config.dbPath) ? undefined : 'demo');
  }
  config.wpConfig = pick(flags['wp-config'], 'BR_WP_CONFIG');
  const port = pick(flags.port, 'BR_PORT');
  if (port !== undefined) {
    const value = parseWhole(port, 'The port', 0, 65_535);
    if (typeof value === 'string') problems.push(value);
    else config.port = value;
  }
  const maxPending = pick(flags['max-pending'], 'BR_MAX_PENDING');
  if (maxPending !== undefined) {
    const value = parseWhole(maxPending, 'The most pending requests', 1, 100_000);
    if (typeof value === 'string') problems.push(value);
    else config.maxPending = value;
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

  if (config.auth !== undefined) {
    const problem = authProblem(config.auth, config.host);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return { kind: 'error', message: problems.join('\n') };
  return { kind: 'run', config };
}

/**
 * Why the server must not start with this login on this address, or `undefined`: the demo login hands out any
 * user's session without a password, so it listens on loopback only.
 */
export function authProblem(auth: AuthMode, host: string): string | undefined {
  if (auth !== 'demo' || isLoopbackAddress(host)) return undefined;
  return (
    `--auth demo logs anyone in as any user without a password, so it listens only on a loopback address ` +
    `(127.0.0.1, ::1, localhost), not on ${host}. To serve other machines, use --auth wordpress with the ` +
    "site's --wp-config, behind the site's own host name (--allowed-host)."
  );
}
