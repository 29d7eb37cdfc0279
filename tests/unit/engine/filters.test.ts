// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FilterOptionsResponse, GraphResponse, ReportsResponse, WpError } from '../../../src/api/types';
import type { SiteData } from '../../../src/data/schema';
import { filteredViewer, handleReportsRequest, parseFilters } from '../../../src/engine';
import type { Viewer } from '../../../src/engine';
import { activity, ADMIN, booking, EVENTS, HOST_BOB, site, USERS, UTC_SITE } from './fixtures';

const filters = (query: string) => parseFilters(new URLSearchParams(query));

/** One request to the engine, as the mock handlers make it: status and body. */
const request = (data: SiteData, route: string, query = '', viewer: Viewer = ADMIN) =>
  handleReportsRequest(data, route, new URLSearchParams(query), UTC_SITE, viewer);

/** The body of a successful request; throws on any other status. */
function bodyOf<T>(data: SiteData, route: string, query = '', viewer: Viewer = ADMIN): T {
  const { status, body } = request(data, route, query, viewer);
  if (status !== 200) throw new Error(`${route}?${query} answered ${status}: ${JSON.stringify(body)}`);
  return body as T;
}

const numbers = (body: ReportsResponse): number[] => body.overview.map((widget) => widget.number);

describe('parseFilters', () => {
  it('returns each given filter as a number, and nothing for the ones not given', () => {
    expect(filters('host_id=2&calendar_id=5&event_id=9007199254740991')).toEqual({
      ok: true,
      value: { host_id: 2, calendar_id: 5, event_id: 9_007_199_254_740_991 },
    });
    expect(filters('calendar_id=7')).toEqual({ ok: true, value: { calendar_id: 7 } });
    expect(filters('startTime=x&history=all&user=3')).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['repeated', 'host_id=2&host_id=2', 'host_id', 'host_id must be given only once.'],
    ['empty', 'calendar_id=', 'calendar_id', 'calendar_id must be a positive integer id.'],
    ['zero', 'event_id=0', 'event_id', 'event_id must be a positive integer id.'],
    ['negative', 'host_id=-1', 'host_id', 'host_id must be a positive integer id.'],
    ['fractional', 'host_id=1.5', 'host_id', 'host_id must be a positive integer id.'],
    ['zero-padded', 'calendar_id=01', 'calendar_id', 'calendar_id must be a positive integer id.'],
    ['signed', 'calendar_id=%2B1', 'calendar_id', 'calendar_id must be a positive integer id.'],
    ['exponent', 'event_id=1e3', 'event_id', 'event_id must be a positive integer id.'],
    ['spaced', 'event_id=%201', 'event_id', 'event_id must be a positive integer id.'],
    ['beyond safe integers', 'host_id=9007199254740992', 'host_id', 'host_id must be a positive integer id.'],
    ['too long', `host_id=${'9'.repeat(17)}`, 'host_id', 'host_id must be a positive integer id.'],
  ])('refuses a %s value with rest_invalid_param naming it', (_case, query, name, problem) => {
    expect(filters(query)).toEqual({
      ok: false,
      error: {
        code: 'rest_invalid_param',
        message: `Invalid parameter(s): ${name}`,
        data: { status: 400, params: { [name]: problem } },
      },
    });
  });

  it('names every bad filter of a request at once', () => {
    const result = filters('host_id=0&calendar_id=3&event_id=x');
    expect(result.ok ? undefined : result.error.message).toBe('Invalid parameter(s): host_id, event_id');
  });
});

describe('filteredViewer', () => {
  it('returns the viewer with the request’s filters, replacing any it carried', () => {
    const viewer: Viewer = { userId: 2, role: 'host', filters: { event_id: 4 } };
    expect(filteredViewer(new URLSearchParams('calendar_id=3'), viewer)).toEqual({
      ok: true,
      value: { userId: 2, role: 'host', filters: { calendar_id: 3 } },
    });
  });
});

/**
 * Alice (1) hosts calendar 1, events 1 and 3; Bob (2) hosts calendar 2, event 2. Six bookings from 2025-01-10 to
 * 2025-01-15, and a group (700) of Bob's upcoming workshop whose attendees booked through two calendars.
 */
