import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError, abortedError } from '../../../src/api/errors';
import type { GraphResponse, ReportsResponse } from '../../../src/api/types';
import type { RangeSelection } from '../../../src/lib/dates';
import type { RequestStatus } from '../../../src/lib/request';
import { useGraphStore } from '../../../src/stores/graph';
import { useRangeStore } from '../../../src/stores/range';
import { useReportsStore } from '../../../src/stores/reports';
import { graphAnswerFor, reportsAnswerFor, setUpStores } from './fakeApi';

/**
 * The ranges a hurried user clicks through, with the queries each must send (today is 26 Nov 2025 in Berlin); the
 * graph asks one day more than it shows (a real site drops the last day asked for).
 */
const CLICKS: { selection: RangeSelection; startTime: string; endTime: string; days: [string, string] }[] = [
  {
    selection: { preset: 'last_7_days' },
    startTime: '2025-11-20 00:00:00',
    endTime: '2025-11-26 23:59:59',
    days: ['2025-11-20', '2025-11-27'],
  },
  {
    selection: { preset: 'last_30_days' },
    startTime: '2025-10-28 00:00:00',
    endTime: '2025-11-26 23:59:59',
    days: ['2025-10-28', '2025-11-27'],
  },
  {
    selection: { preset: 'this_month' },
    startTime: '2025-11-01 00:00:00',
    endTime: '2025-11-26 23:59:59',
    days: ['2025-11-01', '2025-11-27'],
  },
  {
    selection: { preset: 'custom', from: '2025-10-01', to: '2025-10-15' },
    startTime: '2025-10-01 00:00:00',
    endTime: '2025-10-15 23:59:59',
    days: ['2025-10-01', '2025-10-16'],
  },
];

/** The title `reportsAnswerFor` gives the first widget of the answer for a range starting at `startTime`. */
const titleFor = (startTime: string) => `Total Bookings from ${startTime}`;

/** Starts on the first range and clicks through the others, letting each click send its requests. */
async function clickThroughRanges() {
  const setup = setUpStores({ initial: CLICKS[0]!.selection });
  const range = useRangeStore();
  const reports = useReportsStore();
  const graph = useGraphStore();
  void reports.load();
  void graph.load();
  for (const click of CLICKS.slice(1)) {
    range.select(click.selection);
    await flushPromises();
  }
  return { ...setup, range, reports, graph };
}

describe('useReportsStore and useGraphStore under a range race', () => {
  it('sends one request per range clicked, each with that range’s query', async () => {
    const { fake } = await clickThroughRanges();

    expect(fake.reports.map((call) => call.query)).toEqual(
      CLICKS.map(({ startTime, endTime }) => ({ startTime, endTime })),
    );
    expect(fake.graph.map((call) => call.query)).toEqual(CLICKS.map(({ days }) => ({ date_range: days })));
  });

  it('aborts every superseded request and keeps only the newest one open', async () => {
    const { fake } = await clickThroughRanges();

    expect(fake.reports.map((call) => call.signal.aborted)).toEqual([true, true, true, false]);
    expect(fake.graph.map((call) => call.signal.aborted)).toEqual([true, true, true, false]);
  });

  it('shows only the selected range’s answer while late answers arrive out of order, the oldest last', async () => {
    const { fake, reports, graph } = await clickThroughRanges();
    const current = CLICKS[3]!;
    const seen: { status: RequestStatus; title: string | undefined; graphDays: string[] | undefined }[] = [];
    const look = () =>
      seen.push({
        status: reports.status,
        title: reports.overview[0]?.title,
        graphDays: graph.response ? Object.keys(graph.response.booked_stats) : undefined,
      });
    const answer = async (index: number) => {
      const reportsCall = fake.reports[index]!;
      const graphCall = fake.graph[index]!;
      reportsCall.resolve(reportsAnswerFor(reportsCall.query));
      graphCall.resolve(graphAnswerFor(graphCall.query));
      await flushPromises();
      look();
    };

    look();
    await answer(2);
    await answer(1);
    await answer(3);
    await answer(2);
    await answer(0);

    const before = { status: 'loading', title: undefined, graphDays: undefined };
    const after = { status: 'success', title: titleFor(current.startTime), graphDays: current.days };
    expect(seen).toEqual([before, before, before, after, after, after]);
    expect(graph.status).toBe('success');
  });

  it('never shows the previous range’s numbers once another range is selected', async () => {
    const { fake, range, reports, graph } = setUpStoresWithFirstAnswer();
    await flushPromises();
    expect(reports.overview[0]?.title).toBe(titleFor(CLICKS[0]!.startTime));
    expect(graph.response).not.toBeNull();

    range.select(CLICKS[1]!.selection);
    await flushPromises();

    expect(reports.status).toBe('loading');
    expect(reports.overview).toEqual([]);
    expect(reports.latestBookings).toEqual([]);
    expect(graph.status).toBe('loading');
    expect(graph.response).toBeNull();
    expect(fake.reports).toHaveLength(2);
  });

  it('never shows the error of a superseded request', async () => {
    const { fake, reports, graph } = await clickThroughRanges();
    const failure = new ApiError({ kind: 'http', code: 'http_error', status: 500, message: 'Boom' });

    fake.reports[1]!.reject(failure);
    fake.graph[1]!.reject(failure);
    fake.reports[0]!.reject(abortedError());
    fake.graph[0]!.reject(abortedError());
    await flushPromises();

    expect(reports.status).toBe('loading');
    expect(reports.error).toBeNull();
    expect(graph.status).toBe('loading');
    expect(graph.error).toBeNull();

    fake.reports[3]!.resolve(reportsAnswerFor(fake.reports[3]!.query));
    fake.graph[3]!.resolve(graphAnswerFor(fake.graph[3]!.query));
    fake.reports[2]!.reject(failure);
    await flushPromises();

    expect(reports.status).toBe('success');
    expect(reports.error).toBeNull();
    expect(graph.status).toBe('success');
  });

  it('shows the error of the current request, without any data', async () => {
    const { fake, reports, graph } = await clickThroughRanges();

    fake.reports[3]!.reject(
      new ApiError({ kind: 'wp_error', code: 'rest_forbidden', status: 401, message: 'Not allowed.' }),
    );
    fake.graph[3]!.reject(new TypeError('socket hang up'));
    await flushPromises();

    expect(reports.status).toBe('error');
    expect(reports.error).toMatchObject({ code: 'rest_forbidden', message: 'Not allowed.' });
    expect(reports.overview).toEqual([]);
    expect(graph.status).toBe('error');
    // Anything that is not an ApiError still reaches the panel as one, with a message.
    expect(graph.error).toBeInstanceOf(ApiError);
    expect(graph.error?.message).toContain('socket hang up');
    expect(graph.response).toBeNull();
  });
});

/** Stores on the first range whose first answers have been delivered. */
function setUpStoresWithFirstAnswer() {
  const setup = setUpStores({ initial: CLICKS[0]!.selection });
  const range = useRangeStore();
  const reports = useReportsStore();
  const graph = useGraphStore();
  void reports.load();
  void graph.load();
  const reportsCall = setup.fake.reports[0]!;
  const graphCall = setup.fake.graph[0]!;
  reportsCall.resolve(reportsAnswerFor(reportsCall.query) satisfies ReportsResponse);
  graphCall.resolve(graphAnswerFor(graphCall.query) satisfies GraphResponse);
  return { ...setup, range, reports, graph };
}
