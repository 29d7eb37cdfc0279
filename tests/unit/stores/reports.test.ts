import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors';
import type { NextMeeting, ReportsQuery } from '../../../src/api/types';
import { useActivitiesStore } from '../../../src/stores/activities';
import { useGraphStore } from '../../../src/stores/graph';
import { useRangeStore } from '../../../src/stores/range';
import { useReportsStore } from '../../../src/stores/reports';
import { graphAnswerFor, reportsAnswerFor, setUpStores } from './fakeApi';

const MEETING: NextMeeting = {
  id: 9,
  status: 'scheduled',
  first_name: 'Grace',
  last_name: 'Hopper',
  email: 'grace@example.com',
  start_time: '2025-11-28 09:00:00',
  end_time: '2025-11-28 09:30:00',
  title: 'Consultation',
  author: { name: 'Host' },
};

function setUp() {
  const { fake } = setUpStores();
  return {
    fake,
    range: useRangeStore(),
    reports: useReportsStore(),
    graph: useGraphStore(),
    activities: useActivitiesStore(),
  };
}

const serverError = () => new ApiError({ kind: 'http', code: 'http_error', status: 500, message: 'Boom' });

describe('useReportsStore', () => {
  it('goes idle → loading → success, with the answer’s three lists', async () => {
    const { fake, reports } = setUp();
    expect(reports.status).toBe('idle');

    void reports.load();
    expect(reports.status).toBe('loading');
    fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query, { next_meetings: [MEETING] }));
    await flushPromises();

    expect(reports.status).toBe('success');
    expect(reports.overview.map((widget) => widget.title)).toEqual([
      'Total Bookings from 2025-10-28 00:00:00',
    ]);
    expect(reports.latestBookings.map((booking) => booking.first_name)).toEqual(['Ada']);
    expect(reports.nextMeetings.map((meeting) => meeting.first_name)).toEqual(['Grace']);
  });

  it('holds an answer with nothing in it as a success with empty lists (each panel says it is empty)', async () => {
    const { fake, reports } = setUp();

    void reports.load();
    fake.reports[0]!.resolve({ overview: [], latest_books: [], next_meetings: [] });
    await flushPromises();

    expect(reports.status).toBe('success');
    expect([reports.overview, reports.latestBookings, reports.nextMeetings]).toEqual([[], [], []]);
  });

  it('holds an error and clears it on retry', async () => {
    const { fake, reports } = setUp();
    void reports.load();
    fake.reports[0]!.reject(serverError());
    await flushPromises();

    expect(reports.status).toBe('error');
    expect(reports.error?.message).toBe('Boom');

    void reports.retry();
    expect(reports.status).toBe('loading');
    expect(reports.error).toBeNull();
    expect(fake.reports).toHaveLength(2);
    expect(fake.reports[1]!.query).toEqual(fake.reports[0]!.query);
    fake.reports[1]!.resolve(reportsAnswerFor(fake.reports[1]!.query));
    await flushPromises();
    expect(reports.status).toBe('success');
  });

  it('reloads only itself on retry', async () => {
    const { fake, reports, graph, activities } = setUp();
    void reports.load();
    void graph.load();
    void activities.load();
    fake.reports[0]!.reject(serverError());
    fake.graph[0]!.resolve(graphAnswerFor(fake.graph[0]!.query));
    fake.activities[0]!.resolve({ activities: [] });
    await flushPromises();

    void reports.retry();
    await flushPromises();

    expect([fake.reports.length, fake.graph.length, fake.activities.length]).toEqual([2, 1, 1]);
    expect(graph.status).toBe('success');
  });

  it('stops listening to an aborted request', async () => {
    const { fake, reports } = setUp();
    void reports.load();

    reports.abort();
    fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query));
    await flushPromises();

    expect(fake.reports[0]!.signal.aborted).toBe(true);
    expect(reports.overview).toEqual([]);
  });
});

describe('useGraphStore', () => {
  it('reloads only itself on retry, for the same days', async () => {
    const { fake, graph } = setUp();
    void graph.load();
    fake.graph[0]!.reject(serverError());
    await flushPromises();
    expect(graph.status).toBe('error');

    void graph.retry();

    expect(fake.graph.map((call) => call.query)).toEqual([
      { date_range: ['2025-10-28', '2025-11-27'] },
      { date_range: ['2025-10-28', '2025-11-27'] },
    ]);
    expect([fake.reports.length, fake.activities.length]).toEqual([0, 0]);
  });
});

