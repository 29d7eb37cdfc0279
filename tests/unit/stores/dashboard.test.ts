import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { useDashboardStore } from '../../../src/stores/dashboard';
import { useRangeStore } from '../../../src/stores/range';
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

  it('says it is refreshing until every shown panel settled, then when it was updated, by the one clock', async () => {
    let now = BERLIN_NOW;
    const { fake, services } = setUpStores({ now: () => now });
    const dashboard = useDashboardStore();
    dashboard.show(['overview', 'graph']);

    now += 5 * 60_000;
    const done = dashboard.refresh();
    expect(services.clock.now.value).toBe(now);
    expect(dashboard.refreshing).toBe(true);
    fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query));
    await flushPromises();
    expect(dashboard.refreshing).toBe(true);
    expect(dashboard.lastUpdated).toBeUndefined();

    now += 2_000;
    fake.graph[0]!.resolve(graphAnswerFor(fake.graph[0]!.query));
    await done;

    expect(dashboard.refreshing).toBe(false);
    expect(dashboard.lastUpdated).toBe(now);
    expect(services.clock.now.value).toBe(now);
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
