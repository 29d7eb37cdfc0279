// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toActivity } from '../../../src/engine';
import { activitiesOf, activity, booking, HOST_BOB, site } from './fixtures';

describe('computeActivities', () => {
  it('returns the 100 newest entries, newest first, ties by higher id first', () => {
    const rows = Array.from({ length: 105 }, (_, index) =>
      activity({
        id: index + 1,
        created_at: `2025-01-01 10:${String(Math.floor(index / 2)).padStart(2, '0')}:00`,
      }),
    );
    const ids = activitiesOf(site([], rows)).activities.map((entry) => entry.id);
    expect(ids).toHaveLength(100);
    expect(ids.slice(0, 4)).toEqual([105, 104, 103, 102]);
    expect(ids.at(-1)).toBe(6);
  });

  it('returns entries by instant, not by id', () => {
    const rows = [
      activity({ id: 1, created_at: '2025-01-03 00:00:00' }),
      activity({ id: 2, created_at: '2025-01-01 00:00:00' }),
      activity({ id: 3, created_at: '2025-01-02 00:00:00' }),
    ];
    expect(activitiesOf(site([], rows)).activities.map((entry) => entry.id)).toEqual([1, 3, 2]);
  });

  it('returns a host only the entries of their own bookings', () => {
    const data = site(
      [booking({ id: 1, host_user_id: 1 }), booking({ id: 2, host_user_id: 2 })],
      [
        activity({ id: 10, booking_id: 1 }),
        activity({ id: 11, booking_id: 2 }),
        activity({ id: 12, booking_id: null }),
      ],
    );
    expect(activitiesOf(data, HOST_BOB).activities.map((entry) => entry.id)).toEqual([11]);
    expect(
      activitiesOf(data)
        .activities.map((entry) => entry.id)
        .sort(),
    ).toEqual([10, 11, 12]);
  });
});

describe('toActivity', () => {
  it('returns every column with times as ISO 8601 +00:00', () => {
    const row = activity({
      id: 7,
      booking_id: 3,
      created_by: 1,
      type: 'success',
      title: 'Booking Created',
      description: 'New booking created',
      created_at: '2025-01-15 10:30:00',
      updated_at: '2025-01-15 10:30:15',
    });
    expect(toActivity(row)).toEqual({
      id: 7,
      booking_id: 3,
      parent_id: null,
      created_by: 1,
      status: 'closed',
      type: 'success',
      title: 'Booking Created',
      description: 'New booking created',
      created_at: '2025-01-15T10:30:00+00:00',
      updated_at: '2025-01-15T10:30:15+00:00',
    });
  });
});
