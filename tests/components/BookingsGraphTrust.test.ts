/**
 * Issue #11, "Numbers a site admin can trust": what the graph says beside the overview tiles, against our servers
 * and against a real site's captured answers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { GraphResponse } from '../../src/api/types';
import { validateGraphResponse, validateReportsResponse } from '../../src/api/validate';
import { PARTIAL_DASH } from '../../src/charts/datasets';
import { drawnChart, mountGraph as mountWith, unmountGraphs } from './graphMount';
import type { GraphProps } from './graphMount';
import { buttonNamed, captureDownloads } from './mount';
import realSiteOneDay from '../unit/api/fixtures/real-site/graph_one_day.json';
import realSiteOneDayReports from '../unit/api/fixtures/real-site/reports_one_day.json';

/** Every test here names the answer it shows. */
const mountGraph = (props: Partial<GraphProps> & { response: GraphResponse | null }) => mountWith(props);

function tableRows(wrapper: VueWrapper): string[][] {
  return wrapper.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()));
}

function series(days: Record<string, number>): GraphResponse {
  return { booked_stats: days, completed_stats: { ...days }, cancelled_stats: { ...days } };
}

afterEach(unmountGraphs);

describe('BookingsGraph: one-day ranges (issue #11, point 1)', () => {
  it('says a real site sent no figures for a single day, never "no bookings"', () => {
    const wrapper = mountGraph({
      // As the client reads it: the validator turns PHP's `[]` into empty series.
      response: validateGraphResponse(realSiteOneDay.body),
      dayCount: 1,
      shownDays: ['2026-12-01', '2026-12-01'],
    });
    expect(wrapper.text()).toContain(
      'This site sends no graph figures for a single day; the totals above still count it.',
    );
    expect(wrapper.text()).not.toMatch(/no bookings/i);
  });

  it('says it beside the same day’s tiles from the real site, which count one completed and one cancelled booking', () => {
    const tiles = validateReportsResponse(realSiteOneDayReports.body).overview;
    const number = (period: string) => tiles.find((widget) => widget.period === period)?.number;
    expect([number('completed'), number('cancelled')]).toEqual([1, 1]);
    const wrapper = mountGraph({
      response: validateGraphResponse(realSiteOneDay.body),
      dayCount: 2,
      shownDays: ['2026-12-01', '2026-12-01'],
      totals: { all: number('all'), completed: number('completed'), cancelled: number('cancelled') },
    });
    expect(wrapper.text()).toContain('This site sends no graph figures for a single day');
    expect(wrapper.text()).not.toMatch(/no bookings/i);
  });

  it('draws the one day of an answer asked one day longer, without the extra day', async () => {
    // Our servers answer both days asked; a real site answers the first only (it drops the last).
    const wrapper = mountGraph({
      response: series({ '2026-12-01': 4, '2026-12-02': 9 }),
      dayCount: 2,
      shownDays: ['2026-12-01', '2026-12-01'],
    });
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(tableRows(wrapper)).toEqual([['Dec 1', '4', '4', '4']]);
    expect(wrapper.get('caption').text()).toBe('Bookings over time, Dec 1, 2026');
  });
});

describe('BookingsGraph: the range’s last day (issue #11, point 4)', () => {
  it('shows every selected day of our servers’ answer and names exactly those days', async () => {
    const wrapper = mountGraph({
      response: series({ '2025-01-01': 1, '2025-01-02': 2, '2025-01-03': 3, '2025-01-04': 7 }),
      dayCount: 4,
      shownDays: ['2025-01-01', '2025-01-03'],
    });
    expect(wrapper.get('.br-graph__range').text()).toBe('Jan 1, 2025 – Jan 3, 2025');
    expect(wrapper.get('canvas').attributes('aria-label')).toBe(
      'Bookings over time, Jan 1, 2025 – Jan 3, 2025: 6 booked, 6 completed, 6 cancelled.',
    );
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(tableRows(wrapper).map(([period]) => period)).toEqual(['Jan 1', 'Jan 2', 'Jan 3']);
  });

  it('names the days a server actually sent when it left out the last one', () => {
    const wrapper = mountGraph({
      response: series({ '2025-01-01': 1, '2025-01-02': 2 }),
      dayCount: 4,
      shownDays: ['2025-01-01', '2025-01-03'],
    });
    expect(wrapper.get('.br-graph__range').text()).toBe('Jan 1, 2025 – Jan 2, 2025');
  });
});

