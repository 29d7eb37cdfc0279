// @vitest-environment node
/**
 * Every report query is answered by index searches: `EXPLAIN QUERY PLAN` of each query the three endpoints run,
 * for an administrator and a host, with and without a range, shows no full-table scan of the bookings table; and
 * the text bounds those searches use select exactly the engine's windows.
 */
import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '../../src/api/contract';
import type { BookingRow } from '../../src/data/schema';
import type { Viewer } from '../../src/engine';
import { formatUtc } from '../../src/lib/siteTime';
import { openDatabase } from '../../server/db/connection';
import type { SqliteSiteDatabase } from '../../server/db/connection';
import { createSchema } from '../../server/db/schema';
import { insertSiteData } from '../../server/db/write';
import { answerActivities, answerGraph, answerReports } from '../../server/reports/answers';
import { storedBounds } from '../../server/reports/queries';
import { activity, booking, site } from './support';

const NOW = Date.parse('2025-06-01T10:00:00Z');
const HOUR_MS = 3_600_000;

/** 4,000 bookings over two years, every status, two hosts, some groups: enough rows for the planner to choose. */
function manyBookings(): BookingRow[] {
  return Array.from({ length: 4000 }, (_, index) => {
    const id = index + 1;
    const created = NOW - 730 * 24 * HOUR_MS + id * 4 * HOUR_MS + (id % 7) * 60_000;
    const start = created + ((id % 30) + 1) * 24 * HOUR_MS;
    return booking({
      id,
      created_at: formatUtc(created),
      start_time: formatUtc(start),
      end_time: formatUtc(start + HOUR_MS),
      status: BOOKING_STATUSES[id % 7 < 4 ? 1 : id % BOOKING_STATUSES.length] ?? 'scheduled',
      host_user_id: 2 + (id % 2),
      group_id: id % 10 === 0 ? 100_000 + (id % 50) : id,
      event_type: id % 10 === 0 ? 'group' : 'single',
      email: `guest${id % 900}@example.com`,
    });
  });
}

/** Whether a plan line is about the bookings table (by name, or by the alias `b` the graph and feed queries use). */
const onBookings = (detail: string): boolean =>
  /\b(wp_fcal_bookings|b)\b/.test(detail.replace(/USING .*$/, ''));

/** An in-memory site of {@link manyBookings} and 300 activities with the given indexes, analyzed as the CLI does. */
async function plannedSite(
  indexes: 'own' | 'plugin',
  onQuery: (query: CompiledQuery) => void,
): Promise<SqliteSiteDatabase> {
  const database = openDatabase({ path: ':memory:', onQuery });
  await createSchema(database, { indexes });
  const rows = manyBookings();
  await insertSiteData(
    database,
    site(
      rows,
      rows
        .slice(0, 300)
        .map((row, index) => activity({ id: index + 1, booking_id: row.id, created_at: row.created_at })),
    ),
  );
  // What the CLI does after every bulk write.
  database.sqlite.exec('ANALYZE');
  return database;
}

describe('Report queries', () => {
  let database: SqliteSiteDatabase;
  const queries: CompiledQuery[] = [];

  beforeAll(async () => {
    database = await plannedSite('own', (query) => queries.push(query));
    queries.length = 0;
    const settings = { timezone: 'Europe/Berlin', startOfWeek: 1, now: NOW };
    const viewers: Viewer[] = [
      { userId: 1, role: 'administrator' },
      { userId: 2, role: 'host' },
    ];
    for (const viewer of viewers) {
      await answerReports(database.db, new URLSearchParams(), settings, viewer);
      const range = new URLSearchParams({ startTime: '2025-01-01 00:00:00', endTime: '2025-03-31 23:59:59' });
      await answerReports(database.db, range, settings, viewer);
      for (const days of [
        ['2025-05-01', '2025-05-31'],
        ['2025-02-01', '2025-04-15'],
        ['2023-06-01', '2025-05-31'],
      ]) {
        const graph = new URLSearchParams({ 'date_range[0]': days[0] ?? '', 'date_range[1]': days[1] ?? '' });
        await answerGraph(database.db, graph, settings, viewer);
      }
      await answerActivities(database.db, new URLSearchParams(), viewer);
    }
  });
  afterAll(() => database.close());

  it('returns plans that never scan the bookings table row by row', () => {
    const reads = queries.filter((query) => /^select/i.test(query.sql));
    // Overview (2 per window), latest, upcoming, group counts, events, hosts, 3 series, feed: all were seen.
    expect(new Set(reads.map((query) => query.sql)).size).toBeGreaterThanOrEqual(12);
    let bookingLines = 0;
    for (const query of reads) {
      const plan = database.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .all(...(query.parameters as unknown[])) as { detail: string }[];
      for (const { detail } of plan.filter((line) => onBookings(line.detail))) {
        bookingLines += 1;
        if (detail.startsWith('SEARCH')) continue;
        // Counting every booking (an administrator's all time) or the distinct guests of a long window walks an
        // index from end to end, never the table: the guest-key index has the creation time, so the walk reads no
        // row and needs no sort.
        if (detail.startsWith('SCAN wp_fcal_bookings USING COVERING INDEX ')) {
          expect(query.sql).toMatch(
            /^select count\((\*|distinct trim\(lower\("email"\)\))\) as "count" from "wp_fcal_bookings"( where "created_at" >= \? and "created_at" <= \?)?$/,
          );
          continue;
        }
        // The other allowed walk: the latest bookings read the created_at index newest first and stop at the LIMIT.
        expect(detail, query.sql).toMatch(/^SCAN wp_fcal_bookings USING INDEX wp_fcal_bookings_created_at$/);
        expect(query.sql).toMatch(/order by "created_at" desc, "id" desc limit \?$/);
      }
    }
    expect(bookingLines).toBeGreaterThan(20);
  });
});

