// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { booking, daysQuery, graphOf, HOST_BOB, site, UTC_SITE } from './fixtures';

const BERLIN = { ...UTC_SITE, timezone: 'Europe/Berlin' };

describe('computeGraph', () => {
  it('returns every day zero-filled in chronological order', () => {
    const graph = graphOf(
      site([booking({ created_at: '2025-01-03 10:00:00' })]),
      daysQuery('2025-01-01', '2025-01-04'),
    );
    expect(Object.entries(graph.booked_stats)).toEqual([
      ['2025-01-01', 0],
      ['2025-01-02', 0],
      ['2025-01-03', 1],
      ['2025-01-04', 0],
    ]);
    expect(Object.keys(graph.completed_stats)).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
    ]);
    expect(Object.values(graph.cancelled_stats)).toEqual([0, 0, 0, 0]);
  });

  it('returns bookings by created_at, completed and cancelled by end_time and exact status', () => {
    const data = site([
      booking({ created_at: '2025-01-01 10:00:00', status: 'completed', end_time: '2025-01-03 10:30:00' }),
      booking({ created_at: '2025-01-01 11:00:00', status: 'cancelled', end_time: '2025-01-02 10:30:00' }),
      booking({ created_at: '2025-01-02 11:00:00', status: 'no_show', end_time: '2025-01-02 10:30:00' }),
    ]);
    expect(graphOf(data, daysQuery('2025-01-01', '2025-01-03'))).toEqual({
      booked_stats: { '2025-01-01': 2, '2025-01-02': 1, '2025-01-03': 0 },
      completed_stats: { '2025-01-01': 0, '2025-01-02': 0, '2025-01-03': 1 },
      cancelled_stats: { '2025-01-01': 0, '2025-01-02': 1, '2025-01-03': 0 },
    });
  });

  it('returns a DST day of 23 hours: 22:30 UTC on 2025-03-30 belongs to 03-31 in Berlin', () => {
    const data = site(
      ['2025-03-29 22:59:59', '2025-03-29 23:00:00', '2025-03-30 21:59:59', '2025-03-30 22:30:00'].map(
        (created_at) => booking({ created_at }),
      ),
    );
    expect(graphOf(data, daysQuery('2025-03-29', '2025-03-31'), BERLIN).booked_stats).toEqual({
      '2025-03-29': 1,
      '2025-03-30': 2,
      '2025-03-31': 1,
    });
  });

  it('returns local days of a +05:30 site and of Los Angeles, ends included to the second', () => {
    const data = site(
      ['2025-01-09 18:29:59', '2025-01-09 18:30:00', '2025-01-10 07:59:59', '2025-01-10 08:00:00'].map(
        (created_at) => booking({ created_at }),
      ),
    );
    expect(
      graphOf(data, daysQuery('2025-01-09', '2025-01-10'), { ...UTC_SITE, timezone: '+05:30' }).booked_stats,
    ).toEqual({ '2025-01-09': 1, '2025-01-10': 3 });
    expect(
      graphOf(data, daysQuery('2025-01-09', '2025-01-10'), { ...UTC_SITE, timezone: 'America/Los_Angeles' })
        .booked_stats,
    ).toEqual({ '2025-01-09': 3, '2025-01-10': 1 });
  });

  it('returns weekly counts under the first day of each week, the first week clipped to the range', () => {
    const data = site(
      [
        '2024-12-31 10:00:00',
        '2025-01-01 00:00:00',
        '2025-01-05 23:59:59',
        '2025-01-06 00:00:00',
        '2025-03-04 23:59:59',
        '2025-03-05 00:00:00',
      ].map((created_at) => booking({ created_at })),
    );
    const booked = graphOf(data, daysQuery('2025-01-01', '2025-03-04')).booked_stats;
    expect(booked['2024-12-30']).toBe(2);
    expect(booked['2025-01-06']).toBe(1);
    expect(booked['2025-03-03']).toBe(1);
    expect(Object.values(booked).reduce((sum, count) => sum + count, 0)).toBe(4);
  });

  it('returns the same month of two years under two keys', () => {
    const data = site(
      ['2024-03-15 10:00:00', '2025-03-01 10:00:00', '2025-03-31 23:59:59', '2024-07-04 10:00:00'].map(
        (created_at) => booking({ created_at }),
      ),
    );
    const booked = graphOf(data, daysQuery('2024-03-01', '2025-03-31')).booked_stats;
    expect(Object.keys(booked)).toEqual([
      'Mar 2024',
      'Apr 2024',
      'May 2024',
      'Jun 2024',
      'Jul 2024',
      'Aug 2024',
      'Sep 2024',
      'Oct 2024',
      'Nov 2024',
      'Dec 2024',
      'Jan 2025',
      'Feb 2025',
      'Mar 2025',
    ]);
    expect([booked['Mar 2024'], booked['Jul 2024'], booked['Mar 2025'], booked['Apr 2024']]).toEqual([
      1, 1, 2, 0,
    ]);
  });

  it("returns a host only their own bookings' counts", () => {
    const data = site([
      booking({ host_user_id: 1, created_at: '2025-01-01 10:00:00' }),
      booking({ host_user_id: 2, created_at: '2025-01-01 11:00:00' }),
      booking({ host_user_id: 2, created_at: '2025-01-02 11:00:00' }),
    ]);
    expect(graphOf(data, daysQuery('2025-01-01', '2025-01-02'), UTC_SITE, HOST_BOB).booked_stats).toEqual({
      '2025-01-01': 1,
      '2025-01-02': 1,
    });
  });
});
