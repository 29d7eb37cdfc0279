/**
 * The reference backend's command line: `npm start` (or `tsx server/main.ts`).
 *
 * Opens (creating and seeding with demo data when the file is missing) the SQLite database, or a MySQL/MariaDB
 * database (`--db mysql://…`: an existing site's tables are only read), optionally replaces its bookings
 * (`--seed N`) or loads a file (`--import`), then serves until SIGTERM or SIGINT. `--help` lists the flags.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { generateBookings, generateSiteData } from '../src/data/generate';
import type { SiteData } from '../src/data/schema';
import { ADMIN_PAGE_PATH, buildServer, REST_ROOT } from './app';
import { authProblem, parseConfig } from './config';
import type { ServerConfig } from './config';
import { openDatabase } from './db/connection';
import type { MysqlSiteDatabase, SiteDatabase } from './db/connection';
import { parseImportData } from './db/import';
import { describeMysqlUrl, isMysqlUrl, openMysqlDatabase } from './db/mysql';
import { existingTables } from './db/mysqlSchema';
import {
  buildMysqlAside,
  buildSqliteAside,
  removeAbandonedBuilds,
  reportAbandonedMysqlBuild,
} from './db/rebuild';
import { createSchema } from './db/schema';
import { defaultReaderThreads } from './db/sqliteReaders';
import { isWordPressSite, loadNonceSecret } from './db/site';
import { TABLE_NAMES } from './db/tables';
import type { TableName } from './db/tables';
import { insertBookingStream, insertSiteData } from './db/write';
import { warmUp } from './reports/warmUp';
import type { AuthMode } from './logins';
import { constantsFromEnv, readWpConfig } from './wordpressAuth';
import type { WordPressConstants } from './wordpressAuth';

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Prints `written / total` in place on a terminal, or a line per tenth otherwise (logs stay readable).
 * @param what What is written, e.g. `Seeding bookings`.
 */
