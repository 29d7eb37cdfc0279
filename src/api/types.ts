/**
 * The wire types of the Reports API, written once.
 *
 * The three endpoints' queries and answers as `docs/api-contract.md` describes them; the rules around them (routes,
 * widgets, statuses, thresholds, limits) are in `./contract.ts`. The API client, the report engine, the mock
 * handlers and the reference backend all import these types; nothing redeclares them.
 *
 * Conventions on the wire:
 * - Booking times (`start_time`, `end_time`) are UTC `YYYY-MM-DD HH:mm:ss` strings without a zone suffix.
 * - `created_at` / `updated_at` are UTC `YYYY-MM-DD HH:mm:ss` or ISO 8601 with an offset (a real site sends ISO).
 * - Query parameters are in the site's timezone.
 * - A real site sends many integer columns as strings (`"calendar_id": "2"`); the edge validator
 *   (`src/api/validate.ts`) turns the ones typed `number` here into numbers and passes unknown fields through.
 */
import type {
  BookingFilters,
  BookingStatus,
  ExtraEndpointName,
  FilterParam,
  OverviewPeriod,
} from './contract';

/** `event_type` of a booking or an event: `group` and `group_event` are group (multi-guest) bookings. */
export type EventType = 'single' | 'group' | 'group_event';

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

