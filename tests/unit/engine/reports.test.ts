// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildNextMeeting,
  buildOverview,
  comparisonContent,
  OVERVIEW_ICONS,
  percentChange,
  toBookingSummary,
} from '../../../src/engine';
import { noShowRate } from '../../../src/api/contract';
import { ADMIN, booking, EVENTS, HOST_BOB, rangeQuery, reportsOf, site, USERS, UTC_SITE } from './fixtures';

/**
 * Ten bookings around the range 2025-01-10 00:00:00 … 2025-01-19 23:59:59 (UTC site), whose comparison window is
 * 2024-12-31 00:00:00 … 2025-01-09 23:59:59. Several sit exactly on an edge, to the second.
 */
const OVERVIEW_DATA = site([
  booking({
    id: 1,
    created_at: '2025-01-10 00:00:00',
    status: 'completed',
    end_time: '2025-01-12 10:30:00',
    email: 'Ann@Example.test',
  }),
  booking({
    id: 2,
    created_at: '2025-01-19 23:59:59',
    status: 'cancelled',
    end_time: '2025-01-20 00:00:00',
    email: ' ann@example.test ',
  }),
  booking({
    id: 3,
    created_at: '2025-01-20 00:00:00',
    status: 'completed',
    end_time: '2025-01-19 23:59:59',
    email: 'bob@example.test',
  }),
  booking({
    id: 4,
    created_at: '2025-01-05 09:00:00',
    status: 'cancelled',
    end_time: '2025-01-15 09:30:00',
    email: 'carl@example.test',
  }),
  booking({
    id: 5,
    created_at: '2025-01-09 23:59:59',
    status: 'no_show',
    end_time: '2025-01-11 10:00:00',
    email: 'dana@example.test',
  }),
  booking({
    id: 6,
    created_at: '2025-01-15 12:00:00',
    status: 'scheduled',
    end_time: '2025-02-05 10:30:00',
    email: 'erin@example.test',
  }),
  booking({
    id: 7,
    created_at: '2025-01-02 10:00:00',
    status: 'completed',
    end_time: '2025-01-03 10:30:00',
    email: 'dana@example.test',
  }),
  booking({
    id: 8,
    created_at: '2025-01-01 08:00:00',
    status: 'cancelled',
    end_time: '2025-01-08 10:30:00',
    email: 'fay@example.test',
  }),
  booking({
    id: 9,
    created_at: '2024-12-01 10:00:00',
    status: 'completed',
    end_time: '2024-12-30 22:00:00',
    email: 'gus@example.test',
  }),
  booking({
    id: 10,
    created_at: '2024-12-30 23:59:59',
    status: 'pending',
    end_time: '2025-01-02 10:30:00',
    email: 'hal@example.test',
  }),
]);

const widgetSummary = (query: string) =>
  reportsOf(OVERVIEW_DATA, query).overview.map(({ title, number, stat, content }) => ({
    title,
    number,
    stat,
    content,
  }));

