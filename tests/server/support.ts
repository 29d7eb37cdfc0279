/**
 * Test support for the reference backend: a real server on 127.0.0.1 and an ephemeral port over a temporary
 * database (a SQLite file here; `tests/mariadb/` hands the same suites a MariaDB factory), REST requests with a
 * session (`login` from `scripts/localBackend.ts`: through the admin page, exactly as a browser), plus row builders
 * for inline datasets.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ActivityRow, BookingRow, CalendarEventRow, SiteData, UserRow } from '../../src/data/schema';
import { buildServer, REST_ROOT } from '../../server/app';
import { openDatabase } from '../../server/db/connection';
import type { SiteDatabase, SqliteSiteDatabase } from '../../server/db/connection';
import { createSchema } from '../../server/db/schema';
import { TABLE_NAMES } from '../../server/db/tables';
import type { SchemaOptions } from '../../server/db/schema';
import { insertSiteData } from '../../server/db/write';
import { listenOnLoopback } from '../../scripts/localBackend';
import type { Session } from '../../scripts/localBackend';

// The login is the benchmarks' too; the server and MariaDB suites import it from here with the rest.
export { login, printedConfig } from '../../scripts/localBackend';
export type { Session } from '../../scripts/localBackend';

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  app: FastifyInstance;
  /** The server's clock; move `now` to age cookies and nonces. */
  clock: { now: number };
  /** Log lines the server wrote. */
  logLines: string[];
  /** Stops the server and deletes its database. */
  close(): Promise<void>;
}

/** A fresh database holding a dataset, opened as the server opens it. */
export interface TestDatabase {
  site: SiteDatabase;
  /** Deletes the database; call after the site is closed. */
  cleanUp(): Promise<void>;
}

/** Where the suites' databases live: one factory per engine, so the same test bodies run on each. */
export interface TestDatabaseFactory {
  /** Appended to `describe` titles: empty for SQLite, ` (MariaDB)` for MariaDB. */
  label: string;
  /** A new database with the schema and the rows. */
  create(data: SiteData, prefix?: string): Promise<TestDatabase>;
  /** A database for many small datasets in a row (property tests), see {@link ScratchDatabase}. */
  scratch(): Promise<ScratchDatabase>;
  /** Servers over these databases keep their answers (`BuildServerOptions.responseCache`). @default false */
  responseCache?: boolean;
}

/** Many datasets, one after the other. */
export interface ScratchDatabase {
  /** Replaces every row with `data`; resolves to the site to query (valid until the next `load`). */
  load(data: SiteData): Promise<SiteDatabase>;
  /** Closes and deletes whatever is open. */
  close(): Promise<void>;
}

/**
 * Opens a fresh temporary SQLite database with the schema and the rows.
 * @param readerThreads Worker threads for the report reads, as the command line opens it. @default 0
 * @param schema The bookings table's indexes and rollups (`createSchema`). @default ours, with rollups
 */
