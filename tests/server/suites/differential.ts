/**
 * Differential property: over random sites, ranges, filters, timezones and week starts, the SQL backend answers
 * exactly what the pure report engine (the oracle) answers: same status, same body, for every endpoint and viewer.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '../../../src/api/contract';
import type { ActivityRow, BookingRow, SiteData } from '../../../src/data/schema';
import { handleReportsRequest } from '../../../src/engine';
import type { ReportSettings, Viewer } from '../../../src/engine';
import { formatUtc, localDayStartUtcMs } from '../../../src/lib/siteTime';
import {
  answerActivities,
  answerFilterOptions,
  answerGraph,
  answerHeatmap,
  answerReports,
} from '../../../server/reports/answers';
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
  'Asia/Kathmandu',
  '+05:30',
  '+05:45',
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
    // Calendar 3 is no calendar of the site: a booking may point to a deleted one.
    calendarId: fc.constantFrom(1, 2, 3),
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
          calendar_id: fields.calendarId,
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

/** An id that no row of a generated site has. */
const ABSENT_ID = 4242;

/** Filters the engine refuses with 400 `rest_invalid_param`: zero, signed, fractional, padded, empty, repeated. */
const INVALID_FILTERS = [
  'host_id=0',
  'calendar_id=-1',
  'event_id=1.5',
  'host_id=02',
  'calendar_id=',
  'event_id=10&event_id=10',
  'host_id=99999999999999999',
] as const;

/**
 * The filters of a request on a site: none, any of `host_id`, `calendar_id` and `event_id` with an id its bookings
 * have (now and then one none has), or an invalid one. Host viewers get other hosts' ids too, which must narrow
 * their answers to nothing.
 */
function filtersFor(data: SiteData): fc.Arbitrary<string> {
  const idOf = (ids: readonly number[]): fc.Arbitrary<number> =>
    ids.length === 0
      ? fc.constant(ABSENT_ID)
      : fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...ids) },
          { weight: 1, arbitrary: fc.constant(ABSENT_ID) },
        );
  const filter = (name: string, ids: readonly number[]): fc.Arbitrary<string | undefined> =>
    fc.option(
      idOf([...new Set(ids)]).map((id) => `${name}=${id}`),
      { nil: undefined, freq: 2 },
    );
  const valid = fc
    .tuple(
      filter(
        'host_id',
        data.bookings.map((row) => row.host_user_id),
      ),
      filter(
        'calendar_id',
        data.bookings.map((row) => row.calendar_id),
      ),
      filter(
        'event_id',
        data.bookings.map((row) => row.event_id),
      ),
    )
    .map((filters) => filters.filter((pair) => pair !== undefined).join('&'));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 7, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_FILTERS) },
  );
}

/** A query string with the filters after the endpoint's own parameters. */
const withFilters = (query: string, filters: string): URLSearchParams =>
  new URLSearchParams([query, filters].filter(Boolean).join('&'));

/**
 * Names that sort apart only by case, accent, script or a space, and some that are equal, so that the filter
 * options' order (by name, then id) is tested where collations differ.
 */
const NAMES = [
  'anna',
  'Anna',
  'ánna',
  'Zed',
  'zed',
  '',
  ' Bob',
  'bob ',
  'ß',
  'SS',
  '日本',
  '🙂',
  'Émile',
] as const;

/**
 * Sites for the filter options: users (the administrator, two hosts and a third host without a calendar), calendars
 * of some of them or of a user who does not exist, and events of those calendars or of a calendar that does not.
 */
