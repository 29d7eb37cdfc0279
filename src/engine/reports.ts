/**
 * `GET /reports`: the five overview widgets, the latest bookings and the next meetings, computed from the site's
 * rows. The widget and row builders are shared with the SQL backend, which feeds them counts and rows from queries.
 */
import {
  ACTIVE_ATTENDEE_STATUSES,
  GROUP_EVENT_TYPES,
  LATEST_STATUSES,
  LIST_LIMIT,
  OVERVIEW_WIDGET_KEYS,
  noShowRate,
  percentChange,
} from '../api/contract';
import type { OverviewWidgetKey } from '../api/contract';
import type { BookingSummary, NextMeeting, OverviewWidget, ReportsResponse } from '../api/types';
import type { BookingRow, CalendarEventRow, SiteData, UserRow } from '../data/schema';
import {
  ALL_TIME,
  ascendingInstants,
  countInWindow,
  instantsOf,
  scopeBookings,
  sortedInstants,
  storedUtcMs,
} from './bookingIndex';
import type { ParsedReportsQuery } from './query';
import { nowToTheSecond } from './query';
import type { ReportSettings, TimeWindow, Viewer } from './types';

/** The contract's `stat` rule, written once in `src/api/contract.ts`. */
export { percentChange };

/** The overview metrics over one window, one per widget. */
export interface OverviewCounts extends Record<OverviewWidgetKey, number> {
  /** Bookings created (`created_at`) in the window, any status. */
  all: number;
  /** Bookings with status exactly `completed` whose `end_time` is in the window. */
  completed: number;
  /** Bookings with status exactly `cancelled` whose `end_time` is in the window. */
  cancelled: number;
  /** Distinct guest e-mails (trimmed, lowercased) among bookings created in the window. */
  guests: number;
  /** Bookings with status exactly `no_show` whose `end_time` is in the window. */
  no_show: number;
}

/**
 * The `content` of a widget by the sign of its `stat`. It says "last month" whatever the window, as the real plugin
 * does; the dashboard words its own comparison from `stat` and the range.
 */
export function comparisonContent(stat: number): string {
  if (stat > 0) return 'More than last month';
  if (stat < 0) return 'Less than last month';
  return 'Same as last month';
}

const SVG_OPEN =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"' +
  ' stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">';
const CALENDAR = '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>';

/** The widgets' icons: small trusted SVGs drawn in `currentColor`, sized by CSS. */
export const OVERVIEW_ICONS: Readonly<Record<OverviewWidgetKey, string>> = Object.freeze({
  all: `${SVG_OPEN}${CALENDAR}<path d="M8 14h.01M12 14h.01M16 14h.01M8 17h.01M12 17h.01"/></svg>`,
  completed: `${SVG_OPEN}${CALENDAR}<path d="m9 15.5 2 2 4-4"/></svg>`,
  cancelled: `${SVG_OPEN}${CALENDAR}<path d="m10 13.5 4 4m0-4-4 4"/></svg>`,
  guests:
    `${SVG_OPEN}<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6"/>` +
    '<path d="M16 4.6a3.5 3.5 0 0 1 0 6.8M18 14.4c2.1.7 3.5 2.8 3.5 5.6"/></svg>',
  no_show:
    `${SVG_OPEN}<circle cx="10" cy="8" r="3.5"/><path d="M3.5 20c0-3.6 2.9-6 6.5-6 1.2 0 2.3.3 3.2.8"/>` +
    '<path d="m16 15 5 5m0-5-5 5"/></svg>',
});

/** The titles a site sends in English: the guests widget is the one without a `period`. */
const OVERVIEW_TITLES: Readonly<Record<OverviewWidgetKey, string>> = {
  all: 'Total Bookings',
  completed: 'Completed Bookings',
  cancelled: 'Cancelled Bookings',
  guests: 'Total Guests',
  no_show: 'No-shows',
};

/**
 * The overview widgets; the no-show widget also says its {@link noShowRate} over `current` (`rate`).
 * @param current Counts over the range (or all time): each widget's `number`.
 * @param statCurrent Counts over the stat window (the range, or the last 30 days for all time).
 * @param previous Counts over the comparison window; `stat` compares `statCurrent` with it.
 */
