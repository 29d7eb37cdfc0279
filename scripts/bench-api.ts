/**
 * `npm run bench:api`: the reference backend's latency and throughput on generated sites of 10k, 100k and 1M bookings
 * (`--short`: 10k and 50k), over real HTTP on loopback.
 *
 * For each site: p50 and p95 of each endpoint for the dashboard's requests of a 30-day, a 1-year and an all-time
 * range (the activity feed takes no range, so it is measured once), then the ratio of the largest site's p50 to the
 * smallest's, and a load run with autocannon (50 connections, 20 s; `--short`: 5 s) cycling through the three
 * requests a dashboard makes when it opens, on the smallest site: without, then with the response cache.
 *
 * Figures only: nothing fails on a clock. The run fails (exit 1) only when an answer is wrong: a status other than
 * 200 (2xx under load), or an all-time "Total Bookings" that is not the number of bookings seeded.
 *
 * `npx tsx scripts/bench-api.ts [--short] [--samples N] [--load-seconds S] [--sizes 100000,…] [--plugin-schema]
 * [--db mysql://user:pass@host/dbname]`
 * (`--db`: the sites are seeded into that MySQL/MariaDB database, which must not hold the site's tables, one size
 * after the other; the tables are dropped after each. `--plugin-schema`: the bookings table has only the booking
 * plugin's own indexes, none on the times the reports count by, as on a site whose tables the plugin made.
 * `--sizes`: these site sizes instead; `--load-seconds 0`: no load run.)
 *
 * `npx tsx scripts/bench-api.ts --targets [--targets-scale F] [--cold-runs N] [--load-seconds S] [--samples N]`:
 * only the figures issue #13 sets targets for, in one table beside the figures of when it was filed, each with its
 * ratio to the target (≤ 1× is met) and whether it is met; with the Node version, the date and the load average at
 * start, so that a reader can judge the noise. They are: on a private MariaDB (started as the MariaDB suites start
 * theirs, `tests/mariadb/mariadb.ts`, and stopped at the end; the rows say "not run" without `mariadbd`), p50 of
 * `/graph-reports` (30 days), `/reports` (30 days, all time) and `/activities` on 100k bookings in tables with only
 * the plugin's indexes, and of `/reports` (1 year) on 1M bookings in our own tables; on SQLite with 1M bookings, the
 * first `/reports` request (30 days, all time) after the server starts as the command line starts it (a connection
 * of its own on the seeded file, reader threads, response cache; `--cold-runs` starts, default 5, the median); and a
 * load run on 10k bookings of `/reports` (30 days) only, served as the command line serves, 50 connections for
 * `--load-seconds` (default 20). `--targets-scale 0.01` makes every site a hundredth of its size, to try the mode in
 * a minute: its figures do not compare with the targets, and the output says so.
 */
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { AutocannonResult } from 'autocannon';
import { createConnection } from 'mysql2/promise';
import type { ReportsResponse } from '../src/api/types';
import { ENDPOINTS } from '../src/api/contract';
import { REST_ROOT } from '../server/app';
import { openDatabase } from '../server/db/connection';
import type { SiteDatabase } from '../server/db/connection';
import { defaultReaderThreads } from '../server/db/sqliteReaders';
import type { BookingIndexes } from '../server/db/tables';
import { mariadbInstalled, startMariadb } from '../tests/mariadb/mariadb';
import {
  benchRanges,
  flagValue,
  formatColumns,
  formatMs,
  median,
  openSeededDatabase,
  percentile,
  startBenchServer,
} from './benchSupport';
import type { BenchRange, BenchServer, SeededDatabase, SeedOptions } from './benchSupport';
import { login } from './localBackend';
import type { Session } from './localBackend';

/** One measured request: an endpoint for a range. */
interface Probe {
  endpoint: 'reports' | 'graph' | 'activities';
  range: string;
  /** Path and query under the REST root. */
  path: string;
}

/** Latency figures of one probe on one site. */
interface ProbeResult extends Probe {
  p50: number;
  p95: number;
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** An endpoint's path with its query string, if it has one (all time's `/reports` has none). */
const withQuery = (path: string, query: string): string => (query ? `${path}?${query}` : path);

