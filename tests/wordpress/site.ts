/**
 * A real WordPress for tests and the WordPress benchmark: Debian's WordPress (`/usr/share/wordpress`, or
 * `WORDPRESS_DIR`) copied into a temporary folder, its database on a private MariaDB (`tests/mariadb/mariadb.ts`),
 * served by PHP's built-in web server on 127.0.0.1 and a free port, and the booking plugin's test stand-in as a
 * must-use plugin. The reports plugin itself is installed from its zip the way an admin does it (`installPlugin`).
 *
 * Nothing of the machine's own WordPress configuration (`/etc/wordpress`) or services is used. `stop()` ends what was
 * started, by PID, and deletes the folders.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { delay, freePort, startMariadb } from '../mariadb/mariadb';
import type { MariadbServer } from '../mariadb/mariadb';

/** The repository. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** This suite's PHP and must-use plugin fixtures. */
export const FIXTURES = join(ROOT, 'tests', 'wordpress', 'fixtures');
/** The site's timezone (`timezone_string`); ranges are days in this zone. */
export const SITE_TIMEZONE = 'Europe/Berlin';
/** Every test user's password. */
export const PASSWORD = 'correct horse battery staple';

/**
 * The test users `fixtures/install.php` creates: the site's administrator, a booking host (a subscriber the
 * stand-in's PermissionManager lets in), a subscriber with no booking rights, and a German-speaking administrator.
 */
export const USERS = ['admin', 'host', 'subscriber', 'german'] as const;
/** A test user's login. */
export type UserLogin = (typeof USERS)[number];

/** What the tests need to reach a running site (plain data: the global setup hands it to the test files). */
export interface SiteInfo {
  /** `http://127.0.0.1:<port>`: home and site URL. */
  origin: string;
  /** The site's folder (ABSPATH). */
  folder: string;
  /** `mysql://…@127.0.0.1:<port>/<database>` for SQL checks. */
  databaseUrl: string;
  /** The table prefix. */
  prefix: string;
  /** WordPress's debug log (`WP_DEBUG_LOG`). */
  debugLog: string;
  /** The PID of the PHP web server (the parent of its workers). */
  phpPid: number;
}

