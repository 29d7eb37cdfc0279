import dayjs from 'dayjs';
import timezonePlugin from 'dayjs/plugin/timezone';
import utcPlugin from 'dayjs/plugin/utc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatUtc,
  isValidTimezone,
  localDayStartUtcMs,
  localToUtcMs,
  parseFixedOffset,
  parseWireTime,
  siteOffsetAt,
  utcMsToLocal,
} from '../../src/lib/siteTime';

const utc = (local: string, zone: string) => formatUtc(localToUtcMs(local, zone)!);

describe('siteTime', () => {
  it('reads fixed offsets the way WordPress writes them', () => {
    expect(parseFixedOffset('+05:30')).toBe(330);
    expect(parseFixedOffset('UTC-3')).toBe(-180);
    expect(parseFixedOffset('-0930')).toBe(-570);
    expect(parseFixedOffset('UTC')).toBe(0);
    expect(parseFixedOffset('Europe/Berlin')).toBeUndefined();
    expect(parseFixedOffset('+25:00')).toBeUndefined();
  });

  it('knows real zones from made-up ones', () => {
    expect(isValidTimezone('Asia/Kolkata')).toBe(true);
    expect(isValidTimezone('-03:00')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });

  it('converts local site times to UTC west of UTC, at half-hour offsets and as fixed offsets', () => {
    expect(utc('2025-01-15 00:00:00', 'America/Los_Angeles')).toBe('2025-01-15 08:00:00');
    expect(utc('2025-07-15 00:00:00', 'America/Los_Angeles')).toBe('2025-07-15 07:00:00');
    expect(utc('2025-01-01 00:00:00', 'Asia/Kolkata')).toBe('2024-12-31 18:30:00');
    expect(utc('2025-01-01 00:00:00', '+05:30')).toBe('2024-12-31 18:30:00');
    expect(utc('2025-01-01 00:00:00', '-03:00')).toBe('2025-01-01 03:00:00');
  });

  it('handles DST change days exactly', () => {
    // Spring: 02:30 does not exist in Berlin on 30 March 2025; it lands after the gap.
    expect(utc('2025-03-30 02:30:00', 'Europe/Berlin')).toBe('2025-03-30 01:30:00');
    expect(utcMsToLocal(localToUtcMs('2025-03-30 02:30:00', 'Europe/Berlin')!, 'Europe/Berlin')).toBe(
      '2025-03-30 03:30:00',
    );
    // Autumn: 02:30 happens twice; the earlier instant is taken.
    expect(utc('2025-10-26 02:30:00', 'Europe/Berlin')).toBe('2025-10-26 00:30:00');
    // The day is 23 hours long in spring and 25 in autumn.
    const day = (d: string) => localDayStartUtcMs(d, 'Europe/Berlin')!;
    expect((day('2025-03-31') - day('2025-03-30')) / 3_600_000).toBe(23);
    expect((day('2025-10-27') - day('2025-10-26')) / 3_600_000).toBe(25);
  });

  it('refuses impossible and malformed local times', () => {
    expect(localToUtcMs('2025-02-30 00:00:00', 'UTC')).toBeUndefined();
    expect(localToUtcMs('2025-02-28 24:00:00', 'UTC')).toBeUndefined();
    expect(localToUtcMs('2025-02-28T10:00:00', 'UTC')).toBeUndefined();
    expect(localDayStartUtcMs('2024-02-29', 'UTC')).toBeDefined();
    expect(localDayStartUtcMs('2025-02-29', 'UTC')).toBeUndefined();
  });

  it('parses response times as UTC whatever the browser zone, and ISO times by their offset', () => {
    expect(parseWireTime('2026-11-12 22:17:06')).toBe(Date.UTC(2026, 10, 12, 22, 17, 6));
    expect(parseWireTime('2026-11-12T22:17:06+00:00')).toBe(Date.UTC(2026, 10, 12, 22, 17, 6));
    expect(parseWireTime('2026-11-12T23:17:06+01:00')).toBe(Date.UTC(2026, 10, 12, 22, 17, 6));
    expect(parseWireTime('2026-11-12T22:17:06')).toBeUndefined();
    expect(parseWireTime(null)).toBeUndefined();
    expect(parseWireTime('yesterday')).toBeUndefined();
  });
});

describe('siteOffsetAt', () => {
  it('agrees with dayjs’s timezone plugin on 4,000 instants across zones with odd offsets and DST', () => {
    dayjs.extend(utcPlugin);
    dayjs.extend(timezonePlugin);
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'America/Sao_Paulo',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'America/St_Johns',
      'Africa/Casablanca',
      'UTC',
      'Pacific/Apia',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        // 1900 to 2100, in whole seconds (the plugin misreads a fraction of a second before 1970).
        fc.integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }),
        (zone, seconds) => {
          const instant = seconds * 1000;
          // Whole minutes: before about 1940 some zones ran on local mean time (St John's: -3:30:52), which the
          // plugin gives as a fraction.
          expect(
            Math.abs(siteOffsetAt(instant, zone) - dayjs.utc(instant).tz(zone).utcOffset()),
          ).toBeLessThan(1);
          // Within the second, the same offset.
          expect(siteOffsetAt(instant + 999, zone)).toBe(siteOffsetAt(instant, zone));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('reads a fixed offset without any zone data', () => {
    expect(siteOffsetAt(Date.UTC(2025, 5, 1), '+05:30')).toBe(330);
    expect(siteOffsetAt(Date.UTC(2025, 5, 1), 'UTC-3')).toBe(-180);
  });
});
