/**
 * The graph's registry entry (issue #11): what it hands the graph besides the graph's own answer, from the range,
 * the clock and the reports store.
 */
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { GraphResponse, ReportsResponse } from '../../../src/api/types';
import { PANEL_REGISTRY } from '../../../src/components/dashboardPanels';
import type { PanelContext } from '../../../src/components/dashboardPanels';
import { createI18n } from '../../../src/i18n';
import type { RangeSelection } from '../../../src/lib/dates';
import { useGraphStore } from '../../../src/stores/graph';
import { useRangeStore } from '../../../src/stores/range';
import { useReportsStore } from '../../../src/stores/reports';
import { graphAnswerFor, reportsAnswerFor, setUpStores } from './fakeApi';

function overview(all: number, completed: number, cancelled: number): ReportsResponse['overview'] {
  const widget = (title: string, period: string | undefined, number: number) => ({
    title,
    ...(period ? { period } : {}),
    number,
    content: '',
    icon: '',
    stat: 0,
  });
  return [
    widget('Total Bookings', 'all', all),
    widget('Completed Bookings', 'completed', completed),
    widget('Cancelled Bookings', 'cancelled', cancelled),
    widget('Total Guests', undefined, 3),
  ];
}

/** The graph panel's props once both the overview and the graph answered for `initial`. */
async function graphProps(initial: RangeSelection, graph?: (asked: GraphResponse) => GraphResponse) {
  const { fake, services } = setUpStores({ initial });
  const context = {
    i18n: createI18n('en'),
    services,
    bookingUrl: () => undefined,
    bookingsUrl: () => undefined,
    announceTile: () => true,
    printing: () => false,
  } as unknown as PanelContext;
  const props = PANEL_REGISTRY.graph.bind(context);
  void useReportsStore().load();
  void useGraphStore().load();
  await flushPromises();
  fake.reports[0]!.resolve(reportsAnswerFor(fake.reports[0]!.query, { overview: overview(40, 11, 1) }));
  const asked = graphAnswerFor(fake.graph[0]!.query);
  fake.graph[0]!.resolve(graph ? graph(asked) : asked);
  await flushPromises();
  return { props: props(), bound: props, query: fake.graph[0]!.query };
}

describe('the graph panel’s registry entry', () => {
  it('hands the graph the tiles’ numbers, the days it shows and the site’s today', async () => {
    const { props, query } = await graphProps({ preset: 'last_7_days' });
    expect(query).toEqual({ date_range: ['2025-11-20', '2025-11-27'] });
    expect(props.shownDays).toEqual(['2025-11-20', '2025-11-26']);
    expect(props.today).toBe('2025-11-26');
    expect(props.totals).toEqual({ all: 40, completed: 11, cancelled: 1 });
  });

  it('keeps comparing through a refresh of the same range, and stops as soon as another range is asked', async () => {
    const { bound } = await graphProps({ preset: 'last_7_days' });
    void useGraphStore().load();
    await flushPromises();
    expect(bound().totals).toEqual({ all: 40, completed: 11, cancelled: 1 });
    useRangeStore().select({ preset: 'last_30_days' });
    void useGraphStore().load();
    await flushPromises();
    expect(bound().totals).toBeNull();
  });

  it('compares all time only with a graph of the whole history', async () => {
    const twelveMonths = await graphProps({ preset: 'all_time' });
    expect(twelveMonths.query).toEqual({ date_range: ['2024-12-01', '2025-11-26'], history: 'all' });
    expect(twelveMonths.props.totals).toBeNull();
    expect(twelveMonths.props.rangeLabel).toBe('Last 12 months');

    const history = await graphProps({ preset: 'all_time' }, (asked) => ({ ...asked, history: 'all' }));
    expect(history.props.totals).toEqual({ all: 40, completed: 11, cancelled: 1 });
    expect(history.props.rangeLabel).toBe('All time');
  });
});
