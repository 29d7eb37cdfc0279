import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatDay,
  formatMonth,
  formatNumber,
  formatPercent,
  formatRelative,
  timezoneLabel,
} from '../../src/lib/format';
import { localToUtcMs } from '../../src/lib/siteTime';

/** Intl puts narrow and no-break spaces around times and units; compare with plain spaces. */
const plain = (text: string): string => text.replace(/\s/gu, ' ');

const JAN_15_10_UTC = Date.UTC(2025, 0, 15, 10, 0, 0);
const HOUR = 3_600_000;

describe('format', () => {
  // The process zone must never leak into site times: run these with a zone far from every site zone used here.
  const processZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Pacific/Kiritimati';
  });
  afterAll(() => {
    if (processZone === undefined) delete process.env.TZ;
    else process.env.TZ = processZone;
  });

  it('returns numbers grouped for the locale', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'de-DE')).toBe('1.234.567');
    expect(formatNumber(1234.5, 'ar')).toMatch(/1.?234.5|١٬٢٣٤٫٥/u);
  });

  it('returns percentages with up to two fraction digits and no sign', () => {
    expect(formatPercent(12.5, 'en')).toBe('12.5%');
    expect(plain(formatPercent(12.5, 'de-DE'))).toBe('12,5 %');
    expect(formatPercent(253.856, 'en')).toBe('253.86%');
    expect(formatPercent(-5, 'en')).toBe('5%');
    expect(formatPercent(0, 'en')).toBe('0%');
    expect(formatPercent(12.5, 'ar')).toMatch(/12\.5|١٢٫٥/u);
  });

  it('returns a date and time in the site timezone, not the process timezone', () => {
    expect(plain(formatDateTime(JAN_15_10_UTC, 'en', 'Europe/Berlin'))).toBe('Jan 15, 2025, 11:00 AM');
    expect(plain(formatDateTime(JAN_15_10_UTC, 'en', 'America/New_York'))).toBe('Jan 15, 2025, 5:00 AM');
    expect(plain(formatDateTime(JAN_15_10_UTC, 'de-DE', 'Europe/Berlin'))).toBe('15.01.2025, 11:00');
    expect(plain(formatDateTime(JAN_15_10_UTC, 'en', 'UTC'))).toBe('Jan 15, 2025, 10:00 AM');
  });

  it('returns the date and time of fixed-offset sites, which Intl cannot name', () => {
    expect(plain(formatDateTime(JAN_15_10_UTC, 'en', '+05:30'))).toBe('Jan 15, 2025, 3:30 PM');
    expect(plain(formatDateTime(JAN_15_10_UTC, 'de-DE', '-03:00'))).toBe('15.01.2025, 07:00');
    // Across midnight: the site's day, not UTC's.
    expect(plain(formatDateTime(Date.UTC(2025, 0, 15, 22, 0), 'en', 'UTC+3', { dateStyle: 'medium' }))).toBe(
      'Jan 16, 2025',
    );
  });

  it('returns the date and time with the caller’s options, across a DST change', () => {
    const summer = Date.UTC(2025, 6, 1, 10, 0);
    expect(formatDateTime(summer, 'en', 'Europe/Berlin', { hour: 'numeric', hourCycle: 'h23' })).toBe('12');
    expect(formatDateTime(JAN_15_10_UTC, 'en', 'Europe/Berlin', { hour: 'numeric', hourCycle: 'h23' })).toBe(
      '11',
    );
  });

  it('returns UTC time for an unknown zone instead of throwing', () => {
    expect(plain(formatDateTime(JAN_15_10_UTC, 'en', 'Mars/Olympus'))).toBe('Jan 15, 2025, 10:00 AM');
  });

  it('returns Arabic dates with Arabic month names', () => {
    expect(formatDateTime(JAN_15_10_UTC, 'ar', 'Europe/Berlin', { month: 'long' })).toBe('يناير');
    expect(formatMonth(2025, 1, 'ar')).toContain('يناير');
  });

  it('returns a calendar day without shifting it by any zone', () => {
    expect(formatDay('2025-01-01', 'en')).toBe('Jan 1, 2025');
    expect(formatDay('2025-01-01', 'de-DE')).toBe('01.01.2025');
    expect(formatDay('2025-03-09', 'en', { weekday: 'long' })).toBe('Sunday');
    expect(formatDay('2025-02-30', 'en')).toBe('2025-02-30');
  });

  it('returns short month names with the year', () => {
    expect(formatMonth(2025, 1, 'en')).toBe('Jan 2025');
    expect(formatMonth(2025, 1, 'de-DE')).toBe('Jan. 2025');
    expect(formatMonth(2024, 12, 'en')).toBe('Dec 2024');
  });

  it('returns relative times that grow their unit with the distance', () => {
    const now = JAN_15_10_UTC;
    expect(formatRelative(now - 3 * HOUR, now, 'en', 'UTC')).toBe('3 hours ago');
    expect(formatRelative(now + 2 * HOUR, now, 'en', 'UTC')).toBe('in 2 hours');
    expect(formatRelative(now - 24 * HOUR, now, 'en', 'UTC')).toBe('yesterday');
    expect(formatRelative(now + 48 * HOUR, now, 'en', 'UTC')).toBe('in 2 days');
    expect(formatRelative(now - 5_000, now, 'en', 'UTC')).toBe('5 seconds ago');
    expect(formatRelative(now, now, 'en', 'UTC')).toBe('now');
    expect(formatRelative(now - 10 * 60_000, now, 'en', 'UTC')).toBe('10 minutes ago');
    expect(formatRelative(now - 60 * 24 * HOUR, now, 'en', 'UTC')).toBe('2 months ago');
    expect(formatRelative(now + 400 * 24 * HOUR, now, 'en', 'UTC')).toBe('next year');
  });

  it('counts days by the site’s calendar, agreeing with the date shown beside them', () => {
    const berlin = (local: string) => localToUtcMs(local, 'Europe/Berlin')!;
    const now = berlin('2025-12-02 09:00:00');
    const ago = (local: string) => formatRelative(berlin(local), now, 'en', 'Europe/Berlin');

    // Everything of yesterday is "yesterday", whatever its hour; 25 and 26 November are a day apart.
    expect([ago('2025-12-01 08:00:00'), ago('2025-12-01 23:30:00')]).toEqual(['yesterday', 'yesterday']);
    expect([ago('2025-11-30 00:30:00'), ago('2025-11-30 23:59:00')]).toEqual(['2 days ago', '2 days ago']);
    expect([ago('2025-11-25 20:00:00'), ago('2025-11-26 07:00:00')]).toEqual(['7 days ago', '6 days ago']);
    expect(ago('2025-12-02 01:00:00')).toBe('8 hours ago');
    expect(formatRelative(berlin('2025-12-03 00:10:00'), now, 'en', 'Europe/Berlin')).toBe('tomorrow');
    // 00:30 in Berlin is still the day before in UTC: the site's calendar decides.
    expect(formatRelative(berlin('2025-12-02 00:30:00'), now, 'en', 'Europe/Berlin')).toBe('9 hours ago');
    expect(formatRelative(berlin('2025-12-02 00:30:00'), now, 'en', 'UTC')).toBe('yesterday');
    // Months and years by the calendar, too.
    expect([ago('2025-11-01 12:00:00'), ago('2025-10-31 12:00:00')]).toEqual(['last month', '2 months ago']);
    expect(ago('2024-12-31 12:00:00')).toBe('last year');
  });

  it('returns relative times in German and Arabic', () => {
    const now = JAN_15_10_UTC;
    expect(formatRelative(now - 3 * HOUR, now, 'de-DE', 'UTC')).toBe('vor 3 Stunden');
    expect(formatRelative(now + 2 * HOUR, now, 'de-DE', 'UTC')).toBe('in 2 Stunden');
    expect(formatRelative(now - 24 * HOUR, now, 'ar', 'UTC')).toBe('أمس');
  });

  it('returns timezone labels people can read', () => {
    expect(timezoneLabel('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timezoneLabel('+05:30')).toBe('UTC+05:30');
    expect(timezoneLabel('UTC-3')).toBe('UTC-03:00');
    expect(timezoneLabel('+00:00')).toBe('UTC');
  });
});