export function buildOverview(
  current: OverviewCounts,
  statCurrent: OverviewCounts,
  previous: OverviewCounts,
): OverviewWidget[] {
  return OVERVIEW_WIDGET_KEYS.map((key) => {
    const stat = percentChange(statCurrent[key], previous[key]);
    return {
      title: OVERVIEW_TITLES[key],
      ...(key === 'guests' ? {} : { period: key }),
      number: current[key],
      content: comparisonContent(stat),
      icon: OVERVIEW_ICONS[key],
      stat,
      ...(key === 'no_show' ? { rate: noShowRate(current.no_show, current.completed) } : {}),
    };
  });
}

/** A booking row as the API lists it: every column as stored (numbers as numbers, times as stored UTC strings). */
export function toBookingSummary(row: BookingRow): BookingSummary {
  return { ...row };
}

/**
 * A `next_meetings` entry: the booking's columns plus
 * - `title`: plain text `"<event title> with <first> <last>"`, or `"Meeting with <first> <last>"` when the event is
 *   deleted (empty name parts are skipped);
 * - `author`: `{ ID, name }` (display name) of the event's user; `{ name: 'unknown' }` when the event is deleted or
 *   its user is missing;
 * - `slot`: `{ id, title, duration, event_type }` of the event; `{}` when deleted;
 * - `booked_count`: only for group bookings (`event_type` `group` or `group_event`) and only when given.
 * @param event The booking's event; `undefined` when `event_id` matches no event (deleted).
 * @param host The user whose id is the event's `user_id`; `undefined` when missing.
 * @param bookedCount Active attendees (`scheduled` + `completed`) of the booking's group, in the viewer's scope.
 */
export function buildNextMeeting(
  row: BookingRow,
  event: CalendarEventRow | undefined,
  host: UserRow | undefined,
  bookedCount: number | undefined,
): NextMeeting {
  const guest = [row.first_name, row.last_name]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
  const meeting: NextMeeting = {
    ...toBookingSummary(row),
    title: `${event ? event.title : 'Meeting'} with ${guest}`,
    author: event && host ? { ID: host.ID, name: host.display_name } : { name: 'unknown' },
    slot: event
      ? { id: event.id, title: event.title, duration: event.duration, event_type: event.event_type }
      : {},
  };
  if (GROUP_EVENT_TYPES.has(row.event_type) && bookedCount !== undefined) meeting.booked_count = bookedCount;
  return meeting;
}

/** The key that makes two guest e-mails the same guest: trimmed and lowercased. */
function guestKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Distinct guests among the bookings created in the window. A linear pass: a window is counted once or twice per
 * request, and the Set of e-mails costs more than the scan.
 * @param createdAt `created_at` instants aligned with `bookings`.
 */
function countGuests(bookings: readonly BookingRow[], createdAt: Float64Array, window: TimeWindow): number {
  const guests = new Set<string>();
  bookings.forEach((row, index) => {
    const instant = createdAt[index] ?? NaN;
    if (instant >= window.start && instant <= window.end) guests.add(guestKey(row.email));
  });
  return guests.size;
}

/**
 * The 5 most recently created bookings with a listed status, newest first (ties: higher id first), picked in one
 * pass instead of sorting every booking.
 * @param createdAt `created_at` instants aligned with `bookings`; unreadable ones are never listed.
 */
function latestBookings(bookings: readonly BookingRow[], createdAt: Float64Array): BookingSummary[] {
  const latest: { row: BookingRow; instant: number }[] = [];
  const isNewer = (row: BookingRow, instant: number, than: { row: BookingRow; instant: number }): boolean =>
    instant > than.instant || (instant === than.instant && row.id > than.row.id);
  bookings.forEach((row, index) => {
    const instant = createdAt[index] ?? NaN;
    if (!LATEST_STATUSES.has(row.status) || Number.isNaN(instant)) return;
    const oldestKept = latest[LIST_LIMIT - 1];
    if (oldestKept && !isNewer(row, instant, oldestKept)) return;
    const position = latest.findIndex((kept) => isNewer(row, instant, kept));
    latest.splice(position < 0 ? latest.length : position, 0, { row, instant });
    latest.length = Math.min(latest.length, LIST_LIMIT);
  });
  return latest.map((entry) => toBookingSummary(entry.row));
}