export async function createTestDatabase(
  data: SiteData,
  prefix = 'wp_',
  readerThreads = 0,
  schema: SchemaOptions = {},
): Promise<{ site: SqliteSiteDatabase; cleanUp: () => void }> {
  const folder = mkdtempSync(join(tmpdir(), 'booking-reports-'));
  const site = openDatabase({ path: join(folder, 'site.sqlite'), prefix, readerThreads });
  await createSchema(site, schema);
  await insertSiteData(site, data);
  return { site, cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * SQLite: a temporary file per database, and a fresh in-memory database per scratch dataset.
 * @param schema The bookings table's indexes (ours, or only the booking plugin's own) and rollups.
 */
function sqliteDatabases(schema: SchemaOptions, label: string): TestDatabaseFactory {
  return {
    label,
    async create(data, prefix) {
      const { site, cleanUp } = await createTestDatabase(data, prefix, 0, schema);
      return { site, cleanUp: async () => cleanUp() };
    },
    async scratch() {
      let current: SqliteSiteDatabase | undefined;
      return {
        async load(data) {
          await current?.close();
          current = openDatabase({ path: ':memory:' });
          await createSchema(current, schema);
          await insertSiteData(current, data);
          return current;
        },
        async close() {
          await current?.close();
        },
      };
    },
  };
}

/** SQLite with the backend's own indexes. */
export const SQLITE_DATABASES: TestDatabaseFactory = sqliteDatabases({}, '');

/** SQLite with the backend's own indexes but no rollups (a database made before them): every count by index searches. */
export const SQLITE_SEARCH_DATABASES: TestDatabaseFactory = sqliteDatabases(
  { rollups: false },
  ' (SQLite, without rollups)',
);

/**
 * SQLite tables shaped as the booking plugin makes them: its own keys only, none on the times the reports count by
 * (`PLUGIN_BOOKING_INDEXES`), so the reports take their one-pass plans.
 */
export const SQLITE_PLUGIN_DATABASES: TestDatabaseFactory = sqliteDatabases(
  { indexes: 'plugin' },
  ' (SQLite, the plugin’s indexes only)',
);

/** Options of {@link startServer}. */
export interface StartOptions {
  data: SiteData;
  timezone: string;
  startOfWeek?: number;
  /** Epoch ms of the server's clock. */
  now: number;
  prefix?: string;
  /** Folder of the built dashboard. @default a folder that does not exist */
  distDir?: string;
  /** Where the database lives. @default SQLITE_DATABASES */
  databases?: TestDatabaseFactory;
  /** Most requests answered at once (`BuildServerOptions.maxPending`). @default the server's */
  maxPending?: number;
}

/**
 * SQLite as the command line serves it: the report reads on two worker threads with connections of their own
 * (`sqliteReaders.ts`). The scratch database is one file whose rows the main connection replaces for each dataset,
 * so the readers must see each commit.
 */
export const SQLITE_READER_DATABASES: TestDatabaseFactory = {
  label: ' (SQLite, reads on worker threads)',
  async create(data, prefix) {
    const { site, cleanUp } = await createTestDatabase(data, prefix, 2);
    return { site, cleanUp: async () => cleanUp() };
  },
  async scratch() {
    const { site, cleanUp } = await createTestDatabase(
      { users: [], calendars: [], events: [], bookings: [], activities: [] },
      'wp_',
      2,
    );
    return {
      async load(data) {
        await site.db.transaction().execute(async (trx) => {
          for (const table of TABLE_NAMES) await trx.deleteFrom(table).execute();
        });
        await insertSiteData(site, data);
        return site;
      },
      async close() {
        await site.close();
        cleanUp();
      },
    };
  },
};

/** Starts a server on 127.0.0.1, port 0, over a temporary database holding `data`. */
export async function startServer(options: StartOptions): Promise<TestServer> {
  const databases = options.databases ?? SQLITE_DATABASES;
  const { site, cleanUp } = await databases.create(options.data, options.prefix);
  const clock = { now: options.now };
  const logLines: string[] = [];
  const app = await buildServer({
    site,
    timezone: options.timezone,
    startOfWeek: options.startOfWeek ?? 1,
    secret: 'test-secret',
    now: () => clock.now,
    log: (line) => logLines.push(line),
    distDir: options.distDir ?? join(tmpdir(), 'booking-reports-no-dist'),
    maxPending: options.maxPending,
    responseCache: databases.responseCache,
  });
  return {
    origin: await listenOnLoopback(app),
    app,
    clock,
    logLines,
    async close() {
      await app.close();
      await cleanUp();
    },
  };
}

/** The repository, where the command line runs. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Node's arguments that run the command line (`server/main.ts`, as `npm start` does after the build). */
export const CLI = ['--import', 'tsx', 'server/main.ts'];

/**
 * Runs the command line to its end (for the runs that must fail or refuse to start): exit code and stderr. The
 * timeout only ends a run that wrongly went on to serve; the test then fails on its exit code.
 */
export function runCli(args: readonly string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [...CLI, ...args, '--port', '0', '--quiet'], {
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, stderr: result.stderr };
}

/** Every command line started here that has not exited yet. */
const startedClis = new Set<ChildProcess>();

/** The command line in a child process, serving. */
export interface RunningCli {
  child: ChildProcess;
  /** The URL it printed: the admin page to open (`--auth demo`) or the REST root (`--auth wordpress`). */
  url: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Sends SIGTERM (unless it has exited) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the command line with `args` (and `env` over this process's environment) and resolves once it prints the
 * URL to open; rejects with its stderr if it exits before. {@link stopStartedClis} stops what a test left running.
 */
export function startCli(args: readonly string[], env: Record<string, string> = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  startedClis.add(child);
  child.once('exit', () => startedClis.delete(child));
  let stderr = '';
  const stop = () => stopCli(child);
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The admin page (`--auth demo`) or the REST root (`--auth wordpress`).
      const url = /(?:open|REST API at) (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ child, url, origin: new URL(url).origin, stderr: () => stderr, stop });
    });
    child.once('exit', (code) => reject(new Error(`The CLI exited (${code}) before serving:\n${stderr}`)));
  });
}