describe('computeReports overview', () => {
  it('returns each widget number and stat for a range, ends included to the second', () => {
    expect(widgetSummary(rangeQuery('2025-01-10 00:00:00', '2025-01-19 23:59:59'))).toEqual([
      // created 1, 2, 6 against 4, 5, 7, 8
      { title: 'Total Bookings', number: 3, stat: -25, content: 'Less than last month' },
      // ended 1, 3 against 7
      { title: 'Completed Bookings', number: 2, stat: 100, content: 'More than last month' },
      // ended 4 against 8 (2 ends one second after the range)
      { title: 'Cancelled Bookings', number: 1, stat: 0, content: 'Same as last month' },
      // ann (twice, case and spaces aside), erin against carl, dana, fay
      { title: 'Total Guests', number: 2, stat: -33.33, content: 'Less than last month' },
      // 5 ended as a no-show in the range, none before it
      { title: 'No-shows', number: 1, stat: 100, content: 'More than last month' },
    ]);
  });

  it('returns all-time numbers with stats comparing the last 30 days to the 30 before', () => {
    // Stat window 2025-01-01 12:00:00 … 2025-01-31 12:00:00; before it 2024-12-02 11:59:59 … 2025-01-01 11:59:59.
    expect(widgetSummary('')).toEqual([
      { title: 'Total Bookings', number: 10, stat: 250, content: 'More than last month' },
      { title: 'Completed Bookings', number: 4, stat: 200, content: 'More than last month' },
      { title: 'Cancelled Bookings', number: 3, stat: 100, content: 'More than last month' },
      { title: 'Total Guests', number: 8, stat: 150, content: 'More than last month' },
      { title: 'No-shows', number: 1, stat: 100, content: 'More than last month' },
    ]);
  });

  it('returns the widgets in wire order with periods, icons and no period on Total Guests', () => {
    const overview = reportsOf(OVERVIEW_DATA).overview;
    expect(overview.map((widget) => widget.period)).toEqual([
      'all',
      'completed',
      'cancelled',
      undefined,
      'no_show',
    ]);
    expect('period' in (overview[3] ?? {})).toBe(false);
    expect(overview.map((widget) => widget.icon)).toEqual([
      OVERVIEW_ICONS.all,
      OVERVIEW_ICONS.completed,
      OVERVIEW_ICONS.cancelled,
      OVERVIEW_ICONS.guests,
      OVERVIEW_ICONS.no_show,
    ]);
    for (const icon of Object.values(OVERVIEW_ICONS)) {
      expect(icon).toMatch(/^<svg [^>]*aria-hidden="true"[^>]*>.*<\/svg>$/);
      expect(icon).toContain('currentColor');
    }
  });

  it('returns zeros everywhere for an empty site', () => {
    const overview = reportsOf(site([])).overview;
    expect(overview.map((widget) => [widget.number, widget.stat, widget.content])).toEqual(
      Array.from({ length: 5 }, () => [0, 0, 'Same as last month']),
    );
  });

  it('counts only exact completed and cancelled statuses', () => {
    const data = site([
      booking({ status: 'no_show', end_time: '2025-01-10 10:00:00' }),
      booking({ status: 'rejected', end_time: '2025-01-10 10:00:00' }),
      booking({ status: 'rescheduled', end_time: '2025-01-10 10:00:00' }),
    ]);
    const [, completed, cancelled] = reportsOf(data).overview;
    expect([completed?.number, cancelled?.number]).toEqual([0, 0]);
  });
});

describe('percentChange', () => {
  it('returns 0 when both are 0 and 100 when only the previous is 0', () => {
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(7, 0)).toBe(100);
    expect(Object.is(percentChange(5, 5), 0)).toBe(true);
  });

  it('returns the change rounded to 2 decimals', () => {
    expect(percentChange(4, 3)).toBe(33.33);
    expect(percentChange(2, 3)).toBe(-33.33);
    expect(percentChange(3, 2)).toBe(50);
    expect(percentChange(5, 3)).toBe(66.67);
    expect(percentChange(1, 3)).toBe(-66.67);
    expect(percentChange(0, 4)).toBe(-100);
    expect(percentChange(1, 8)).toBe(-87.5);
  });

  it('rounds halves away from zero where float arithmetic would not', () => {
    // 23 / 160 = 14.375 %, which (23 / 160) * 100 computes as 14.374999…
    expect(percentChange(183, 160)).toBe(14.38);
    expect(percentChange(137, 160)).toBe(-14.38);
    // -3.125 %: Math.round alone would round it towards +∞ (-3.12).
    expect(percentChange(31, 32)).toBe(-3.13);
  });
});

