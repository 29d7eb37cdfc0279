/**
 * Issue #15, point 1: "Compare with previous period" draws the previous period's three series dashed beside the
 * range's, bucket by bucket, and names both windows in the legend, the table, the chart's name and the downloads.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { GraphResponse } from '../../src/api/types';
import { PREVIOUS_DASH } from '../../src/charts/datasets';
import type { RequestStatus } from '../../src/lib/request';
import { drawnChart, mountGraph as mountWith, unmountGraphs } from './graphMount';
import { buttonNamed, captureDownloads, seriousAxeViolations } from './mount';

/** The three days before the spec example's (Jan 1–3, 2025): 12 booked, 5 completed, 2 cancelled. */
const PREVIOUS: GraphResponse = {
  booked_stats: { '2024-12-29': 4, '2024-12-30': 6, '2024-12-31': 2 },
  completed_stats: { '2024-12-29': 1, '2024-12-30': 2, '2024-12-31': 2 },
  cancelled_stats: { '2024-12-29': 0, '2024-12-30': 2, '2024-12-31': 0 },
};
const PREVIOUS_DAYS = ['2024-12-29', '2024-12-31'] as const;

interface Comparison {
  on: boolean;
  days: readonly [string, string];
  response: GraphResponse | null;
  status: RequestStatus;
  errorMessage: string;
}

afterEach(unmountGraphs);

/** The spec example's graph, compared (as `comparison` says over a loaded previous period), or not offered (`null`). */
function mountGraph(comparison: Partial<Comparison> | null) {
  return mountWith({
    comparison: comparison && {
      on: true,
      days: PREVIOUS_DAYS,
      response: PREVIOUS,
      status: 'success',
      errorMessage: '',
      ...comparison,
    },
  });
}

const compareBox = (wrapper: VueWrapper) =>
  wrapper.findAll('label').find((label) => label.text() === 'Compare with previous period');

