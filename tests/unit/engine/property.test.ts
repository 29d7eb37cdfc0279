// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookingStatus } from '../../../src/api/contract';
import type { SiteData } from '../../../src/data/schema';
import { computeGraph, computeReports, parseGraphQuery, parseReportsQuery } from '../../../src/engine';
import type { ReportSettings, Viewer } from '../../../src/engine';
import { addDays, formatUtc, utcMsToLocalDay } from '../../../src/lib/siteTime';
import { booking, daysQuery, rangeQuery } from './fixtures';

const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', '+05:30', '-03:00', 'UTC'];
const STATUSES: BookingStatus[] = ['scheduled', 'completed', 'cancelled', 'pending', 'rejected', 'no_show'];
const FIRST_DAY = '2023-01-01';
const DAYS = 3 * 365;

/**
 * An instant over ~3 years; the time of day is often within a second of a half hour, which is where the local
 * midnights of every zone above fall, so bucket edges get hit.
 */
const instant = fc
  .tuple(
    fc.integer({ min: 0, max: DAYS }),
    fc.oneof(
      fc.integer({ min: 0, max: 86_399 }),
      fc
        .integer({ min: 0, max: 47 })
        .chain((halfHour) => fc.constantFrom(halfHour * 1800, halfHour * 1800 - 1)),
    ),
  )
  .map(([day, second]) => Date.parse(`${FIRST_DAY}T00:00:00Z`) + day * 86_400_000 + second * 1000);

const dataset = fc
  .array(
    fc.record({
      created: instant,
      end: instant,
      status: fc.constantFrom(...STATUSES),
      email: fc.constantFrom('ann@example.test', 'Ann@Example.test ', 'bob@example.test', 'cy@example.test'),
      host: fc.constantFrom(1, 2),
    }),
    { maxLength: 60 },
  )
  .map((rows): SiteData => ({
    users: [],
    calendars: [],
    events: [],
    activities: [],
    bookings: rows.map((row, index) =>
      booking({
        id: index + 1,
        created_at: formatUtc(row.created),
        end_time: formatUtc(row.end),
        status: row.status,
        email: row.email,
        host_user_id: row.host,
      }),
    ),
  }));

const scenario = fc.record({
  data: dataset,
  firstOffset: fc.integer({ min: -30, max: DAYS }),
  dayCount: fc.integer({ min: 1, max: 400 }),
  timezone: fc.constantFrom(...ZONES),
  startOfWeek: fc.integer({ min: 0, max: 6 }),
  viewer: fc.constantFrom<Viewer>({ userId: 1, role: 'administrator' }, { userId: 2, role: 'host' }),
});

const sum = (series: Record<string, number>) =>
  Object.values(series).reduce((total, count) => total + count, 0);

describe('report engine properties', () => {
  it('returns graph series whose sums equal the overview numbers for the same days', () => {
    fc.assert(
      fc.property(scenario, ({ data, firstOffset, dayCount, timezone, startOfWeek, viewer }) => {
        const settings: ReportSettings = { timezone, startOfWeek, now: Date.UTC(2025, 11, 31) };
        const firstDay = addDays(FIRST_DAY, firstOffset);
        const lastDay = addDays(firstDay, dayCount - 1);
        const plan = parseGraphQuery(new URLSearchParams(daysQuery(firstDay, lastDay)), settings);
        const query = parseReportsQuery(
          new URLSearchParams(rangeQuery(`${firstDay} 00:00:00`, `${lastDay} 23:59:59`)),
          settings,
        );
        if (!plan.ok || !query.ok) throw new Error('a valid range was refused');
        const graph = computeGraph(data, plan.value, viewer, settings);
        const [bookings, completed, cancelled] = computeReports(data, query.value, settings, viewer).overview;
        expect([sum(graph.booked_stats), sum(graph.completed_stats), sum(graph.cancelled_stats)]).toEqual([
          bookings?.number,
          completed?.number,
          cancelled?.number,
        ]);
      }),
      { numRuns: 100 },
    );
  });

  // Issue #11, point 5: the all-time graph spans the whole history, so its legend says what the tiles say.
  it('returns an all-time graph (history=all) whose sums equal the all-time overview numbers', () => {
    fc.assert(
      fc.property(scenario, ({ data, timezone, startOfWeek, viewer }) => {
        const settings: ReportSettings = { timezone, startOfWeek, now: Date.UTC(2025, 11, 31) };
        // What the dashboard asks for all time: the last 12 months, and the whole history.
        const params = new URLSearchParams(daysQuery('2025-01-01', '2025-12-31'));
        params.set('history', 'all');
        const plan = parseGraphQuery(params, settings);
        const query = parseReportsQuery(new URLSearchParams(), settings);
        if (!plan.ok || !query.ok) throw new Error('a valid range was refused');
        const graph = computeGraph(data, plan.value, viewer, settings);
        const [bookings, completed, cancelled] = computeReports(data, query.value, settings, viewer).overview;
        expect(graph.history).toBe('all');
        expect([sum(graph.booked_stats), sum(graph.completed_stats), sum(graph.cancelled_stats)]).toEqual([
          bookings?.number,
          completed?.number,
          cancelled?.number,
        ]);
        expect(Object.keys(graph.booked_stats).every((key) => /^[A-Z][a-z]{2} \d{4}$/.test(key))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('returns each booking under the bucket of its local day in the site zone', () => {
    const monthKey = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const weekStart = (day: string, startOfWeek: number) =>
      addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() - startOfWeek + 7) % 7));
    fc.assert(
      fc.property(scenario, ({ data, firstOffset, dayCount, timezone, startOfWeek, viewer }) => {
        const settings: ReportSettings = { timezone, startOfWeek, now: Date.UTC(2025, 11, 31) };
        const firstDay = addDays(FIRST_DAY, firstOffset);
        const lastDay = addDays(firstDay, dayCount - 1);
        const plan = parseGraphQuery(new URLSearchParams(daysQuery(firstDay, lastDay)), settings);
        if (!plan.ok) throw new Error('a valid range was refused');
        const keyOf = (day: string) => {
          if (dayCount <= 62) return day;
          if (dayCount <= 92) return weekStart(day, startOfWeek);
          return monthKey.format(new Date(`${day}T00:00:00Z`));
        };
        // The slow, obvious way: format each booking's instant in the zone and bucket by the local day.
        const expected: Record<string, number> = {};
        for (const row of data.bookings) {
          if (viewer.role === 'host' && row.host_user_id !== viewer.userId) continue;
          const day = utcMsToLocalDay(Date.parse(`${row.created_at.replace(' ', 'T')}Z`), timezone);
          if (day < firstDay || day > lastDay) continue;
          expected[keyOf(day)] = (expected[keyOf(day)] ?? 0) + 1;
        }
        const booked = computeGraph(data, plan.value, viewer, settings).booked_stats;
        const nonZero = Object.fromEntries(Object.entries(booked).filter(([, count]) => count > 0));
        expect(nonZero).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
