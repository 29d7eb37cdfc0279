// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countInWindow, storedUtcMs } from '../../../src/engine';
import { parseWireTime } from '../../../src/lib/siteTime';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

describe('storedUtcMs', () => {
  it('returns what parseWireTime reads, NaN where it reads nothing', () => {
    const nearlyStored = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
      )
      .map(
        ([y, mo, d, h, mi, s]) =>
          `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`,
      );
    fc.assert(
      fc.property(fc.oneof(nearlyStored, fc.string({ maxLength: 25 })), (text) => {
        expect(storedUtcMs(text)).toBe(parseWireTime(text) ?? NaN);
      }),
      { numRuns: 2000 },
    );
    expect(storedUtcMs('2024-02-29 23:59:59')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(storedUtcMs('2025-02-29 00:00:00')).toBeNaN();
    expect(storedUtcMs('2025-01-15T10:30:00+01:00')).toBe(Date.UTC(2025, 0, 15, 9, 30));
  });
});

describe('countInWindow', () => {
  it('returns the instants inside the window, both ends included', () => {
    const sorted = Float64Array.from([1000, 2000, 2000, 3000, 4000]);
    expect(countInWindow(sorted, { start: 2000, end: 3000 })).toBe(3);
    expect(countInWindow(sorted, { start: 2001, end: 3999 })).toBe(1);
    expect(countInWindow(sorted, { start: 5000, end: 4000 })).toBe(0);
    expect(countInWindow(sorted, { start: -Infinity, end: Infinity })).toBe(5);
  });
});
