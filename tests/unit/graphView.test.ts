// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildGraphTable } from '../../src/lib/graphKeys';
import {
  bucketDays,
  clipToDays,
  csvPeriod,
  disagreesWithTotals,
  graphCsvRows,
  partialBucketIndex,
} from '../../src/lib/graphView';

const series = (days: Record<string, number>) => ({
  booked_stats: days,
  completed_stats: { ...days },
  cancelled_stats: { ...days },
});

describe('graphView', () => {
  it('gives each bucket its days: a day, a week of seven, a whole month', () => {
    const day = buildGraphTable(series({ '2024-02-28': 1 }), { granularity: 'day' });
    const week = buildGraphTable(series({ '2024-02-26': 1 }), { granularity: 'week' });
    const month = buildGraphTable(series({ 'Feb 2024': 1 }));
    expect(bucketDays(day.keys[0]!, 'day')).toEqual(['2024-02-28', '2024-02-28']);
    expect(bucketDays(week.keys[0]!, 'week')).toEqual(['2024-02-26', '2024-03-03']);
    expect(bucketDays(month.keys[0]!, 'month')).toEqual(['2024-02-01', '2024-02-29']);
    expect(csvPeriod(month.keys[0]!, 'month')).toBe('2024-02');
  });

  it('cuts a daily table to the days shown and leaves weeks and months as the server sent them', () => {
    const daily = buildGraphTable(series({ '2025-01-01': 1, '2025-01-02': 2, '2025-01-03': 4 }), {
      granularity: 'day',
    });
    const clipped = clipToDays(daily, ['2025-01-01', '2025-01-02']);
    expect(clipped.keys.map((key) => key.day)).toEqual(['2025-01-01', '2025-01-02']);
    expect(clipped.booked).toEqual([1, 2]);
    const weekly = buildGraphTable(series({ '2025-01-06': 1, '2025-01-13': 2 }), { granularity: 'week' });
    expect(clipToDays(weekly, ['2025-01-06', '2025-01-10'])).toBe(weekly);
  });

  // Issue #11, point 6: the bucket that holds today is partial, wherever it is.
  it('finds the bucket holding today: the last, one before months still to come, or none', () => {
    const months = buildGraphTable(series({ 'Nov 2026': 1, 'Dec 2026': 2, 'Feb 2027': 1 }));
    expect(partialBucketIndex(months, '2027-02-10')).toBe(3);
    expect(partialBucketIndex(months, '2026-12-02')).toBe(1);
    expect(partialBucketIndex(months, '2027-03-01')).toBe(-1);
  });

  it('holds each series against the tile with the same definition, and nothing against a missing one', () => {
    const table = buildGraphTable(series({ '2025-01-01': 2, '2025-01-02': 3 }), { granularity: 'day' });
    expect(disagreesWithTotals(table, { all: 5, completed: 5, cancelled: 5 })).toBe(false);
    expect(disagreesWithTotals(table, { all: 40, completed: 5, cancelled: 5 })).toBe(true);
    expect(disagreesWithTotals(table, { completed: 5 })).toBe(false);
    expect(disagreesWithTotals(table, null)).toBe(false);
  });

  it('writes CSV rows under a title row, periods as ISO dates and the period so far noted', () => {
    const table = buildGraphTable(series({ '2025-12-31': 2, '2026-01-01': 3 }), { granularity: 'day' });
    const texts = { title: 'Bookings', period: 'Day', series: ['B', 'Co', 'Ca'] as const, partial: 'so far' };
    expect(graphCsvRows(table, texts, 1)).toEqual([
      ['Bookings'],
      ['Day', 'B', 'Co', 'Ca'],
      ['2025-12-31', 2, 2, 2],
      ['2026-01-01', 3, 3, 3, 'so far'],
    ]);
  });

  it('writes the previous period’s bucket of the same position beside each, through the longer of the two', () => {
    const table = buildGraphTable(series({ '2026-01-05': 2, '2026-01-12': 3 }), { granularity: 'week' });
    const before = buildGraphTable(series({ '2025-12-15': 1, '2025-12-22': 4, '2025-12-29': 0 }), {
      granularity: 'week',
    });
    const texts = {
      title: 'Bookings',
      period: 'Week starting',
      series: ['B', 'Co', 'Ca'] as const,
      partial: '',
      previous: { period: 'Previous period', series: ['B before', 'Co before', 'Ca before'] as const },
    };
    expect(graphCsvRows(table, texts, -1, before)).toEqual([
      ['Bookings'],
      ['Week starting', 'B', 'Co', 'Ca', 'Previous period', 'B before', 'Co before', 'Ca before'],
      ['2026-01-05', 2, 2, 2, '2025-12-15', 1, 1, 1],
      ['2026-01-12', 3, 3, 3, '2025-12-22', 4, 4, 4],
      ['', '', '', '', '2025-12-29', 0, 0, 0],
    ]);
  });
});