describe('noShowRate', () => {
  it('returns the no-shows’ share of the meetings that ended with an outcome, to 2 decimals, half away from zero', () => {
    expect(noShowRate(0, 0)).toBe(0);
    expect(noShowRate(0, 7)).toBe(0);
    expect(noShowRate(3, 0)).toBe(100);
    expect(noShowRate(3, 30)).toBe(9.09);
    expect(noShowRate(2, 1)).toBe(66.67);
    // 1 / 8 = 12.5 %; 1 / 16 = 6.25 %; 1 / 1600 = 0.0625 %, to 2 decimals 0.06; 1 / 2000 = 0.05 %; 1 / 200 = 0.5 %.
    expect(noShowRate(1, 7)).toBe(12.5);
    expect(noShowRate(1, 15)).toBe(6.25);
    expect(noShowRate(1, 1599)).toBe(0.06);
    expect(noShowRate(1, 1999)).toBe(0.05);
    expect(noShowRate(1, 199)).toBe(0.5);
  });

  it('agrees with exact rational rounding for any counts', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5_000_000 }), fc.nat({ max: 5_000_000 }), (noShows, completed) => {
        const ended = BigInt(noShows + completed);
        if (ended === 0n) return noShowRate(noShows, completed) === 0;
        // Round half up of 10000 × noShows / ended, in integers.
        const hundredths = (20_000n * BigInt(noShows) + ended) / (2n * ended);
        return noShowRate(noShows, completed) === Number(hundredths) / 100;
      }),
    );
  });
});

describe('comparisonContent', () => {
  it('returns the sentence for the sign of the stat', () => {
    expect(comparisonContent(0.01)).toBe('More than last month');
    expect(comparisonContent(-0.01)).toBe('Less than last month');
    expect(comparisonContent(0)).toBe('Same as last month');
  });
});

describe('buildOverview', () => {
  it('returns numbers from the range and stats from the stat window against the previous one', () => {
    const overview = buildOverview(
      { all: 40, completed: 30, cancelled: 5, guests: 20, no_show: 3 },
      { all: 4, completed: 3, cancelled: 2, guests: 1, no_show: 1 },
      { all: 3, completed: 3, cancelled: 4, guests: 0, no_show: 2 },
    );
    expect(overview.map((widget) => [widget.title, widget.number, widget.stat])).toEqual([
      ['Total Bookings', 40, 33.33],
      ['Completed Bookings', 30, 0],
      ['Cancelled Bookings', 5, -50],
      ['Total Guests', 20, 100],
      ['No-shows', 3, -50],
    ]);
    // 3 no-shows of the 33 meetings that ended with an outcome (30 completed): 9.09 %.
    expect(overview.map((widget) => widget.rate)).toEqual([undefined, undefined, undefined, undefined, 9.09]);
    expect(overview[4]?.period).toBe('no_show');
  });
});

describe('computeReports no-shows', () => {
  it('counts no-show bookings by the end of their meeting, whenever booked, beside the completed ones', () => {
    const data = site([
      booking({
        id: 1,
        created_at: '2024-12-01 10:00:00',
        end_time: '2025-01-10 10:30:00',
        status: 'no_show',
      }),
      booking({
        id: 2,
        created_at: '2025-01-02 10:00:00',
        end_time: '2025-01-11 10:30:00',
        status: 'no_show',
      }),
      // Ended after the range.
      booking({
        id: 3,
        created_at: '2025-01-03 10:00:00',
        end_time: '2025-02-11 10:30:00',
        status: 'no_show',
      }),
      booking({
        id: 4,
        created_at: '2025-01-03 10:00:00',
        end_time: '2025-01-12 10:30:00',
        status: 'completed',
      }),
      booking({
        id: 5,
        created_at: '2025-01-03 10:00:00',
        end_time: '2025-01-12 10:30:00',
        status: 'cancelled',
      }),
    ]);
    const { overview } = reportsOf(data, rangeQuery('2025-01-01 00:00:00', '2025-01-31 23:59:59'));
    const noShows = overview.find((widget) => widget.period === 'no_show');
    expect(noShows).toMatchObject({ title: 'No-shows', number: 2, rate: 66.67 });
    expect(noShows?.icon).toMatch(/^<svg /);
  });
});

