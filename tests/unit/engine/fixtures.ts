/** Small inline datasets for the engine tests: rows with sensible defaults, and one-call wrappers over the engine. */
import type { ActivitiesResponse, GraphResponse, ReportsResponse } from '../../../src/api/types';
import type { ActivityRow, BookingRow, CalendarEventRow, SiteData, UserRow } from '../../../src/data/schema';
import { handleReportsRequest } from '../../../src/engine';
import type { ReportSettings, Viewer } from '../../../src/engine';

let lastId = 1000;

/** A booking; every column has a default, `id` counts up from 1001 unless given. */
export function booking(fields: Partial<BookingRow> = {}): BookingRow {
  const id = fields.id ?? ++lastId;
  return {
    id,
    hash: `hash${id}`,
    calendar_id: 1,
    event_id: 1,
    group_id: id,
    parent_id: null,
    host_user_id: 1,
    person_time_zone: 'UTC',
    start_time: '2025-01-10 10:00:00',
    end_time: '2025-01-10 10:30:00',
    slot_minutes: 30,
    first_name: 'Guest',
    last_name: `Number${id}`,
    email: `guest${id}@example.test`,
    message: null,
    phone: null,
    status: 'scheduled',
    source: 'web',
    event_type: 'single',
    payment_status: null,
    created_at: '2025-01-01 09:00:00',
    updated_at: '2025-01-01 09:00:00',
    ...fields,
  };
}

/** An activity entry with defaults. */
export function activity(fields: Partial<ActivityRow> & Pick<ActivityRow, 'id'>): ActivityRow {
  return {
    booking_id: null,
    parent_id: null,
    created_by: null,
    status: 'closed',
    type: 'info',
    title: 'Email Sent',
    description: 'Confirmation email sent',
    created_at: '2025-01-15 10:30:00',
    updated_at: '2025-01-15 10:30:00',
    ...fields,
  };
}

/** Two hosts: Alice (1, administrator) and Bob (2, host). */
export const USERS: UserRow[] = [
  { ID: 1, display_name: 'Alice Admin', user_email: 'alice@hosts.example.test', role: 'administrator' },
  { ID: 2, display_name: 'Bob Host', user_email: 'bob@hosts.example.test', role: 'host' },
];

/** Event 1 (single, Alice's), event 2 (group, Bob's), event 3 (single, owned by a user who no longer exists). */
export const EVENTS: CalendarEventRow[] = [
  {
    id: 1,
    calendar_id: 1,
    user_id: 1,
    title: '30 Minute Consultation',
    duration: 30,
    event_type: 'single',
    status: 'active',
  },
  {
    id: 2,
    calendar_id: 2,
    user_id: 2,
    title: 'Group Workshop',
    duration: 60,
    event_type: 'group',
    status: 'active',
  },
  {
    id: 3,
    calendar_id: 1,
    user_id: 7,
    title: 'Orphan Event',
    duration: 15,
    event_type: 'single',
    status: 'active',
  },
];

/** A site with the given rows, the users and events above. */
export function site(bookings: BookingRow[], activities: ActivityRow[] = []): SiteData {
  return { users: USERS, calendars: [], events: EVENTS, bookings, activities };
}

/** An administrator. */
export const ADMIN: Viewer = { userId: 1, role: 'administrator' };
/** Bob, a host. */
export const HOST_BOB: Viewer = { userId: 2, role: 'host' };

/** A UTC site, weeks from Monday, now 2025-01-31 12:00:00 UTC. */
export const UTC_SITE: ReportSettings = { timezone: 'UTC', startOfWeek: 1, now: Date.UTC(2025, 0, 31, 12) };

/** The instant of a UTC `YYYY-MM-DD HH:mm:ss`. */
export function utc(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

function answer(
  data: SiteData,
  route: string,
  query: string,
  settings: ReportSettings,
  viewer: Viewer,
): unknown {
  const { status, body } = handleReportsRequest(data, route, new URLSearchParams(query), settings, viewer);
  if (status !== 200) throw new Error(`${route}?${query} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** `GET /reports?query` over the data; throws on an error answer. */
export function reportsOf(data: SiteData, query = '', settings = UTC_SITE, viewer = ADMIN): ReportsResponse {
  return answer(data, 'reports', query, settings, viewer) as ReportsResponse;
}

/** `GET /reports/graph-reports?query` over the data; throws on an error answer. */
export function graphOf(data: SiteData, query = '', settings = UTC_SITE, viewer = ADMIN): GraphResponse {
  return answer(data, 'reports/graph-reports', query, settings, viewer) as GraphResponse;
}

/** `GET /reports/activities` over the data. */
export function activitiesOf(data: SiteData, viewer = ADMIN): ActivitiesResponse {
  return answer(data, 'reports/activities', '', UTC_SITE, viewer) as ActivitiesResponse;
}

/** `startTime`/`endTime` query string of a range (spaces encoded as `+`, as a form would). */
export function rangeQuery(startTime: string, endTime: string): string {
  return new URLSearchParams({ startTime, endTime }).toString();
}

/** `date_range[0]`/`date_range[1]` query string. */
export function daysQuery(firstDay: string, lastDay: string): string {
  return new URLSearchParams({ 'date_range[0]': firstDay, 'date_range[1]': lastDay }).toString();
}