function probesOf(ranges: readonly BenchRange[]): Probe[] {
  return [
    ...ranges.map((range) => ({
      endpoint: 'reports' as const,
      range: range.label,
      path: withQuery(ENDPOINTS.reports, range.reports),
    })),
    ...ranges.map((range) => ({
      endpoint: 'graph' as const,
      range: range.label,
      path: withQuery(ENDPOINTS.graph, range.graph),
    })),
    { endpoint: 'activities', range: '(none)', path: ENDPOINTS.activities },
  ];
}

/** A wrong answer: the benchmark's one way to fail. */
class WrongAnswer extends Error {}

async function getJson(origin: string, session: Session, path: string): Promise<unknown> {
  const response = await fetch(`${origin}${REST_ROOT}${path}`, {
    headers: { cookie: session.cookie, 'x-wp-nonce': session.nonce },
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new WrongAnswer(`GET ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  return JSON.parse(text) as unknown;
}

/** Sequential requests after two warm-ups: the latency of one request on an idle server. */
async function measureProbe(
  origin: string,
  session: Session,
  probe: Probe,
  samples: number,
): Promise<ProbeResult> {
  for (let warmUp = 0; warmUp < 2; warmUp += 1) await getJson(origin, session, probe.path);
  const times: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const started = performance.now();
    await getJson(origin, session, probe.path);
    times.push(performance.now() - started);
  }
  return { ...probe, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Throws {@link WrongAnswer} unless an all-time `/reports` answer counts every booking seeded. */
function expectTotal(body: unknown, bookings: number): void {
  const total = (body as ReportsResponse).overview?.[0]?.number;
  if (total !== bookings) {
    throw new WrongAnswer(`All-time Total Bookings is ${String(total)}, ${bookings} were seeded`);
  }
}

async function checkAllTimeTotal(origin: string, session: Session, bookings: number): Promise<void> {
  expectTotal(await getJson(origin, session, ENDPOINTS.reports), bookings);
}

/** Seeds a site as `options` say, telling how many bookings went `where` and how long it took. */
async function seedTimed(
  options: SeedOptions & { bookings: number },
  where: string,
): Promise<SeededDatabase> {
  const started = performance.now();
  say(`Seeding ${options.bookings.toLocaleString('en-US')} bookings ${where}…`);
  const seeded = await openSeededDatabase(options);
  say(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return seeded;
}

/**
 * Logs in to `server`, checks that its all-time total is the `bookings` seeded, and measures each probe (p50 after
 * warm-ups). The session is returned for whatever runs next on the same server.
 */
async function measureOn(
  server: BenchServer,
  bookings: number,
  probes: readonly Probe[],
  samples: number,
): Promise<{ session: Session; measured: ProbeResult[] }> {
  const session = await login(server);
  await checkAllTimeTotal(server.origin, session, bookings);
  const measured: ProbeResult[] = [];
  for (const probe of probes) measured.push(await measureProbe(server.origin, session, probe, samples));
  return { session, measured };
}

async function loadRun(
  origin: string,
  session: Session,
  range: BenchRange,
  seconds: number,
): Promise<AutocannonResult> {
  const paths = [
    `${ENDPOINTS.reports}?${range.reports}`,
    `${ENDPOINTS.graph}?${range.graph}`,
    ENDPOINTS.activities,
  ];
  return loadOn(origin, session, paths, seconds);
}

/**
 * autocannon with 50 connections for `seconds`, cycling through `paths` (under the REST root), logged in as `session`.
 */
async function loadOn(
  origin: string,
  session: Session,
  paths: readonly string[],
  seconds: number,
): Promise<AutocannonResult> {
  return autocannon({
    url: origin,
    connections: 50,
    duration: seconds,
    // The load comes from a worker thread, so it does not share the server's event loop.
    workers: 1,
    headers: { cookie: session.cookie, 'x-wp-nonce': session.nonce },
    requests: paths.map((path) => ({ method: 'GET', path: `${REST_ROOT}${path}` })),
  });
}

/**
 * The load run again on a second server over the same site with the response cache on, as the command line serves:
 * the same dashboard asked again and again, the answers kept until the data changes. Its close closes the site.
 */
async function cachedLoadRun(
  site: SiteDatabase,
  range: BenchRange,
  seconds: number,
): Promise<AutocannonResult> {
  const server = await startBenchServer(site, undefined, { responseCache: true });
  try {
    return await loadRun(server.origin, await login(server), range, seconds);
  } finally {
    await server.close();
  }
}

const count = (n: number): string =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);

/** The unit of a target figure, which says how it is printed and which way is better. */
type TargetUnit = 'ms' | 'rps' | 'errors';

/** One row of `--targets`: a figure of issue #13, as it was, as measured now, and what it should be. */
interface TargetRow {
  what: string;
  /** As measured when the issue was filed, as the issue prints it. */
  before: string;
  /** The measured figure, or why there is none (`not run (…)`). */
  now: number | string;
  target: number;
  unit: TargetUnit;
}

/** Issue #13's sizes, before `--targets-scale`. */
const TARGET_SIZES = { sqliteCold: 1_000_000, pluginMariadb: 100_000, ownMariadb: 1_000_000, load: 10_000 };

/**
 * A figure in its unit: milliseconds, requests per second, or a count of errors.
 * @param value The figure.
 */
function formatFigure(value: number, unit: TargetUnit): string {
  if (unit === 'ms') return formatMs(value);
  if (unit === 'rps') return `${value.toLocaleString('en-US', { maximumFractionDigits: 0 })} rps`;
  return String(value);
}

/** A target as the issue states it: at most so many ms, at least so many requests per second, so many errors. */
function formatTarget({ target, unit }: TargetRow): string {
  if (unit === 'errors') return formatFigure(target, unit);
  return unit === 'rps' ? `≥ ${formatFigure(target, unit)}` : `≤ ${formatFigure(target, unit)}`;
}

/** The table's cells of one row: the ratio is always the one where ≤ 1 means met (target/now for requests/s). */
function targetCells(row: TargetRow): string[] {
  const { now, target, unit } = row;
  if (typeof now === 'string') return [row.what, row.before, now, formatTarget(row), '—', '—'];
  const ratio = unit === 'errors' ? Number.NaN : unit === 'rps' ? target / now : now / target;
  const met = unit === 'rps' ? now >= target : now <= target;
  return [
    row.what,
    row.before,
    formatFigure(now, unit),
    formatTarget(row),
    Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—',
    met ? 'yes' : 'no',
  ];
}

/** A number flag: its value, the default when absent; `undefined` when it is not a number of the accepted kind. */
function numberFlag(
  argv: readonly string[],
  name: string,
  fallback: number,
  accepts: (value: number) => boolean,
): number | undefined {
  const given = flagValue(argv, name);
  const value = given === undefined ? fallback : Number(given);
  return Number.isFinite(value) && accepts(value) ? value : undefined;
}

/**
 * The reference backend on a SQLite file as the command line serves it (`server/main.ts`): a connection of its own
 * opened afresh, reader threads as many as by default, the response cache on, and the reads' connections opened
 * and the bookings table's access learnt before it listens. The admin page embeds no answers (no preload), so a first
 * request is computed. Its close closes the connection.
 * @param path The seeded file.
 */
async function startAsCli(path: string): Promise<BenchServer> {
  const readerThreads = defaultReaderThreads();
  const site = openDatabase({ path, readerThreads });
  try {
    return await startBenchServer(site, undefined, { responseCache: true, warmUp: readerThreads });
  } catch (error) {
    await site.close();
    throw error;
  }
}

/**
 * The time of the very first `/reports` request for `range` after a server starts as the command line does
 * ({@link startAsCli}), over `runs` starts on the same file.
 * @param bookings The seeded count, which an all-time answer must total.
 */
async function coldFirstRequests(
  path: string,
  range: BenchRange,
  runs: number,
  bookings: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const server = await startAsCli(path);
    try {
      const session = await login(server);
      const started = performance.now();
      const body = await getJson(server.origin, session, withQuery(ENDPOINTS.reports, range.reports));
      times.push(performance.now() - started);
      if (range.reports === '') expectTotal(body, bookings);
    } finally {
      await server.close();
    }
  }
  return times;
}

/** What `--targets` measures on MariaDB, or why it measured nothing there. */
type MariadbFigures =
  { ran: false; reason: string } | { ran: true; server: string; plugin: ProbeResult[]; ownYear: ProbeResult };

/** Creates an empty database on the private server, as its owner (WordPress's charset and collation). */
async function createBenchDatabase(ownerUrl: string, name: string): Promise<void> {
  const connection = await createConnection(ownerUrl);
  try {
    await connection.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`,
    );
  } finally {
    await connection.end();
  }
}

/** The server's version and buffer pool, so that a reader of the figures knows what answered them. */
async function describeMariadb(ownerUrl: string): Promise<string> {
  const connection = await createConnection(ownerUrl);
  try {
    const [rows] = await connection.query('select version() as version, @@innodb_buffer_pool_size as pool');
    const row = (rows as { version: string; pool: number | string }[])[0];
    return `MariaDB ${row?.version ?? '?'}, InnoDB buffer pool ${Number(row?.pool) / 2 ** 20} MiB`;
  } finally {
    await connection.end();
  }
}

/**
 * Seeds a site into the MariaDB database at `url`, measures the probes on it (p50 after warm-ups, no response cache,
 * as the default mode measures) and drops its tables again.
 */
async function measureMariadbSite(
  url: string,
  seed: { bookings: number; indexes: BookingIndexes; now: number },
  probes: readonly Probe[],
  samples: number,
): Promise<ProbeResult[]> {
  const { site, dispose } = await seedTimed(
    { ...seed, db: url },
    `into MariaDB (${seed.indexes === 'own' ? 'own tables' : 'the plugin’s indexes only'})`,
  );
  const server = await startBenchServer(site);
  try {
    return (await measureOn(server, seed.bookings, probes, samples)).measured;
  } finally {
    await server.close();
    await dispose();
  }
}

/**
 * The MariaDB rows' figures, on a private server started as the MariaDB suites start theirs
 * (`tests/mariadb/mariadb.ts`), one site after the other in one empty database, and stopped at the end.
 */
async function measureMariadb(
  sizes: { plugin: number; own: number },
  probes: { plugin: readonly Probe[]; ownYear: Probe },
  samples: number,
  now: number,
): Promise<MariadbFigures> {
  if (!mariadbInstalled()) return { ran: false, reason: 'not run (no mariadbd)' };
  say('Starting a private MariaDB…');
  // The buffer pool of the figures the issue was filed with (2 GiB): a million bookings' tables and indexes fit.
  const mariadb = await startMariadb({ bufferPool: '2G' });
  try {
    const name = `br_bench_${process.pid}`;
    await createBenchDatabase(mariadb.info.ownerUrl, name);
    const url = `${mariadb.info.ownerUrl}/${name}`;
    const server = await describeMariadb(url);
    const plugin = await measureMariadbSite(
      url,
      { bookings: sizes.plugin, indexes: 'plugin', now },
      probes.plugin,
      samples,
    );
    const [ownYear] = await measureMariadbSite(
      url,
      { bookings: sizes.own, indexes: 'own', now },
      [probes.ownYear],
      samples,
    );
    if (!ownYear) throw new Error('The 1-year probe measured nothing');
    return { ran: true, server, plugin, ownYear };
  } finally {
    say('Stopping the private MariaDB…');
    await mariadb.destroy();
  }
}

/**
 * `--targets`: exactly the figures issue #13 sets targets for, measured as it describes them, in one table with the
 * figures of when it was filed.
 */
async function targets(argv: readonly string[]): Promise<number> {
  const scale = numberFlag(argv, '--targets-scale', 1, (value) => value > 0 && value <= 1);
  const coldRuns = numberFlag(argv, '--cold-runs', 5, (value) => Number.isInteger(value) && value > 0);
  const loadSeconds = numberFlag(argv, '--load-seconds', 20, (value) => value >= 0);
  const samples = numberFlag(argv, '--samples', 25, (value) => Number.isInteger(value) && value > 0);
  if (scale === undefined || coldRuns === undefined || loadSeconds === undefined || samples === undefined) {
    say(
      '--targets takes --targets-scale F (0 < F ≤ 1), --cold-runs N (N ≥ 1), --load-seconds S (S ≥ 0) and ' +
        '--samples N (N ≥ 1).',
    );
    return 1;
  }
  const loadAverage = loadavg();
  const now = Date.now();
  const sized = (bookings: number): number => Math.max(1, Math.round(bookings * scale));
  const sizes = {
    sqliteCold: sized(TARGET_SIZES.sqliteCold),
    pluginMariadb: sized(TARGET_SIZES.pluginMariadb),
    ownMariadb: sized(TARGET_SIZES.ownMariadb),
    load: sized(TARGET_SIZES.load),
  };
  const ranges = new Map(benchRanges(now).map((range) => [range.label, range]));
  const rangeOf = (label: string): BenchRange => {
    const range = ranges.get(label);
    if (!range) throw new Error(`No range "${label}"`);
    return range;
  };
  const [days30, year, allTime] = [rangeOf('30 days'), rangeOf('1 year'), rangeOf('all time')];
  const probe = (endpoint: Probe['endpoint'], range: BenchRange | undefined): Probe => ({
    endpoint,
    range: range?.label ?? '(none)',
    path:
      endpoint === 'activities'
        ? ENDPOINTS.activities
        : withQuery(
            ENDPOINTS[endpoint],
            endpoint === 'graph' ? (range?.graph ?? '') : (range?.reports ?? ''),
          ),
  });

  // SQLite, own tables: the first request after each start, one seeded file for every start of both ranges.
  const cold = new Map<string, number[]>();
  {
    const seeded = await seedTimed({ bookings: sizes.sqliteCold, now }, 'into SQLite');
    try {
      const path = seeded.path;
      if (path === undefined) throw new Error('A seeded SQLite site has a file');
      // The seeding connection closes first: its last checkpoint leaves the file as a server finds it at start.
      await seeded.site.close();
      for (const range of [days30, allTime]) {
        say(`Cold first /reports for ${range.label}: ${coldRuns} starts…`);
        cold.set(range.label, await coldFirstRequests(path, range, coldRuns, sizes.sqliteCold));
      }
    } finally {
      await seeded.dispose();
    }
  }

  // Load: SQLite, own tables, served as the command line serves, the 30-day /reports only.
  let load: AutocannonResult | undefined;
  if (loadSeconds > 0) {
    const seeded = await seedTimed({ bookings: sizes.load, now }, 'into SQLite for the load run');
    try {
      const path = seeded.path;
      if (path === undefined) throw new Error('A seeded SQLite site has a file');
      await seeded.site.close();
      const server = await startAsCli(path);
      try {
        say(`Load run: ${loadSeconds} s, 50 connections, /reports for the last 30 days…`);
        const reports = withQuery(ENDPOINTS.reports, days30.reports);
        load = await loadOn(server.origin, await login(server), [reports], loadSeconds);
      } finally {
        await server.close();
      }
    } finally {
      await seeded.dispose();
    }
  }

  const mariadb = await measureMariadb(
    { plugin: sizes.pluginMariadb, own: sizes.ownMariadb },
    {
      plugin: [
        probe('graph', days30),
        probe('reports', days30),
        probe('reports', allTime),
        probe('activities', undefined),
      ],
      ownYear: probe('reports', year),
    },
    samples,
    now,
  );

  const p50 = (index: number): number | string =>
    mariadb.ran ? (mariadb.plugin[index]?.p50 ?? Number.NaN) : mariadb.reason;
  const plugin = `MariaDB, the plugin’s indexes only, ${count(sizes.pluginMariadb)}:`;
  const coldMedian = (label: string): number => median(cold.get(label) ?? []);
  const notLoaded = 'not run (--load-seconds 0)';
  const loadWhat = `Load, SQLite ${count(sizes.load)}, /reports 30 days, 50 connections, ${loadSeconds} s:`;
  const rows: TargetRow[] = [
    {
      what: `${plugin} /graph-reports 30 days, p50`,
      before: '2,840 ms',
      now: p50(0),
      target: 70,
      unit: 'ms',
    },
    { what: `${plugin} /reports 30 days, p50`, before: '550 ms', now: p50(1), target: 150, unit: 'ms' },
    { what: `${plugin} /reports all time, p50`, before: '647 ms', now: p50(2), target: 150, unit: 'ms' },
    { what: `${plugin} /activities, p50`, before: '6 ms', now: p50(3), target: 6, unit: 'ms' },
    {
      what: `SQLite, ${count(sizes.sqliteCold)}: /reports 30 days, cold, median`,
      before: '142 ms',
      now: coldMedian(days30.label),
      target: 25,
      unit: 'ms',
    },
    {
      what: `SQLite, ${count(sizes.sqliteCold)}: /reports all time, cold, median`,
      before: '327 ms',
      now: coldMedian(allTime.label),
      target: 50,
      unit: 'ms',
    },
    {
      what: `MariaDB, ${count(sizes.ownMariadb)}: /reports 1 year, p50 (warm)`,
      before: '2,339 ms',
      now: mariadb.ran ? mariadb.ownYear.p50 : mariadb.reason,
      target: 250,
      unit: 'ms',
    },
    {
      what: `${loadWhat} requests/s`,
      before: '171 rps',
      now: load ? load.requests.average : notLoaded,
      target: 1500,
      unit: 'rps',
    },
    {
      what: `${loadWhat} latency p99`,
      before: '3.2 s',
      now: load ? load.latency.p99 : notLoaded,
      target: 100,
      unit: 'ms',
    },
    {
      what: `${loadWhat} errors (incl. timeouts, non-2xx)`,
      before: '—',
      now: load ? load.errors + load.non2xx : notLoaded,
      target: 0,
      unit: 'errors',
    },
  ];

  const lines: string[] = [
    '== bench:api --targets — issue #13’s figures, reference backend over loopback HTTP',
    `   Node ${process.version}, ${new Date(now).toISOString()}, load average at start ` +
      `${loadAverage.map((value) => value.toFixed(2)).join(' ')} (1, 5, 15 min) on ${availableParallelism()} cores`,
  ];
  if (scale !== 1) {
    lines.push(
      '',
      `!!! SCALED: every site is ${scale} × its size in the issue. These figures DO NOT COMPARE with the ` +
        'targets; the ratios and "met?" below mean nothing. !!!',
    );
  }
  lines.push(
    '',
    formatColumns([
      ['What', 'Before', 'Now (measured)', 'Target', 'Now/target', 'Met?'],
      ...rows.map(targetCells),
    ]),
    '',
    `   cold: the first /reports after each of ${coldRuns} starts, as the command line starts (a fresh connection, ` +
      `${defaultReaderThreads()} reader threads opened at start, response cache on, no preload), the median: ` +
      [days30, allTime]
        .map(
          (range) =>
            `${range.label} ${(cold.get(range.label) ?? []).map((ms) => ms.toFixed(1)).join(', ')} ms`,
        )
        .join('; '),
    `   p50: ${samples} sequential requests after 2 warm-ups, no response cache; ` +
      (mariadb.ran ? `private ${mariadb.server}` : mariadb.reason),
  );
  if (load) {
    lines.push(
      `   load: served as the command line serves (reader threads, response cache); ` +
        `${load.requests.total.toLocaleString('en-US')} requests, latency p50 ${load.latency.p50} ms, ` +
        `errors ${load.errors} (timeouts ${load.timeouts}), non-2xx ${load.non2xx}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (load && load.non2xx > 0) {
    say('The load run got answers other than 2xx.');
    return 1;
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--targets')) return targets(argv);
  const short = argv.includes('--short');
  const sizesFlag = flagValue(argv, '--sizes');
  const sizes = sizesFlag
    ? sizesFlag.split(',').map(Number)
    : short
      ? [10_000, 50_000]
      : [10_000, 100_000, 1_000_000];
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    say(`--sizes takes booking counts separated by commas, e.g. --sizes 10000,100000: ${sizesFlag}`);
    return 1;
  }
  const indexes = argv.includes('--plugin-schema') ? 'plugin' : 'own';
  const samples = Number(flagValue(argv, '--samples') ?? (short ? 10 : 25));
  const loadSeconds = Number(flagValue(argv, '--load-seconds') ?? (short ? 5 : 20));
  const db = flagValue(argv, '--db');
  const now = Date.now();
  const ranges = benchRanges(now);
  const probes = probesOf(ranges);
  const results = new Map<number, ProbeResult[]>();
  let load: { bookings: number; result: AutocannonResult; cached: AutocannonResult } | undefined;

  for (const bookings of sizes) {
    const { site, dispose } = await seedTimed(
      { bookings, now, db, indexes },
      db === undefined ? 'into SQLite' : 'into MySQL/MariaDB',
    );
    const server = await startBenchServer(site);
    try {
      const { session, measured } = await measureOn(server, bookings, probes, samples);
      results.set(bookings, measured);
      if (bookings === sizes[0] && loadSeconds > 0) {
        const range = ranges[0];
        if (range) {
          say(`Load run: ${loadSeconds} s, 50 connections, on ${count(bookings)} bookings…`);
          const result = await loadRun(server.origin, session, range, loadSeconds);
          say(`Load run with the response cache: ${loadSeconds} s, 50 connections…`);
          load = { bookings, result, cached: await cachedLoadRun(site, range, loadSeconds) };
        }
      }
    } finally {
      await server.close();
      await dispose();
    }
  }

  const smallest = sizes[0] ?? 0;
  const largest = sizes[sizes.length - 1] ?? 0;
  const lines: string[] = [
    `== bench:api — reference backend (${db === undefined ? 'SQLite' : 'MySQL/MariaDB'}, ${indexes === 'own' ? 'its own indexes' : 'the plugin’s indexes only'}), loopback HTTP, ${samples} sequential requests per cell after 2 warm-ups`,
    `   Node ${process.version}, ${new Date(now).toISOString()}${short ? ', short mode' : ''}`,
    '',
  ];
  const header = [
    'Endpoint',
    'Range',
    ...sizes.flatMap((size) => [`${count(size)} p50`, `${count(size)} p95`]),
  ];
  header.push(`${count(largest)}/${count(smallest)} p50`);
  const rows = probes.map((probe, index) => {
    const cells = sizes.flatMap((size) => {
      const result = results.get(size)?.[index];
      return [formatMs(result?.p50 ?? Number.NaN), formatMs(result?.p95 ?? Number.NaN)];
    });
    const ratio =
      (results.get(largest)?.[index]?.p50 ?? Number.NaN) /
      (results.get(smallest)?.[index]?.p50 ?? Number.NaN);
    return [`/${ENDPOINTS[probe.endpoint]}`, probe.range, ...cells, `${ratio.toFixed(1)}×`];
  });
  lines.push(formatColumns([header, ...rows]));
  if (load) {
    const { result } = load;
    lines.push(
      '',
      `== Load: autocannon, 50 connections, ${result.duration.toFixed(0)} s, on ${count(load.bookings)} bookings, cycling ` +
        '/reports + /graph-reports (last 30 days) + /activities',
      `   ${result.requests.average.toFixed(0)} requests/s (${result.requests.total.toLocaleString('en-US')} in all), ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `errors ${result.errors} (timeouts ${result.timeouts}), non-2xx ${result.non2xx}`,
      `   with the response cache (the command line's): ${load.cached.requests.average.toFixed(0)} requests/s, ` +
        `latency p50 ${load.cached.latency.p50} ms, p99 ${load.cached.latency.p99} ms, ` +
        `errors ${load.cached.errors} (timeouts ${load.cached.timeouts}), non-2xx ${load.cached.non2xx}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  // A wrong answer under load fails the run; a slow one (a timeout, after autocannon's 10 s) is a figure.
  if (load && load.result.non2xx + load.cached.non2xx > 0) {
    say('The load run got answers other than 2xx.');
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(
      error instanceof WrongAnswer
        ? `Wrong answer: ${error.message}`
        : String(error instanceof Error ? error.stack : error),
    );
    process.exitCode = 1;
  },
);
