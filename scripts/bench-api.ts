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
 */
import autocannon from 'autocannon';
import type { AutocannonResult } from 'autocannon';
import type { ReportsResponse } from '../src/api/types';
import { ENDPOINTS } from '../src/api/contract';
import { REST_ROOT } from '../server/app';
import type { SiteDatabase } from '../server/db/connection';
import {
  benchRanges,
  flagValue,
  formatColumns,
  formatMs,
  openSeededDatabase,
  percentile,
  startBenchServer,
} from './benchSupport';
import type { BenchRange } from './benchSupport';
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

function probesOf(ranges: readonly BenchRange[]): Probe[] {
  const withQuery = (path: string, query: string): string => (query ? `${path}?${query}` : path);
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

async function checkAllTimeTotal(origin: string, session: Session, bookings: number): Promise<void> {
  const body = (await getJson(origin, session, ENDPOINTS.reports)) as ReportsResponse;
  const total = body.overview?.[0]?.number;
  if (total !== bookings) {
    throw new WrongAnswer(`All-time Total Bookings is ${String(total)}, ${bookings} were seeded`);
  }
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

const count = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

async function main(argv: readonly string[]): Promise<number> {
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
    const started = performance.now();
    say(`Seeding ${bookings.toLocaleString('en-US')} bookings…`);
    const { site, dispose } = await openSeededDatabase({ bookings, now, db, indexes });
    say(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const server = await startBenchServer(site);
    try {
      const session = await login(server);
      await checkAllTimeTotal(server.origin, session, bookings);
      const measured: ProbeResult[] = [];
      for (const probe of probes) measured.push(await measureProbe(server.origin, session, probe, samples));
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