const optionsSite: fc.Arbitrary<SiteData> = fc
  .record({
    names: fc.array(fc.constantFrom(...NAMES), { minLength: 4, maxLength: 4 }),
    calendars: fc.array(fc.record({ owner: fc.constantFrom(1, 2, 3, 9), title: fc.constantFrom(...NAMES) }), {
      maxLength: 6,
    }),
    events: fc.array(
      fc.record({ calendar: fc.integer({ min: 1, max: 7 }), title: fc.constantFrom(...NAMES) }),
      {
        maxLength: 8,
      },
    ),
  })
  .map(({ names, calendars, events }) => {
    const base = site([]);
    return {
      ...base,
      users: [
        ...base.users.map((user, index) => ({ ...user, display_name: names[index] ?? user.display_name })),
        { ID: 4, display_name: names[3] ?? '', user_email: 'nell@example.com', role: 'host' as const },
      ],
      calendars: calendars.map((calendar, index) => ({
        id: index + 1,
        user_id: calendar.owner,
        title: calendar.title,
        author_timezone: 'UTC',
      })),
      events: events.map((event, index) => ({
        id: index + 1,
        calendar_id: event.calendar,
        user_id: 2,
        title: event.title,
        duration: 30,
        event_type: 'single' as const,
        status: 'active',
      })),
    };
  });

/**
 * Changes of offset at odd seconds, most of them from or to an offset of odd minutes (local mean time, Monrovia's
 * -0:44:30, Dublin's +0:34:39), and two of today's quarter-hour zones, as UTC instants: a UTC quarter hour around
 * them spans two local hours, which the heatmap's SQL must count again by exact start.
 */
const OFFSET_CHANGES = [
  { zone: 'Europe/Berlin', at: Date.UTC(1893, 2, 31, 23, 6, 32) },
  { zone: 'Africa/Monrovia', at: Date.UTC(1972, 0, 7, 0, 44, 30) },
  { zone: 'America/St_Johns', at: Date.UTC(1935, 2, 30, 3, 30, 52) },
  { zone: 'Europe/Dublin', at: Date.UTC(1916, 9, 1, 2, 25, 21) },
  { zone: 'Asia/Kathmandu', at: Date.UTC(1985, 11, 31, 18, 30) },
  { zone: 'Australia/Lord_Howe', at: Date.UTC(2025, 3, 5, 15) },
] as const;

/** Fixed offsets of odd minutes (counted by UTC minute) and of quarter hours. */
const FIXED_OFFSETS = ['+05:07', '-09:59', '+05:45', 'UTC'] as const;

/** A meeting start within three hours of an instant, often within two minutes of it. */
const startNear = (at: number): fc.Arbitrary<string> =>
  fc
    .oneof(fc.integer({ min: -120, max: 120 }), fc.integer({ min: -3 * 3600, max: 3 * 3600 }))
    .map((seconds) => formatUtc(at + seconds * 1000));

/**
 * Stored starts that are not `YYYY-MM-DD HH:mm:ss` of a real time (SQLite keeps any text): ISO 8601 with an offset,
 * which the engine reads, and text it cannot read, which is in no cell; and a start in the year 50.
 */
