/**
 * Reading `next_meetings` rows the way both our backend and a real site send them.
 *
 * A deleted event comes back as `slot: {}` (spec, our backend), `slot: null` (real site) or without a slot, with
 * `author.name` `"unknown"`: all of them are one case, and no host called "unknown" is ever shown.
 */
import type { MeetingSlot, NextMeeting } from '../api/types';

/** The placeholder name the plugin gives the host of a deleted event. */
const UNKNOWN_AUTHOR = 'unknown';

/**
 * The meeting's calendar event, or `null` when it was deleted (`slot` missing, `null`, `{}`, or without a title).
 *
 * @param meeting A `next_meetings` row.
 */
export function meetingSlot(meeting: Pick<NextMeeting, 'slot'>): MeetingSlot | null {
  const slot: unknown = meeting.slot;
  if (typeof slot !== 'object' || slot === null || Array.isArray(slot)) return null;
  const { title } = slot as { title?: unknown };
  if (typeof title !== 'string' || title.trim() === '') return null;
  return slot as MeetingSlot;
}

/**
 * The host's display name, or `null` when there is none to show: empty, or the plugin's `"unknown"` placeholder.
 *
 * @param meeting A `next_meetings` row.
 */
export function meetingHost(meeting: Pick<NextMeeting, 'author'>): string | null {
  const name: unknown = meeting.author?.name;
  if (typeof name !== 'string') return null;
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.toLowerCase() === UNKNOWN_AUTHOR) return null;
  return trimmed;
}

/**
 * Active attendees of a group booking (`booked_count`), or `null` for a one-to-one booking (no count on the wire).
 * A numeric string, as a real site may send, is read as its number.
 *
 * @param meeting A `next_meetings` row.
 */
export function meetingGuestCount(meeting: Pick<NextMeeting, 'booked_count'>): number | null {
  const raw: unknown = meeting.booked_count;
  if (raw === undefined || raw === null || raw === '') return null;
  const count = Number(raw);
  return Number.isSafeInteger(count) && count >= 0 ? count : null;
}

/**
 * The guest's full name: first and last name, trimmed; `''` when both are empty.
 *
 * @param booking A booking row.
 */
export function guestName(booking: { first_name?: unknown; last_name?: unknown }): string {
  const part = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  return [part(booking.first_name), part(booking.last_name)].filter(Boolean).join(' ');
}