describe('computeReports latest_books', () => {
  it('returns the 5 newest pending, scheduled or completed bookings whatever the range', () => {
    const data = site([
      booking({ id: 1, created_at: '2025-01-20 10:00:00', status: 'scheduled' }),
      booking({ id: 2, created_at: '2025-01-21 10:00:00', status: 'cancelled' }),
      booking({ id: 3, created_at: '2025-01-22 10:00:00', status: 'pending' }),
      booking({ id: 4, created_at: '2025-01-22 10:00:00', status: 'completed' }),
      booking({ id: 5, created_at: '2025-01-23 10:00:00', status: 'rejected' }),
      booking({ id: 6, created_at: '2025-01-19 10:00:00', status: 'completed' }),
      booking({ id: 7, created_at: '2025-01-24 10:00:00', status: 'reserved' }),
      booking({ id: 8, created_at: '2025-01-18 10:00:00', status: 'scheduled' }),
      booking({ id: 9, created_at: '2025-01-25 10:00:00', status: 'no_show' }),
      booking({ id: 10, created_at: '2025-01-17 10:00:00', status: 'pending' }),
    ]);
    const latest = reportsOf(data, rangeQuery('2020-01-01 00:00:00', '2020-01-31 23:59:59')).latest_books;
    // Same second for 3 and 4: the higher id first.
    expect(latest.map((row) => row.id)).toEqual([4, 3, 1, 6, 8]);
  });

  it('returns every column as stored, numbers as numbers and times as stored UTC strings', () => {
    const row = booking({
      id: 42,
      group_id: 42,
      created_at: '2025-01-20 10:00:00',
      start_time: '2025-02-01 09:00:00',
    });
    expect(reportsOf(site([row])).latest_books).toEqual([row]);
    expect(toBookingSummary(row)).not.toBe(row);
  });
});

describe('computeReports next_meetings', () => {
  // Now is 2025-01-31 12:00:00 UTC.
  const meetings = [
    booking({
      id: 20,
      start_time: '2025-02-01 09:00:00',
      end_time: '2025-02-01 09:30:00',
      first_name: 'Ann',
      last_name: 'Lee',
    }),
    booking({ id: 21, start_time: '2025-01-31 11:00:00', end_time: '2025-01-31 11:59:59' }),
    booking({ id: 22, start_time: '2025-01-31 11:30:00', end_time: '2025-01-31 12:00:00' }),
    ...[23, 24].map((id) =>
      booking({
        id,
        event_id: 2,
        group_id: 50,
        event_type: 'group',
        host_user_id: 2,
        start_time: '2025-02-02 10:00:00',
        end_time: '2025-02-02 11:00:00',
      }),
    ),
    booking({
      id: 25,
      event_id: 2,
      group_id: 50,
      event_type: 'group',
      host_user_id: 2,
      status: 'completed',
      start_time: '2025-02-02 10:00:00',
      end_time: '2025-02-02 11:00:00',
    }),
    booking({
      id: 26,
      event_id: 2,
      group_id: 50,
      event_type: 'group',
      host_user_id: 2,
      status: 'cancelled',
      start_time: '2025-02-02 10:00:00',
      end_time: '2025-02-02 11:00:00',
    }),
    booking({
      id: 27,
      status: 'completed',
      start_time: '2025-02-01 08:00:00',
      end_time: '2025-02-01 08:30:00',
    }),
    booking({
      id: 28,
      event_id: 99,
      start_time: '2025-02-03 09:00:00',
      end_time: '2025-02-03 09:30:00',
      first_name: 'Carol',
      last_name: 'Chen',
    }),
    booking({ id: 29, event_id: 3, start_time: '2025-02-03 10:00:00', end_time: '2025-02-03 10:30:00' }),
    booking({
      id: 30,
      status: 'pending',
      start_time: '2025-02-01 07:00:00',
      end_time: '2025-02-01 07:30:00',
    }),
    booking({ id: 31, start_time: '2025-02-04 09:00:00', end_time: '2025-02-04 09:30:00' }),
  ];
  const next = reportsOf(site(meetings)).next_meetings;

  it('returns up to 5 scheduled bookings not yet ended, soonest first, one per group', () => {
    // 21 ended a second ago, 22 ends right now; 24 shares group 50 with 23; 31 is the sixth.
    expect(next.map((meeting) => meeting.id)).toEqual([22, 20, 23, 28, 29]);
  });

  it('returns title, author and slot of the event', () => {
    expect(next[1]).toMatchObject({
      id: 20,
      title: '30 Minute Consultation with Ann Lee',
      author: { ID: 1, name: 'Alice Admin' },
      slot: { id: 1, title: '30 Minute Consultation', duration: 30, event_type: 'single' },
    });
    expect(next[1]).not.toHaveProperty('booked_count');
  });

  it('returns booked_count for a group, counting its scheduled and completed attendees', () => {
    expect(next[2]).toMatchObject({ id: 23, booked_count: 3, author: { ID: 2, name: 'Bob Host' } });
  });

  it('returns slot {} and author unknown for a deleted event', () => {
    expect(next[3]).toMatchObject({
      id: 28,
      title: 'Meeting with Carol Chen',
      author: { name: 'unknown' },
      slot: {},
    });
    expect(next[3]?.slot).toEqual({});
    expect(next[3]?.author).toEqual({ name: 'unknown' });
  });

  it('returns author unknown but the slot when the event owner no longer exists', () => {
    expect(next[4]?.author).toEqual({ name: 'unknown' });
    expect(next[4]?.slot).toEqual({ id: 3, title: 'Orphan Event', duration: 15, event_type: 'single' });
  });
});

