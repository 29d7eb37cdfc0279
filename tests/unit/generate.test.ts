// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '../../src/api/contract';
import { generateBookings, generateSiteData } from '../../src/data/generate';
import type { BookingRow } from '../../src/data/schema';
import { formatUtc, parseWireTime, utcMsToLocal, utcMsToLocalDay } from '../../src/lib/siteTime';

const NOW = Date.UTC(2025, 5, 15, 10, 30, 0);
const DAY_MS = 86_400_000;
const site = generateSiteData({ seed: 7, now: NOW });

const ms = (wire: string): number => {
  const instant = parseWireTime(wire);
  if (instant === undefined) throw new Error(`not a wire time: ${wire}`);
  return instant;
};

function groupsOf(bookings: readonly BookingRow[]): Map<number, BookingRow[]> {
  const groups = new Map<number, BookingRow[]>();
  for (const booking of bookings)
    groups.set(booking.group_id, [...(groups.get(booking.group_id) ?? []), booking]);
  return groups;
}

describe('generateSiteData', () => {
  it('returns identical data for the same seed and now', () => {
    expect(generateSiteData({ seed: 7, now: NOW })).toEqual(site);
  });

  it('returns different bookings for a different seed', () => {
    const other = generateSiteData({ seed: 8, now: NOW });
    expect(other.bookings.map((booking) => booking.hash)).not.toEqual(
      site.bookings.map((booking) => booking.hash),
    );
    expect(other.bookings.map((booking) => booking.start_time)).not.toEqual(
      site.bookings.map((booking) => booking.start_time),
    );
  });

  it('returns 3000 bookings by default and as many as asked', () => {
    expect(site.bookings).toHaveLength(3000);
    expect(generateSiteData({ now: NOW, bookings: 120 }).bookings).toHaveLength(120);
    expect(generateSiteData({ now: NOW, bookings: 0 }).bookings).toEqual([]);
  });

  it('returns one administrator and hosts, each host with a calendar', () => {
    const administrators = site.users.filter((user) => user.role === 'administrator');
    expect(administrators).toEqual([expect.objectContaining({ ID: 1, display_name: 'Site Admin' })]);
    const hosts = site.users.filter((user) => user.role === 'host');
    expect(hosts.length).toBeGreaterThanOrEqual(3);
    expect(site.calendars.map((calendar) => calendar.user_id).sort()).toEqual(
      hosts.map((host) => host.ID).sort(),
    );
  });

  it('returns every status', () => {
    const statuses = new Set(site.bookings.map((booking) => booking.status));
    for (const status of BOOKING_STATUSES.filter((status) => status !== 'rescheduled')) {
      expect(statuses).toContain(status);
    }
  });

  it('returns completed bookings only in the past and mostly scheduled ones ahead', () => {
    const completed = site.bookings.filter((booking) => booking.status === 'completed');
    expect(completed.every((booking) => ms(booking.end_time) <= NOW)).toBe(true);
    const scheduled = site.bookings.filter((booking) => booking.status === 'scheduled');
    const upcoming = scheduled.filter((booking) => ms(booking.end_time) > NOW);
    expect(upcoming.length).toBeGreaterThan(scheduled.length / 2);
  });

  it('returns one-to-one and group events whose bookings carry their type', () => {
    const types = new Set(site.events.map((event) => event.event_type));
    expect(types).toEqual(new Set(['single', 'group']));
    const eventById = new Map(site.events.map((event) => [event.id, event]));
    for (const booking of site.bookings) {
      const event = eventById.get(booking.event_id);
      if (event) expect(booking.event_type).toBe(event.event_type);
    }
    expect(site.bookings.some((booking) => booking.event_type === 'group')).toBe(true);
  });

  it('returns bookings of exactly one deleted event, some of them still upcoming', () => {
    const eventIds = new Set(site.events.map((event) => event.id));
    const orphans = site.bookings.filter((booking) => !eventIds.has(booking.event_id));
    expect(new Set(orphans.map((booking) => booking.event_id)).size).toBe(1);
    expect(orphans.length).toBeGreaterThan(10);
    expect(orphans.some((booking) => ms(booking.start_time) > NOW)).toBe(true);
  });

  it('returns group bookings that share a group id with the first booking of their session', () => {
    const groups = groupsOf(site.bookings);
    let shared = 0;
    for (const [groupId, members] of groups) {
      if (members.length > 1) shared++;
      expect(members.map((member) => member.id)).toContain(groupId);
      expect(Math.min(...members.map((member) => member.id))).toBe(groupId);
      expect(new Set(members.map((member) => `${member.event_id} ${member.start_time}`)).size).toBe(1);
      expect(members.length).toBeLessThanOrEqual(8);
    }
    expect(shared).toBeGreaterThan(10);
  });

  it('returns one-to-one bookings whose group id is their own id', () => {
    const singles = site.bookings.filter((booking) => booking.event_type === 'single');
    expect(singles.length).toBeGreaterThan(0);
    expect(singles.every((booking) => booking.group_id === booking.id)).toBe(true);
  });

  it('returns end times slot_minutes after the start', () => {
    for (const booking of site.bookings) {
      expect(ms(booking.end_time) - ms(booking.start_time)).toBe(booking.slot_minutes * 60_000);
    }
    expect(new Set(site.bookings.map((booking) => booking.slot_minutes))).toEqual(new Set([15, 30, 60]));
  });

  it('returns rows created before they are updated and before they start, up to 30 days ahead', () => {
    for (const booking of site.bookings) {
      expect(ms(booking.created_at)).toBeLessThanOrEqual(ms(booking.updated_at));
      expect(ms(booking.created_at)).toBeLessThan(ms(booking.start_time));
      expect(ms(booking.start_time) - ms(booking.created_at)).toBeLessThanOrEqual(31 * DAY_MS);
      expect(ms(booking.updated_at)).toBeLessThanOrEqual(NOW);
    }
  });

  it('returns every time as UTC YYYY-MM-DD HH:mm:ss', () => {
    const times = site.bookings.flatMap((row) => [
      row.start_time,
      row.end_time,
      row.created_at,
      row.updated_at,
    ]);
    times.push(...site.activities.flatMap((row) => [row.created_at, row.updated_at]));
    for (const time of times) expect(formatUtc(ms(time))).toBe(time);
  });

  it('returns about two years of bookings before now plus a few weeks ahead', () => {
    const created = site.bookings.map((booking) => ms(booking.created_at));
    const starts = site.bookings.map((booking) => ms(booking.start_time));
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW);
    expect((NOW - Math.min(...created)) / DAY_MS).toBeGreaterThan(725);
    expect((NOW - Math.min(...created)) / DAY_MS).toBeLessThan(732);
    expect((Math.max(...starts) - NOW) / DAY_MS).toBeGreaterThan(14);
    expect((Math.max(...starts) - NOW) / DAY_MS).toBeLessThan(33);
    expect(starts.filter((start) => start > NOW).length).toBeGreaterThan(20);
  });

  it('returns more bookings in the second year than in the first', () => {
    const yearAgo = NOW - 365 * DAY_MS;
    const recent = site.bookings.filter((booking) => ms(booking.created_at) > yearAgo).length;
    expect(recent).toBeGreaterThan((site.bookings.length - recent) * 1.15);
  });

  it.each(['Europe/Berlin', 'America/New_York', '+05:30'])(
    'returns meetings in working hours on weekdays of the site timezone %s',
    (timezone) => {
      const { bookings } = generateSiteData({ seed: 3, now: NOW, timezone, bookings: 1500 });
      const localStarts = bookings.map((booking) => utcMsToLocal(ms(booking.start_time), timezone));
      const inOfficeHours = localStarts.filter(
        (local) => local.slice(11, 16) >= '08:00' && local.slice(11, 16) <= '17:45',
      );
      expect(inOfficeHours).toHaveLength(localStarts.length);
      const weekend = bookings.filter((booking) => {
        const weekday = new Date(
          `${utcMsToLocalDay(ms(booking.start_time), timezone)}T00:00:00Z`,
        ).getUTCDay();
        return weekday === 0 || weekday === 6;
      });
      expect(weekend.length).toBeGreaterThan(0);
      expect(weekend.length / bookings.length).toBeLessThan(0.12);
    },
  );

  it('returns returning guests, some typing their e-mail in another case', () => {
    const emails = site.bookings.map((booking) => booking.email);
    const distinctLower = new Set(emails.map((email) => email.toLowerCase()));
    expect(distinctLower.size).toBeLessThan(emails.length * 0.8);
    expect(new Set(emails).size).toBeGreaterThan(distinctLower.size);
  });

  it('returns names outside ASCII', () => {
    const names = site.bookings.map((booking) => `${booking.first_name} ${booking.last_name}`).join(' ');
    for (const name of ['Müller', 'Nguyễn', 'Ørsted', 'محمد']) expect(names).toContain(name);
  });

  it('returns 32-hex hashes and unique ids', () => {
    expect(site.bookings.every((booking) => /^[0-9a-f]{32}$/.test(booking.hash))).toBe(true);
    const unique = (ids: readonly (number | string)[]) => new Set(ids).size === ids.length;
    expect(unique(site.bookings.map((booking) => booking.id))).toBe(true);
    expect(unique(site.activities.map((activity) => activity.id))).toBe(true);
    expect(unique(site.events.map((event) => event.id))).toBe(true);
    expect(unique(site.users.map((user) => user.ID))).toBe(true);
    expect(unique(site.bookings.map((booking) => booking.hash))).toBe(true);
  });

  it('returns booking ids in the order the bookings were created', () => {
    const created = site.bookings.map((booking) => booking.created_at);
    expect(created).toEqual([...created].sort());
  });

  it('returns activities about existing bookings, ids counting up with time', () => {
    const bookingIds = new Set(site.bookings.map((booking) => booking.id));
    expect(site.activities.length).toBeGreaterThan(site.bookings.length);
    expect(
      site.activities.every(
        (activity) => activity.booking_id !== null && bookingIds.has(activity.booking_id),
      ),
    ).toBe(true);
    const byId = [...site.activities].sort((a, b) => a.id - b.id).map((activity) => activity.created_at);
    expect(byId).toEqual([...byId].sort());
    expect(ms(byId.at(-1) ?? '')).toBeLessThanOrEqual(NOW);
  });

  it('returns the kinds of activity a real site logs', () => {
    const types = new Set(site.activities.map((activity) => activity.type));
    for (const type of ['success', 'info', 'error', 'warning', 'activity', 'reject_reason'])
      expect(types).toContain(type);
    const bookingById = new Map(site.bookings.map((booking) => [booking.id, booking]));
    const cancellations = site.activities.filter((activity) => activity.title === 'Meeting Cancelled');
    expect(cancellations.length).toBeGreaterThan(0);
    expect(
      cancellations.every((activity) => bookingById.get(activity.booking_id ?? 0)?.status === 'cancelled'),
    ).toBe(true);
    const reasons = site.activities.filter((activity) => activity.type === 'reject_reason');
    expect(
      reasons.every((activity) => bookingById.get(activity.booking_id ?? 0)?.status === 'rejected'),
    ).toBe(true);
  });

  it('refuses an unknown timezone and a negative count', () => {
    expect(() => generateSiteData({ now: NOW, timezone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => generateSiteData({ now: NOW, bookings: -1 })).toThrow(RangeError);
  });
});

describe('generateBookings', () => {
  it('streams the same bookings generateSiteData returns', () => {
    expect([...generateBookings({ seed: 7, now: NOW })]).toEqual(site.bookings);
  });

  it('returns ids and group ids counted from startId', () => {
    const shifted = [...generateBookings({ seed: 7, now: NOW, bookings: 300, startId: 1001 })];
    const plain = [...generateBookings({ seed: 7, now: NOW, bookings: 300 })];
    expect(shifted.map((booking) => booking.id)).toEqual(plain.map((booking) => booking.id + 1000));
    expect(shifted.map((booking) => booking.group_id)).toEqual(
      plain.map((booking) => booking.group_id + 1000),
    );
    expect(shifted.map((booking) => booking.hash)).toEqual(plain.map((booking) => booking.hash));
  });
});
