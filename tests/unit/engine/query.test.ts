// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseGraphQuery, parseReportsQuery, previousWindowOf } from '../../../src/engine';
import type { ReportSettings } from '../../../src/engine';
import { daysQuery, rangeQuery, utc, UTC_SITE } from './fixtures';

const reportsQuery = (query: string, settings: ReportSettings = UTC_SITE) =>
  parseReportsQuery(new URLSearchParams(query), settings);
const graphQuery = (query: string, settings: ReportSettings = UTC_SITE) =>
  parseGraphQuery(new URLSearchParams(query), settings);

/** The `data.params` of a rejected query (`undefined` when it was accepted). */
const badParams = (result: ReturnType<typeof reportsQuery> | ReturnType<typeof graphQuery>) =>
  result.ok ? undefined : result.error.data?.params;

describe('parseReportsQuery', () => {
  it('returns the range in UTC with the window of equal length before it', () => {
    const result = reportsQuery(rangeQuery('2025-01-10 00:00:00', '2025-01-10 23:59:59'));
    expect(result).toEqual({
      ok: true,
      value: {
        range: { start: utc('2025-01-10 00:00:00'), end: utc('2025-01-10 23:59:59') },
        statWindow: { start: utc('2025-01-10 00:00:00'), end: utc('2025-01-10 23:59:59') },
        previousWindow: { start: utc('2025-01-09 00:00:00'), end: utc('2025-01-09 23:59:59') },
      },
    });
  });

  it('returns the 30 days before a 30-day range as its comparison window', () => {
    const result = reportsQuery(rangeQuery('2025-01-01 00:00:00', '2025-01-30 23:59:59'));
    expect(result.ok && result.value.previousWindow).toEqual({
      start: utc('2024-12-02 00:00:00'),
      end: utc('2024-12-31 23:59:59'),
    });
  });

  it('returns a one-second range when start equals end', () => {
    const result = reportsQuery(rangeQuery('2025-01-10 08:00:00', '2025-01-10 08:00:00'));
    expect(result.ok && result.value).toMatchObject({
      range: { start: utc('2025-01-10 08:00:00'), end: utc('2025-01-10 08:00:00') },
      previousWindow: { start: utc('2025-01-10 07:59:59'), end: utc('2025-01-10 07:59:59') },
    });
  });

  it('returns range bounds in the site timezone: Los Angeles and +05:30', () => {
    const losAngeles = reportsQuery(rangeQuery('2025-01-10 00:00:00', '2025-01-10 23:59:59'), {
      ...UTC_SITE,
      timezone: 'America/Los_Angeles',
    });
    expect(losAngeles.ok && losAngeles.value.range).toEqual({
      start: utc('2025-01-10 08:00:00'),
      end: utc('2025-01-11 07:59:59'),
    });
    const india = reportsQuery(rangeQuery('2025-01-10 00:00:00', '2025-01-10 23:59:59'), {
      ...UTC_SITE,
      timezone: '+05:30',
    });
    expect(india.ok && india.value.range).toEqual({
      start: utc('2025-01-09 18:30:00'),
      end: utc('2025-01-10 18:29:59'),
    });
  });

  it('returns all time, with the last 30 days to the second as stat window, when neither is given', () => {
    const result = reportsQuery('foo=bar', { ...UTC_SITE, now: UTC_SITE.now + 750 });
    expect(result).toEqual({
      ok: true,
      value: {
        range: null,
        statWindow: { start: utc('2025-01-01 12:00:00'), end: utc('2025-01-31 12:00:00') },
        previousWindow: { start: utc('2024-12-02 11:59:59'), end: utc('2025-01-01 11:59:59') },
      },
    });
  });

  it('returns a 30-day stat window at the same wall time across a DST change', () => {
    // 2025-04-15 14:00 in Berlin (CEST); 30 days earlier 2025-03-16 14:00 is CET, 13:00 UTC.
    const result = reportsQuery('', {
      ...UTC_SITE,
      timezone: 'Europe/Berlin',
      now: utc('2025-04-15 12:00:00'),
    });
    expect(result.ok && result.value.statWindow).toEqual({
      start: utc('2025-03-16 13:00:00'),
      end: utc('2025-04-15 12:00:00'),
    });
  });

  it.each([
    ['a lone startTime', 'startTime=2025-01-10+00:00:00', ['endTime']],
    ['a lone endTime', 'endTime=2025-01-10+00:00:00', ['startTime']],
    ['empty values', 'startTime=&endTime=', ['startTime', 'endTime']],
    ['an empty startTime', 'startTime=&endTime=2025-01-10+00:00:00', ['startTime']],
    [
      'a repeated startTime',
      'startTime=2025-01-10+00:00:00&startTime=2025-01-11+00:00:00&endTime=2025-01-12+00:00:00',
      ['startTime'],
    ],
    ['an ISO startTime', 'startTime=2025-01-10T00:00:00&endTime=2025-01-12+00:00:00', ['startTime']],
    ['a date without time', 'startTime=2025-01-10&endTime=2025-01-12+00:00:00', ['startTime']],
    ['an impossible day', 'startTime=2025-02-30+10:00:00&endTime=2025-03-12+00:00:00', ['startTime']],
    ['hour 24', 'startTime=2025-01-10+00:00:00&endTime=2025-01-10+24:00:00', ['endTime']],
    ['a reversed range', 'startTime=2025-01-10+00:00:01&endTime=2025-01-10+00:00:00', ['endTime']],
    ['more than 10 years', 'startTime=2015-01-01+00:00:00&endTime=2025-01-01+00:00:00', ['endTime']],
  ])('returns 400 rest_invalid_param for %s', (_case, query, keys) => {
    const result = reportsQuery(query);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'rest_invalid_param',
      message: `Invalid parameter(s): ${keys.join(', ')}`,
      data: { status: 400 },
    });
    expect(Object.keys(badParams(result) ?? {})).toEqual(keys);
  });

  it('returns a message naming the problem of each parameter', () => {
    expect(badParams(reportsQuery('startTime=2025-01-10T00:00:00&endTime=2025-01-12+00:00:00'))).toEqual({
      startTime: 'startTime is not a valid date (YYYY-MM-DD HH:mm:ss).',
    });
    expect(badParams(reportsQuery('startTime=2025-01-10+00:00:00'))).toEqual({
      endTime: 'endTime is required when startTime is given.',
    });
  });

  it('accepts exactly 10 years', () => {
    expect(reportsQuery(rangeQuery('2015-01-01 00:00:00', '2024-12-31 23:59:59')).ok).toBe(true);
  });
});