/** WordPress `WP_Error` as the REST API serialises it. */
export interface WpError {
  /** Machine-readable code: `rest_forbidden`, `rest_cookie_invalid_nonce`, `rest_invalid_param`, `rest_no_route`, … */
  code: string;
  /** Human-readable, already translated by the server. */
  message: string;
  /** Extra data; `status` is the HTTP status. */
  data?: {
    /** The HTTP status the error was sent with. */
    status?: number;
    /** For `rest_invalid_param`: each bad parameter's name mapped to what is wrong with it. */
    params?: Record<string, string>;
    [extra: string]: unknown;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// GET /reports
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query of `GET /reports`. Both or neither: the range `[startTime, endTime]`, both ends inclusive, in the site's
 * timezone. Neither: all-time numbers, with `stat` comparing the last 30 days with the 30 days before them.
 */
export interface ReportsQuery {
  /** Range start, `YYYY-MM-DD HH:mm:ss`, site timezone, inclusive. */
  startTime?: string;
  /** Range end, `YYYY-MM-DD HH:mm:ss`, site timezone, inclusive. */
  endTime?: string;
  /** Our backend's filters, sent only to a server whose namespace index declares them. */
  filters?: BookingFilters;
}

/** One of the four overview widgets. */
export interface OverviewWidget {
  /** Widget title, translated by the server: "Total Bookings", "Completed Bookings", … */
  title: string;
  /**
   * Which bookings the widget counts: `all`, `completed` or `cancelled`.
   * **Absent on the "Total Guests" widget**: that is how the guests widget is told apart.
   */
  period?: OverviewPeriod | (string & {});
  /** The count for the range (all-time when the query had no range). */
  number: number;
  /**
   * `More than last month` / `Less than last month` / `Same as last month` by the sign of `stat`. It says
   * "last month" whatever the comparison window is; the dashboard builds a more exact text itself.
   */
  content: string;
  /** SVG markup. **Untrusted**: render only after sanitizing (`src/components/SafeSvgIcon.vue`). */
  icon: string;
  /**
   * Percentage change against the comparison window, rounded to 2 decimals: `(current - previous) / previous * 100`;
   * `100` when previous is 0 and current is not; `0` when both are 0. An integer or a float on the wire.
   */
  stat: number;
  /**
   * Only on our backend's no-show widget: its no-shows as a percentage of the meetings that ended in the range with
   * an outcome (completed or no-show), 2 decimals (`noShowRate` in `contract.ts`). Absent when not a number 0–100.
   */
  rate?: number;
  /** Unknown extra fields pass through untouched. */
  [extra: string]: unknown;
}

/** Columns of a booking row as the API sends them (`latest_books`, and the base of `next_meetings`). */
export interface BookingSummary {
  /** Booking id; always a number, even on a real site. */
  id: number;
  /** Booking status; see {@link BookingStatus}. */
  status: BookingStatus | (string & {});
  /** Guest first name. Untrusted text. */
  first_name: string;
  /** Guest last name. Untrusted text. */
  last_name: string;
  /** Guest e-mail. Untrusted text. */
  email: string;
  /** Meeting start, UTC `YYYY-MM-DD HH:mm:ss`. */
  start_time: string;
  /** Meeting end, UTC `YYYY-MM-DD HH:mm:ss`. */
  end_time: string;
  /** When the booking was made: UTC `YYYY-MM-DD HH:mm:ss` or ISO 8601 with offset (real site). Optional in the spec's example. */
  created_at?: string;
  /** `single`, `group` or `group_event`. Optional in the spec's example. */
  event_type?: EventType | (string & {});
  /** Group the booking belongs to (a real site sends a numeric string; coerced at the edge). */
  group_id?: number | null;
  /** Calendar event (the "slot") id (a real site sends a numeric string; coerced at the edge). */
  event_id?: number | null;
  /** Calendar id (a real site sends a numeric string; coerced at the edge). */
  calendar_id?: number | null;
  /** Host's user id (a real site sends a numeric string; coerced at the edge). */
  host_user_id?: number | null;
  /** Additional booking columns pass through untouched. */
  [extra: string]: unknown;
}

/** The event's host as `next_meetings` carries it. */
export interface MeetingAuthor {
  /** Display name; the literal `"unknown"` when the event was deleted. Untrusted text. */
  name: string;
  /** WordPress user id (absent when the event was deleted). */
  ID?: number;
  /** Avatar URL on an external host that may not load. Optional. */
  avatar?: string;
  /** Host e-mail. Optional. */
  email?: string;
  [extra: string]: unknown;
}

/** The calendar event ("slot") a meeting was booked on. */
export interface MeetingSlot {
  /** Event id. */
  id: number;
  /** Event title, e.g. "30 Minute Consultation". Untrusted text. */
  title: string;
  /** A real site sends the whole event row (settings, duration, …); it passes through untouched. */
  [extra: string]: unknown;
}

/** An upcoming meeting in `next_meetings`. */
export interface NextMeeting extends BookingSummary {
  /**
   * Meeting title. Our backend sends plain text; **a real site sends HTML** (`<strong>Event</strong> meeting between
   * Host and Guest`), with the guest's name in it: untrusted, show as text or through the inline-emphasis sanitizer.
   */
  title: string;
  /** The event's host; `{ name: "unknown" }` when the event was deleted. */
  author: MeetingAuthor;
  /**
   * The calendar event. **Deleted event**: `{}` from the spec and our backend, `null` from a real site, or absent.
   * Treat all three alike (`meetingSlot()` in `src/lib/meetings.ts`).
   */
  slot?: MeetingSlot | Record<string, never> | null;
  /**
   * Only on group bookings (`event_type` `group` or `group_event`): active attendees (`scheduled` + `completed`)
   * of the group. Absent on one-to-one bookings.
   */
  booked_count?: number;
}

/** Response of `GET /reports`. */
export interface ReportsResponse {
  /** Exactly four widgets in this order: Total Bookings, Completed Bookings, Cancelled Bookings, Total Guests. */
  overview: OverviewWidget[];
  /** The 5 most recently created bookings with status `pending`, `scheduled` or `completed`, newest first. */
  latest_books: BookingSummary[];
  /** Up to 5 upcoming `scheduled` bookings whose end is not past, soonest first, one per group. */
  next_meetings: NextMeeting[];
  /**
   * **Not on the wire.** `true` when the answer's `X-Booking-Reports-Contract` header (`CONTRACT_HEADER` in
   * `./contract.ts`; for a preloaded answer, its recorded `headers`) says the server follows `docs/api-contract.md`,
   * so its `stat` can be shown as it is; absent otherwise. Set by the API client at the edge (`./validate.ts`); a body's
   * own field of this name is dropped.
   */
  followsContract?: true;
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// GET /reports/graph-reports
// ---------------------------------------------------------------------------------------------------------------

/**
 * Query of `GET /reports/graph-reports`: `date_range[0]` and `date_range[1]` (`YYYY-MM-DD`, site timezone, both
 * days inclusive), encoded with explicit indexes. Omitted: the last 7 days ending today.
 */
export interface GraphQuery {
  /** `[startDate, endDate]`, each `YYYY-MM-DD`. */
  date_range?: readonly [string, string];
  /**
   * `all`: the whole history is wanted (the dashboard's "All time"). Our servers then widen `date_range` to every
   * month that holds a counted booking and say so with `history: 'all'` in the answer; a real site ignores it.
   */
  history?: 'all';
  /** Our backend's filters, sent only to a server whose namespace index declares them. */
  filters?: BookingFilters;
}

/** How the graph buckets its range (the rule is the contract's: `granularityForDays`). */
export type { GraphGranularity } from './contract';

/**
 * One series: bucket key → count. Keys are `YYYY-MM-DD` (a day, or the first day of a week by the site's start of
 * week) or `Mon YYYY` in English for months. Our backend sends every bucket, zero-filled, in order; **a real site
 * does not** (unsorted weekly keys, months of two years merged, series of different lengths): never trust key order.
 */
export type GraphSeries = Record<string, number>;

/** Response of `GET /reports/graph-reports`. */
export interface GraphResponse {
  /** Bookings created in each bucket, any status. */
  booked_stats: GraphSeries;
  /** Bookings with status `completed` whose `end_time` falls in each bucket. */
  completed_stats: GraphSeries;
  /** Bookings with status `cancelled` whose `end_time` falls in each bucket. */
  cancelled_stats: GraphSeries;
  /**
   * `all` when the series cover the whole history (our servers, asked with `history=all`): their sums are then the
   * all-time overview numbers. Absent otherwise, and from a real site.
   */
  history?: 'all';
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// GET /reports/activities
// ---------------------------------------------------------------------------------------------------------------

/** `type` of an activity: these four have a style; anything else is shown neutral. */
export type ActivityType = 'success' | 'info' | 'error' | 'warning';

/** One activity log entry. */
export interface Activity {
  /** Entry id. */
  id: number;
  /** The booking the entry is about (a real site sends a numeric string; coerced at the edge). */
  booking_id: number | null;
  /** Parent entry, usually `null`. */
  parent_id: number | null;
  /** User who caused it, `null` for the system or a guest. */
  created_by: number | null;
  /** `open` or `closed`. */
  status: string;
  /** See {@link ActivityType}; any other string (`activity`, `reject_reason`, …) is neutral. */
  type: ActivityType | (string & {});
  /** Plain text, untrusted: never render as HTML. */
  title: string;
  /** Plain text, untrusted: never render as HTML. */
  description: string;
  /** ISO 8601 with offset, or UTC `YYYY-MM-DD HH:mm:ss`. */
  created_at: string;
  /** ISO 8601 with offset, or UTC `YYYY-MM-DD HH:mm:ss`. */
  updated_at: string;
  [extra: string]: unknown;
}

/** Query of `GET /reports/activities`: the feed takes no range, only our backend's filters. */
export interface ActivitiesQuery {
  /** Sent only to a server whose namespace index declares them. */
  filters?: BookingFilters;
}

/** Response of `GET /reports/activities`: the 100 most recent entries, newest first. */
export interface ActivitiesResponse {
  /** At most 100 entries, newest first. */
  activities: Activity[];
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// GET /reports/heatmap (our backend's own, declared in its namespace index)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Response of `GET /reports/heatmap` (`startTime`/`endTime` as `GET /reports`, and the filters): the bookings made in
 * the range (the ones the Total Bookings widget counts, so the cells add up to it), placed by the site-local weekday
 * and hour their meeting starts.
 */
export interface HeatmapResponse {
  /**
   * Seven rows, Sunday (0) to Saturday (6) as PHP's `date('w')` numbers them, of 24 counts each, hour 0 to 23 of the
   * site's clock.
   */
  weekday_hours: number[][];
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// GET /reports/filters (our backend's own, declared in its namespace index)
// ---------------------------------------------------------------------------------------------------------------

/** One choice of a filter: the id it sends and the name it shows (untrusted text). */
export interface FilterOption {
  id: number;
  /** Plain text, untrusted: never render as HTML. */
  name: string;
}

/**
 * Response of `GET /reports/filters`: what the filters offer the viewer, each list sorted by name (then id). An
 * administrator is offered every host who owns a calendar, every calendar and every event; a host their own.
 */
export interface FilterOptionsResponse {
  /** `host_id` choices: the calendars' owners, by display name. */
  hosts: FilterOption[];
  /** `calendar_id` choices, by title. */
  calendars: FilterOption[];
  /** `event_id` choices, by title; `calendar_id` says whose calendar each is. */
  events: (FilterOption & { calendar_id: number })[];
  [extra: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// GET /wp-json/fluent-booking/v2/ (the REST namespace index), as the dashboard reads it
// ---------------------------------------------------------------------------------------------------------------

/** What a server offers beyond the booking plugin's three endpoints, read from its namespace index once. */
export interface ServerOffers {
  /** Our backend's own endpoints the index lists. */
  endpoints: readonly ExtraEndpointName[];
  /** The filters every endpoint takes (and whose choices the server lists), in `FILTER_PARAMS` order. */
  filters: readonly FilterParam[];
}