describe('Report queries on the booking plugin’s own tables', () => {
  let database: SqliteSiteDatabase;
  /** The SQL each request ran, by request. */
  const requests = new Map<string, CompiledQuery[]>();
  let current: CompiledQuery[] = [];

  beforeAll(async () => {
    database = await plannedSite('plugin', (query) => current.push(query));
    const settings = { timezone: 'Europe/Berlin', startOfWeek: 1, now: NOW };
    const record = async (name: string, request: () => Promise<unknown>): Promise<void> => {
      current = [];
      await request();
      requests.set(name, current);
    };
    for (const viewer of [
      { userId: 1, role: 'administrator' },
      { userId: 2, role: 'host' },
    ] satisfies Viewer[]) {
      await record(`${viewer.role} reports, all time`, () =>
        answerReports(database.db, new URLSearchParams(), settings, viewer),
      );
      const range = new URLSearchParams({ startTime: '2025-01-01 00:00:00', endTime: '2025-03-31 23:59:59' });
      await record(`${viewer.role} reports, a range`, () =>
        answerReports(database.db, range, settings, viewer),
      );
      for (const days of ['2025-05-01', '2025-02-01', '2023-06-01']) {
        const graph = new URLSearchParams({ 'date_range[0]': days, 'date_range[1]': '2025-05-31' });
        await record(`${viewer.role} graph from ${days}`, () =>
          answerGraph(database.db, graph, settings, viewer),
        );
      }
      const history = new URLSearchParams({
        'date_range[0]': '2025-05-01',
        'date_range[1]': '2025-05-31',
        history: 'all',
      });
      await record(`${viewer.role} graph, all history`, () =>
        answerGraph(database.db, history, settings, viewer),
      );
      await record(`${viewer.role} activities`, () =>
        answerActivities(database.db, new URLSearchParams(), viewer),
      );
    }
  });
  afterAll(() => database.close());

  /** Passes over the bookings table (plan lines `SCAN` of it, with or without an index) of a request's queries. */
  function passesOf(name: string): number {
    let passes = 0;
    for (const query of requests.get(name) ?? []) {
      if (!/^select/i.test(query.sql)) continue;
      const plan = database.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .all(...(query.parameters as unknown[])) as { detail: string }[];
      passes += plan.filter((line) => /^SCAN (wp_fcal_bookings|b)\b/.test(line.detail)).length;
    }
    return passes;
  }

  it('reads the bookings table once per graph, whatever the number of buckets', () => {
    for (const role of ['administrator', 'host']) {
      for (const days of ['2025-05-01', '2025-02-01', '2023-06-01']) {
        expect(passesOf(`${role} graph from ${days}`), `${role} graph from ${days}`).toBe(1);
      }
      // The first and last booking, then the buckets.
      expect(passesOf(`${role} graph, all history`)).toBe(2);
    }
  });

  it('reads the bookings table once for all overview numbers, and once for each list', () => {
    for (const role of ['administrator', 'host']) {
      // The overview, the latest bookings, the upcoming meetings, their groups' attendees.
      expect(passesOf(`${role} reports, all time`), role).toBeLessThanOrEqual(4);
      expect(passesOf(`${role} reports, a range`), role).toBeLessThanOrEqual(4);
      expect(passesOf(`${role} activities`), role).toBe(0);
    }
  });
});

describe('storedBounds', () => {
  it('returns text bounds that select exactly the seconds of the window', () => {
    expect(
      storedBounds({
        start: Date.parse('2025-01-01T00:00:00.400Z'),
        end: Date.parse('2025-01-31T23:59:59.900Z'),
      }),
    ).toEqual({
      start: '2025-01-01 00:00:01',
      end: '2025-01-31 23:59:59',
    });
    expect(storedBounds({ start: -Infinity, end: Infinity })).toEqual({
      start: '0000-01-01 00:00:00',
      end: '9999-12-31 23:59:59',
    });
  });

  it('returns an empty range for windows outside the storable years', () => {
    const before = storedBounds({
      start: Date.parse('-000100-01-01T00:00:00Z'),
      end: Date.parse('-000001-01-01T00:00:00Z'),
    });
    expect(before.start > before.end).toBe(true);
    const tiny = storedBounds({ start: 1500, end: 1900 });
    expect(tiny.start > tiny.end).toBe(true);
  });
});