describe('previousWindowOf', () => {
  it('returns the window of equal length ending the second before', () => {
    expect(previousWindowOf({ start: 10_000, end: 14_000 })).toEqual({ start: 5_000, end: 9_000 });
  });
});

describe('parseGraphQuery', () => {
  const plan = (query: string, settings: ReportSettings = UTC_SITE) => {
    const result = graphQuery(query, settings);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  const keys = (query: string, settings: ReportSettings = UTC_SITE) =>
    plan(query, settings).buckets.map((bucket) => bucket.key);

  it('returns the last 7 days, today included in the site zone, without parameters', () => {
    // 2025-01-31 20:00 UTC is already 1 February in Tokyo.
    expect(keys('', { ...UTC_SITE, timezone: 'Asia/Tokyo', now: utc('2025-01-31 20:00:00') })).toEqual([
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
    ]);
  });

  it('returns daily buckets up to 62 days, weekly from 63 to 92, monthly from 93', () => {
    expect(plan(daysQuery('2025-01-01', '2025-03-03'))).toMatchObject({ granularity: 'day' });
    expect(keys(daysQuery('2025-01-01', '2025-03-03'))).toHaveLength(62);
    expect(plan(daysQuery('2025-01-01', '2025-03-04')).granularity).toBe('week');
    expect(plan(daysQuery('2025-01-01', '2025-04-02')).granularity).toBe('week');
    expect(plan(daysQuery('2025-01-01', '2025-04-03')).granularity).toBe('month');
    expect(plan(daysQuery('2025-01-10', '2025-01-10')).buckets).toEqual([
      { key: '2025-01-10', start: utc('2025-01-10 00:00:00'), end: utc('2025-01-10 23:59:59') },
    ]);
  });

  it('returns weekly keys from Monday with start of week 1, the first before the range, bounds clipped', () => {
    const weekly = plan(daysQuery('2025-01-01', '2025-03-04'));
    expect(weekly.buckets.map((bucket) => bucket.key)).toEqual([
      '2024-12-30',
      '2025-01-06',
      '2025-01-13',
      '2025-01-20',
      '2025-01-27',
      '2025-02-03',
      '2025-02-10',
      '2025-02-17',
      '2025-02-24',
      '2025-03-03',
    ]);
    expect(weekly.buckets[0]).toEqual({
      key: '2024-12-30',
      start: utc('2025-01-01 00:00:00'),
      end: utc('2025-01-05 23:59:59'),
    });
    expect(weekly.buckets.at(-1)).toEqual({
      key: '2025-03-03',
      start: utc('2025-03-03 00:00:00'),
      end: utc('2025-03-04 23:59:59'),
    });
  });

  it('returns weekly keys from Sunday with start of week 0', () => {
    expect(keys(daysQuery('2025-01-01', '2025-03-04'), { ...UTC_SITE, startOfWeek: 0 })).toEqual([
      '2024-12-29',
      '2025-01-05',
      '2025-01-12',
      '2025-01-19',
      '2025-01-26',
      '2025-02-02',
      '2025-02-09',
      '2025-02-16',
      '2025-02-23',
      '2025-03-02',
    ]);
  });

  it('returns month keys across a year end, keeping the same month of two years apart', () => {
    expect(keys(daysQuery('2024-11-15', '2025-02-20'))).toEqual([
      'Nov 2024',
      'Dec 2024',
      'Jan 2025',
      'Feb 2025',
    ]);
    const yearAndMore = keys(daysQuery('2024-03-01', '2025-03-31'));
    expect(yearAndMore).toHaveLength(13);
    expect(yearAndMore[0]).toBe('Mar 2024');
    expect(yearAndMore.at(-1)).toBe('Mar 2025');
  });

  it('returns buckets that cover the range without gaps, DST days 23 h long', () => {
    const berlin = plan(daysQuery('2025-03-29', '2025-03-31'), { ...UTC_SITE, timezone: 'Europe/Berlin' });
    const hours = berlin.buckets.map((bucket) => (bucket.end - bucket.start + 1000) / 3_600_000);
    expect(hours).toEqual([24, 23, 24]);
    expect(berlin.buckets[1]).toEqual({
      key: '2025-03-30',
      start: utc('2025-03-29 23:00:00'),
      end: utc('2025-03-30 21:59:59'),
    });
  });

  it('accepts the PHP-style date_range[] twice and percent-encoded brackets', () => {
    expect(plan('date_range[]=2025-01-01&date_range[]=2025-01-03')).toMatchObject({
      firstDay: '2025-01-01',
      lastDay: '2025-01-03',
    });
    expect(plan('date_range%5B0%5D=2025-01-01&date_range%5B1%5D=2025-01-03').buckets).toHaveLength(3);
  });

  it.each([
    ['only date_range[0]', 'date_range[0]=2025-01-01'],
    ['only date_range[1]', 'date_range[1]=2025-01-01'],
    ['a single date_range[]', 'date_range[]=2025-01-01'],
    ['three date_range[]', 'date_range[]=2025-01-01&date_range[]=2025-01-02&date_range[]=2025-01-03'],
    [
      'a repeated date_range[0]',
      'date_range[0]=2025-01-01&date_range[0]=2025-01-02&date_range[1]=2025-01-03',
    ],
    ['an extra date_range[2]', 'date_range[0]=2025-01-01&date_range[1]=2025-01-02&date_range[2]=2025-01-03'],
    ['mixed styles', 'date_range[]=2025-01-01&date_range[1]=2025-01-02'],
    ['a bare date_range', 'date_range=2025-01-01'],
    ['a malformed day', 'date_range[0]=2025-1-05&date_range[1]=2025-01-10'],
    ['an impossible day', 'date_range[0]=2025-02-01&date_range[1]=2025-02-30'],
    ['an empty day', 'date_range[0]=&date_range[1]=2025-02-03'],
    ['a reversed range', 'date_range[0]=2025-01-02&date_range[1]=2025-01-01'],
    ['more than 10 years', 'date_range[0]=2015-01-01&date_range[1]=2025-01-01'],
  ])('returns 400 naming date_range for %s', (_case, query) => {
    const result = graphQuery(query);
    expect(result.ok ? undefined : result.error).toMatchObject({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): date_range',
      data: { status: 400 },
    });
    expect(Object.keys(badParams(result) ?? {})).toEqual(['date_range']);
  });

  it('accepts exactly 10 years, by month', () => {
    expect(keys(daysQuery('2015-01-01', '2024-12-31'))).toHaveLength(120);
  });
});
