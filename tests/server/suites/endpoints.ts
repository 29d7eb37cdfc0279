/**
 * The three endpoints over real HTTP on hand-computed datasets: a Berlin site across both DST changes of 2025 and a
 * `+05:30` site, every expected number worked out by hand in the comments.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespaceIndex } from '../../../src/api/contract';
import type { NamespaceIndex } from '../../../src/api/contract';
import type {
  ActivitiesResponse,
  FilterOptionsResponse,
  GraphResponse,
  HeatmapResponse,
  ReportsResponse,
  WpError,
} from '../../../src/api/types';
import { activity, booking, getRest, login, site, startServer } from '../support';
import type { Session, TestDatabaseFactory, TestServer } from '../support';

const at = (utc: string): number => Date.parse(`${utc.replace(' ', 'T')}Z`);

/**
 * Berlin. Spring 2025-03-30 is a 23-hour day: local [03-29 23:00Z, 03-30 21:59:59Z]. Autumn 2025-10-26 is a 25-hour
 * day: local [10-25 22:00Z, 10-26 22:59:59Z]. "Now" is 2025-11-05 10:00:00Z (11:00 CET).
 */
const BERLIN = site(
  [
    // Around the spring change.
    booking({
      id: 1,
      created_at: '2025-03-29 22:59:59',
      status: 'completed',
      end_time: '2025-03-30 01:30:00',
    }),
    booking({
      id: 2,
      created_at: '2025-03-29 23:00:00',
      status: 'cancelled',
      end_time: '2025-03-30 22:30:00',
      email: 'Guest@Example.com',
    }),
    booking({
      id: 3,
      created_at: '2025-03-30 21:59:59',
      end_time: '2025-03-31 07:30:00',
      email: ' guest@example.com',
    }),
    booking({
      id: 4,
      created_at: '2025-03-30 22:00:00',
      status: 'completed',
      end_time: '2025-03-31 08:00:00',
      host_user_id: 3,
      event_id: 11,
      event_type: 'group',
    }),
    // Around the autumn change.
    booking({
      id: 5,
      created_at: '2025-10-25 21:59:59',
      status: 'completed',
      end_time: '2025-10-25 23:00:00',
    }),
    booking({
      id: 6,
      created_at: '2025-10-25 22:00:00',
      status: 'cancelled',
      end_time: '2025-10-26 23:30:00',
    }),
    booking({ id: 7, created_at: '2025-10-26 22:59:59', host_user_id: 3, end_time: '2025-10-30 10:00:00' }),
    booking({
      id: 8,
      created_at: '2025-10-26 23:00:00',
      status: 'completed',
      end_time: '2025-10-27 09:00:00',
      host_user_id: 3,
    }),
    // The comparison window of the all-time overview.
    booking({
      id: 9,
      created_at: '2025-09-20 10:00:00',
      status: 'completed',
      end_time: '2025-09-21 10:00:00',
    }),
    booking({
      id: 10,
      created_at: '2025-09-25 10:00:00',
      status: 'cancelled',
      end_time: '2025-10-07 10:00:00',
      host_user_id: 3,
    }),
    // Upcoming and recent.
    booking({
      id: 20,
      created_at: '2025-11-01 08:00:00',
      start_time: '2025-11-05 09:30:00',
      end_time: '2025-11-05 10:00:00',
      first_name: 'Ella',
      last_name: 'Now',
    }),
    booking({
      id: 21,
      created_at: '2025-11-01 08:00:00',
      start_time: '2025-11-05 08:00:00',
      end_time: '2025-11-05 09:59:59',
    }),
    ...[22, 23, 24, 25].map((id, index) =>
      booking({
        id,
        created_at: `2025-11-02 1${index}:00:00`,
        start_time: '2025-11-05 15:00:00',
        end_time: '2025-11-05 16:00:00',
        status: (['scheduled', 'scheduled', 'cancelled', 'pending'] as const)[index],
        host_user_id: 3,
        event_id: 11,
        event_type: 'group',
        group_id: 500,
        first_name: ['Gina', 'Gus', 'Gil', 'Gia'][index],
        last_name: 'Group',
      }),
    ),
    booking({
      id: 26,
      created_at: '2025-11-03 09:00:00',
      start_time: '2025-11-06 10:00:00',
      end_time: '2025-11-06 10:30:00',
      event_id: 99,
      first_name: 'Dee',
      last_name: 'Leted',
    }),
    booking({
      id: 27,
      created_at: '2025-11-04 09:00:00',
      start_time: '2025-11-07 10:00:00',
      end_time: '2025-11-07 10:30:00',
      first_name: 'Fay',
      last_name: 'Future',
    }),
    booking({
      id: 28,
      created_at: '2025-11-04 12:00:00',
      status: 'pending',
      start_time: '2025-11-20 10:00:00',
    }),
    booking({
      id: 29,
      created_at: '2025-11-04 13:00:00',
      status: 'rejected',
      start_time: '2025-11-20 10:00:00',
    }),
    booking({
      id: 30,
      created_at: '2025-11-04 14:00:00',
      start_time: '2025-11-08 09:00:00',
      end_time: '2025-11-08 10:00:00',
      host_user_id: 3,
      event_id: 11,
      event_type: 'group',
      group_id: 501,
      first_name: 'Olga',
      last_name: 'Solo',
    }),
    booking({
      id: 31,
      created_at: '2025-11-04 15:00:00',
      start_time: '2025-11-09 09:00:00',
      end_time: '2025-11-09 09:30:00',
    }),
  ],
  [
    activity({
      id: 1,
      booking_id: 1,
      created_at: '2025-03-29 23:00:00',
      type: 'success',
      title: 'Booking Created',
    }),
    activity({ id: 2, booking_id: 4, created_at: '2025-03-30 22:00:00' }),
    activity({ id: 3, booking_id: null, created_at: '2025-11-04 16:00:00' }),
    activity({ id: 4, booking_id: 31, created_at: '2025-11-04 15:00:00' }),
    activity({ id: 5, booking_id: 30, created_at: '2025-11-04 15:00:00' }),
  ],
);