const ODD_START_TEXTS = [
  '2025-03-30T03:30:00+02:00',
  '2025-03-30T01:30:00Z',
  'not a time',
  '2025-01-01 10:75:00',
  '2025-01-01 10:00:5x',
  '2025-02-30 10:00:00',
  ' 2025-01-01 10:00:00',
  '2025-01-01 10:00:00 ',
  '2025-01-01 1:00:00',
  '0050-06-01 10:00:00',
] as const;

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

    it('returns exactly the report engine’s answers for every endpoint, viewer, query and filter', async () => {
      await fc.assert(
        fc.asyncProperty(
          siteData.chain((data) => fc.tuple(fc.constant(data), graphQueryFor(data), filtersFor(data))),
          settings,
          fc.constantFrom(...VIEWERS),
          reportsQuery,
          async ([data, graphParams, filters], siteSettings: ReportSettings, viewer, reportsParams) => {
            const database = await scratch.load(data);
            const reports = withFilters(reportsParams, filters);
            const graph = withFilters(graphParams, filters);
            const activities = withFilters('', filters);

            const sqlReports = await answerReports(database.reads, reports, siteSettings, viewer);
            const oracleReports = handleReportsRequest(data, 'reports', reports, siteSettings, viewer);
            expect(sqlReports.ok ? sqlReports.value : sqlReports.error).toEqual(oracleReports.body);
            expect(sqlReports.ok ? 200 : sqlReports.error.data?.status).toBe(oracleReports.status);

            // The heatmap takes the query of /reports, filters included, and counts the bookings Total Bookings does.
            const sqlHeatmap = await answerHeatmap(database.reads, reports, siteSettings, viewer);
            const oracleHeatmap = handleReportsRequest(
              data,
              'reports/heatmap',
              reports,
              siteSettings,
              viewer,
            );
            expect(sqlHeatmap.ok ? sqlHeatmap.value : sqlHeatmap.error).toEqual(oracleHeatmap.body);
            expect(sqlHeatmap.ok ? 200 : sqlHeatmap.error.data?.status).toBe(oracleHeatmap.status);
            if (sqlHeatmap.ok && sqlReports.ok) {
              expect(sqlHeatmap.value.weekday_hours.flat().reduce((sum, count) => sum + count, 0)).toBe(
                sqlReports.value.overview[0]?.number,
              );
            }

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

            const sqlActivities = await answerActivities(database.reads, activities, viewer);
            const oracleActivities = handleReportsRequest(
              data,
              'reports/activities',
              activities,
              siteSettings,
              viewer,
            );
            expect(sqlActivities.ok ? sqlActivities.value : sqlActivities.error).toEqual(
              oracleActivities.body,
            );
            expect(sqlActivities.ok ? 200 : sqlActivities.error.data?.status).toBe(oracleActivities.status);
          },
        ),
        { numRuns },
      );
    }, 120_000);

    it('places meeting starts around changes of offset and in zones of odd minutes exactly as the engine does', async () => {
      // A MySQL/MariaDB DATETIME holds only real times in the stored format; SQLite's text holds any.
      const { dialect } = await scratch.load(site([]));
      // Starts around one change, mostly in the zone of that change.
      const oddCase = fc.constantFrom(...OFFSET_CHANGES).chain((change) => {
        const start =
          dialect === 'sqlite'
            ? fc.oneof(
                { weight: 6, arbitrary: startNear(change.at) },
                { weight: 1, arbitrary: fc.constantFrom(...ODD_START_TEXTS) },
              )
            : startNear(change.at);
        const oddSite = fc
          .array(fc.record({ created: instant, start, host: fc.constantFrom(2, 3) }), { maxLength: 40 })
          .map((bookings) =>
            site(
              bookings.map((fields, index) =>
                booking({
                  id: index + 1,
                  created_at: formatUtc(fields.created),
                  start_time: fields.start,
                  end_time: formatUtc(fields.created),
                  host_user_id: fields.host,
                }),
              ),
            ),
          );
        const zone = fc.oneof(
          { weight: 3, arbitrary: fc.constant<string>(change.zone) },
          { weight: 1, arbitrary: fc.constantFrom(...FIXED_OFFSETS) },
        );
        return fc.tuple(oddSite, zone);
      });
      await fc.assert(
        fc.asyncProperty(
          oddCase,
          fc.constantFrom(...VIEWERS),
          reportsQuery,
          async ([data, timezone], viewer, query) => {
            const database = await scratch.load(data);
            const params = new URLSearchParams(query);
            const siteSettings: ReportSettings = { timezone, startOfWeek: 1, now: FIRST_DAY };
            const sqlHeatmap = await answerHeatmap(database.reads, params, siteSettings, viewer);
            const oracle = handleReportsRequest(data, 'reports/heatmap', params, siteSettings, viewer);
            expect(sqlHeatmap.ok ? sqlHeatmap.value : sqlHeatmap.error).toEqual(oracle.body);
          },
        ),
        { numRuns: Math.ceil(numRuns / 2) },
      );
    }, 120_000);

    it('returns exactly the report engine’s filter options, in its order, for every viewer', async () => {
      await fc.assert(
        fc.asyncProperty(optionsSite, fc.constantFrom(...VIEWERS), async (data, viewer) => {
          const database = await scratch.load(data);
          const oracle = handleReportsRequest(
            data,
            'reports/filters',
            new URLSearchParams(),
            { timezone: 'UTC', startOfWeek: 1, now: FIRST_DAY },
            viewer,
          );
          // Same lists in the same order: `toEqual` compares arrays element by element.
          expect(await answerFilterOptions(database.reads, viewer)).toEqual(oracle.body);
        }),
        { numRuns: Math.ceil(numRuns / 5) },
      );
    }, 120_000);
  });
}
