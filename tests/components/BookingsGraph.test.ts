import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { Chart } from 'chart.js';
import BookingsGraph from '../../src/components/BookingsGraph.vue';
import { createI18n } from '../../src/i18n';
import example from '../unit/api/fixtures/examples/graph-reports.json';
import { chartOf, drawnChart, mountGraph, unmountGraph, unmountGraphs } from './graphMount';
import { buttonNamed, captureDownloads, seriousAxeViolations } from './mount';
import realSite75Days from '../unit/api/fixtures/real-site/graph_75_days.json';
import { TEXT_PAYLOADS, activeContent } from './safety';
import type { VueWrapper } from '@vue/test-utils';

/** A graph answer without a single period: the graph's one empty case. */
const NO_PERIODS = { booked_stats: {}, completed_stats: {}, cancelled_stats: {} };

/** Table rows as text: the period header and each cell. */
function tableRows(wrapper: VueWrapper): string[][] {
  return wrapper.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()));
}

afterEach(unmountGraphs);

describe('BookingsGraph', () => {
  it('renders a titled panel with a skeleton and a loading status while loading', () => {
    const wrapper = mountGraph({ status: 'loading', response: null });
    expect(wrapper.get('h2').text()).toBe('Bookings over time');
    expect(wrapper.get('[role="status"]').text()).toBe('Loading…');
    expect(wrapper.find('.br-graph__skeleton').exists()).toBe(true);
    expect(wrapper.find('canvas').exists()).toBe(false);
  });

  it('renders the error with a Retry button that emits retry', async () => {
    const wrapper = mountGraph({ status: 'error', response: null, errorMessage: 'The server is down.' });
    expect(wrapper.get('[role="alert"]').text()).toContain('The server is down.');
    await buttonNamed(wrapper, 'Retry').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
    expect(wrapper.find('canvas').exists()).toBe(false);
  });

  it('renders the empty state for a response without a single period, not claiming there were no bookings', () => {
    const wrapper = mountGraph({ response: NO_PERIODS });
    expect(wrapper.text()).toContain('This site sent no graph figures for this range.');
    expect(wrapper.findAll('button')).toHaveLength(0);
    expect(wrapper.find('canvas').exists()).toBe(false);
  });

  it('renders all-zero periods as a chart, not as empty', () => {
    const zeros = { '2025-01-01': 0, '2025-01-02': 0 };
    const wrapper = mountGraph({
      response: { booked_stats: zeros, completed_stats: zeros, cancelled_stats: zeros },
    });
    expect(wrapper.text()).not.toContain('no graph figures');
    expect(wrapper.get('canvas').attributes('aria-label')).toContain('0 booked, 0 completed, 0 cancelled');
  });

  it('renders the spec example as a chart named by its range and totals', async () => {
    const wrapper = mountGraph();
    const canvas = wrapper.get('canvas');
    expect(canvas.attributes('role')).toBe('img');
    expect(canvas.attributes('aria-label')).toBe(
      'Bookings over time, Jan 1, 2025 – Jan 3, 2025: 16 booked, 11 completed, 1 cancelled.',
    );
    const chart = await drawnChart(wrapper);
    expect(chart.data.labels).toEqual(['Jan 1', 'Jan 2', 'Jan 3']);
    expect(chart.data.datasets.map((dataset) => dataset.data)).toEqual([
      [5, 3, 8],
      [3, 2, 6],
      [1, 0, 0],
    ]);
  });

  // Issue #11: the label alone ("Last 12 months") did not say which months; the days shown follow it.
  it('renders the range label it is given, with the days shown, in the chart name and table caption', async () => {
    const wrapper = mountGraph({ rangeLabel: 'Last 12 months' });
    expect(wrapper.get('canvas').attributes('aria-label')).toMatch(
      /^Bookings over time, Last 12 months: Jan 1, 2025 – Jan 3, 2025:/,
    );
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(wrapper.get('caption').text()).toBe(
      'Bookings over time, Last 12 months: Jan 1, 2025 – Jan 3, 2025',
    );
  });

  it('renders legend buttons with each series total, all pressed', () => {
    const wrapper = mountGraph();
    const legend = wrapper.findAll('.br-graph__legend button');
    expect(legend.map((button) => button.text().replace(/\s+/g, ' '))).toEqual([
      'Booked 16',
      'Completed 11',
      'Cancelled 1',
    ]);
    expect(legend.every((button) => button.attributes('type') === 'button')).toBe(true);
    expect(legend.map((button) => button.attributes('aria-pressed'))).toEqual(['true', 'true', 'true']);
  });

  it('renders a legend click as an unpressed button and a hidden series in the chart', async () => {
    const wrapper = mountGraph();
    await drawnChart(wrapper);
    await buttonNamed(wrapper, 'Completed').trigger('click');
    await flushPromises();
    expect(buttonNamed(wrapper, 'Completed').attributes('aria-pressed')).toBe('false');
    const chart = chartOf(wrapper);
    expect(chart?.isDatasetVisible(0)).toBe(true);
    expect(chart?.isDatasetVisible(1)).toBe(false);
    await buttonNamed(wrapper, 'Completed').trigger('click');
    await flushPromises();
    expect(buttonNamed(wrapper, 'Completed').attributes('aria-pressed')).toBe('true');
    expect(chartOf(wrapper)?.isDatasetVisible(1)).toBe(true);
  });

  it('renders a note when every series is switched off', async () => {
    const wrapper = mountGraph();
    for (const name of ['Booked', 'Completed', 'Cancelled'])
      await buttonNamed(wrapper, name).trigger('click');
    expect(wrapper.text()).toContain('All series are hidden.');
  });

  // Issue #11: the toggle said "Show as table" (pressed) while the table showed; its label now says what it does.
  it('renders the same numbers as a table when "Show as table" is pressed, then offers "Show chart"', async () => {
    const wrapper = mountGraph();
    const toggle = buttonNamed(wrapper, 'Show as table');
    expect(toggle.attributes('aria-pressed')).toBeUndefined();
    await toggle.trigger('click');
    expect(toggle.text()).toBe('Show chart');
    expect(toggle.attributes('aria-pressed')).toBeUndefined();
    expect(wrapper.find('canvas').exists()).toBe(false);
    expect(wrapper.get('caption').text()).toBe('Bookings over time, Jan 1, 2025 – Jan 3, 2025');
    expect(wrapper.findAll('thead th').map((cell) => [cell.text(), cell.attributes('scope')])).toEqual([
      ['Period', 'col'],
      ['Booked', 'col'],
      ['Completed', 'col'],
      ['Cancelled', 'col'],
    ]);
    expect(wrapper.findAll('tbody th').every((cell) => cell.attributes('scope') === 'row')).toBe(true);
    expect(tableRows(wrapper)).toEqual([
      ['Jan 1', '5', '3', '1'],
      ['Jan 2', '3', '2', '0'],
      ['Jan 3', '8', '6', '0'],
    ]);
    expect(wrapper.findAll('tfoot th, tfoot td').map((cell) => cell.text())).toEqual([
      'Total',
      '16',
      '11',
      '1',
    ]);
    await toggle.trigger('click');
    expect(toggle.text()).toBe('Show as table');
    expect(wrapper.find('table').exists()).toBe(false);
    expect(wrapper.find('canvas').exists()).toBe(true);
  });

  it("renders the real site's unsorted weekly keys as sorted weeks, counts added to their week", async () => {
    const wrapper = mountGraph({ response: realSite75Days.body, dayCount: 76 });
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(tableRows(wrapper)).toEqual([
      ['Week of Sep 12', '0', '7', '1'],
      ['Week of Sep 19', '0', '3', '0'],
      ['Week of Sep 26', '0', '3', '0'],
      ['Week of Oct 3', '0', '1', '0'],
      ['Week of Oct 10', '0', '2', '0'],
      ['Week of Oct 17', '0', '3', '0'],
      ['Week of Oct 24', '0', '4', '0'],
      ['Week of Oct 31', '0', '4', '2'],
      ['Week of Nov 7', '3', '0', '0'],
      ['Week of Nov 14', '7', '0', '2'],
      ['Week of Nov 21', '10', '0', '5'],
    ]);
    expect(wrapper.text()).not.toContain('Some periods could not be read');
  });

  it('renders the same month of two years as two rows', async () => {
    const response = {
      booked_stats: { 'Jan 2026': 3, 'Jan 2025': 1 },
      completed_stats: { 'Jan 2025': 1 },
      cancelled_stats: {},
    };
    const wrapper = mountGraph({ response, dayCount: 400 });
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    const rows = tableRows(wrapper);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual(['Jan 2025', '1', '1', '0']);
    expect(rows[12]).toEqual(['Jan 2026', '3', '0', '0']);
  });

  it('renders a note, and no element or handler, for keys it cannot read (XSS payloads)', () => {
    const payloadKeys = Object.fromEntries(TEXT_PAYLOADS.map((payload) => [payload, 1]));
    const response = {
      booked_stats: { '2025-01-01': 1, ...payloadKeys },
      completed_stats: payloadKeys,
      cancelled_stats: payloadKeys,
    };
    const wrapper = mountGraph({ response });
    expect(wrapper.text()).toContain('Some periods could not be read.');
    expect(activeContent(wrapper.element)).toEqual([]);
  });

  // Issue #11: rows said "Jan 1" with no year and nothing named the range.
  it('downloads a CSV named by its range, periods as ISO dates, a translated header and numbers as numbers', async () => {
    const files = captureDownloads();
    const wrapper = mountGraph();
    await buttonNamed(wrapper, 'Download CSV').trigger('click');
    expect(files.map((file) => file.name)).toEqual(['bookings-2025-01-01-2025-01-03.csv']);
    expect(files[0]?.blob.type).toBe('text/csv;charset=utf-8');
    const text = (await files[0]!.blob.text()).replace(/^\uFEFF/, '');
    expect(text).toBe(
      '"Bookings over time, Jan 1, 2025 – Jan 3, 2025"\r\n' +
        'Day,Booked,Completed,Cancelled\r\n2025-01-01,5,3,1\r\n2025-01-02,3,2,0\r\n2025-01-03,8,6,0\r\n',
    );
  });

  it('downloads a CSV whose formula-looking texts are neutralised', async () => {
    const files = captureDownloads();
    const hostile = createI18n('en', {
      messages: {
        '': { domain: 'messages', plural_forms: 'nplurals=2; plural=(n != 1);' },
        'Week starting': ['=HYPERLINK("http://evil.example","Week")'],
      },
    });
    const wrapper = mountGraph({ response: realSite75Days.body, dayCount: 76 }, hostile);
    await buttonNamed(wrapper, 'Download CSV').trigger('click');
    const lines = (await files[0]!.blob.text()).split('\r\n');
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://evil.example"",""Week"")",Booked,Completed,Cancelled');
    expect(lines[2]).toBe('2026-09-12,0,7,1');
  });

  it('downloads the chart as a PNG, offered only while the chart is shown', async () => {
    const files = captureDownloads();
    const wrapper = mountGraph();
    await drawnChart(wrapper);
    await buttonNamed(wrapper, 'Download PNG').trigger('click');
    expect(files.map((file) => [file.name, file.blob.type])).toEqual([
      ['bookings-2025-01-01-2025-01-03.png', 'image/png'],
    ]);
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(wrapper.findAll('button').some((button) => button.text() === 'Download PNG')).toBe(false);
  });

  it('destroys the Chart.js instance when it unmounts', async () => {
    const wrapper = mountGraph();
    const canvas = wrapper.get('canvas').element as HTMLCanvasElement;
    expect(await drawnChart(wrapper)).toBeInstanceOf(Chart);
    unmountGraph(wrapper);
    expect(Chart.getChart(canvas)).toBeUndefined();
  });

  it('shows the named canvas at once and draws the chart in a task after the next frame', async () => {
    const order: string[] = [];
    const frame = window.requestAnimationFrame.bind(window);
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) =>
      frame((time) => {
        order.push('frame');
        callback(time);
      }),
    );
    const wrapper = mountGraph();
    expect(wrapper.get('canvas').attributes('aria-label')).toMatch(/^Bookings over time, /);
    expect(chartOf(wrapper)).toBeUndefined();
    await flushPromises();
    expect(chartOf(wrapper)).toBeUndefined();
    const chart = await drawnChart(wrapper);
    order.push('chart');
    expect(order).toEqual(['frame', 'chart']);
    expect(chart.data.labels).toEqual(['Jan 1', 'Jan 2', 'Jan 3']);
  });

  it('builds no chart when it unmounts before drawing', async () => {
    const wrapper = mountGraph();
    const canvas = wrapper.get('canvas').element as HTMLCanvasElement;
    unmountGraph(wrapper);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A chart built after the unmount would stay registered on its canvas: nothing would destroy it.
    expect(Chart.getChart(canvas)).toBeUndefined();
  });

  it('renders numbers and dates in German for a German locale', async () => {
    const big = { '2025-01-01': 1234, '2025-01-02': 0 };
    const wrapper = mountGraph(
      { response: { booked_stats: big, completed_stats: {}, cancelled_stats: {} }, dayCount: 2 },
      createI18n('de_DE'),
    );
    expect(wrapper.get('canvas').attributes('aria-label')).toContain('1.234 booked');
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(tableRows(wrapper)).toEqual([
      ['1. Jan.', '1.234', '0', '0'],
      ['2. Jan.', '0', '0', '0'],
    ]);
  });

  it('renders a right-to-left chart for Arabic', async () => {
    const wrapper = mountGraph({}, createI18n('ar'));
    const { options } = await drawnChart(wrapper);
    expect(options.scales?.x?.reverse).toBe(true);
    expect(options.locale).toBe('ar');
  });

  it('renders chart, table and every state with no serious or critical axe violation', async () => {
    const chart = mountGraph();
    expect(await seriousAxeViolations(chart.element)).toEqual([]);
    await buttonNamed(chart, 'Show as table').trigger('click');
    expect(await seriousAxeViolations(chart.element)).toEqual([]);
    for (const status of ['loading', 'error'] as const) {
      const wrapper = mountGraph({ status, response: null, errorMessage: 'Failed.' });
      expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    }
    expect(await seriousAxeViolations(mountGraph({ response: NO_PERIODS }).element)).toEqual([]);
  });

  it('renders series in the colours of the app root, following a switch to dark mode', async () => {
    const root = document.createElement('div');
    root.className = 'br-root';
    root.style.setProperty('--br-color-series-booked', '#2271b1');
    document.body.append(root);
    const wrapper = mount(BookingsGraph, {
      props: { response: example, status: 'success', dayCount: 3, rangeLabel: '' },
      attachTo: root,
    });
    // jsdom does not inherit custom properties, so the test sets them where the chart reads them.
    const body = wrapper.get('.br-graph__body').element as HTMLElement;
    expect((await drawnChart(wrapper)).data.datasets[0]?.borderColor).toBe('#2271b1');
    body.style.setProperty('--br-color-series-booked', '#72aee6');
    root.setAttribute('data-color-scheme', 'dark');
    await flushPromises();
    expect(chartOf(wrapper)?.data.datasets[0]?.borderColor).toBe('#72aee6');
    wrapper.unmount();
    root.remove();
  });
});
