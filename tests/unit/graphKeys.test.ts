import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { granularityForDays } from '../../src/api/contract';
import { buildGraphTable, parseGraphKey } from '../../src/lib/graphKeys';
import type { GraphTable } from '../../src/lib/graphKeys';
import type { GraphResponse, GraphSeries } from '../../src/api/types';

/** The spec's example response (`fixtures/examples/graph-reports.json`, copied from the spec). */
const SPEC_EXAMPLE: GraphResponse = {
  booked_stats: { '2025-01-01': 5, '2025-01-02': 3, '2025-01-03': 8 },
  completed_stats: { '2025-01-01': 3, '2025-01-02': 2, '2025-01-03': 6 },
  cancelled_stats: { '2025-01-01': 1, '2025-01-02': 0, '2025-01-03': 0 },
};

/**
 * The body captured from the real plugin 2.1.0 for 2026-09-12 … 2026-11-26 (`shared/spec/real-site/graph_75_days.json`):
 * weekly period keys, then the real counts appended under arbitrary days. Inlined so the test runs without the
 * shared folder.
 */
const REAL_SITE_75_DAYS: GraphResponse = {
  booked_stats: {
    '2026-09-12': 0,
    '2026-09-19': 0,
    '2026-09-26': 0,
    '2026-10-03': 0,
    '2026-10-10': 0,
    '2026-10-17': 0,
    '2026-10-24': 0,
    '2026-10-31': 0,
    '2026-11-07': 0,
    '2026-11-14': 0,
    '2026-11-21': 0,
    '2026-11-11': 3,
    '2026-11-20': 7,
    '2026-11-23': 10,
  },
  completed_stats: {
    '2026-09-12': 1,
    '2026-09-19': 0,
    '2026-09-26': 0,
    '2026-10-03': 0,
    '2026-10-10': 0,
    '2026-10-17': 0,
    '2026-10-24': 0,
    '2026-10-31': 0,
    '2026-11-07': 0,
    '2026-11-14': 0,
    '2026-11-21': 0,
    '2026-09-14': 6,
    '2026-09-20': 3,
    '2026-09-27': 3,
    '2026-10-08': 1,
    '2026-10-15': 2,
    '2026-10-21': 3,
    '2026-10-26': 4,
    '2026-11-06': 4,
  },
  cancelled_stats: {
    '2026-09-12': 0,
    '2026-09-19': 0,
    '2026-09-26': 0,
    '2026-10-03': 0,
    '2026-10-10': 0,
    '2026-10-17': 0,
    '2026-10-24': 0,
    '2026-10-31': 0,
    '2026-11-07': 0,
    '2026-11-14': 0,
    '2026-11-21': 0,
    '2026-09-13': 1,
    '2026-11-06': 2,
    '2026-11-18': 2,
    '2026-11-23': 5,
  },
};

const keysOf = (table: GraphTable) => table.keys.map((key) => key.key);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const sumSeries = (series: GraphSeries) => sum(Object.values(series));
/** Builds a response from loosely typed series, as an unvalidated server could send them. */
const response = (series: Record<string, unknown>) => series as unknown as GraphResponse;

describe('parseGraphKey', () => {
  it('returns a day key with its day number since 1970', () => {
    expect(parseGraphKey('2025-01-03')).toEqual({
      key: '2025-01-03',
      kind: 'day',
      sortValue: Date.UTC(2025, 0, 3) / 86_400_000,
      day: '2025-01-03',
    });
  });

  it('returns a month key on the first day of the month', () => {
    expect(parseGraphKey('Jan 2025')).toEqual({
      key: 'Jan 2025',
      kind: 'month',
      sortValue: Date.UTC(2025, 0, 1) / 86_400_000,
      day: '2025-01-01',
    });
  });

  it.each([
    ['SEP 2025', 'Sep 2025'],
    ['sep 2025', 'Sep 2025'],
    ['September 2025', 'Sep 2025'],
    ['  Dec 2026 ', 'Dec 2026'],
    ['may 2024', 'May 2024'],
  ])('returns %j as the month %s', (raw, canonical) => {
    expect(parseGraphKey(raw)?.key).toBe(canonical);
  });

  it('returns Feb 29 of a leap year only', () => {
    expect(parseGraphKey('2024-02-29')?.day).toBe('2024-02-29');
    expect(parseGraphKey('2025-02-29')).toBeUndefined();
  });

  it.each([
    '',
    'foo',
    '2025-02-30',
    '2025-13-01',
    '2025-1-01',
    'Jan 25',
    'Janu 2025',
    '2025-01',
    '1735689600',
  ])('returns undefined for %j', (raw) => {
    expect(parseGraphKey(raw)).toBeUndefined();
  });
});

