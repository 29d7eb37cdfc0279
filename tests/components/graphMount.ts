/**
 * Mounting the bookings graph for its component tests: the props a panel gets, the app's i18n, in the document (the
 * chart needs layout), and its Chart.js instance once drawn. Each test file calls `afterEach(unmountGraphs)`.
 */
import { vi } from 'vitest';
import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { Chart } from 'chart.js';
import BookingsGraph from '../../src/components/BookingsGraph.vue';
import { I18N_KEY, createI18n } from '../../src/i18n';
import type { I18n } from '../../src/i18n';
import type { RequestStatus } from '../../src/lib/request';
import example from '../unit/api/fixtures/examples/graph-reports.json';

/** The graph's props. */
export type GraphProps = InstanceType<typeof BookingsGraph>['$props'];

const mounted: VueWrapper[] = [];

/**
 * Mounts the graph with `props` over the defaults: the spec example (Jan 1–3, 2025) answered, three days asked.
 *
 * @param i18n The app's i18n. @default English
 */
export function mountGraph(props: Partial<GraphProps> = {}, i18n: I18n = createI18n('en')) {
  const wrapper = mount(BookingsGraph, {
    props: { response: example, status: 'success' as RequestStatus, dayCount: 3, rangeLabel: '', ...props },
    global: { provide: { [I18N_KEY]: i18n } },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

/** Unmounts one graph {@link mountGraph} mounted, before its test ends. */
export function unmountGraph(wrapper: VueWrapper): void {
  mounted.splice(mounted.indexOf(wrapper), 1);
  wrapper.unmount();
}

/** Unmounts every graph {@link mountGraph} mounted, and restores the spies a test set. */
export function unmountGraphs(): void {
  while (mounted.length > 0) mounted.pop()?.unmount();
  vi.restoreAllMocks();
}

/** The Chart.js instance of a mounted graph, if it has been drawn. */
export function chartOf(wrapper: VueWrapper): Chart | undefined {
  return Chart.getChart(wrapper.get('canvas').element as HTMLCanvasElement);
}

/** The Chart.js instance once the graph has drawn it: in a task after the first frame (see LineChart.vue). */
export function drawnChart(wrapper: VueWrapper): Promise<Chart> {
  return vi.waitFor(() => {
    const chart = chartOf(wrapper);
    if (!chart) throw new Error('the chart is not drawn yet');
    return chart;
  });
}
