/**
 * What the benchmarks share: a seeded site database, the reference backend on it (127.0.0.1, ephemeral port), and
 * the statistics the figures are printed with; the login through the admin page is `localBackend.ts`'s.
 *
 * Benchmarks print figures; nothing here passes or fails on a clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { graphParams, reportsParams } from '../src/api/endpoints';
import { generateBookings, generateSiteData } from '../src/data/generate';
import { resolveRange, todayInSite } from '../src/lib/dates';
import type { RangeSelection, SiteCalendar } from '../src/lib/dates';
import { addDays } from '../src/lib/siteTime';
import { buildServer } from '../server/app';
import { DEFAULT_CONFIG } from '../server/config';
import { sql } from 'kysely';
import { openDatabase } from '../server/db/connection';
import type { SiteDatabase } from '../server/db/connection';
import { describeMysqlUrl, openMysqlDatabase } from '../server/db/mysql';
import { existingTables } from '../server/db/mysqlSchema';
import { createSchema } from '../server/db/schema';
import { dropMysqlRollups } from '../server/db/rollups';
import { TABLE_NAMES } from '../server/db/tables';
import type { BookingIndexes } from '../server/db/tables';
import { insertBookingStream, insertSiteData } from '../server/db/write';
import { warmUp } from '../server/reports/warmUp';
import { listenOnLoopback } from './localBackend';

/** The site timezone every benchmark runs in: `npm start`'s default (the demo's). */
export const BENCH_TIMEZONE = DEFAULT_CONFIG.timezone;

/**
 * Up to this many bookings a seeded site comes with the generator's activity log, as `npm start -- --seed N` does;
 * above it the bookings stream in and the log stays empty.
 */
const SEED_WITH_ACTIVITIES_MAX = 100_000;

/** Options of {@link openSeededDatabase}. */
export interface SeedOptions {
  /** Generated bookings; `undefined` is the demo site (`npm start`'s first run: 3,000 bookings). */
  bookings?: number;
  /** The instant the data is "around", epoch ms. */
  now: number;
  /** Called with the bookings written so far, while a large seed streams in. */
  onProgress?: (written: number) => void;
  /**
   * `--db mysql://user:pass@host:port/dbname`: seed that MySQL/MariaDB database instead of a temporary SQLite file.
   * It must hold none of the site's tables; the ones the benchmark creates are dropped again by `dispose`.
   */
  db?: string;
  /**
   * The bookings table's indexes: ours, or only the booking plugin's own (`--plugin-schema`: its tables as it makes
   * them, with no index on the times the reports count by). @default 'own'
   */
  indexes?: BookingIndexes;
}

/** A seeded database in a temporary folder. */
export interface SeededDatabase {
  site: SiteDatabase;
  /**
   * The SQLite file, for more connections on the same site (`openDatabase({ path })`, e.g. a server started afresh);
   * `undefined` on MySQL/MariaDB. Deleted by `dispose`.
   */
  path?: string;
  /** Closes the database (if still open) and deletes its folder. */
  dispose(): Promise<void>;
}