describe('granularityForDays', () => {
  it.each<[number, string]>([
    [1, 'day'],
    [62, 'day'],
    [63, 'week'],
    [92, 'week'],
    [93, 'month'],
    [366, 'month'],
  ])('returns for %i days: %s', (dayCount, granularity) => {
    expect(granularityForDays(dayCount)).toBe(granularity);
  });
});

describe('buildGraphTable', () => {
  it('returns the spec example as three daily columns', () => {
    expect(buildGraphTable(SPEC_EXAMPLE)).toEqual({
      granularity: 'day',
      keys: ['2025-01-01', '2025-01-02', '2025-01-03'].map((key) => parseGraphKey(key)),
      booked: [5, 3, 8],
      completed: [3, 2, 6],
      cancelled: [1, 0, 0],
      ignoredKeys: [],
    });
  });

  describe('on the real site 75-day capture', () => {
    const weeks = [
      '2026-09-12',
      '2026-09-19',
      '2026-09-26',
      '2026-10-03',
      '2026-10-10',
      '2026-10-17',
      '2026-10-24',
      '2026-10-31',
      '2026-11-07',
      '2026-11-14',
      '2026-11-21',
    ];

    it.each([{ granularity: 'week' as const }, undefined])(
      'returns sorted weekly keys from 2026-09-12 (expected: %j)',
      (expected) => {
        const table = buildGraphTable(REAL_SITE_75_DAYS, expected);
        expect(table.granularity).toBe('week');
        expect(keysOf(table)).toEqual(weeks);
        expect(table.ignoredKeys).toEqual([]);
      },
    );

    it('returns each count in the week that holds its day', () => {
      const table = buildGraphTable(REAL_SITE_75_DAYS, { granularity: 'week' });
      expect(table.booked).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 3, 7, 10]);
      expect(table.completed).toEqual([7, 3, 3, 1, 2, 3, 4, 4, 0, 0, 0]);
      expect(table.cancelled).toEqual([1, 0, 0, 0, 0, 0, 0, 2, 0, 2, 5]);
    });

    it('returns every count of the file: each column sums to its series', () => {
      const table = buildGraphTable(REAL_SITE_75_DAYS, { granularity: 'week' });
      expect(sum(table.booked)).toBe(sumSeries(REAL_SITE_75_DAYS.booked_stats));
      expect(sum(table.completed)).toBe(sumSeries(REAL_SITE_75_DAYS.completed_stats));
      expect(sum(table.cancelled)).toBe(sumSeries(REAL_SITE_75_DAYS.cancelled_stats));
      expect([sum(table.booked), sum(table.completed), sum(table.cancelled)]).toEqual([20, 27, 10]);
    });
  });

  it('returns weekly keys of our own backend unchanged', () => {
    const series = { '2025-01-06': 1, '2025-01-13': 2, '2025-01-20': 3 };
    const table = buildGraphTable({ booked_stats: series, completed_stats: series, cancelled_stats: {} });
    expect(table.granularity).toBe('week');
    expect(keysOf(table)).toEqual(['2025-01-06', '2025-01-13', '2025-01-20']);
    expect(table.booked).toEqual([1, 2, 3]);
    expect(table.cancelled).toEqual([0, 0, 0]);
  });

  it('returns the same month of two years apart and in order, with the months between', () => {
    const table = buildGraphTable({
      booked_stats: { 'Nov 2026': 4, 'Jan 2026': 2, 'Nov 2025': 1, 'Dec 2025': 3 },
      completed_stats: { 'Dec 2026': 5, 'Nov 2025': 1 },
      cancelled_stats: { 'Mar 2026': 1 },
    });
    expect(table.granularity).toBe('month');
    expect(keysOf(table)).toEqual([
      'Nov 2025',
      'Dec 2025',
      'Jan 2026',
      'Feb 2026',
      'Mar 2026',
      'Apr 2026',
      'May 2026',
      'Jun 2026',
      'Jul 2026',
      'Aug 2026',
      'Sep 2026',
      'Oct 2026',
      'Nov 2026',
      'Dec 2026',
    ]);
    expect(table.booked).toEqual([1, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0]);
    expect(table.completed).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(table.cancelled).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('returns unsorted day keys in chronological order', () => {
    const table = buildGraphTable({
      booked_stats: { '2025-01-03': 8, '2024-12-31': 4, '2025-01-01': 5, '2025-01-02': 3 },
      completed_stats: {},
      cancelled_stats: {},
    });
    expect(keysOf(table)).toEqual(['2024-12-31', '2025-01-01', '2025-01-02', '2025-01-03']);
    expect(table.booked).toEqual([4, 5, 3, 8]);
  });

  it('returns series of different key sets on their union, 0 where a series lacks a key', () => {
    const table = buildGraphTable({
      booked_stats: { '2025-01-01': 1 },
      completed_stats: { '2025-01-02': 2 },
      cancelled_stats: { '2025-01-03': 3 },
    });
    expect(keysOf(table)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03']);
    expect([table.booked, table.completed, table.cancelled]).toEqual([
      [1, 0, 0],
      [0, 2, 0],
      [0, 0, 3],
    ]);
  });

  it('returns the days between sparse day keys as 0', () => {
    const table = buildGraphTable(
      { booked_stats: { '2025-01-04': 2, '2025-01-01': 1 }, completed_stats: {}, cancelled_stats: {} },
      { granularity: 'day' },
    );
    expect(keysOf(table)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04']);
    expect(table.booked).toEqual([1, 0, 0, 2]);
  });

  it('returns duplicated keys summed into one bucket', () => {
    const table = buildGraphTable({
      booked_stats: { 'Jan 2025': 1, 'jan 2025': 2, 'January 2025': 3, 'Feb 2025': 4 },
      completed_stats: { ' 2025-01-01': 5, '2025-01-01': 6 },
      cancelled_stats: {},
    });
    expect(table.granularity).toBe('month');
    expect(keysOf(table)).toEqual(['Jan 2025', 'Feb 2025']);
    expect(table.booked).toEqual([6, 4]);
    expect(table.completed).toEqual([11, 0]);
  });

  it('returns odd keys in ignoredKeys and draws the rest', () => {
    const table = buildGraphTable({
      booked_stats: { foo: 9, '2025-02-30': 9, '': 9, '2025-02-27': 1, '2025-02-28': 2 },
      completed_stats: { foo: 9 },
      cancelled_stats: {},
    });
    expect(keysOf(table)).toEqual(['2025-02-27', '2025-02-28']);
    expect(table.booked).toEqual([1, 2]);
    expect(table.ignoredKeys.sort()).toEqual(['', '2025-02-30', 'foo']);
  });

  it('returns numeric strings as numbers and any other count as 0', () => {
    const table = buildGraphTable(
      response({
        booked_stats: {
          '2025-01-01': '5',
          '2025-01-02': ' 3 ',
          '2025-01-03': 'abc',
          '2025-01-04': -2,
          '2025-01-05': null,
          '2025-01-06': true,
          '2025-01-07': 'NaN',
          '2025-01-08': '',
          '2025-01-09': 7,
        },
        completed_stats: { '2025-01-01': Number.NaN, '2025-01-02': '-4', '2025-01-03': Infinity },
        cancelled_stats: {},
      }),
    );
    expect(table.booked).toEqual([5, 3, 0, 0, 0, 0, 0, 0, 7]);
    expect(table.completed).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('returns a missing or PHP-empty ([]) series as zeros when the validator let it through', () => {
    const table = buildGraphTable(
      response({ booked_stats: { '2025-01-01': 1, '2025-01-02': 2 }, completed_stats: [] }),
    );
    expect(keysOf(table)).toEqual(['2025-01-01', '2025-01-02']);
    expect(table.completed).toEqual([0, 0]);
    expect(table.cancelled).toEqual([0, 0]);
  });

  it('returns an empty table for empty series', () => {
    expect(
      buildGraphTable(
        { booked_stats: {}, completed_stats: {}, cancelled_stats: {} },
        { granularity: 'week' },
      ),
    ).toEqual({ granularity: 'week', keys: [], booked: [], completed: [], cancelled: [], ignoredKeys: [] });
  });

  it('returns daily keys folded into weeks when the range asks for weeks', () => {
    const booked: GraphSeries = {};
    for (let day = 1; day <= 14; day += 1) booked[`2025-03-${String(day).padStart(2, '0')}`] = day;
    const table = buildGraphTable(
      { booked_stats: booked, completed_stats: {}, cancelled_stats: {} },
      { granularity: 'week' },
    );
    expect(keysOf(table)).toEqual(['2025-03-01', '2025-03-08']);
    expect(table.booked).toEqual([1 + 2 + 3 + 4 + 5 + 6 + 7, 8 + 9 + 10 + 11 + 12 + 13 + 14]);
  });

  it('returns day keys folded into their months when the range asks for months', () => {
    const table = buildGraphTable(
      {
        booked_stats: { '2025-01-31': 1, '2025-02-01': 2, 'Mar 2025': 4 },
        completed_stats: {},
        cancelled_stats: {},
      },
      { granularity: 'month' },
    );
    expect(keysOf(table)).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025']);
    expect(table.booked).toEqual([1, 2, 4]);
  });

  it('returns month keys in a daily table as ignored, since a month cannot be split into days', () => {
    const table = buildGraphTable(
      {
        booked_stats: { '2025-01-01': 1, '2025-01-02': 2, 'Jan 2025': 9 },
        completed_stats: {},
        cancelled_stats: {},
      },
      { granularity: 'day' },
    );
    expect(keysOf(table)).toEqual(['2025-01-01', '2025-01-02']);
    expect(table.ignoredKeys).toEqual(['Jan 2025']);
  });

  it('returns a monthly table for month keys even when days were expected', () => {
    const table = buildGraphTable(
      { booked_stats: { 'Jan 2025': 1, 'Feb 2025': 2 }, completed_stats: {}, cancelled_stats: {} },
      { granularity: 'day' },
    );
    expect(table.granularity).toBe('month');
    expect(table.booked).toEqual([1, 2]);
  });

  it('returns only the buckets with counts when one stray key is decades away', () => {
    const table = buildGraphTable(
      {
        booked_stats: { '1999-01-01': 1, '2025-01-01': 2, '2025-01-02': 3 },
        completed_stats: {},
        cancelled_stats: {},
      },
      { granularity: 'day' },
    );
    expect(keysOf(table)).toEqual(['1999-01-01', '2025-01-01', '2025-01-02']);
    expect(table.booked).toEqual([1, 2, 3]);
  });

  it('returns every count of every parseable key, for any key set and granularity', () => {
    const dayKey = fc
      .integer({ min: 0, max: 120 })
      .map((offset) => new Date(Date.UTC(2026, 8, 12 + offset)).toISOString().slice(0, 10));
    const anyKey = fc.oneof(dayKey, fc.constantFrom('foo', '', '2025-02-30', 'Smarch 2025'));
    const series = fc.dictionary(anyKey, fc.nat({ max: 50 }));
    fc.assert(
      fc.property(
        series,
        series,
        series,
        fc.constantFrom(undefined, 'day' as const, 'week' as const, 'month' as const),
        (booked, completed, cancelled, granularity) => {
          const table = buildGraphTable(
            { booked_stats: booked, completed_stats: completed, cancelled_stats: cancelled },
            { granularity },
          );
          const parsedSum = (input: GraphSeries) =>
            sum(Object.entries(input).map(([key, count]) => (parseGraphKey(key) ? count : 0)));
          const sorted = table.keys.every(
            (key, index) => index === 0 || table.keys[index - 1]!.sortValue < key.sortValue,
          );
          return (
            sorted &&
            sum(table.booked) === parsedSum(booked) &&
            sum(table.completed) === parsedSum(completed) &&
            sum(table.cancelled) === parsedSum(cancelled) &&
            table.booked.length === table.keys.length
          );
        },
      ),
    );
  });
});