describe('buildNextMeeting', () => {
  it('returns booked_count for group_event bookings only when a count is given', () => {
    const row = booking({ event_type: 'group_event', event_id: 2, first_name: ' Dee ', last_name: '' });
    const meeting = buildNextMeeting(row, EVENTS[1], USERS[1], 2);
    expect(meeting.booked_count).toBe(2);
    expect(meeting.title).toBe('Group Workshop with Dee');
    expect(buildNextMeeting(row, EVENTS[1], USERS[1], undefined)).not.toHaveProperty('booked_count');
    expect(buildNextMeeting(booking(), EVENTS[0], USERS[0], 4)).not.toHaveProperty('booked_count');
  });
});

describe('computeReports host scoping', () => {
  const data = site([
    booking({
      id: 1,
      host_user_id: 1,
      created_at: '2025-01-20 10:00:00',
      email: 'alice-guest@example.test',
      start_time: '2025-02-01 10:00:00',
      end_time: '2025-02-01 10:30:00',
    }),
    booking({
      id: 2,
      host_user_id: 2,
      created_at: '2025-01-21 10:00:00',
      email: 'bob-guest@example.test',
      start_time: '2025-02-02 10:00:00',
      end_time: '2025-02-02 11:00:00',
      event_id: 2,
      group_id: 60,
      event_type: 'group',
    }),
    booking({
      id: 3,
      host_user_id: 1,
      created_at: '2025-01-22 10:00:00',
      email: 'x@example.test',
      start_time: '2025-02-02 10:00:00',
      end_time: '2025-02-02 11:00:00',
      event_id: 2,
      group_id: 60,
      event_type: 'group',
    }),
  ]);

  it("returns a host only their own bookings' numbers, rows and group counts", () => {
    const bob = reportsOf(data, '', UTC_SITE, HOST_BOB);
    expect(bob.overview.map((widget) => widget.number)).toEqual([1, 0, 0, 1, 0]);
    expect(bob.latest_books.map((row) => row.id)).toEqual([2]);
    expect(bob.next_meetings.map((meeting) => [meeting.id, meeting.booked_count])).toEqual([[2, 1]]);
  });

  it('returns an administrator everything', () => {
    const admin = reportsOf(data, '', UTC_SITE, ADMIN);
    expect(admin.overview[0]?.number).toBe(3);
    expect(admin.next_meetings.map((meeting) => [meeting.id, meeting.booked_count])).toEqual([
      [1, undefined],
      [2, 2],
    ]);
  });
});