function progressPrinter(what: string, total: number): (written: number) => void {
  const started = Date.now();
  let lastTenth = -1;
  return (written) => {
    const percent = total === 0 ? 100 : Math.floor((written / total) * 100);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = `${what}: ${written.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${percent}%, ${seconds} s)`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}${written >= total ? '\n' : ''}`);
    } else if (Math.floor(percent / 10) > lastTenth || written >= total) {
      lastTenth = Math.floor(percent / 10);
      say(line);
    }
  };
}

/** Adds a site administrator when the rows have none, so someone can open the reports. */
function withAdministrator(data: SiteData): SiteData {
  if (data.users.some((user) => user.role === 'administrator')) return data;
  const ID = Math.max(0, ...data.users.map((user) => user.ID)) + 1;
  say(`No administrator in the file: added user ${ID} "Site Admin".`);
  return {
    ...data,
    users: [
      ...data.users,
      { ID, display_name: 'Site Admin', user_email: 'admin@example.com', role: 'administrator' },
    ],
  };
}

/** An `--import` file, read and validated before any database is opened or created. */
interface ImportFile {
  path: string;
  data: SiteData;
}

async function readImportFile(path: string): Promise<ImportFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseImportData(json);
  if (!parsed.ok) throw new Error(`${path} is not a valid import file:\n  ${parsed.errors.join('\n  ')}`);
  return { path, data: parsed.data };
}

/** Writes an import file's rows into a new site's empty tables. */
async function importFile(site: SiteDatabase, { path, data }: ImportFile): Promise<void> {
  await insertSiteData(site, { ...withAdministrator(data), bookings: [] });
  await insertBookingStream(site, data.bookings, progressPrinter('Importing bookings', data.bookings.length));
  say(
    `Imported ${data.bookings.length} bookings, ${data.activities.length} activities, ` +
      `${data.events.length} events, ${data.users.length} users from ${path}.`,
  );
}

/**
 * Up to this many bookings, `--seed` writes the generator's whole site, activity log included; above it the
 * bookings stream in without being held in memory, and the activity log stays empty (the generator builds the log
 * from the whole booking list at once).
 */
const SEED_WITH_ACTIVITIES_MAX = 100_000;

async function seedBookings(site: SiteDatabase, config: ServerConfig, total: number): Promise<void> {
  const now = Date.now();
  const options = { now, timezone: config.timezone, bookings: total };
  const whole = total <= SEED_WITH_ACTIVITIES_MAX ? generateSiteData(options) : undefined;
  // The generator's cast (users, calendars, events) and, for a small seed, its activity log; bookings stream below.
  const cast = whole ?? generateSiteData({ ...options, bookings: 0 });
  await insertSiteData(site, { ...cast, bookings: [], activities: [] });
  await insertBookingStream(
    site,
    whole?.bookings ?? generateBookings(options),
    progressPrinter('Seeding bookings', total),
  );
  if (whole)
    await insertSiteData(site, {
      users: [],
      calendars: [],
      events: [],
      bookings: [],
      activities: whole.activities,
    });
  else
    say(`No activity log for more than ${SEED_WITH_ACTIVITIES_MAX.toLocaleString('en-US')} seeded bookings.`);
}

/** An open database, and whether this server may write to it (the nonce secret, for one). */
interface PreparedDatabase {
  site: SiteDatabase;
  writable: boolean;
  /** The report reads' connections, opened at start (`reports/warmUp.ts`): reader threads, or the pool's size. */
  readConnections: number;
}

/** Fills a new site's empty tables: `--import`, `--seed`, or the demo site. */
async function fillNewSite(
  site: SiteDatabase,
  config: ServerConfig,
  where: string,
  imported: ImportFile | undefined,
): Promise<void> {
  if (imported !== undefined) {
    await importFile(site, imported);
  } else if (config.seedBookings !== undefined) {
    await seedBookings(site, config, config.seedBookings);
  } else {
    const demo = generateSiteData({ now: Date.now(), timezone: config.timezone });
    await insertSiteData(site, demo);
    say(`Created ${where} with ${demo.bookings.length} demo bookings (site timezone ${config.timezone}).`);
  }
}

/**
 * A new site (the demo's, `--seed` or `--import`) is built in a file beside the database and renamed into place
 * (`db/rebuild.ts`): the old file stays whole until then, and a failed or killed build leaves nothing at `--db`.
 */
async function prepareSqliteDatabase(config: ServerConfig): Promise<PreparedDatabase> {
  const imported = config.importFile === undefined ? undefined : await readImportFile(config.importFile);
  const inMemory = config.dbPath === ':memory:';
  if (!inMemory) {
    for (const name of removeAbandonedBuilds(config.dbPath))
      say(`Removed ${name}, left by a build that was killed.`);
  }
  const rebuild = imported !== undefined || config.seedBookings !== undefined || !existsSync(config.dbPath);
  if (rebuild && !inMemory) {
    await buildSqliteAside({
      path: config.dbPath,
      prefix: config.prefix,
      // As on MySQL/MariaDB, --import writes only where the plugin's tables and the users are empty.
      requireEmpty: imported === undefined ? [] : [...PLUGIN_TABLES, 'users'],
      fill: (site) => fillNewSite(site, config, config.dbPath, imported),
    });
  }
  const readerThreads = defaultReaderThreads();
  const site = openDatabase({ path: config.dbPath, prefix: config.prefix, readerThreads });
  try {
    await createSchema(site);
    if (rebuild && inMemory) {
      await fillNewSite(site, config, config.dbPath, imported);
      site.sqlite.exec('ANALYZE');
    }
    return { site, writable: true, readConnections: readerThreads };
  } catch (error) {
    await site.close();
    throw error;
  }
}

/** The plugin's own tables: when one exists, the database holds a site, and this server only reads it. */
const PLUGIN_TABLES = TABLE_NAMES.filter((name) => name.startsWith('fcal_'));

/**
 * On MySQL/MariaDB the server writes only into empty tables, so no site's rows (a WordPress database's users, for
 * one) are ever replaced: every table a fill would write to must be missing or empty.
 */
async function requireEmptyTables(site: MysqlSiteDatabase, existing: ReadonlySet<TableName>): Promise<void> {
  const filled: string[] = [];
  for (const table of [...PLUGIN_TABLES, 'users'] as const) {
    if (!existing.has(table)) continue;
    const row = await site.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(row.count) > 0) filled.push(`${site.prefix}${table} (${Number(row.count)} rows)`);
  }
  if (filled.length === 0) return;
  throw new Error(
    `On MySQL/MariaDB the server writes only into empty tables, and ${filled.join(', ')} already hold data: ` +
      'use a new database for --seed, --import or the demo site.',
  );
}

/**
 * A new site is built under a staging prefix, in one transaction, and renamed into place in one statement
 * (`db/rebuild.ts`): a failure or a crash leaves the tables as they were (missing, or empty), never ours half
 * filled. An existing site is only read: a killed build's leftovers are named, not dropped.
 */
async function prepareMysqlDatabase(config: ServerConfig): Promise<PreparedDatabase> {
  const imported = config.importFile === undefined ? undefined : await readImportFile(config.importFile);
  const where = describeMysqlUrl(config.dbPath);
  const site = openMysqlDatabase({
    url: config.dbPath,
    prefix: config.prefix,
    poolSize: config.dbPoolSize,
    queryTimeoutMs: config.dbTimeoutMs,
  });
  try {
    let existing;
    try {
      existing = await existingTables(site);
    } catch (error) {
      const { message, code } = error as { message?: string; code?: string };
      throw new Error(`Cannot open ${where}: ${message || code || String(error)}`, { cause: error });
    }
    const hasSite = PLUGIN_TABLES.some((name) => existing.has(name));
    if (hasSite && config.importFile === undefined && config.seedBookings === undefined) {
      const missing = (['users', 'usermeta'] as const).filter((name) => !existing.has(name));
      if (missing.length > 0) {
        throw new Error(
          `${where} has the plugin's tables but not ${missing.map((name) => config.prefix + name).join(' or ')}: ` +
            "host names and roles come from WordPress's own tables (check --prefix).",
        );
      }
      await reportAbandonedMysqlBuild(site, say);
      say(`Serving the existing site in ${where} (read only).`);
      return { site, writable: false, readConnections: config.dbPoolSize };
    }
    // This server fills the database, so it is no WordPress site: its default login is the demo's, which listens on
    // loopback only. Say so before anything is written.
    const problem = authProblem(config.auth ?? 'demo', config.host);
    if (problem) throw new Error(problem);
    await requireEmptyTables(site, existing);
    // The build's statements run without the serving pool's time limit: filling the rollups of a million bookings
    // takes longer than any report query may.
    const builder = openMysqlDatabase({
      url: config.dbPath,
      prefix: config.prefix,
      poolSize: 2,
      queryTimeoutMs: 0,
    });
    try {
      await buildMysqlAside(builder, {
        say,
        fill: async (building) => {
          await fillNewSite(building, config, `the tables in ${where}`, imported);
          // Stored with the rows, so the new site is never in place without the secret its logins need.
          if (config.secret === undefined && config.auth !== 'wordpress') await loadNonceSecret(building);
        },
      });
    } finally {
      await builder.close();
    }
    await sql`analyze table ${sql.table('fcal_bookings')}`.execute(site.db);
    return { site, writable: true, readConnections: config.dbPoolSize };
  } catch (error) {
    await site.close();
    throw error;
  }
}