const numbers = (body: ReportsResponse): number[] => body.overview.map((widget) => widget.number);

/** The heatmap's cells that are not zero, as `weekday hour: count` (weekday 0 is Sunday). */
const heatmapCells = (body: HeatmapResponse): Record<string, number> =>
  Object.fromEntries(
    body.weekday_hours.flatMap((hours, weekday) =>
      hours.flatMap((count, hour) => (count === 0 ? [] : [[`${weekday} ${hour}`, count] as const])),
    ),
  );
const heatmapTotal = (body: HeatmapResponse): number =>
  body.weekday_hours.flat().reduce((sum, count) => sum + count, 0);
const stats = (body: ReportsResponse): number[] => body.overview.map((widget) => widget.stat);

/**
 * Registers the suite's tests on one engine's databases.
 * @param databases Where each test server's database lives.
 */
export function defineEndpointTests(databases: TestDatabaseFactory): void {
  describe(`Reference backend on a Berlin site${databases.label}`, () => {
    let server: TestServer;
    let admin: Session;
    let hanna: Session;
    let otto: Session;

    beforeAll(async () => {
      server = await startServer({
        databases,
        data: BERLIN,
        timezone: 'Europe/Berlin',
        now: at('2025-11-05 10:00:00'),
      });
      admin = await login(server);
      hanna = await login(server, 2);
      otto = await login(server, 3);
    });
    afterAll(() => server.close());

    it('returns all-time numbers and 30-day stats without a range', async () => {
      const { status, body } = await getRest<ReportsResponse>(server, 'reports', admin);
      expect(status).toBe(200);
      // 22 bookings; completed 1,4,5,8,9; cancelled 2,6,10,24; bookings 2 and 3 are one guest.
      expect(numbers(body)).toEqual([22, 5, 4, 21, 0]);
      // Last 30 days [10-06 09:00Z, now] vs [09-06 07:59:59Z, 10-06 08:59:59Z] (30 days and the DST hour):
      // created 16 vs 2 (ids 9, 10); completed ends 5, 8 vs 9; cancelled ends 6, 10 vs none (24 ends in the future).
      expect(stats(body)).toEqual([700, 100, 100, 700, 0]);
      expect(body.overview.map((widget) => widget.period)).toEqual([
        'all',
        'completed',
        'cancelled',
        undefined,
        'no_show',
      ]);
      expect(body.overview[0]?.content).toBe('More than last month');
    });

    it('says on every REST answer, errors included, that it follows the contract (X-Booking-Reports-Contract: 1)', async () => {
      const answers = await Promise.all([
        getRest(server, 'reports', admin),
        getRest(server, 'reports/graph-reports', admin),
        getRest(server, 'reports/activities', admin),
        getRest(server, 'reports?startTime=2025-01-01', admin),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 400]);
      for (const answer of answers) expect(answer.headers.get('X-Booking-Reports-Contract')).toBe('1');
    });

    it('counts the 23-hour spring day in site time', async () => {
      const query = new URLSearchParams({ startTime: '2025-03-30 00:00:00', endTime: '2025-03-30 23:59:59' });
      const { status, body } = await getRest<ReportsResponse>(server, `reports?${query}`, admin);
      expect(status).toBe(200);
      // [03-29 23:00Z, 03-30 21:59:59Z]: created 2 and 3 (one guest); 1 ends 01:30Z; 2 ends after the day.
      expect(numbers(body)).toEqual([2, 1, 0, 1, 0]);
      // The day before, [03-29 00:00Z, 03-29 22:59:59Z]: created 1 only.
      expect(stats(body)).toEqual([100, 100, 0, 0, 0]);
      expect(body.overview.map((widget) => widget.content)).toEqual([
        'More than last month',
        'More than last month',
        'Same as last month',
        'Same as last month',
        'Same as last month',
      ]);
    });

    it('graphs the spring change by local day', async () => {
      const { status, body } = await getRest<GraphResponse>(
        server,
        'reports/graph-reports?date_range%5B0%5D=2025-03-29&date_range%5B1%5D=2025-03-31',
        admin,
      );
      expect(status).toBe(200);
      expect(body).toEqual({
        booked_stats: { '2025-03-29': 1, '2025-03-30': 2, '2025-03-31': 1 },
        completed_stats: { '2025-03-29': 0, '2025-03-30': 1, '2025-03-31': 1 },
        cancelled_stats: { '2025-03-29': 0, '2025-03-30': 0, '2025-03-31': 1 },
      });
      expect(Object.keys(body.booked_stats)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31']);
    });

    it('graphs the 25-hour autumn day by local day', async () => {
      const { body } = await getRest<GraphResponse>(
        server,
        'reports/graph-reports?date_range[0]=2025-10-25&date_range[1]=2025-10-27',
        admin,
      );
      // 5 ends 01:00 CEST on the 26th; 6 ends 00:30 CET on the 27th; 8 ends on the 27th.
      expect(body).toEqual({
        booked_stats: { '2025-10-25': 1, '2025-10-26': 2, '2025-10-27': 1 },
        completed_stats: { '2025-10-25': 0, '2025-10-26': 1, '2025-10-27': 1 },
        cancelled_stats: { '2025-10-25': 0, '2025-10-26': 0, '2025-10-27': 1 },
      });
    });

    it('returns the latest bookings newest first, ties by higher id, listed statuses only', async () => {
      const { body } = await getRest<ReportsResponse>(server, 'reports', admin);
      expect(body.latest_books.map((row) => row.id)).toEqual([31, 30, 28, 27, 26]);
      expect(body.latest_books[0]).toMatchObject({
        status: 'scheduled',
        first_name: 'Guest',
        email: 'b31@example.com',
        start_time: '2025-11-09 09:00:00',
        end_time: '2025-11-09 09:30:00',
        created_at: '2025-11-04 15:00:00',
        event_type: 'single',
        group_id: 31,
        host_user_id: 2,
      });
      const hannas = await getRest<ReportsResponse>(server, 'reports', hanna);
      // 20 and 21 were created in the same second: the higher id first.
      expect(hannas.body.latest_books.map((row) => row.id)).toEqual([31, 28, 27, 26, 21]);
    });

    it('returns the next meetings soonest first, one per group, with hosts, slots and group counts', async () => {
      const { body } = await getRest<ReportsResponse>(server, 'reports', admin);
      // 21 ended a second before now; 20 ends exactly now; 23 shares 22's group; 31 is sixth.
      expect(body.next_meetings.map((row) => row.id)).toEqual([20, 22, 26, 27, 30]);
      const [ella, gina, deleted, , olga] = body.next_meetings;
      expect(ella).toMatchObject({
        title: 'Intro Call with Ella Now',
        author: { ID: 2, name: 'Hanna Host' },
        slot: { id: 10, title: 'Intro Call', duration: 30, event_type: 'single' },
      });
      expect(ella).not.toHaveProperty('booked_count');
      // Group 500: 22 and 23 scheduled count; 24 cancelled and 25 pending do not.
      expect(gina).toMatchObject({
        title: 'Group Class with Gina Group',
        author: { name: 'Otto Other' },
        booked_count: 2,
      });
      expect(deleted).toMatchObject({
        title: 'Meeting with Dee Leted',
        author: { name: 'unknown' },
        slot: {},
      });
      expect(olga?.booked_count).toBe(1);
    });

    it('returns the activities newest first as ISO times', async () => {
      const { status, body } = await getRest<ActivitiesResponse>(server, 'reports/activities', admin);
      expect(status).toBe(200);
      expect(body.activities.map((entry) => entry.id)).toEqual([3, 5, 4, 2, 1]);
      expect(body.activities[4]).toEqual({
        id: 1,
        booking_id: 1,
        parent_id: null,
        created_by: null,
        status: 'closed',
        type: 'success',
        title: 'Booking Created',
        description: 'Description 1',
        created_at: '2025-03-29T23:00:00+00:00',
        updated_at: '2025-03-29T23:00:00+00:00',
      });
    });

    it('scopes every endpoint to the host who asks', async () => {
      const hannaReports = await getRest<ReportsResponse>(server, 'reports', hanna);
      // Hanna hosts 1-3, 5, 6, 9, 20, 21, 26-29 and 31: 13 bookings (completed 1, 5, 9; cancelled 2, 6); 2 and 3
      // share a guest.
      expect(numbers(hannaReports.body)).toEqual([13, 3, 2, 12, 0]);
      expect(hannaReports.body.next_meetings.map((row) => row.id)).toEqual([20, 26, 27, 31]);
      const ottoReports = await getRest<ReportsResponse>(server, 'reports', otto);
      // Otto hosts 4, 7, 8, 10, 22-25 and 30: completed 4, 8; cancelled 10, 24.
      expect(numbers(ottoReports.body)).toEqual([9, 2, 2, 9, 0]);
      expect(ottoReports.body.next_meetings.map((row) => row.id)).toEqual([22, 30]);
      expect(ottoReports.body.latest_books.map((row) => row.id)).toEqual([30, 25, 23, 22, 8]);

      const graph = 'reports/graph-reports?date_range[0]=2025-03-29&date_range[1]=2025-03-31';
      expect((await getRest<GraphResponse>(server, graph, hanna)).body.booked_stats).toEqual({
        '2025-03-29': 1,
        '2025-03-30': 2,
        '2025-03-31': 0,
      });
      expect((await getRest<GraphResponse>(server, graph, otto)).body.completed_stats).toEqual({
        '2025-03-29': 0,
        '2025-03-30': 0,
        '2025-03-31': 1,
      });

      const feed = async (session: Session): Promise<number[]> =>
        (await getRest<ActivitiesResponse>(server, 'reports/activities', session)).body.activities.map(
          (entry) => entry.id,
        );
      // The system entry (no booking) is for administrators only.
      expect(await feed(hanna)).toEqual([4, 1]);
      expect(await feed(otto)).toEqual([5, 2]);
    });

    // Issue #15: the filters by host, calendar and event.
    it('narrows every number, list and series to the bookings of the filters', async () => {
      const eventReports = await getRest<ReportsResponse>(server, 'reports?event_id=11', admin);
      expect(eventReports.status).toBe(200);
      // Event 11: 4 (completed), 22, 23, 24 (cancelled, ends after now), 25 and 30.
      expect(numbers(eventReports.body)).toEqual([6, 1, 1, 6, 0]);
      expect(eventReports.body.latest_books.map((row) => row.id)).toEqual([30, 25, 23, 22, 4]);
      // Group 500's active attendees among event 11's bookings: 22 and 23.
      expect(eventReports.body.next_meetings.map((row) => [row.id, row.booked_count])).toEqual([
        [22, 2],
        [30, 1],
      ]);
      // Otto's bookings of event 10: 7, 8 (completed) and 10 (cancelled).
      const both = await getRest<ReportsResponse>(server, 'reports?host_id=3&event_id=10', admin);
      expect(numbers(both.body)).toEqual([3, 1, 1, 3, 0]);
      expect(both.body.next_meetings).toEqual([]);
      const range = new URLSearchParams({
        startTime: '2025-10-26 00:00:00',
        endTime: '2025-10-26 23:59:59',
        host_id: '3',
      });
      // Of the autumn day's bookings 6 and 7 and booking 5's end, only 7 is Otto's; the 25 hours before hold none.
      const day = await getRest<ReportsResponse>(server, `reports?${range}`, admin);
      expect([numbers(day.body), stats(day.body)]).toEqual([
        [1, 0, 0, 1, 0],
        [100, 0, 0, 100, 0],
      ]);

      const graph = await getRest<GraphResponse>(
        server,
        'reports/graph-reports?date_range[0]=2025-03-29&date_range[1]=2025-03-31&event_id=11',
        admin,
      );
      // Booking 4 was created at 00:00 CEST on the 31st and ended that morning.
      expect(graph.body).toEqual({
        booked_stats: { '2025-03-29': 0, '2025-03-30': 0, '2025-03-31': 1 },
        completed_stats: { '2025-03-29': 0, '2025-03-30': 0, '2025-03-31': 1 },
        cancelled_stats: { '2025-03-29': 0, '2025-03-30': 0, '2025-03-31': 0 },
      });

      const feed = async (query: string): Promise<number[]> =>
        (await getRest<ActivitiesResponse>(server, `reports/activities?${query}`, admin)).body.activities.map(
          (entry) => entry.id,
        );
      expect(await feed('event_id=11')).toEqual([5, 2]);
      // Every booking is of calendar 1, yet the system entry (no booking) is left out once a filter is given.
      expect(await feed('calendar_id=1')).toEqual([5, 4, 2, 1]);
      expect(await feed('calendar_id=2')).toEqual([]);
    });

    it('answers a host’s filter by another host with empty answers, not an error', async () => {
      const reports = await getRest<ReportsResponse>(server, 'reports?host_id=3', hanna);
      expect(reports.status).toBe(200);
      expect(numbers(reports.body)).toEqual([0, 0, 0, 0, 0]);
      expect([reports.body.latest_books, reports.body.next_meetings]).toEqual([[], []]);
      const graph = await getRest<GraphResponse>(
        server,
        'reports/graph-reports?date_range[0]=2025-03-29&date_range[1]=2025-03-31&host_id=3',
        hanna,
      );
      expect([graph.status, Object.values(graph.body.booked_stats)]).toEqual([200, [0, 0, 0]]);
      const feed = await getRest<ActivitiesResponse>(server, 'reports/activities?host_id=3', hanna);
      expect([feed.status, feed.body]).toEqual([200, { activities: [] }]);
      // Her own id narrows nothing away.
      const own = await getRest<ReportsResponse>(server, 'reports?host_id=2', hanna);
      expect(numbers(own.body)).toEqual([13, 3, 2, 12, 0]);
    });

    it('refuses invalid filters with rest_invalid_param naming them on every endpoint that takes them', async () => {
      for (const [path, name] of [
        ['reports?host_id=0', 'host_id'],
        ['reports?calendar_id=1&calendar_id=1', 'calendar_id'],
        ['reports/graph-reports?calendar_id=1.5', 'calendar_id'],
        ['reports/graph-reports?event_id=-1', 'event_id'],
        ['reports/activities?event_id=', 'event_id'],
        ['reports/activities?host_id=01', 'host_id'],
      ] as const) {
        const { status, body } = await getRest<WpError>(server, path, admin);
        expect(status, path).toBe(400);
        expect(body, path).toMatchObject({
          code: 'rest_invalid_param',
          message: `Invalid parameter(s): ${name}`,
          data: { status: 400 },
        });
        expect(Object.keys(body.data?.params ?? {}), path).toEqual([name]);
      }
    });

    it('lists the filters’ choices, sorted by name: all for an administrator, their own for a host', async () => {
      const all = await getRest<FilterOptionsResponse>(server, 'reports/filters', admin);
      expect(all.status).toBe(200);
      expect(all.headers.get('X-Booking-Reports-Contract')).toBe('1');
      expect(all.body).toEqual({
        hosts: [
          { id: 2, name: 'Hanna Host' },
          { id: 3, name: 'Otto Other' },
        ],
        calendars: [
          { id: 1, name: 'Hanna' },
          { id: 2, name: 'Otto' },
        ],
        events: [
          { id: 11, name: 'Group Class', calendar_id: 2 },
          { id: 10, name: 'Intro Call', calendar_id: 1 },
        ],
      });
      const hannas = await getRest<FilterOptionsResponse>(server, 'reports/filters', hanna);
      expect(hannas.body).toEqual({
        hosts: [{ id: 2, name: 'Hanna Host' }],
        calendars: [{ id: 1, name: 'Hanna' }],
        events: [{ id: 10, name: 'Intro Call', calendar_id: 1 }],
      });
      // It takes no parameters: even an invalid filter is ignored.
      const ignored = await getRest<FilterOptionsResponse>(server, 'reports/filters?host_id=0', otto);
      expect([ignored.status, ignored.body.calendars]).toEqual([200, [{ id: 2, name: 'Otto' }]]);
      // A visitor without a session gets WordPress's refusal, as on the other endpoints.
      expect((await getRest(server, 'reports/filters', undefined)).status).toBe(401);
    });

    // Issue #15: the demand heatmap.
    it('places the bookings made in the range at the local weekday and hour their meetings start', async () => {
      const heatmapOf = async (query: string, session = admin): Promise<HeatmapResponse> =>
        (await getRest<HeatmapResponse>(server, `reports/heatmap${query}`, session)).body;
      const spring = new URLSearchParams({
        startTime: '2025-03-30 00:00:00',
        endTime: '2025-03-30 23:59:59',
      });
      const springDay = await getRest<HeatmapResponse>(server, `reports/heatmap?${spring}`, admin);
      expect(springDay.status).toBe(200);
      expect(springDay.headers.get('X-Booking-Reports-Contract')).toBe('1');
      expect(springDay.body.weekday_hours).toHaveLength(7);
      for (const hours of springDay.body.weekday_hours) expect(hours).toHaveLength(24);
      // Created that Sunday, and starting then: 2 at 03-29 23:00Z (00:00 CET), 3 at 03-30 21:59:59Z (23:59:59 CEST).
      expect(heatmapCells(springDay.body)).toEqual({ '0 0': 1, '0 23': 1 });

      const autumn = new URLSearchParams({
        startTime: '2025-10-26 00:00:00',
        endTime: '2025-10-26 23:59:59',
      });
      // The 25-hour Sunday: 6 starts at 10-25 22:00Z (00:00 CEST), 7 at 10-26 22:59:59Z (23:59:59 CET), Otto's.
      expect(heatmapCells(await heatmapOf(`?${autumn}`))).toEqual({ '0 0': 1, '0 23': 1 });
      expect(heatmapCells(await heatmapOf(`?${autumn}&host_id=3`))).toEqual({ '0 23': 1 });
      expect(heatmapCells(await heatmapOf(`?${autumn}`, hanna))).toEqual({ '0 0': 1 });

      // All time: every booking, as many as Total Bookings counts, for an administrator, a host and a filter.
      for (const [session, query] of [
        [admin, ''],
        [hanna, ''],
        [otto, '?event_id=11'],
      ] as const) {
        const heatmap = await getRest<HeatmapResponse>(server, `reports/heatmap${query}`, session);
        const reports = await getRest<ReportsResponse>(server, `reports${query}`, session);
        expect(heatmapTotal(heatmap.body)).toBe(reports.body.overview[0]?.number);
      }
      expect(heatmapTotal(await heatmapOf(''))).toBe(22);
      // Event 11: 4 starts at 03-30 22:00Z (Monday 00:00 CEST), the group 22-25 on Wednesday 11-05 at 15:00Z
      // (16:00 CET), 30 on Saturday 11-08 at 09:00Z (10:00 CET).
      expect(heatmapCells(await heatmapOf('?event_id=11'))).toEqual({ '1 0': 1, '3 16': 4, '6 10': 1 });
    });

    it('refuses an invalid range or filter of the heatmap with rest_invalid_param naming it, the range first', async () => {
      for (const [query, names] of [
        ['startTime=2025-01-01%2000:00:00', ['endTime']],
        ['startTime=2025-01-01%2000:00:00&endTime=2024-01-01%2000:00:00', ['endTime']],
        ['startTime=2025-02-30%2000:00:00&endTime=2025-03-01%2000:00:00', ['startTime']],
        ['host_id=0', ['host_id']],
        ['event_id=1&event_id=2', ['event_id']],
        ['startTime=2025-01-01&host_id=x', ['startTime', 'endTime']],
      ] as const) {
        const { status, body, headers } = await getRest<WpError>(server, `reports/heatmap?${query}`, admin);
        expect(status, query).toBe(400);
        expect(body, query).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } });
        expect(Object.keys(body.data?.params ?? {}), query).toEqual(names);
        expect(headers.get('X-Booking-Reports-Contract'), query).toBe('1');
      }
      expect((await getRest(server, 'reports/heatmap', undefined)).status).toBe(401);
    });

    it('refuses a range longer than 10 years and a lone startTime with rest_invalid_param', async () => {
      const long = await getRest<WpError>(
        server,
        'reports/graph-reports?date_range[0]=2015-01-01&date_range[1]=2025-01-01',
        admin,
      );
      expect(long.status).toBe(400);
      expect(long.body).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } });
      expect(Object.keys(long.body.data?.params ?? {})).toEqual(['date_range']);
      const tenYears = await getRest(
        server,
        'reports/graph-reports?date_range[0]=2015-01-01&date_range[1]=2024-12-31',
        admin,
      );
      expect(tenYears.status).toBe(200);

      const lone = await getRest<WpError>(server, 'reports?startTime=2025-01-01%2000:00:00', admin);
      expect(lone.status).toBe(400);
      expect(lone.body.data?.params).toHaveProperty('endTime');
    });

    // Issue #15: where WordPress clients look for what a namespace offers.
    it('declares its routes and the parameters they take in the namespace index, to anyone, with no data', async () => {
      for (const path of ['', '?context=view']) {
        const index = await getRest<NamespaceIndex>(server, path, undefined);
        expect(index.status).toBe(200);
        expect(index.body).toEqual(namespaceIndex());
      }
      // Without the trailing slash too, as WordPress's router answers it.
      const bare = await fetch(`${server.origin}/wp-json/fluent-booking/v2`);
      expect([bare.status, await bare.json()]).toEqual([200, namespaceIndex()]);
      const { body } = await getRest<NamespaceIndex>(server, '', undefined);
      expect(Object.keys(body.routes)).toEqual([
        '/fluent-booking/v2',
        '/fluent-booking/v2/reports',
        '/fluent-booking/v2/reports/graph-reports',
        '/fluent-booking/v2/reports/activities',
        '/fluent-booking/v2/reports/heatmap',
        '/fluent-booking/v2/reports/filters',
      ]);
      const argsOf = (route: string): string[] =>
        Object.keys(body.routes[`/fluent-booking/v2/${route}`]?.endpoints[0]?.args ?? {});
      const filters = ['host_id', 'calendar_id', 'event_id'];
      expect(argsOf('reports')).toEqual(['startTime', 'endTime', ...filters]);
      expect(argsOf('reports/graph-reports')).toEqual(['date_range', 'history', ...filters]);
      expect(argsOf('reports/activities')).toEqual(filters);
      expect(argsOf('reports/filters')).toEqual([]);
      expect(body.routes['/fluent-booking/v2/reports']?.endpoints[0]?.args.host_id).toMatchObject({
        type: 'integer',
        minimum: 1,
      });
      // What it declares is what the routes take: a range in the declared pattern, and history=all.
      const startTime = '2025-03-01 00:00:00';
      const pattern = body.routes['/fluent-booking/v2/reports']?.endpoints[0]?.args.startTime?.pattern ?? '';
      expect(new RegExp(pattern).test(startTime)).toBe(true);
      const query = new URLSearchParams({ startTime, endTime: '2025-03-31 23:59:59' });
      expect((await getRest(server, `reports?${query}`, admin)).status).toBe(200);
      const graph = await getRest<GraphResponse>(server, 'reports/graph-reports?history=all', admin);
      expect([graph.status, graph.body.history]).toEqual([200, 'all']);
      for (const route of ['reports', 'reports/graph-reports', 'reports/activities', 'reports/filters']) {
        expect((await getRest(server, `${route}?host_id=2&calendar_id=1&event_id=10`, admin)).status).toBe(
          200,
        );
      }
    });

    it('answers unknown routes and methods with rest_no_route', async () => {
      const unknown = await getRest<WpError>(server, 'reports/nothing', admin);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      });
      const post = await fetch(`${server.origin}/wp-json/fluent-booking/v2/reports`, { method: 'POST' });
      expect(post.status).toBe(404);
      expect(((await post.json()) as WpError).code).toBe('rest_no_route');
    });

    it('reports health and logs one line per request', async () => {
      const response = await fetch(`${server.origin}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', db: 'ok' });
      await getRest(server, 'reports/activities?x=1', admin);
      expect(server.logLines.at(-1)).toMatch(
        /^GET \/wp-json\/fluent-booking\/v2\/reports\/activities 200 \d+\.\dms$/,
      );
    });
  });

  /** A `+05:30` site: local 2025-06-10 is [06-09 18:30Z, 06-10 18:29:59Z]. Weeks start on Sunday. */
  const KOLKATA = site([
    booking({ id: 1, created_at: '2025-06-09 18:29:59' }),
    booking({ id: 2, created_at: '2025-06-09 18:30:00' }),
    booking({ id: 3, created_at: '2025-06-10 18:29:59' }),
    booking({ id: 4, created_at: '2025-06-10 18:30:00' }),
  ]);

  describe(`Reference backend on a +05:30 site${databases.label}`, () => {
    let server: TestServer;
    let admin: Session;

    beforeAll(async () => {
      server = await startServer({
        databases,
        data: KOLKATA,
        timezone: '+05:30',
        startOfWeek: 0,
        now: at('2025-06-15 12:00:00'),
      });
      admin = await login(server);
    });
    afterAll(() => server.close());

    it('counts a local day half an hour off UTC', async () => {
      const query = new URLSearchParams({ startTime: '2025-06-10 00:00:00', endTime: '2025-06-10 23:59:59' });
      const { body } = await getRest<ReportsResponse>(server, `reports?${query}`, admin);
      expect(numbers(body)).toEqual([2, 0, 0, 2, 0]);
    });

    it('places meeting starts on the heatmap by the site clock, half an hour off UTC', async () => {
      const query = new URLSearchParams({ startTime: '2025-06-10 00:00:00', endTime: '2025-06-10 23:59:59' });
      const { status, body } = await getRest<HeatmapResponse>(server, `reports/heatmap?${query}`, admin);
      expect(status).toBe(200);
      // Tuesday 06-10: 2 starts at 06-09 18:30Z (00:00 local), 3 at 06-10 18:29:59Z (23:59:59 local).
      expect(heatmapCells(body)).toEqual({ '2 0': 1, '2 23': 1 });
      // All four: 1 on Monday 23:59:59, 4 on Wednesday 00:00.
      const allTime = await getRest<HeatmapResponse>(server, 'reports/heatmap', admin);
      expect(heatmapCells(allTime.body)).toEqual({ '1 23': 1, '2 0': 1, '2 23': 1, '3 0': 1 });
    });

    it('graphs days, Sunday weeks and months in site time', async () => {
      const daily = await getRest<GraphResponse>(
        server,
        'reports/graph-reports?date_range[0]=2025-06-09&date_range[1]=2025-06-11',
        admin,
      );
      expect(daily.body.booked_stats).toEqual({ '2025-06-09': 1, '2025-06-10': 2, '2025-06-11': 1 });

      // 71 days from Tuesday 04-01: weekly, keyed by Sundays from 03-30; 4 is on the 11th, after the range.
      const weekly = await getRest<GraphResponse>(
        server,
        'reports/graph-reports?date_range[0]=2025-04-01&date_range[1]=2025-06-10',
        admin,
      );
      const weeks = Object.keys(weekly.body.booked_stats);
      expect(weeks).toHaveLength(11);
      expect(weeks[0]).toBe('2025-03-30');
      expect(weekly.body.booked_stats['2025-06-08']).toBe(3);
      expect(Object.values(weekly.body.booked_stats).reduce((sum, count) => sum + count, 0)).toBe(3);

      const monthly = await getRest<GraphResponse>(
        server,
        'reports/graph-reports?date_range[0]=2025-01-01&date_range[1]=2025-06-30',
        admin,
      );
      expect(monthly.body.booked_stats).toEqual({
        'Jan 2025': 0,
        'Feb 2025': 0,
        'Mar 2025': 0,
        'Apr 2025': 0,
        'May 2025': 0,
        'Jun 2025': 4,
      });
    });
  });

  describe(`Reference backend admin page${databases.label}`, () => {
    const dist = mkdtempSync(join(tmpdir(), 'booking-reports-dist-'));
    let server: TestServer;

    beforeAll(async () => {
      writeFileSync(join(dist, 'booking-reports.iife.js'), 'window.loaded = true;');
      server = await startServer({
        databases,
        data: KOLKATA,
        timezone: '+05:30',
        now: at('2025-06-15 12:00:00'),
        distDir: dist,
      });
    });
    afterAll(async () => {
      await server.close();
      rmSync(dist, { recursive: true, force: true });
    });

    it('renders a wp-admin screen that loads the built dashboard', async () => {
      const html = await (
        await fetch(`${server.origin}/wp-admin/admin.php?page=booking-reports&user=2`)
      ).text();
      expect(html).toContain('id="wpadminbar"');
      expect(html).toContain('aria-current="page">Reports</a>');
      expect(html).toContain('Howdy, Hanna Host');
      expect(html).toContain('<script src="/dist/booking-reports.iife.js"></script>');
      expect(html).not.toContain('not built yet');

      const script = await fetch(`${server.origin}/dist/booking-reports.iife.js`);
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await script.text()).toBe('window.loaded = true;');
    });

    it('serves nothing outside the dist folder', async () => {
      for (const path of [
        '/dist/..%2Fpackage.json',
        '/dist/%2e%2e/%2e%2e/package.json',
        '/dist/missing.js',
      ]) {
        const response = await fetch(`${server.origin}${path}`);
        expect(response.status).toBe(404);
        expect(((await response.json()) as WpError).code).toBe('rest_no_route');
      }
    });
  });
}
