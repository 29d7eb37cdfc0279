/** `GET /reports/activities`: the viewer's 100 most recent activity entries. */
import { ACTIVITY_LIMIT, hasFilters } from '../api/contract';
import type { ActivitiesResponse, Activity } from '../api/types';
import type { ActivityRow, SiteData } from '../data/schema';
import { formatUtcIso } from '../lib/siteTime';
import { scopeBookings, storedUtcMs } from './bookingIndex';
import type { Viewer } from './types';

/** A stored UTC time as ISO 8601 with `+00:00`, as a real site sends it; left as stored when it cannot be read. */
function toIsoTime(stored: string): string {
  const instant = storedUtcMs(stored);
  return Number.isNaN(instant) ? stored : formatUtcIso(instant);
}

/** An activity row as the API sends it: every column, `created_at`/`updated_at` as ISO 8601 with `+00:00`. */
export function toActivity(row: ActivityRow): Activity {
  return { ...row, created_at: toIsoTime(row.created_at), updated_at: toIsoTime(row.updated_at) };
}

/**
 * The viewer's 100 most recent activities, newest `created_at` first (ties: higher id first). An administrator
 * without filters sees every entry; a host, or anyone with a filter, only entries whose `booking_id` is one of the
 * bookings asked about (`scopeBookings`), so entries without a booking are left out.
 */
export function computeActivities(data: SiteData, viewer: Viewer): ActivitiesResponse {
  let rows: readonly ActivityRow[] = data.activities;
  if (viewer.role !== 'administrator' || hasFilters(viewer.filters)) {
    const bookingIds = new Set(scopeBookings(data.bookings, viewer).map((booking) => booking.id));
    rows = rows.filter((row) => row.booking_id !== null && bookingIds.has(row.booking_id));
  }
  const newestFirst = rows
    .map((row) => {
      const instant = storedUtcMs(row.created_at);
      // Unreadable times sort last; a finite sentinel keeps the comparator free of NaN (-Infinity - -Infinity).
      return { row, instant: Number.isNaN(instant) ? -Number.MAX_VALUE : instant };
    })
    .sort((a, b) => b.instant - a.instant || b.row.id - a.row.id);
  return { activities: newestFirst.slice(0, ACTIVITY_LIMIT).map((entry) => toActivity(entry.row)) };
}
