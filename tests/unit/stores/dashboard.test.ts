import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors';
import { useDashboardStore } from '../../../src/stores/dashboard';
import { useRangeStore } from '../../../src/stores/range';
import { useReportsStore } from '../../../src/stores/reports';
import { BERLIN_NOW, graphAnswerFor, reportsAnswerFor, setUpStores } from './fakeApi';

const calls = (fake: ReturnType<typeof setUpStores>['fake']) => [
  fake.reports.length,
  fake.graph.length,
  fake.activities.length,
];

describe('useDashboardStore', () => {
  it('loads the shown panels’ stores once each: three panels share /reports', async () => {
    const { fake } = setUpStores();
    const dashboard = useDashboardStore();
    dashboard.show(['overview', 'latest', 'next']);

    void dashboard.refresh();
    await flushPromises();

    expect(calls(fake)).toEqual([1, 0, 0]);
  });

  it('reloads on a range change only what the shown panels need', async () => {
    const { fake } = setUpStores();
    const dashboard = useDashboardStore();
    dashboard.show(['overview']);
    void dashboard.refresh();
    await flushPromises();

    useRangeStore().select({ preset: 'last_7_days' });
    await flushPromises();

    expect(calls(fake)).toEqual([2, 0, 0]);
    expect(fake.reports[1]!.query).toEqual({
      startTime: '2025-11-20 00:00:00',
      endTime: '2025-11-26 23:59:59',
    });
  });

  it('reloads the range’s panels, not the feed, on a range change; everything on refresh', async () => {
    const { fake } = setUpStores();
    const dashboard = useDashboardStore();
    void dashboard.refresh();
    await flushPromises();
    expect(calls(fake)).toEqual([1, 1, 1]);

    useRangeStore().select({ preset: 'this_month' });
    await flushPromises();
    expect(calls(fake)).toEqual([2, 2, 1]);

    void dashboard.refresh();
    await flushPromises();
    expect(calls(fake)).toEqual([3, 3, 2]);
  });

  it('says it is refreshing until every shown panel settled, and when the oldest data shown was asked for', async () => {
    let now = BERLIN_NOW;
    const { fake, services } = setUpStores({ now: () => now });
    const dashboard = useDashboardStore();
    dashboard.show(['overview', 'graph']);

    now += 5 * 60_000;
    const asked = now;
    const done = dashboard.refresh();
    expect(services.clock.now.value).toBe(asked);
    expect(dashboard.refreshing).toBe(true);
    expect(dashboard.lastUpdated).toBeUndefined();
    fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query));
    await flushPromises();
    expect(dashboard.refreshing).toBe(true);

    now += 2_000;
    fake.graph[0]!.resolve(graphAnswerFor(fake.graph[0]!.query));
    await done;

    expect(dashboard.refreshing).toBe(false);
    expect(dashboard.lastUpdated).toBe(asked);
  });

  it('keeps the last good data up when a refresh fails, says since when, and retries only what failed', async () => {
    let now = BERLIN_NOW;
    const { fake } = setUpStores({ now: () => now });
    const dashboard = useDashboardStore();
    const reports = useReportsStore();
    dashboard.show(['overview', 'graph']);
    void dashboard.refresh();
    fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query));
    fake.graph[0]!.resolve(graphAnswerFor(fake.graph[0]!.query));
    await flushPromises();
    const firstTitle = reports.overview[0]!.title;

    now += 10 * 60_000;
    void dashboard.refresh();
    expect(reports.overview[0]!.title).toBe(firstTitle);
    fake.reports[1]!.reject(
      new ApiError({ kind: 'network', code: 'network_error', status: 0, message: 'Offline' }),
    );
    fake.graph[1]!.resolve(graphAnswerFor(fake.graph[1]!.query));
    await flushPromises();

    expect(reports.status).toBe('error');
    expect(reports.stale).toBe(true);
    expect(reports.overview[0]!.title).toBe(firstTitle);
    expect(dashboard.staleSince).toBe(BERLIN_NOW);
    expect(dashboard.lastUpdated).toBe(BERLIN_NOW);

    now += 60_000;
    void dashboard.retryFailed();
    expect(calls(fake)).toEqual([3, 2, 0]);
    fake.reports[2]!.resolve(reportsAnswerFor(fake.reports[2]!.query));
    await flushPromises();

    expect(dashboard.staleSince).toBeUndefined();
    expect(dashboard.failed).toEqual([]);
    expect(dashboard.lastUpdated).toBe(BERLIN_NOW + 10 * 60_000);
  });

  it('drops the data of another range at once: a failed range change shows no earlier range’s numbers', async () => {
    const { fake } = setUpStores();
    const dashboard = useDashboardStore();
    const reports = useReportsStore();
    dashboard.show(['overview']);
    void dashboard.refresh();
    fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query));
    await flushPromises();

    useRangeStore().select({ preset: 'last_7_days' });
    await flushPromises();
    expect(reports.overview).toEqual([]);
    fake.reports[1]!.reject(
      new ApiError({ kind: 'network', code: 'network_error', status: 0, message: 'Offline' }),
    );
    await flushPromises();

    expect(reports.stale).toBe(false);
    expect(dashboard.staleSince).toBeUndefined();
    expect(dashboard.failed).toHaveLength(1);
  });

  it('does not load a panel twice when a refresh moves the range past midnight', async () => {
    let now = BERLIN_NOW;
    const { fake } = setUpStores({ now: () => now, initial: { preset: 'today' } });
    const dashboard = useDashboardStore();
    void dashboard.refresh();
    await flushPromises();

    now += 24 * 3_600_000;
    void dashboard.refresh();
    await flushPromises();

    expect(calls(fake)).toEqual([2, 2, 2]);
    expect(fake.reports[1]!.query).toEqual({
      startTime: '2025-11-27 00:00:00',
      endTime: '2025-11-27 23:59:59',
    });
    expect(fake.reports[1]!.signal.aborted).toBe(false);
  });

  it('aborts the shown panels’ requests', () => {
    const { fake } = setUpStores();
    const dashboard = useDashboardStore();
    void dashboard.refresh();

    dashboard.abort();

    expect([fake.reports, fake.graph, fake.activities].map((list) => list[0]!.signal.aborted)).toEqual([
      true,
      true,
      true,
    ]);
  });
});
