/**
 * Differential property: over random sites, ranges, timezones and week starts, the SQL backend answers exactly what
 * the pure report engine (the oracle) answers: same status, same body, for all three endpoints and every viewer.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '../../../src/api/contract';
import type { ActivityRow, BookingRow, SiteData } from '../../../src/data/schema';
import { handleReportsRequest } from '../../../src/engine';
import type { ReportSettings, Viewer } from '../../../src/engine';
import { formatUtc, localDayStartUtcMs } from '../../../src/lib/siteTime';
import { answerActivities, answerGraph, answerReports } from '../../../server/reports/answers';
import { activity, booking, site } from '../support';
import type { ScratchDatabase, TestDatabaseFactory } from '../support';

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);
const DAYS = 3 * 366;

/** Zones with DST, half- and quarter-hour offsets, a 30-minute DST shift, and fixed offsets. */
const TIMEZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  '+05:30',
  '-03:00',
  '+14:00',
] as const;

/** An instant that often sits on a quarter hour, or a second away from one. */
const wallInstant = fc
  .record({
    day: fc.integer({ min: 0, max: DAYS }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 29, 30, 45, 59),
    second: fc.constantFrom(0, 59),
  })
  .map(
    ({ day, hour, minute, second }) => FIRST_DAY + day * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000,
  );

/** The first second of a local day of one of the zones (so often a graph bucket's first), or a second off it. */
const dayStartInstant = fc
  .record({
    day: fc.integer({ min: 0, max: DAYS }),
    zone: fc.constantFrom(...TIMEZONES),
    shift: fc.constantFrom(-1000, 0, 1000),
  })
  .map(
    ({ day, zone, shift }) =>
      (localDayStartUtcMs(formatUtc(FIRST_DAY + day * DAY_MS).slice(0, 10), zone) ?? FIRST_DAY) + shift,
  );

/** An instant that often sits on a local day boundary of some zone, or a second away from one. */
const instant = fc.oneof(wallInstant, dayStartInstant);

/**
 * E-mails that are the same guest once trimmed and lowercased, and some that are not (`josé` and `jose` are two
 * guests, though a case- and accent-insensitive MySQL collation takes them for one).
 */
const EMAILS = [
  'a@x.io',
  'A@x.io',
  ' a@x.io',
  'b@x.io',
  'B@X.IO ',
  'c@x.io',
  'd@x.io',
  'josé@x.io',
  'jose@x.io',
] as const;

/** Rows of one site draw many times from a few shared instants, so ties in every ordering are common. */
const siteData = fc.array(instant, { minLength: 1, maxLength: 6 }).chain((shared) => {
  const time = fc.oneof(
    { weight: 1, arbitrary: instant },
    { weight: 3, arbitrary: fc.constantFrom(...shared) },
  );
  const bookingFields = fc.record({
    created: time,
    start: time,
    length: fc.constantFrom(0, 1000, 30 * 60_000, 3_600_000),
    // Scheduled often enough for several upcoming meetings of one group.
    status: fc.oneof(fc.constant('scheduled' as const), fc.constantFrom(...BOOKING_STATUSES)),
    host: fc.constantFrom(2, 3),
    group: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    eventId: fc.constantFrom(10, 11, 99),
    eventType: fc.constantFrom('single', 'group', 'group_event'),
    email: fc.constantFrom(...EMAILS),
  });
  const activityFields = fc.record({
    created: time,
    bookingIndex: fc.option(fc.nat(), { nil: undefined }),
    type: fc.constantFrom('success', 'info', 'error', 'activity'),
  });
  return fc
    .record({
      bookings: fc.array(bookingFields, { maxLength: 60 }),
      activities: fc.array(activityFields, { maxLength: 130 }),
    })
    .map(({ bookings, activities }): SiteData => {
      const rows: BookingRow[] = bookings.map((fields, index) =>
        booking({
          id: index + 1,
          created_at: formatUtc(fields.created),
          start_time: formatUtc(fields.start),
          end_time: formatUtc(fields.start + fields.length),
          status: fields.status,
          host_user_id: fields.host,
          group_id: fields.group === undefined ? index + 1 : 1000 + fields.group,
          event_id: fields.eventId,
          event_type: fields.eventType,
          email: fields.email,
        }),
      );
      const entries: ActivityRow[] = activities.map((fields, index) =>
        activity({
          id: index + 1,
          created_at: formatUtc(fields.created),
          booking_id:
            fields.bookingIndex === undefined || rows.length === 0
              ? null
              : (fields.bookingIndex % rows.length) + 1,
          type: fields.type,
        }),
      );
      return site(rows, entries);
    });
});

const localDay = fc
  .integer({ min: -40, max: DAYS + 40 })
  .map((day) => formatUtc(FIRST_DAY + day * DAY_MS).slice(0, 10));
