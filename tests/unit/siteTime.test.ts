import { describe, expect, it } from 'vitest';
import {
  formatUtc,
  isValidTimezone,
  localDayStartUtcMs,
  localToUtcMs,
  parseFixedOffset,
  parseWireTime,
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