describe('BookingsGraph, compared with the previous period', () => {
  it('offers the comparison as a checkbox that says what it does, and not for a range without a period before it', async () => {
    const off = mountGraph({ on: false, response: null, status: 'idle' });
    const label = compareBox(off);
    expect(label).toBeDefined();
    const box = label!.get('input');
    expect(box.attributes('type')).toBe('checkbox');
    expect((box.element as HTMLInputElement).checked).toBe(false);
    await box.setValue(true);
    expect(off.emitted('compare')).toEqual([[true]]);
    // Off, nothing of the previous period shows.
    expect(off.find('.br-graph__periods').exists()).toBe(false);
    expect(off.get('.br-graph__body').text()).not.toContain('revious');

    expect(compareBox(mountGraph(null))).toBeUndefined();
  });

  it('draws the previous period dashed beside the range, day 1 with day 1, and names both windows', async () => {
    const wrapper = mountGraph({});
    expect(wrapper.findAll('.br-graph__periods li').map((item) => item.text())).toEqual([
      'Jan 1, 2025 – Jan 3, 2025',
      'Previous period: Dec 29, 2024 – Dec 31, 2024',
    ]);
    expect(
      wrapper.findAll('.br-graph__legend button').map((button) => button.text().replace(/\s+/g, ' ')),
    ).toEqual(['Booked 16 previous 12', 'Completed 11 previous 5', 'Cancelled 1 previous 2']);
    expect(wrapper.get('canvas').attributes('aria-label')).toBe(
      'Bookings over time, Jan 1, 2025 – Jan 3, 2025: 16 booked, 11 completed, 1 cancelled. ' +
        'Previous period, Dec 29, 2024 – Dec 31, 2024: 12 booked, 5 completed, 2 cancelled.',
    );

    const chart = await drawnChart(wrapper);
    expect(chart.data.labels).toEqual(['Jan 1', 'Jan 2', 'Jan 3']);
    expect(chart.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
      ['Booked', [5, 3, 8]],
      ['Completed', [3, 2, 6]],
      ['Cancelled', [1, 0, 0]],
      ['Booked, previous period', [4, 6, 2]],
      ['Completed, previous period', [1, 2, 2]],
      ['Cancelled, previous period', [0, 2, 0]],
    ]);
    const dashes = chart.data.datasets.map((dataset) => (dataset as { borderDash?: number[] }).borderDash);
    expect(dashes.slice(3)).toEqual([PREVIOUS_DASH, PREVIOUS_DASH, PREVIOUS_DASH]);
    expect(dashes.slice(0, 3)).not.toContainEqual(PREVIOUS_DASH);

    // A series switched off is off in both periods.
    await buttonNamed(wrapper, 'Completed').trigger('click');
    await vi.waitFor(() =>
      expect(chart.data.datasets.map((dataset) => dataset.hidden)).toEqual([
        false,
        true,
        false,
        false,
        true,
        false,
      ]),
    );
  });

  it('tables each day beside the previous period’s day of the same position, under a caption naming both', async () => {
    const wrapper = mountGraph({});
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(wrapper.get('caption').text()).toBe(
      'Bookings over time, Jan 1, 2025 – Jan 3, 2025 compared with Dec 29, 2024 – Dec 31, 2024',
    );
    expect(wrapper.findAll('thead th').map((cell) => cell.text())).toEqual([
      'Period',
      'Booked',
      'Completed',
      'Cancelled',
      'Previous period',
      'Booked, previous period',
      'Completed, previous period',
      'Cancelled, previous period',
    ]);
    const rows = (selector: string) =>
      wrapper.findAll(selector).map((row) => row.findAll('th, td').map((cell) => cell.text()));
    expect(rows('tbody tr')).toEqual([
      ['Jan 1', '5', '3', '1', 'Dec 29', '4', '1', '0'],
      ['Jan 2', '3', '2', '0', 'Dec 30', '6', '2', '2'],
      ['Jan 3', '8', '6', '0', 'Dec 31', '2', '2', '0'],
    ]);
    expect(rows('tfoot tr')).toEqual([['Total', '16', '11', '1', '', '12', '5', '2']]);
  });

  it('downloads a CSV with the previous period’s columns', async () => {
    const files = captureDownloads();
    const wrapper = mountGraph({});
    await buttonNamed(wrapper, 'Download CSV').trigger('click');
    const text = (await files[0]!.blob.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')).toEqual([
      '"Bookings over time, Jan 1, 2025 – Jan 3, 2025 compared with Dec 29, 2024 – Dec 31, 2024"',
      'Day,Booked,Completed,Cancelled,Previous period,"Booked, previous period","Completed, previous period","Cancelled, previous period"',
      '2025-01-01,5,3,1,2024-12-29,4,1,0',
      '2025-01-02,3,2,0,2024-12-30,6,2,2',
      '2025-01-03,8,6,0,2024-12-31,2,2,0',
      '',
    ]);
  });

  it('says while the previous period loads, and shows the range alone meanwhile', async () => {
    const wrapper = mountGraph({ response: null, status: 'loading' });
    expect(wrapper.get('[role="status"]').text()).toBe('Loading the previous period…');
    expect(wrapper.find('.br-graph__periods').exists()).toBe(false);
    expect((await drawnChart(wrapper)).data.datasets).toHaveLength(3);
  });

  it('says why the previous period failed, keeps the range drawn, and Retry asks for it again', async () => {
    const wrapper = mountGraph({ response: null, status: 'error', errorMessage: 'The server is down.' });
    const alert = wrapper.get('[role="alert"]');
    expect(alert.text()).toContain('The previous period could not be loaded. The server is down.');
    await alert.get('button').trigger('click');
    expect(wrapper.emitted('retryComparison')).toHaveLength(1);
    expect(wrapper.emitted('retry')).toBeUndefined();
    expect((await drawnChart(wrapper)).data.datasets).toHaveLength(3);
  });

  it('has no serious or critical axe finding compared, as a chart, as a table, and when the period failed', async () => {
    const wrapper = mountGraph({});
    await drawnChart(wrapper);
    expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    const failed = mountGraph({ response: null, status: 'error', errorMessage: 'Down.' });
    expect(await seriousAxeViolations(failed.element)).toEqual([]);
  });

  it('says when the site sent nothing for the previous period, naming it by its days', () => {
    const wrapper = mountGraph({ response: { booked_stats: {}, completed_stats: {}, cancelled_stats: {} } });
    expect(wrapper.text()).toContain('This site sent no graph figures for the previous period.');
    expect(wrapper.get('.br-graph__periods').text()).toContain(
      'Previous period: Dec 29, 2024 – Dec 31, 2024',
    );
  });
});