const FILTERED = site(
  [
    booking({
      id: 1,
      created_at: '2025-01-10 09:00:00',
      status: 'completed',
      end_time: '2025-01-10 10:00:00',
    }),
    booking({ id: 2, created_at: '2025-01-11 09:00:00', event_id: 3, status: 'cancelled' }),
    booking({
      id: 3,
      created_at: '2025-01-12 09:00:00',
      host_user_id: 2,
      calendar_id: 2,
      event_id: 2,
      status: 'completed',
      end_time: '2025-01-12 10:00:00',
    }),
    booking({ id: 4, created_at: '2025-01-13 09:00:00', host_user_id: 2, calendar_id: 2, event_id: 2 }),
    ...[5, 6, 7].map((id) =>
      booking({
        id,
        created_at: `2025-01-1${id - 1} 09:00:00`,
        host_user_id: 2,
        calendar_id: id === 7 ? 9 : 2,
        event_id: 2,
        event_type: 'group',
        group_id: 700,
        start_time: '2025-02-03 10:00:00',
        end_time: '2025-02-03 11:00:00',
      }),
    ),
  ],
  [
    activity({ id: 1, booking_id: 1, created_at: '2025-01-10 09:00:00' }),
    activity({ id: 2, booking_id: 3, created_at: '2025-01-12 09:00:00' }),
    activity({ id: 3, booking_id: null, created_at: '2025-01-20 09:00:00' }),
    activity({ id: 4, booking_id: 4, created_at: '2025-01-13 09:00:00' }),
  ],
);

describe('the filters on the report endpoints', () => {
  it('narrows every overview number and list to the bookings of the filter', () => {
    // Everything: 7 bookings, completed 1 and 3, cancelled 2; one guest each.
    expect(numbers(bodyOf(FILTERED, 'reports'))).toEqual([7, 2, 1, 7, 0]);
    const bobs = bodyOf<ReportsResponse>(FILTERED, 'reports', 'host_id=2');
    expect(numbers(bobs)).toEqual([5, 1, 0, 5, 0]);
    expect(bobs.latest_books.map((row) => row.id)).toEqual([7, 6, 5, 4, 3]);
    const event3 = bodyOf<ReportsResponse>(FILTERED, 'reports', 'event_id=3');
    expect(numbers(event3)).toEqual([1, 0, 1, 1, 0]);
    expect(event3.latest_books).toEqual([]);
  });

  it('narrows to the bookings that match every filter given together', () => {
    expect(numbers(bodyOf(FILTERED, 'reports', 'host_id=2&calendar_id=2'))).toEqual([4, 1, 0, 4, 0]);
    expect(numbers(bodyOf(FILTERED, 'reports', 'host_id=1&event_id=2'))).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts a group’s attendees of the next meeting among the filtered bookings only', () => {
    const all = bodyOf<ReportsResponse>(FILTERED, 'reports', 'event_id=2');
    expect(all.next_meetings.map((row) => [row.id, row.booked_count])).toEqual([[5, 3]]);
    // Booking 7 came through calendar 9, so calendar 2 holds two of the group's three attendees.
    const calendar = bodyOf<ReportsResponse>(FILTERED, 'reports', 'calendar_id=2');
    expect(calendar.next_meetings.map((row) => [row.id, row.booked_count])).toEqual([[5, 2]]);
    const other = bodyOf<ReportsResponse>(FILTERED, 'reports', 'calendar_id=9');
    expect(other.next_meetings.map((row) => [row.id, row.booked_count])).toEqual([[7, 1]]);
  });

  it('returns a host empty answers, not an error, for another host’s id', () => {
    const reports = request(FILTERED, 'reports', 'host_id=1', HOST_BOB);
    expect(reports.status).toBe(200);
    const body = reports.body as ReportsResponse;
    expect(numbers(body)).toEqual([0, 0, 0, 0, 0]);
    expect([body.latest_books, body.next_meetings]).toEqual([[], []]);
    const graph = bodyOf<GraphResponse>(
      FILTERED,
      'reports/graph-reports',
      'date_range[0]=2025-01-10&date_range[1]=2025-01-12&host_id=1',
      HOST_BOB,
    );
    expect(Object.values(graph.booked_stats)).toEqual([0, 0, 0]);
    expect(bodyOf(FILTERED, 'reports/activities', 'host_id=1', HOST_BOB)).toEqual({ activities: [] });
    // Their own id narrows nothing away.
    expect(numbers(bodyOf(FILTERED, 'reports', 'host_id=2', HOST_BOB))).toEqual([5, 1, 0, 5, 0]);
  });

  it('graphs the filtered bookings only, and widens history=all to their first and last', () => {
    const graph = bodyOf<GraphResponse>(
      FILTERED,
      'reports/graph-reports',
      'date_range[0]=2025-01-10&date_range[1]=2025-01-12&calendar_id=1',
    );
    expect(graph.booked_stats).toEqual({ '2025-01-10': 1, '2025-01-11': 1, '2025-01-12': 0 });
    expect(graph.completed_stats).toEqual({ '2025-01-10': 1, '2025-01-11': 0, '2025-01-12': 0 });
    // Calendar 1's bookings were created on 01-10 and 01-11 and ended on 01-10: from the month's first day to 01-11,
    // where every booking's history would reach 01-16.
    const history = bodyOf<GraphResponse>(
      FILTERED,
      'reports/graph-reports',
      'date_range[0]=2025-01-05&date_range[1]=2025-01-05&history=all&calendar_id=1',
    );
    const days = Object.keys(history.booked_stats);
    expect([days[0], days.at(-1), days.length]).toEqual(['2025-01-01', '2025-01-11', 11]);
    expect(Object.values(history.booked_stats).reduce((sum, count) => sum + count, 0)).toBe(2);
    expect(history.history).toBe('all');
  });

  it('lists only the activities of the filtered bookings, leaving out those without a booking', () => {
    const feed = (query: string) =>
      bodyOf<{ activities: { id: number }[] }>(FILTERED, 'reports/activities', query).activities.map(
        (entry) => entry.id,
      );
    expect(feed('')).toEqual([3, 4, 2, 1]);
    expect(feed('calendar_id=2')).toEqual([4, 2]);
    expect(feed('event_id=1')).toEqual([1]);
    expect(feed('host_id=404')).toEqual([]);
  });

  it('refuses an invalid filter with 400 on every endpoint that takes them, after the endpoint’s own parameters', () => {
    for (const route of ['reports', 'reports/graph-reports', 'reports/activities']) {
      const { status, body } = request(FILTERED, route, 'event_id=0');
      expect(status).toBe(400);
      expect((body as WpError).data?.params).toEqual({ event_id: 'event_id must be a positive integer id.' });
    }
    const both = request(FILTERED, 'reports', 'startTime=2025-01-01+00:00:00&event_id=0');
    expect(Object.keys((both.body as WpError).data?.params ?? {})).toEqual(['endTime']);
  });
});