describe('BookingsGraph: a period not over yet (issue #11, point 6)', () => {
  const days = { '2025-01-01': 5, '2025-01-02': 3, '2025-01-03': 1 };

  it('labels today "so far" in the table and the chart, and dashes only the line into it', async () => {
    const wrapper = mountGraph({
      response: series(days),
      today: '2025-01-03',
      shownDays: ['2025-01-01', '2025-01-03'],
    });
    const chart = await drawnChart(wrapper);
    expect(chart.data.labels).toEqual(['Jan 1', 'Jan 2', 'Jan 3 (so far)']);
    for (const dataset of chart.data.datasets) {
      const dash = (dataset as { segment?: { borderDash?: (context: { p1DataIndex: number }) => unknown } })
        .segment?.borderDash;
      expect(dash?.({ p1DataIndex: 2 })).toEqual(PARTIAL_DASH);
      expect(dash?.({ p1DataIndex: 1 })).toBeUndefined();
    }
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(tableRows(wrapper).map(([period]) => period)).toEqual(['Jan 1', 'Jan 2', 'Jan 3 (so far)']);
  });

  it('labels this week "so far" in a weekly graph, and nothing once the period is over', async () => {
    const weekly = series({ '2025-01-06': 1, '2025-01-13': 2 });
    const current = mountGraph({ response: weekly, dayCount: 70, today: '2025-01-15' });
    await buttonNamed(current, 'Show as table').trigger('click');
    expect(tableRows(current).map(([period]) => period)).toEqual([
      'Week of Jan 6',
      'Week of Jan 13 (so far)',
    ]);
    const over = mountGraph({ response: weekly, dayCount: 70, today: '2025-01-20' });
    await buttonNamed(over, 'Show as table').trigger('click');
    expect(tableRows(over).map(([period]) => period)).toEqual(['Week of Jan 6', 'Week of Jan 13']);
  });

  it('marks the period so far in the CSV', async () => {
    const files = captureDownloads();
    const wrapper = mountGraph({ response: series(days), today: '2025-01-03' });
    await buttonNamed(wrapper, 'Download CSV').trigger('click');
    const lines = (await files[0]!.blob.text()).split('\r\n');
    expect(lines.slice(2)).toEqual(['2025-01-01,5,5,5', '2025-01-02,3,3,3', '2025-01-03,1,1,1,so far', '']);
  });
});

describe('BookingsGraph: table toggle and downloads (issue #11, point 12)', () => {
  it('downloads a PNG taller than the chart, with the title, the range and the legend drawn above it', async () => {
    const files = captureDownloads();
    const drawn: string[] = [];
    const fillText = vi
      .spyOn(CanvasRenderingContext2D.prototype, 'fillText')
      .mockImplementation(function (text) {
        drawn.push(String(text));
      });
    const wrapper = mountGraph({ response: series({ '2025-01-01': 2, '2025-01-02': 3 }), dayCount: 2 });
    const chart = await drawnChart(wrapper);
    drawn.length = 0;
    await buttonNamed(wrapper, 'Download PNG').trigger('click');
    fillText.mockRestore();
    expect(files.map((file) => file.name)).toEqual(['bookings-2025-01-01-2025-01-02.png']);
    expect(drawn).toEqual([
      'Bookings over time',
      'Jan 1, 2025 – Jan 2, 2025',
      'Booked 5',
      'Completed 5',
      'Cancelled 5',
    ]);
    expect(chart.canvas).toBeDefined();
  });
});

describe('BookingsGraph: the graph against the tiles (issue #11, point 3)', () => {
  const NOTE = 'This site counts the graph differently from the totals.';
  // Booked 16, completed 11, cancelled 1 over the three days.
  const days = {
    booked_stats: { '2025-01-01': 5, '2025-01-02': 3, '2025-01-03': 8 },
    completed_stats: { '2025-01-01': 3, '2025-01-02': 2, '2025-01-03': 6 },
    cancelled_stats: { '2025-01-01': 1, '2025-01-02': 0, '2025-01-03': 0 },
  };

  it('says so in one line when a series does not add up to its tile (a real site: Booked 14, Total 40)', () => {
    const wrapper = mountGraph({ response: days, totals: { all: 40, completed: 11, cancelled: 1 } });
    expect(wrapper.get('.br-graph__note--totals').text()).toBe(NOTE);
  });

  it.each([
    ['completed', { all: 16, completed: 12, cancelled: 1 }],
    ['cancelled', { all: 16, completed: 11, cancelled: 0 }],
  ])('says so when the %s series differs from its tile', (_series, totals) => {
    expect(mountGraph({ response: days, totals }).text()).toContain(NOTE);
  });

  it('says nothing when every series adds up to its tile, or when there is nothing to compare', () => {
    expect(
      mountGraph({ response: days, totals: { all: 16, completed: 11, cancelled: 1 } }).text(),
    ).not.toContain(NOTE);
    expect(mountGraph({ response: days, totals: null }).text()).not.toContain(NOTE);
    // Only the days shown count: the extra day asked for is not held against the tiles.
    const longer = { ...days, booked_stats: { ...days.booked_stats, '2025-01-04': 9 } };
    expect(
      mountGraph({ response: longer, totals: { all: 16 }, shownDays: ['2025-01-01', '2025-01-03'] }).text(),
    ).not.toContain(NOTE);
  });
});

describe('BookingsGraph: the months it shows (issue #11, point 5)', () => {
  it('names a monthly graph by its months, on the chart view itself, after the range’s name', () => {
    const wrapper = mountGraph({
      response: series({ 'Mar 2024': 1, 'Apr 2024': 2, 'Dec 2026': 3 }),
      dayCount: 400,
      rangeLabel: 'Last 12 months',
    });
    expect(wrapper.find('canvas').exists()).toBe(true);
    expect(wrapper.get('.br-graph__range').text()).toBe('Last 12 months: Mar 2024 – Dec 2026');
  });
});