/** A running test site. */
export interface WordPressSite {
  info: SiteInfo;
  /** Stops the PHP server and its workers and MariaDB by PID, and deletes the site's and the database's folders. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  "The WordPress suite needs Debian's WordPress and PHP: `apt-get install wordpress php-cli php-mysql " +
  'php-mbstring php-xml php-intl unzip zip mariadb-server` (set WORDPRESS_DIR when WordPress is elsewhere).';

/** PHP's CLI options for every run: the built-in server and the CLI scripts alike. */
const PHP_INI = [
  '-d',
  'memory_limit=512M',
  // The CLI SAPI (which the built-in server is) has OPcache off by default; WordPress is several times faster with it.
  '-d',
  'opcache.enable_cli=1',
  '-d',
  'upload_max_filesize=32M',
  '-d',
  'post_max_size=32M',
];

/** `wp-config.php`: our database, unique salts, no outside requests, no cron, debug log on and display off. */
function wpConfig(options: { database: string; port: number; dbPort: number; debugLog: string }): string {
  const salt = (): string => randomBytes(48).toString('base64');
  const keys = [
    'AUTH_KEY',
    'SECURE_AUTH_KEY',
    'LOGGED_IN_KEY',
    'NONCE_KEY',
    'AUTH_SALT',
    'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT',
    'NONCE_SALT',
  ];
  const php = (value: string | number | boolean): string => JSON.stringify(value).replace(/\$/g, '\\$');
  const defines: [string, string | number | boolean][] = [
    ['DB_NAME', options.database],
    ['DB_USER', 'br_owner'],
    ['DB_PASSWORD', 'owner-secret'],
    ['DB_HOST', `127.0.0.1:${options.dbPort}`],
    ['DB_CHARSET', 'utf8mb4'],
    ['DB_COLLATE', ''],
    ...keys.map((key): [string, string] => [key, salt()]),
    ['WP_HOME', `http://127.0.0.1:${options.port}`],
    ['WP_SITEURL', `http://127.0.0.1:${options.port}`],
    ['WP_HTTP_BLOCK_EXTERNAL', true],
    ['DISABLE_WP_CRON', true],
    ['AUTOMATIC_UPDATER_DISABLED', true],
    ['WP_AUTO_UPDATE_CORE', false],
    ['FS_METHOD', 'direct'],
    ['WP_ENVIRONMENT_TYPE', 'local'],
    ['WP_DEBUG', true],
    ['WP_DEBUG_DISPLAY', false],
    ['WP_DEBUG_LOG', options.debugLog],
    ['SCRIPT_DEBUG', false],
  ];
  return [
    '<?php',
    '// Written by tests/wordpress/site.ts for one test run.',
    ...defines.map(([name, value]) => `define( '${name}', ${php(value)} );`),
    "$table_prefix = 'wp_';",
    "@ini_set( 'display_errors', '0' );",
    "if ( ! defined( 'ABSPATH' ) ) {",
    "\tdefine( 'ABSPATH', __DIR__ . '/' );",
    '}',
    "require_once ABSPATH . 'wp-settings.php';",
    '',
  ].join('\n');
}

/**
 * Runs a PHP script of the fixtures on a site with arguments; throws with its output when it fails. Compiled
 * scripts are kept in the site's OPcache file cache, so each run after the first boots WordPress faster.
 */
function runPhp(folder: string, script: string, args: readonly string[], input?: string): string {
  const cache = join(dirname(folder), 'opcache');
  mkdirSync(cache, { recursive: true });
  const ini = [...PHP_INI, '-d', `opcache.file_cache=${cache}`];
  const result = spawnSync('php', [...ini, join(FIXTURES, script), folder, ...args], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  if (result.error) throw new Error(`php could not run: ${result.error.message}. ${INSTALL_HINT}`);
  if (result.status !== 0) {
    throw new Error(`php ${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Runs PHP code inside the site (WordPress loaded, as in a request) and returns what the code returns, decoded
 * from JSON. For test set-up: options, users, user meta.
 */
export function wpEval<T = unknown>(info: SiteInfo, code: string): T {
  const output = runPhp(info.folder, 'wp-eval.php', [new URL(info.origin).host], code);
  return JSON.parse(output === '' ? 'null' : output) as T;
}

/**
 * Sets (or, with `null`, deletes) options of the site, straight in its table: the site has no persistent object
 * cache, so the next request reads them. (Through PHP each change would cost a WordPress boot.)
 */
export async function setOptions(
  info: SiteInfo,
  options: Record<string, string | number | null>,
): Promise<void> {
  const connection = await createConnection(info.databaseUrl);
  try {
    for (const [name, value] of Object.entries(options)) {
      if (value === null) {
        await connection.query(`DELETE FROM ${info.prefix}options WHERE option_name = ?`, [name]);
      } else {
        await connection.query(
          `INSERT INTO ${info.prefix}options (option_name, option_value, autoload) VALUES (?, ?, 'yes')
           ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)`,
          [name, String(value)],
        );
      }
    }
  } finally {
    await connection.end();
  }
}

/**
 * Pretty permalinks (`/%postname%/`, REST under `/wp-json/`) or plain ones (`index.php?rest_route=/…`). WordPress
 * rebuilds its rewrite rules on the next request, since they are gone.
 */
export function setPermalinks(info: SiteInfo, kind: 'pretty' | 'plain'): Promise<void> {
  return setOptions(info, {
    permalink_structure: kind === 'pretty' ? '/%postname%/' : '',
    rewrite_rules: null,
  });
}

/** Runs one SQL statement on the site's database and returns the rows. */
export async function sql<T extends RowDataPacket>(
  info: SiteInfo,
  statement: string,
  values: unknown[] = [],
): Promise<T[]> {
  const connection = await createConnection(info.databaseUrl);
  try {
    const [rows] = await connection.query<T[]>(statement, values);
    return rows;
  } finally {
    await connection.end();
  }
}

/** The PIDs of a process's children (the built-in server's workers), from /proc. */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends the PHP server and each of its workers by PID: SIGTERM, then SIGKILL after 5 s. */
async function stopPhpServer(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (pid === undefined) return;
  const pids = [...childPids(pid), pid];
  const exited =
    server.exitCode !== null || server.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => server.once('exit', () => resolve()));
  for (const each of pids) {
    try {
      process.kill(each, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + 5_000;
  while (pids.some(isRunning) && Date.now() < deadline) await delay(50);
  for (const each of pids.filter(isRunning)) process.kill(each, 'SIGKILL');
  await exited;
}

/** Waits until the site answers its login page. */
async function waitForSite(origin: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`php -S exited (${server.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${origin}/wp-login.php`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The site did not answer on ${origin}:\n${log()}`);
    await delay(100);
  }
}

/** Options of {@link startWordPress}. */
export interface StartOptions {
  /** Built-in server workers (`PHP_CLI_SERVER_WORKERS`): a page's assets load in parallel. @default 4 */
  workers?: number;
}

/**
 * Starts a fresh WordPress: private MariaDB and database, a copy of WordPress with our `wp-config.php`, installed by
 * `fixtures/install.php` (the test users, Europe/Berlin, pretty permalinks), the booking stand-in as a must-use
 * plugin, and PHP's built-in server on a free port.
 */
export async function startWordPress(options: StartOptions = {}): Promise<WordPressSite> {
  const source = process.env.WORDPRESS_DIR ?? '/usr/share/wordpress';
  if (!existsSync(join(source, 'wp-settings.php')))
    throw new Error(`No WordPress in ${source}. ${INSTALL_HINT}`);
  if (spawnSync('php', ['--version']).status !== 0) throw new Error(`php was not found. ${INSTALL_HINT}`);

  const work = mkdtempSync(join(tmpdir(), 'br-wordpress-'));
  const folder = join(work, 'site');
  const debugLog = join(work, 'debug.log');
  let mariadb: MariadbServer | undefined;
  let server: ChildProcess | undefined;
  let killOnExit: (() => void) | undefined;
  const cleanUp = async (): Promise<void> => {
    if (server) await stopPhpServer(server);
    if (killOnExit) process.removeListener('exit', killOnExit);
    await mariadb?.destroy();
    rmSync(work, { recursive: true, force: true });
  };

  try {
    const copied = spawnSync('cp', ['-rL', source, folder], { encoding: 'utf8' });
    if (copied.status !== 0) throw new Error(`cp -rL ${source} failed: ${copied.stderr}`);
    mariadb = await startMariadb();
    const database = 'br_wordpress';
    const connection = await createConnection(mariadb.info.ownerUrl);
    await connection.query(
      `CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`,
    );
    await connection.end();

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(folder, 'wp-config.php'),
      wpConfig({ database, port, dbPort: mariadb.info.port, debugLog }),
    );
    // Debian's copy brings Apache's rules along; the built-in server reads none, and our router stands in for them.
    rmSync(join(folder, '.htaccess'), { force: true });
    runPhp(folder, 'install.php', [`127.0.0.1:${port}`, PASSWORD]);
    const muPlugins = join(folder, 'wp-content', 'mu-plugins');
    mkdirSync(muPlugins, { recursive: true });
    cpSync(join(FIXTURES, 'mu-plugins'), muPlugins, { recursive: true });

    let serverLog = '';
    const started = spawn(
      'php',
      [...PHP_INI, '-S', `127.0.0.1:${port}`, '-t', folder, join(FIXTURES, 'router.php')],
      {
        env: { ...process.env, PHP_CLI_SERVER_WORKERS: String(options.workers ?? 4) },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    server = started;
    // Should the runner exit without its teardown, the server and its workers go with it (by PID).
    killOnExit = () => {
      for (const pid of [...childPids(started.pid ?? 0), started.pid ?? 0]) {
        try {
          if (pid > 0) process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    };
    process.once('exit', killOnExit);
    // The server logs every request; only the last lines matter when it fails to start.
    started.stderr?.on('data', (chunk: Buffer) => {
      serverLog = (serverLog + chunk.toString()).slice(-4000);
    });
    await waitForSite(origin, started, () => serverLog);

    const info: SiteInfo = {
      origin,
      folder,
      databaseUrl: `${mariadb.info.ownerUrl}/${database}`,
      prefix: 'wp_',
      debugLog,
      phpPid: started.pid ?? 0,
    };
    return { info, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The debug log's lines so far (empty when WordPress logged nothing). */
export function debugLogLines(info: SiteInfo): string[] {
  if (!existsSync(info.debugLog)) return [];
  return readFileSync(info.debugLog, 'utf8').split('\n').filter(Boolean);
}
