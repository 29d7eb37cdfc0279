import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GraphResponse } from '../../src/api/types';
import {
  GRAPH_SERIES,
  PREVIOUS_DASH,
  buildChartData,
  buildChartOptions,
  graphLabels,
  graphSpan,
  graphSummary,
  readGraphColors,
} from '../../src/charts/datasets';
import type { GraphColors } from '../../src/charts/datasets';
import { createI18n } from '../../src/i18n';
import { buildGraphTable } from '../../src/lib/graphKeys';
import example from './api/fixtures/examples/graph-reports.json';
import realSite75Days from './api/fixtures/real-site/graph_75_days.json';

const en = createI18n('en');
const de = createI18n('de_DE');

const COLORS: GraphColors = {
  series: { booked: '#111111', completed: '#222222', cancelled: '#333333' },
  text: '#444444',
  grid: '#555555',
  surface: '#666666',
};

/** One series under every key, the others empty. */
function bookedOnly(booked: Record<string, number>): GraphResponse {
  return { booked_stats: booked, completed_stats: {}, cancelled_stats: {} };
}

describe('graphLabels', () => {
  it('returns day and short month for daily buckets, in the locale', () => {
    const table = buildGraphTable(example, { granularity: 'day' });
    expect(graphLabels(table, 'en', en)).toEqual(['Jan 1', 'Jan 2', 'Jan 3']);
    expect(graphLabels(table, 'de-DE', de)).toEqual(['1. Jan.', '2. Jan.', '3. Jan.']);
  });

  it('returns "Week of …" labels in date order for the real site\'s unsorted weekly keys', () => {
    const table = buildGraphTable(realSite75Days.body, { granularity: 'week' });
    expect(graphLabels(table, 'en', en)).toEqual([
      'Week of Sep 12',
      'Week of Sep 19',
      'Week of Sep 26',
      'Week of Oct 3',
      'Week of Oct 10',
      'Week of Oct 17',
      'Week of Oct 24',
      'Week of Oct 31',
      'Week of Nov 7',
      'Week of Nov 14',
      'Week of Nov 21',
    ]);
  });

  it('returns the translated "Week of" sentence', () => {
    const translated = createI18n('de_DE', {
      messages: {
        '': { domain: 'messages', lang: 'de', plural_forms: 'nplurals=2; plural=(n != 1);' },
        'Week of %s': ['Woche ab %s'],
      },
    });
    const table = buildGraphTable(realSite75Days.body, { granularity: 'week' });
    expect(graphLabels(table, 'de-DE', translated)[0]).toBe('Woche ab 12. Sept.');
  });

  it('returns month and year for monthly buckets, keeping the same month of two years apart', () => {
    const table = buildGraphTable(bookedOnly({ 'Jan 2026': 3, 'Dec 2024': 2, 'Jan 2025': 1 }), {
      granularity: 'month',
    });
    const labels = graphLabels(table, 'en', en);
    expect(labels).toHaveLength(14);
    expect(labels[0]).toBe('Dec 2024');
    expect(labels[1]).toBe('Jan 2025');
    expect(labels[13]).toBe('Jan 2026');
    expect(table.booked[1]).toBe(1);
    expect(table.booked[13]).toBe(3);
  });
});

describe('graphSpan', () => {
  it('returns the first and last day, running to the end of the last week or month', () => {
    expect(graphSpan(buildGraphTable(example, { granularity: 'day' }))).toEqual(['2025-01-01', '2025-01-03']);
    expect(graphSpan(buildGraphTable(realSite75Days.body, { granularity: 'week' }))).toEqual([
      '2026-09-12',
      '2026-11-27',
    ]);
    expect(
      graphSpan(buildGraphTable(bookedOnly({ 'Nov 2024': 1, 'Dec 2024': 2 }), { granularity: 'month' })),
    ).toEqual(['2024-11-01', '2024-12-31']);
  });

  it('returns null for a table without buckets', () => {
    expect(graphSpan(buildGraphTable(bookedOnly({}), { granularity: 'day' }))).toBeNull();
  });
});

describe('graphSummary', () => {
  it('returns the range and each series total in one sentence', () => {
    const table = buildGraphTable(example, { granularity: 'day' });
    expect(graphSummary(table, 'Jan 1 – Jan 3, 2025', 'en', en)).toBe(
      'Bookings over time, Jan 1 – Jan 3, 2025: 16 booked, 11 completed, 1 cancelled.',
    );
  });
});

describe('buildChartData', () => {
  it('returns the three series in config order with their colours, shapes and counts', () => {
    const table = buildGraphTable(example, { granularity: 'day' });
    const data = buildChartData(table, ['a', 'b', 'c'], COLORS, new Set(), en);
    expect(data.labels).toEqual(['a', 'b', 'c']);
    expect(data.datasets.map((dataset) => dataset.label)).toEqual(['Booked', 'Completed', 'Cancelled']);
    expect(data.datasets.map((dataset) => dataset.data)).toEqual([
      [5, 3, 8],
      [3, 2, 6],
      [1, 0, 0],
    ]);
    expect(data.datasets.map((dataset) => dataset.borderColor)).toEqual(['#111111', '#222222', '#333333']);
    expect(new Set(data.datasets.map((dataset) => dataset.pointStyle)).size).toBe(3);
    expect(data.datasets.every((dataset) => dataset.hidden === false)).toBe(true);
  });

  it('returns switched-off series marked hidden, still carrying their counts', () => {
    const table = buildGraphTable(example, { granularity: 'day' });
    const data = buildChartData(table, ['a', 'b', 'c'], COLORS, new Set(['completed'] as const), en);
    expect(data.datasets.map((dataset) => dataset.hidden)).toEqual([false, true, false]);
    expect(data.datasets[1]?.data).toEqual([3, 2, 6]);
  });

  it('returns datasets whose sums equal the table totals, for any counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 60 }), (counts) => {
        const booked = Object.fromEntries(
          counts.map((count, index) => [`2025-03-${String(index + 1).padStart(2, '0')}`, count]),
        );
        const table = buildGraphTable(bookedOnly(booked), {
          granularity: counts.length > 31 ? 'week' : 'day',
        });
        const data = buildChartData(table, graphLabels(table, 'en', en), COLORS, new Set(), en);
        const sum = (values: (number | null)[]) =>
          values.reduce<number>((total, value) => total + (value ?? 0), 0);
        return sum(data.datasets[0]?.data ?? []) === sum(counts) && data.labels?.length === table.keys.length;
      }),
    );
  });
});