function openTemporarySqlite(): SeededDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'booking-reports-bench-'));
  const path = join(folder, 'site.sqlite');
  const site = openDatabase({ path });
  return {
    site,
    path,
    async dispose() {
      await site.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A database being seeded: the site to serve, and the one the seed writes through (closed after it). */
interface SeedingDatabase extends SeededDatabase {
  writer: SiteDatabase;
}

function openTemporarySqliteToSeed(): SeedingDatabase {
  const seeded = openTemporarySqlite();
  return { ...seeded, writer: seeded.site };
}

async function openEmptyMysql(url: string): Promise<SeedingDatabase> {
  const site = openMysqlDatabase({ url });
  const existing = await existingTables(site);
  if (existing.size > 0) {
    await site.close();
    throw new Error(`--db needs a database without the site's tables: ${describeMysqlUrl(url)} has some.`);
  }
  return {
    site,
    // Without the serving pool's statement time limit: filling the rollups of a million bookings takes longer.
    writer: openMysqlDatabase({ url, poolSize: 1, queryTimeoutMs: 0 }),
    async dispose() {
      await site.close();
      // The server closed the benchmark's pool with itself; a new one drops what the benchmark created.
      const cleaner = openMysqlDatabase({ url });
      try {
        // The rollups first: their triggers are on the bookings table, and name the rollup tables.
        const { prefix } = cleaner;
        await dropMysqlRollups(cleaner.db, { now: (name) => `${prefix}${name}`, prefix });
        for (const table of TABLE_NAMES) await cleaner.db.schema.dropTable(table).ifExists().execute();
      } finally {
        await cleaner.close();
      }
    },
  };
}

/**
 * Creates a fresh temporary SQLite database (or an empty MySQL/MariaDB one, `options.db`) with the schema and a generated site, filled the way `server/main.ts`
 * fills one (the whole generated site up to {@link SEED_WITH_ACTIVITIES_MAX} bookings, streamed bookings above), and
 * refreshes the planner's statistics. This is the one place that knows the storage.
 */
export async function openSeededDatabase(options: SeedOptions): Promise<SeededDatabase> {
  const seeding = options.db === undefined ? openTemporarySqliteToSeed() : await openEmptyMysql(options.db);
  const { writer: site, dispose } = seeding;
  try {
    await createSchema(site, { indexes: options.indexes ?? 'own' });
    const generate = { now: options.now, timezone: BENCH_TIMEZONE };
    const total = options.bookings;
    if (total === undefined || total <= SEED_WITH_ACTIVITIES_MAX) {
      await insertSiteData(
        site,
        generateSiteData({ ...generate, ...(total === undefined ? {} : { bookings: total }) }),
      );
    } else {
      const cast = generateSiteData({ ...generate, bookings: 0 });
      await insertSiteData(site, { ...cast, bookings: [], activities: [] });
      await insertBookingStream(site, generateBookings({ ...generate, bookings: total }), options.onProgress);
    }
    // Fresh statistics after a bulk write, as the CLI does, so SQLite picks the intended index for each query.
    if (site.dialect === 'sqlite') site.sqlite.exec('ANALYZE');
    else await sql`analyze table ${sql.table('fcal_bookings')}`.execute(site.db);
  } catch (error) {
    if (site !== seeding.site) await site.close();
    await dispose();
    throw error;
  }
  if (site !== seeding.site) await site.close();
  return { site: seeding.site, path: seeding.path, dispose };
}

/** A running reference backend. */
export interface BenchServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  app: FastifyInstance;
  /** Stops the server; the database is closed with it. */
  close(): Promise<void>;
}

/**
 * Starts the reference backend on 127.0.0.1 and an ephemeral port, quiet.
 * @param site An open database with its schema; the server closes it when it closes.
 * @param addRoutes Adds the caller's own routes before the server listens (e.g. a benchmark's bare page).
 * @param options.responseCache Keeps the report answers, as the command line does. @default false
 * @param options.warmUp Before listening, opens this many report-read connections (the reader threads `site` was
 * opened with) and learns the bookings table's access, as the command line does (`server/reports/warmUp.ts`).
 * @default no warm-up
 */
export async function startBenchServer(
  site: SiteDatabase,
  addRoutes?: (app: FastifyInstance) => void,
  { responseCache = false, warmUp: readConnections }: { responseCache?: boolean; warmUp?: number } = {},
): Promise<BenchServer> {
  const app = await buildServer({
    site,
    timezone: BENCH_TIMEZONE,
    startOfWeek: DEFAULT_CONFIG.startOfWeek,
    secret: 'benchmark-secret',
    quiet: true,
    responseCache,
  });
  addRoutes?.(app);
  try {
    if (readConnections !== undefined) await warmUp(site, readConnections);
  } catch (error) {
    await app.close();
    throw error;
  }
  return { origin: await listenOnLoopback(app), app, close: () => app.close() };
}

/**
 * The value at a percentile, nearest-rank: the smallest sample with at least `percent` % of the samples at or below it.
 * @param samples Any order; not changed.
 * @param percent 0–100.
 */
export function percentile(samples: readonly number[], percent: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/**
 * The median (the mean of the middle two for an even count).
 * @param samples Any order; not changed.
 */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * Milliseconds with one decimal, or a dash for a missing figure.
 * @param ms Milliseconds.
 */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '—';
}

/**
 * Aligned columns: the first left-aligned, the others right-aligned.
 * @param rows Header row first.
 */
export function formatColumns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Reads `--name value` from the arguments.
 * @param argv The arguments after the script.
 * @param name The flag, with its dashes.
 */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** One range the dashboard can ask for, as the query strings of its two ranged endpoints. */
export interface BenchRange {
  label: string;
  reports: string;
  graph: string;
}

const CALENDAR: SiteCalendar = { timezone: BENCH_TIMEZONE, startOfWeek: 1 };

/** The three ranges, resolved exactly as the dashboard resolves them at `now`. */
export function benchRanges(now: number): BenchRange[] {
  const today = todayInSite(CALENDAR, now);
  const selections: [string, RangeSelection][] = [
    ['30 days', { preset: 'last_30_days' }],
    ['1 year', { preset: 'custom', from: addDays(today, -364), to: today }],
    ['all time', { preset: 'all_time' }],
  ];
  return selections.map(([label, selection]) => {
    const resolved = resolveRange(selection, CALENDAR, now);
    const [startDay, endDay] = resolved.graphRange;
    return {
      label,
      reports: new URLSearchParams(reportsParams(resolved.reportsQuery)).toString(),
      graph: new URLSearchParams(graphParams({ date_range: [startDay, endDay] })).toString(),
    };
  });
}