/** Sends SIGTERM (unless it has exited) and resolves with its exit code. */
function stopCli(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/** Stops every command line {@link startCli} started that is still running (for an `afterAll`). */
export async function stopStartedClis(): Promise<void> {
  await Promise.all([...startedClis].map(stopCli));
}

/** A JSON response: status, parsed body and headers. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * GETs a REST path (relative to the REST root, with its query) with the session's cookie and nonce.
 * @param headers Replaces the session's headers when given (e.g. to drop the nonce).
 */
export async function getRest<T = unknown>(
  server: Pick<TestServer, 'origin'>,
  pathAndQuery: string,
  session: Session | undefined,
  headers?: Record<string, string>,
): Promise<JsonResponse<T>> {
  const sent = headers ?? (session ? { cookie: session.cookie, 'x-wp-nonce': session.nonce } : {});
  const response = await fetch(`${server.origin}${REST_ROOT}${pathAndQuery}`, { headers: sent });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

// ---------------------------------------------------------------------------------------------------------------
// Row builders: only what a test is about is written out; the rest are plain defaults.
// ---------------------------------------------------------------------------------------------------------------

/** A booking; `group_id` defaults to its id (a one-to-one booking) and `email` to `b<id>@example.com`. */
export function booking(fields: Partial<BookingRow> & Pick<BookingRow, 'id' | 'created_at'>): BookingRow {
  return {
    hash: `hash${fields.id}`,
    calendar_id: 1,
    event_id: 10,
    group_id: fields.id,
    parent_id: null,
    host_user_id: 2,
    person_time_zone: 'Europe/Berlin',
    start_time: fields.created_at,
    end_time: fields.created_at,
    slot_minutes: 30,
    first_name: 'Guest',
    last_name: `Number${fields.id}`,
    email: `b${fields.id}@example.com`,
    message: null,
    phone: null,
    status: 'scheduled',
    source: 'web',
    event_type: 'single',
    payment_status: null,
    updated_at: fields.created_at,
    ...fields,
  };
}

/** An activity entry. */
export function activity(fields: Partial<ActivityRow> & Pick<ActivityRow, 'id' | 'created_at'>): ActivityRow {
  return {
    booking_id: null,
    parent_id: null,
    created_by: null,
    status: 'closed',
    type: 'info',
    title: `Entry ${fields.id}`,
    description: `Description ${fields.id}`,
    updated_at: fields.created_at,
    ...fields,
  };
}

/** The administrator and two hosts every dataset uses. */
const USERS: readonly UserRow[] = [
  { ID: 1, display_name: 'Ada Admin', user_email: 'ada@example.com', role: 'administrator' },
  { ID: 2, display_name: 'Hanna Host', user_email: 'hanna@example.com', role: 'host' },
  { ID: 3, display_name: 'Otto Other', user_email: 'otto@example.com', role: 'host' },
];

/** Hanna's one-to-one event and Otto's group event. */
const EVENTS: readonly CalendarEventRow[] = [
  {
    id: 10,
    calendar_id: 1,
    user_id: 2,
    title: 'Intro Call',
    duration: 30,
    event_type: 'single',
    status: 'active',
  },
  {
    id: 11,
    calendar_id: 2,
    user_id: 3,
    title: 'Group Class',
    duration: 60,
    event_type: 'group',
    status: 'active',
  },
];

/** A site around these bookings and activities. */
export function site(bookings: BookingRow[], activities: ActivityRow[] = []): SiteData {
  return {
    users: [...USERS],
    calendars: [
      { id: 1, user_id: 2, title: 'Hanna', author_timezone: 'Europe/Berlin' },
      { id: 2, user_id: 3, title: 'Otto', author_timezone: 'Europe/Berlin' },
    ],
    events: [...EVENTS],
    bookings,
    activities,
  };
}