const localTime = fc
  .tuple(localDay, fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30, 59), fc.constantFrom(0, 59))
  .map(
    ([day, hour, minute, second]) =>
      `${day} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`,
  );

/** `/reports` queries: none, a range (sometimes reversed), a lone end, or a malformed value. */
const reportsQuery = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  {
    weight: 6,
    arbitrary: fc
      .tuple(localTime, localTime)
      .map(([start, end]) => new URLSearchParams({ startTime: start, endTime: end }).toString()),
  },
  { weight: 1, arbitrary: localTime.map((start) => new URLSearchParams({ startTime: start }).toString()) },
  { weight: 1, arbitrary: fc.constant('startTime=2025-02-30%2000:00:00&endTime=2025-03-01%2000:00:00') },
);

/**
 * Graph queries for a site: none, or day ranges of lengths around every granularity threshold, starting anywhere or
 * a few days before one of the site's times (so that its bookings sit in the buckets, on their edges), some asking
 * for the whole history (`history=all`, the dashboard's all time: the range widened to every counted booking).
 */
function graphQueryFor(data: SiteData): fc.Arbitrary<string> {
  const times = data.bookings
    .flatMap((row) => [row.created_at, row.end_time])
    .map((time) => time.slice(0, 10));
  const firstDay =
    times.length === 0
      ? localDay
      : fc.oneof(
          localDay,
          fc
            .tuple(fc.constantFrom(...times), fc.integer({ min: 0, max: 3 }))
            .map(([day, before]) => formatUtc(Date.parse(`${day}T00:00:00Z`) - before * DAY_MS).slice(0, 10)),
        );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          firstDay,
          fc.constantFrom(0, 1, 2, 6, 30, 61, 62, 63, 80, 91, 92, 93, 200, 400, 800, -1),
          fc.boolean(),
        )
        .map(([first, extra, history]) => {
          const last = formatUtc(Date.parse(`${first}T00:00:00Z`) + extra * DAY_MS).slice(0, 10);
          return `date_range%5B0%5D=${first}&date_range%5B1%5D=${last}${history ? '&history=all' : ''}`;
        }),
    },
  );
}

const settings = fc.record({
  timezone: fc.constantFrom(...TIMEZONES),
  startOfWeek: fc.integer({ min: 0, max: 6 }),
  now: fc.integer({ min: FIRST_DAY, max: FIRST_DAY + DAYS * DAY_MS }),
});

const VIEWERS: readonly Viewer[] = [
  { userId: 1, role: 'administrator' },
  { userId: 2, role: 'host' },
  { userId: 3, role: 'host' },
];

/**
 * Registers the property on one engine's databases.
 * @param databases Where each generated site is stored.
 * @param numRuns How many random cases fast-check tries.
 */
export function defineDifferentialTests(databases: TestDatabaseFactory, numRuns: number): void {
  describe(`SQL reports${databases.label}`, () => {
    let scratch: ScratchDatabase;
    beforeAll(async () => {
      scratch = await databases.scratch();
    });
    afterAll(() => scratch.close());

    it('returns exactly the report engine’s answers for every endpoint, viewer and query', async () => {
      await fc.assert(
        fc.asyncProperty(
          siteData.chain((data) => fc.tuple(fc.constant(data), graphQueryFor(data))),
          settings,
          fc.constantFrom(...VIEWERS),
          reportsQuery,
          async ([data, graphParams], siteSettings: ReportSettings, viewer, reportsParams) => {
            const database = await scratch.load(data);
            const reports = new URLSearchParams(reportsParams);
            const graph = new URLSearchParams(graphParams);

            const sqlReports = await answerReports(database.reads, reports, siteSettings, viewer);
            const oracleReports = handleReportsRequest(data, 'reports', reports, siteSettings, viewer);
            expect(sqlReports.ok ? sqlReports.value : sqlReports.error).toEqual(oracleReports.body);
            expect(sqlReports.ok ? 200 : sqlReports.error.data?.status).toBe(oracleReports.status);

            const sqlGraph = await answerGraph(database.reads, graph, siteSettings, viewer);
            const oracleGraph = handleReportsRequest(
              data,
              'reports/graph-reports',
              graph,
              siteSettings,
              viewer,
            );
            expect(sqlGraph.ok ? sqlGraph.value : sqlGraph.error).toEqual(oracleGraph.body);
            if (sqlGraph.ok) {
              // Same keys in the same (chronological) order, not only the same map.
              expect(Object.keys(sqlGraph.value.booked_stats)).toEqual(
                Object.keys((oracleGraph.body as typeof sqlGraph.value).booked_stats),
              );
            }

            const sqlActivities = await answerActivities(database.reads, viewer);
            const oracleActivities = handleReportsRequest(
              data,
              'reports/activities',
              new URLSearchParams(),
              siteSettings,
              viewer,
            );
            expect(sqlActivities).toEqual(oracleActivities.body);
          },
        ),
        { numRuns },
      );
    }, 120_000);
  });
}