/**
 * Up to 5 `scheduled` bookings whose end is not past, soonest start first (ties: lower id first), one per group
 * (the first of each group in that order).
 */
function upcomingMeetings(bookings: readonly BookingRow[], now: number): BookingRow[] {
  const upcoming: { row: BookingRow; start: number }[] = [];
  for (const row of bookings) {
    if (row.status !== 'scheduled' || !(storedUtcMs(row.end_time) >= now)) continue;
    const start = storedUtcMs(row.start_time);
    if (!Number.isNaN(start)) upcoming.push({ row, start });
  }
  upcoming.sort((a, b) => a.start - b.start || a.row.id - b.row.id);
  const meetings: BookingRow[] = [];
  const groups = new Set<number>();
  for (const { row } of upcoming) {
    if (groups.has(row.group_id)) continue;
    groups.add(row.group_id);
    meetings.push(row);
    if (meetings.length === LIST_LIMIT) break;
  }
  return meetings;
}

/** Active attendees (`scheduled` + `completed`) of each of the groups, among the given bookings. */
function countActiveAttendees(
  bookings: readonly BookingRow[],
  groupIds: ReadonlySet<number>,
): Map<number, number> {
  const counts = new Map<number, number>();
  if (groupIds.size === 0) return counts;
  for (const row of bookings) {
    if (groupIds.has(row.group_id) && ACTIVE_ATTENDEE_STATUSES.has(row.status)) {
      counts.set(row.group_id, (counts.get(row.group_id) ?? 0) + 1);
    }
  }
  return counts;
}

const sameWindow = (a: TimeWindow, b: TimeWindow): boolean => a.start === b.start && a.end === b.end;

/**
 * The whole `GET /reports` response, over the viewer's bookings only.
 *
 * `number` counts over `query.range` (everything when `null`); `stat` compares `query.statWindow` with
 * `query.previousWindow` (see {@link OverviewCounts} for each metric and {@link percentChange} for the rule).
 * `latest_books` and `next_meetings` do not depend on the range; "now" is `settings.now` to the second.
 */
export function computeReports(
  data: SiteData,
  query: ParsedReportsQuery,
  settings: ReportSettings,
  viewer: Viewer,
): ReportsResponse {
  const bookings = scopeBookings(data.bookings, viewer);
  const createdAt = instantsOf(bookings, (row) => row.created_at);
  const createdSorted = ascendingInstants(createdAt);
  const completedEnds = sortedInstants(
    bookings,
    (row) => row.end_time,
    (row) => row.status === 'completed',
  );
  const cancelledEnds = sortedInstants(
    bookings,
    (row) => row.end_time,
    (row) => row.status === 'cancelled',
  );
  const noShowEnds = sortedInstants(
    bookings,
    (row) => row.end_time,
    (row) => row.status === 'no_show',
  );
  const countsIn = (window: TimeWindow): OverviewCounts => ({
    all: countInWindow(createdSorted, window),
    completed: countInWindow(completedEnds, window),
    cancelled: countInWindow(cancelledEnds, window),
    guests: countGuests(bookings, createdAt, window),
    no_show: countInWindow(noShowEnds, window),
  });

  const range = query.range ?? ALL_TIME;
  const current = countsIn(range);
  const statCurrent = sameWindow(range, query.statWindow) ? current : countsIn(query.statWindow);
  const previous = countsIn(query.previousWindow);

  const meetings = upcomingMeetings(bookings, nowToTheSecond(settings));
  const groupIds = new Set(
    meetings.filter((row) => GROUP_EVENT_TYPES.has(row.event_type)).map((row) => row.group_id),
  );
  const attendees = countActiveAttendees(bookings, groupIds);

  return {
    overview: buildOverview(current, statCurrent, previous),
    latest_books: latestBookings(bookings, createdAt),
    next_meetings: meetings.map((row) => {
      const event = data.events.find((candidate) => candidate.id === row.event_id);
      const host = event && data.users.find((user) => user.ID === event.user_id);
      const bookedCount = GROUP_EVENT_TYPES.has(row.event_type)
        ? (attendees.get(row.group_id) ?? 0)
        : undefined;
      return buildNextMeeting(row, event, host, bookedCount);
    }),
  };
}