describe('useActivitiesStore', () => {
  it('loads the feed and does not reload when the range changes', async () => {
    const { fake, range, activities } = setUp();
    void activities.load();
    fake.activities[0]!.resolve({ activities: [] });
    await flushPromises();
    expect(activities.status).toBe('success');

    range.select({ preset: 'last_7_days' });
    await flushPromises();

    expect(fake.activities).toHaveLength(1);
    expect(fake.reports).toHaveLength(1);
    expect(fake.graph).toHaveLength(1);
  });
});

describe('useReportsStore: changes only where the server follows the contract', () => {
  /** A real site's answer: no contract header, so no `followsContract`; `number` 4 in every widget. */
  const realSiteAnswer = (query: ReportsQuery, number = 4) => {
    const { followsContract: _trusted, ...answer } = reportsAnswerFor(query);
    return { ...answer, overview: answer.overview.map((widget) => ({ ...widget, number, stat: 5800 })) };
  };

  it('trusts stat from a server that says it follows the contract, and asks nothing more', async () => {
    const { fake, reports } = setUp();
    void reports.load();
    fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query));
    await flushPromises();

    expect(fake.reports).toHaveLength(1);
    expect(reports.changeSource).toBe('server');
  });

  it('asks a real site for the comparison window after the range, then for both at once', async () => {
    const { fake, range, reports } = setUp();
    const loaded = reports.load();
    fake.reports[0]!.resolve(realSiteAnswer(fake.reports[0]!.query));
    await flushPromises();

    // Last 30 days, 28 Oct – 26 Nov 2025 in Berlin: the 720 hours before, which hold the 25-hour 26 October.
    expect(fake.reports.map((call) => call.query)).toEqual([
      { startTime: '2025-10-28 00:00:00', endTime: '2025-11-26 23:59:59' },
      { startTime: '2025-09-28 01:00:00', endTime: '2025-10-27 23:59:59' },
    ]);
    expect(reports.changeSource).toBe('computed');
    expect(reports.comparisonStatus).toBe('loading');
    expect(reports.previousOverview).toBeNull();

    fake.reports[1]!.resolve(realSiteAnswer(fake.reports[1]!.query, 2));
    await loaded;
    expect(reports.comparisonStatus).toBe('success');
    expect(reports.previousOverview?.map((widget) => widget.number)).toEqual([2]);

    range.select({ preset: 'yesterday' });
    await flushPromises();
    expect(fake.reports.slice(2).map((call) => call.query)).toEqual([
      { startTime: '2025-11-25 00:00:00', endTime: '2025-11-25 23:59:59' },
      { startTime: '2025-11-24 00:00:00', endTime: '2025-11-24 23:59:59' },
    ]);
    // The last range's window answered, not this one's: no numbers to compare with yet.
    expect(reports.previousOverview).toBeNull();
  });

  it('drops a comparison that answers after another range was selected', async () => {
    const { fake, range, reports } = setUp();
    void reports.load();
    fake.reports[0]!.resolve(realSiteAnswer(fake.reports[0]!.query));
    await flushPromises();
    const lateComparison = fake.reports[1]!;

    range.select({ preset: 'last_7_days' });
    await flushPromises();
    lateComparison.resolve(realSiteAnswer(lateComparison.query, 9));
    await flushPromises();

    expect(lateComparison.signal.aborted).toBe(true);
    expect(reports.previousOverview).toBeNull();
  });

  it('says the comparison failed without failing the overview', async () => {
    const { fake, reports } = setUp();
    void reports.load();
    fake.reports[0]!.resolve(realSiteAnswer(fake.reports[0]!.query));
    await flushPromises();
    fake.reports[1]!.reject(serverError());
    await flushPromises();

    expect(reports.status).toBe('success');
    expect(reports.comparisonStatus).toBe('error');
  });

  it('keeps the contract’s all-time stat: all time has no window before it to ask for', async () => {
    const { fake, range, reports } = setUp();
    range.select({ preset: 'all_time' });
    void reports.load();
    const last = fake.reports.at(-1)!;
    last.resolve(realSiteAnswer(last.query));
    await flushPromises();

    expect(fake.reports.every((call) => call.query.startTime === undefined)).toBe(true);
    expect(reports.changeSource).toBe('server');
  });
});
