/**
 * Issue #15, points 2 and 4, in the stores: what the server's namespace index offers decides what is asked. The
 * filters go on every request only once the index declares them; a remembered filter holds the first load back until
 * the index answered; the heatmap panel is asked only of a server that lists it.
 */
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOffers } from '../../../src/api/types';
import { useDashboardStore } from '../../../src/stores/dashboard';
import { useFiltersStore } from '../../../src/stores/filters';
import { useRangeStore } from '../../../src/stores/range';
import { setUpStores } from './fakeApi';

/** Our backend's index, as the client reads it. */
const OURS: ServerOffers = {
  endpoints: ['heatmap', 'filters'],
  filters: ['host_id', 'calendar_id', 'event_id'],
};
/** A real site's: nothing beyond the three endpoints. */
const REAL_SITE: ServerOffers = { endpoints: [], filters: [] };

const LAST_30_DAYS = { startTime: '2025-10-28 00:00:00', endTime: '2025-11-26 23:59:59' };

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('filters and the server’s offers', () => {
  it('sends the first requests before the index answers when nothing is remembered, without any filter', async () => {
    const { fake } = setUpStores();
    void useDashboardStore().open();
    await flushPromises();

    expect(fake.offers).toHaveLength(1);
    expect([fake.reports.length, fake.graph.length, fake.activities.length]).toEqual([1, 1, 1]);
    expect(fake.reports[0]!.query).toEqual(LAST_30_DAYS);
    expect(fake.activities[0]!.query).toEqual({});

    // The index lists the heatmap: its panel appears and is asked for at once; the filters' choices too.
    fake.offers[0]!.resolve(OURS);
    await flushPromises();
    expect(useDashboardStore().visiblePanels).toContain('heatmap');
    expect(fake.heatmap.map((call) => call.query)).toEqual([LAST_30_DAYS]);
    expect(fake.filterOptions).toHaveLength(1);
    // Nothing was chosen: the three endpoints are not asked again.
    expect(fake.reports).toHaveLength(1);
  });

  it('holds a remembered filter’s first load until the index says the server takes it, then filters everything', async () => {
    window.history.replaceState(null, '', '/?host_id=3&event_id=zero');
    const { fake } = setUpStores({ persistence: 'url' });
    void useDashboardStore().open();
    await flushPromises();
    expect([fake.reports.length, fake.graph.length, fake.activities.length]).toEqual([0, 0, 0]);

    fake.offers[0]!.resolve(OURS);
    await flushPromises();

    // `event_id=zero` is no id: only the host is chosen.
    expect(useFiltersStore().chosen).toEqual({ host_id: 3 });
    expect(fake.reports.map((call) => call.query)).toEqual([{ ...LAST_30_DAYS, filters: { host_id: 3 } }]);
    expect(fake.graph[0]!.query.filters).toEqual({ host_id: 3 });
    expect(fake.activities.map((call) => call.query)).toEqual([{ filters: { host_id: 3 } }]);
    expect(fake.heatmap.map((call) => call.query)).toEqual([{ ...LAST_30_DAYS, filters: { host_id: 3 } }]);
  });

  it('never sends a remembered filter to a server whose index does not declare it (a real site)', async () => {
    window.history.replaceState(null, '', '/?host_id=3');
    const { fake } = setUpStores({ persistence: 'url' });
    void useDashboardStore().open();
    await flushPromises();
    fake.offers[0]!.resolve(REAL_SITE);
    await flushPromises();

    expect(fake.reports.map((call) => call.query)).toEqual([LAST_30_DAYS]);
    expect(fake.activities.map((call) => call.query)).toEqual([{}]);
    expect(fake.heatmap).toHaveLength(0);
    expect(fake.filterOptions).toHaveLength(0);
    expect(useDashboardStore().visiblePanels).not.toContain('heatmap');
    // The choice is kept for a server that takes it.
    expect(useFiltersStore().chosen).toEqual({ host_id: 3 });
  });

  it('loads as a real site when the index cannot be read', async () => {
    window.history.replaceState(null, '', '/?calendar_id=2');
    const { fake } = setUpStores({ persistence: 'url' });
    void useDashboardStore().open();
    await flushPromises();
    fake.offers[0]!.reject(new Error('403'));
    await flushPromises();

    expect(fake.reports.map((call) => call.query)).toEqual([LAST_30_DAYS]);
    expect(useFiltersStore().offered).toEqual([]);
  });

  it('reloads every panel, the feed too, with a new filter, remembers it in the URL, and keeps it over a range change', async () => {
    const { fake } = setUpStores({ persistence: 'url' });
    void useDashboardStore().open();
    await flushPromises();
    fake.offers[0]!.resolve(OURS);
    await flushPromises();

    useFiltersStore().choose('calendar_id', 2);
    await flushPromises();
    expect(new URL(window.location.href).searchParams.get('calendar_id')).toBe('2');
    expect(fake.reports.at(-1)!.query).toEqual({ ...LAST_30_DAYS, filters: { calendar_id: 2 } });
    expect(fake.activities.at(-1)!.query).toEqual({ filters: { calendar_id: 2 } });
    expect(fake.heatmap.at(-1)!.query.filters).toEqual({ calendar_id: 2 });
    expect([fake.reports.length, fake.graph.length, fake.activities.length, fake.heatmap.length]).toEqual([
      2, 2, 2, 2,
    ]);

    useRangeStore().select({ preset: 'last_7_days' });
    await flushPromises();
    expect(fake.reports.at(-1)!.query).toEqual({
      startTime: '2025-11-20 00:00:00',
      endTime: '2025-11-26 23:59:59',
      filters: { calendar_id: 2 },
    });
    // The feed does not follow the range.
    expect(fake.activities).toHaveLength(2);

    useFiltersStore().choose('calendar_id', null);
    await flushPromises();
    expect(new URL(window.location.href).searchParams.has('calendar_id')).toBe(false);
    expect(fake.reports.at(-1)!.query).toEqual({
      startTime: '2025-11-20 00:00:00',
      endTime: '2025-11-26 23:59:59',
    });
  });

  it('remembers the filters in localStorage under the range’s key when embedded', async () => {
    window.localStorage.setItem('embedded:filters', JSON.stringify({ event_id: 7, host_id: -1 }));
    const { fake } = setUpStores({ persistence: 'storage', storageKey: 'embedded' });
    expect(useFiltersStore().chosen).toEqual({ event_id: 7 });

    void useDashboardStore().open();
    await flushPromises();
    fake.offers[0]!.resolve(OURS);
    await flushPromises();
    useFiltersStore().choose('host_id', 4);
    expect(JSON.parse(window.localStorage.getItem('embedded:filters') ?? 'null')).toEqual({
      event_id: 7,
      host_id: 4,
    });
    window.localStorage.removeItem('embedded:filters');
  });
});