/** Alice owns calendars 1 and 3, Bob calendar 2, a deleted user calendar 4; Carol owns none. */
const OPTIONS_SITE: SiteData = {
  ...site([]),
  users: [...USERS, { ID: 5, display_name: 'Carol', user_email: 'carol@hosts.example.test', role: 'host' }],
  calendars: [
    { id: 1, user_id: 1, title: 'Zeta', author_timezone: 'UTC' },
    { id: 2, user_id: 2, title: 'bob’s calendar', author_timezone: 'UTC' },
    { id: 3, user_id: 1, title: 'alpha', author_timezone: 'UTC' },
    { id: 4, user_id: 9, title: 'Alpha', author_timezone: 'UTC' },
  ],
  events: [
    ...EVENTS,
    { ...EVENTS[0], id: 4, calendar_id: 3, title: 'Group Workshop' } as (typeof EVENTS)[number],
  ],
};

describe('GET /reports/filters', () => {
  it('offers an administrator every calendar owner, calendar and event, sorted by name then id', () => {
    expect(bodyOf<FilterOptionsResponse>(OPTIONS_SITE, 'reports/filters')).toEqual({
      hosts: [
        { id: 1, name: 'Alice Admin' },
        { id: 2, name: 'Bob Host' },
      ],
      // Case aside first, then the exact name: `Alpha` before `alpha`.
      calendars: [
        { id: 4, name: 'Alpha' },
        { id: 3, name: 'alpha' },
        { id: 2, name: 'bob’s calendar' },
        { id: 1, name: 'Zeta' },
      ],
      events: [
        { id: 1, name: '30 Minute Consultation', calendar_id: 1 },
        { id: 2, name: 'Group Workshop', calendar_id: 2 },
        { id: 4, name: 'Group Workshop', calendar_id: 3 },
        { id: 3, name: 'Orphan Event', calendar_id: 1 },
      ],
    });
  });

  it('offers a host themselves, their calendars and those calendars’ events only', () => {
    expect(bodyOf(OPTIONS_SITE, 'reports/filters', '', HOST_BOB)).toEqual({
      hosts: [{ id: 2, name: 'Bob Host' }],
      calendars: [{ id: 2, name: 'bob’s calendar' }],
      events: [{ id: 2, name: 'Group Workshop', calendar_id: 2 }],
    });
    expect(bodyOf(OPTIONS_SITE, 'reports/filters', '', { userId: 5, role: 'host' })).toEqual({
      hosts: [],
      calendars: [],
      events: [],
    });
  });

  it('takes no parameters: even invalid filters are ignored', () => {
    expect(request(OPTIONS_SITE, 'reports/filters', 'host_id=0&event_id=x')).toEqual(
      request(OPTIONS_SITE, 'reports/filters'),
    );
  });
});
