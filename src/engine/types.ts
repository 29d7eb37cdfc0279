/**
 * Shapes every part of the report engine shares: the site settings a computation needs, who is asking, windows of
 * instants and the result of parsing a query.
 */
import type { BookingFilters } from '../api/contract';
import type { WpError } from '../api/types';
import type { UserRole } from '../data/schema';

/** Site settings every computation needs. */
export interface ReportSettings {
  /**
   * The site timezone: an IANA name (`Europe/Berlin`) or a fixed offset (`+05:30`), as WordPress stores it. It is
   * configuration, not input: check it once with `isValidTimezone`, since an unknown zone makes the engine throw.
   */
  timezone: string;
  /** WordPress `start_of_week`: 0 Sunday … 6 Saturday. Anything else is read as Monday, WordPress's default. */
  startOfWeek: number;
  /** The current instant, epoch milliseconds. The engine works to the second and drops the milliseconds. */
  now: number;
}

/**
 * Who asks, and about which bookings: administrators see everything, hosts only bookings with
 * `host_user_id === userId` (and their activities), either narrowed by the request's filters.
 */
export interface Viewer {
  /** WordPress user id. */
  userId: number;
  /** `administrator` or `host`. */
  role: UserRole;
  /**
   * The request's filters (`parseFilters`): of the bookings the viewer may see, only those that match every given
   * filter count, are listed, and have their activities listed. None given: every booking the viewer may see.
   */
  filters?: BookingFilters;
}

/**
 * Inclusive window of instants, epoch milliseconds at second precision: `end` is the instant of the last included
 * second, so a row stamped `t` is inside when `start <= t <= end`.
 */
export interface TimeWindow {
  /** First included instant. */
  start: number;
  /** Last included instant (the start of the last included second). */
  end: number;
}

/** A value, or the `WP_Error` to answer with (`error.data.status` is the HTTP status). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: WpError };