describe('buildChartData with the previous period', () => {
  const range = buildGraphTable(example, { granularity: 'day' });
  // Four days before the range's three: a weekly or monthly previous period can hold a bucket more.
  const before = buildGraphTable(
    {
      booked_stats: { '2024-12-28': 1, '2024-12-29': 2, '2024-12-30': 3, '2024-12-31': 4 },
      completed_stats: {},
      cancelled_stats: { '2024-12-31': 1 },
    },
    { granularity: 'day' },
  );

  it('returns the previous three series after the range’s, dashed, named as the previous period, bucket by bucket', () => {
    const data = buildChartData(range, ['a', 'b', 'c'], COLORS, new Set(['completed'] as const), en, -1, {
      table: before,
      labels: ['w', 'x', 'y', 'z'],
    });
    expect(data.datasets.map((dataset) => dataset.label)).toEqual([
      'Booked',
      'Completed',
      'Cancelled',
      'Booked, previous period',
      'Completed, previous period',
      'Cancelled, previous period',
    ]);
    expect(data.datasets.slice(3).map((dataset) => dataset.borderDash)).toEqual([
      PREVIOUS_DASH,
      PREVIOUS_DASH,
      PREVIOUS_DASH,
    ]);
    // No series of the range is drawn with the previous period's dashes.
    expect(data.datasets.slice(0, 3).map((dataset) => dataset.borderDash)).not.toContainEqual(PREVIOUS_DASH);
    expect(data.datasets[3]?.data).toEqual([1, 2, 3, 4]);
    expect(data.datasets[5]?.data).toEqual([0, 0, 0, 1]);
    // The range has no fourth bucket: its lines stop, the position has no label.
    expect(data.labels).toEqual(['a', 'b', 'c', '']);
    expect(data.datasets[0]?.data).toEqual([5, 3, 8]);
    // Switching a series off hides it in both periods.
    expect(data.datasets.map((dataset) => dataset.hidden)).toEqual([false, true, false, false, true, false]);
  });
});

describe('buildChartOptions', () => {
  it('returns a tooltip that names a previous period’s own bucket beside its count, and the range’s as they are', () => {
    const options = buildChartOptions({ locale: 'en', dir: 'ltr', reducedMotion: false, colors: COLORS });
    const label = options.plugins?.tooltip?.callbacks?.label as unknown as (item: object) => string;
    const item = (dataset: object) => ({ dataset, dataIndex: 1, formattedValue: '1,234' });
    expect(label(item({ label: 'Booked' }))).toBe('Booked: 1,234');
    expect(label(item({ label: 'Booked, previous period', periods: ['Oct 6', 'Oct 7'] }))).toBe(
      'Booked, previous period: 1,234 (Oct 7)',
    );
  });

  it('returns a left-to-right chart with integer ticks in the locale', () => {
    const options = buildChartOptions({ locale: 'de-DE', dir: 'ltr', reducedMotion: false, colors: COLORS });
    expect(options.locale).toBe('de-DE');
    expect(options.responsive).toBe(true);
    expect(options.maintainAspectRatio).toBe(false);
    expect(options.scales?.x?.reverse).toBe(false);
    expect(options.scales?.y?.position).toBe('left');
    expect(options.scales?.y?.ticks).toMatchObject({ precision: 0, color: '#444444' });
    expect(options.plugins?.tooltip?.rtl).toBe(false);
    expect(options.animation).not.toBe(false);
  });

  it('returns a reversed x axis, a right-hand y axis and right-to-left tooltips for RTL', () => {
    const options = buildChartOptions({ locale: 'ar', dir: 'rtl', reducedMotion: false, colors: COLORS });
    expect(options.scales?.x?.reverse).toBe(true);
    expect(options.scales?.y?.position).toBe('right');
    expect(options.plugins?.tooltip).toMatchObject({ rtl: true, textDirection: 'rtl' });
  });

  it('returns no animation when the user prefers reduced motion', () => {
    const options = buildChartOptions({ locale: 'en', dir: 'ltr', reducedMotion: true, colors: COLORS });
    expect(options.animation).toBe(false);
  });
});

describe('readGraphColors', () => {
  it('returns the colours the element sees, and the defaults for those it does not', () => {
    const element = document.createElement('div');
    element.style.setProperty('--br-color-series-booked', '#abcdef');
    element.style.setProperty('--br-color-surface', '#101517');
    document.body.append(element);
    const colors = readGraphColors(element);
    element.remove();
    expect(colors.series.booked).toBe('#abcdef');
    expect(colors.surface).toBe('#101517');
    const completed = GRAPH_SERIES.find((series) => series.key === 'completed');
    expect(colors.series.completed).toBe(completed?.fallbackColor);
  });

  it('returns the defaults without an element', () => {
    expect(readGraphColors(null).series).toEqual(
      Object.fromEntries(GRAPH_SERIES.map((series) => [series.key, series.fallbackColor])),
    );
  });
});