/** `--auth wordpress`'s constants: `WORDPRESS_*` variables, overridden by `--wp-config`'s defines. */
async function wordpressConstants(config: ServerConfig): Promise<WordPressConstants> {
  const fromFile = config.wpConfig === undefined ? {} : await readWpConfig(config.wpConfig);
  return { ...constantsFromEnv(process.env), ...fromFile };
}

/** Runs the command; resolves to an exit code, or `undefined` while the server keeps serving. */
async function main(): Promise<number | undefined> {
  const parsed = parseConfig(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text);
    return 0;
  }
  if (parsed.kind === 'error') {
    say(parsed.message);
    return 2;
  }
  const { config } = parsed;
  const { site, writable, readConnections } = isMysqlUrl(config.dbPath)
    ? await prepareMysqlDatabase(config)
    : await prepareSqliteDatabase(config);
  let app: Awaited<ReturnType<typeof buildServer>>;
  let auth: AuthMode;
  try {
    // A WordPress site's own database has WordPress's logins; a database this backend filled has the demo's.
    auth = config.auth ?? (!writable && (await isWordPressSite(site)) ? 'wordpress' : 'demo');
    const problem = authProblem(auth, config.host);
    if (problem) throw new Error(problem);
    if (auth === 'wordpress' && config.secret !== undefined) {
      say('--secret is not used with --auth wordpress: WordPress signs its own cookies and nonces.');
    }
    app = await buildServer({
      site,
      timezone: config.timezone,
      startOfWeek: config.startOfWeek,
      auth,
      ...(auth === 'demo'
        ? { secret: config.secret ?? (await loadNonceSecret(site, { create: writable })) }
        : { wordpress: await wordpressConstants(config) }),
      allowedHosts: config.allowedHosts,
      maxPending: config.maxPending,
      quiet: config.quiet,
      preload: config.preload,
      // Identical report requests cost one set of queries until the data changes (`reports/cache.ts`).
      responseCache: true,
    });
  } catch (error) {
    await site.close();
    throw error;
  }
  // Before listening: a stop asked for while the server starts closes it cleanly too.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down.`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        say(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // What the first report request would pay for (threads, connections, the bookings table's indexes) is paid now.
  // A failure costs nothing but that: the first request asks again, and answers or reports the error itself.
  try {
    await warmUp(site, readConnections);
  } catch (error) {
    if (!stopping)
      say(`Could not prepare the report reads at start: ${String((error as Error).message ?? error)}`);
  }
  if (stopping) return undefined;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  if (!existsSync(new URL('../dist/booking-reports.iife.js', import.meta.url))) {
    say('The dashboard is not built yet: run `npm run build` (the page says so too).');
  }
  const origin = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  if (auth === 'demo') say(`Booking reports: open ${origin}${ADMIN_PAGE_PATH}`);
  else say(`Booking reports: REST API at ${origin}${REST_ROOT} (WordPress logins; no login page).`);

  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    say(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
