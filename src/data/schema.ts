/**
 * The plugin's own tables (`docs/api-contract.md` and the README's "Reference backend"), as rows.
 *
 * The demo generator writes them, the report engine reads them, and the reference backend stores them in SQL tables
 * of the same shape (`wp_fcal_bookings`, …). Every time is UTC `YYYY-MM-DD HH:mm:ss`, as the plugin stores them.
 */
import type { BookingStatus } from '../api/contract';
import type { EventType } from '../api/types';

/** A row of `fcal_bookings`. */
export interface BookingRow {
  id: number;
  /** Random hex id used in public booking links. */
  hash: string;
  calendar_id: number;
  /** The calendar event booked; may point to a deleted event. */
  event_id: number;
  /** Bookings of one group share it; a one-to-one booking has its own id here. */
  group_id: number;
  parent_id: number | null;
  /** The host (a WordPress user). Hosts see only their own bookings. */
  host_user_id: number;
  /** The guest's IANA timezone. */
  person_time_zone: string;
  /** UTC `YYYY-MM-DD HH:mm:ss`. */
  start_time: string;
  /** UTC `YYYY-MM-DD HH:mm:ss`. */
  end_time: string;
  slot_minutes: number;
  first_name: string;
  last_name: string;
  email: string;
  message: string | null;
  phone: string | null;
  status: BookingStatus;
  /** `web`, `admin`, … */
  source: string;
  event_type: EventType;
  payment_status: string | null;
  /** UTC `YYYY-MM-DD HH:mm:ss`. */
  created_at: string;
  /** UTC `YYYY-MM-DD HH:mm:ss`. */
  updated_at: string;
}

/** A row of `fcal_calendar_events` (the "slot"). */
export interface CalendarEventRow {
  id: number;
  calendar_id: number;
  /** The host who owns the event: `author.name` in `next_meetings` is this user's display name. */
  user_id: number;
  title: string;
  /** Minutes. */
  duration: number;
  event_type: EventType;
  /** `active` or `draft`. */
  status: string;
}

/** A row of `fcal_calendars`. */
export interface CalendarRow {
  id: number;
  user_id: number;
  title: string;
  author_timezone: string;
}

/** A row of `fcal_booking_activity`. */
export interface ActivityRow {
  id: number;
  booking_id: number | null;
  parent_id: number | null;
  created_by: number | null;
  /** `open` or `closed`. */
  status: string;
  /** `success`, `info`, `error`, `warning`, or anything else. */
  type: string;
  title: string;
  description: string;
  /** UTC `YYYY-MM-DD HH:mm:ss`. */
  created_at: string;
  /** UTC `YYYY-MM-DD HH:mm:ss`. */
  updated_at: string;
}

/** What a user may see: an administrator sees every booking, a host only the bookings they host. */
export type UserRole = 'administrator' | 'host';

/** A WordPress user, reduced to what the reports need (`wp_users` + the role from `wp_usermeta`). */
export interface UserRow {
  ID: number;
  display_name: string;
  user_email: string;
  role: UserRole;
}

/** A whole site's report data: every table the reports read. */
export interface SiteData {
  users: UserRow[];
  calendars: CalendarRow[];
  events: CalendarEventRow[];
  bookings: BookingRow[];
  activities: ActivityRow[];
}
