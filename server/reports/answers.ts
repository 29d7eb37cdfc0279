/**
 * The three endpoints' answers: the engine parses and validates the query and builds the widgets and rows; the
 * database does every count and selection (`queries.ts`). The result is exactly what the engine's own
 * `computeReports` / `computeGraph` / `computeActivities` give over the same rows.
 */
import type { Kysely } from 'kysely';
import type { ActivitiesResponse, GraphResponse, GraphSeries, ReportsResponse } from '../../src/api/types';
import type { GraphBucket, ReportSettings, Result, Viewer } from '../../src/engine';
import {
  ALL_TIME,
  buildNextMeeting,
  buildOverview,
  nowToTheSecond,
  parseGraphQuery,
  parseReportsQuery,
  storedUtcMs,
  toActivity,
  toBookingSummary,
  widenToHistory,
} from '../../src/engine';
import type { ReportsDatabase } from '../db/tables';
import {
  countActiveAttendees,
  countGraph,
  countOverview,
  isGroupBooking,
  selectActivities,
  selectEvents,
  selectHosts,
  selectHistoryBounds,
  selectLatestBookings,
  selectUpcomingMeetings,
} from './queries';

/**
 * `GET /reports`.
 * @param db The site database.
 * @param params The raw query string (`startTime`, `endTime`); anything the engine rejects is the error result.
 * @param settings Site timezone, start of week and now.
 * @param viewer Whose bookings count.
 */
export async function answerReports(
  db: Kysely<ReportsDatabase>,
  params: URLSearchParams,
  settings: ReportSettings,
  viewer: Viewer,
): Promise<Result<ReportsResponse>> {
  const query = parseReportsQuery(params, settings);
  if (!query.ok) return query;
  const { range, statWindow, previousWindow } = query.value;
  const current = await countOverview(db, range ?? ALL_TIME, viewer);
  const statCurrent = range === null ? await countOverview(db, statWindow, viewer) : current;
  const previous = await countOverview(db, previousWindow, viewer);

  const latest = await selectLatestBookings(db, viewer);
  const meetings = await selectUpcomingMeetings(db, viewer, nowToTheSecond(settings));
  const attendees = await countActiveAttendees(
    db,
    meetings.filter(isGroupBooking).map((row) => row.group_id),
    viewer,
  );
  const events = await selectEvents(
    db,
    meetings.map((row) => row.event_id),
  );
  const hosts = await selectHosts(
    db,
    [...events.values()].map((event) => event.user_id),
  );

  return {
    ok: true,
    value: {
      overview: buildOverview(current, statCurrent, previous),
      latest_books: latest.map(toBookingSummary),
      next_meetings: meetings.map((row) => {
        const event = events.get(row.event_id);
        const host = event && hosts.get(event.user_id);
        const bookedCount = isGroupBooking(row) ? (attendees.get(row.group_id) ?? 0) : undefined;
        return buildNextMeeting(row, event, host, bookedCount);
      }),
    },
  };
}

/** Bucket key → count, in the buckets' (chronological) order. */
function seriesOf(buckets: readonly GraphBucket[], counts: readonly number[]): GraphSeries {
  const series: GraphSeries = {};
  buckets.forEach((bucket, index) => {
    series[bucket.key] = counts[index] ?? 0;
  });
  return series;
}

/**
 * `GET /reports/graph-reports`.
 * @param db The site database.
 * @param params The raw query string (`date_range[0]`, `date_range[1]`).
 * @param settings Site timezone, start of week and now.
 * @param viewer Whose bookings count.
 */
export async function answerGraph(
  db: Kysely<ReportsDatabase>,
  params: URLSearchParams,
  settings: ReportSettings,
  viewer: Viewer,
): Promise<Result<GraphResponse>> {
  const parsed = parseGraphQuery(params, settings);
  if (!parsed.ok) return parsed;
  let plan = parsed.value;
  if (plan.history) {
    const instants = (await selectHistoryBounds(db, viewer)).map(storedUtcMs).filter(Number.isFinite);
    const bounds = instants.length > 0 ? { first: Math.min(...instants), last: Math.max(...instants) } : null;
    plan = widenToHistory(plan, bounds, settings);
  }
  const { buckets } = plan;
  const counts = await countGraph(db, buckets, viewer);
  return {
    ok: true,
    value: {
      booked_stats: seriesOf(buckets, counts.booked),
      completed_stats: seriesOf(buckets, counts.completed),
      cancelled_stats: seriesOf(buckets, counts.cancelled),
      ...(plan.history ? { history: 'all' as const } : {}),
    },
  };
}

/**
 * `GET /reports/activities`: takes no parameters (any given are ignored, as WordPress does).
 * @param db The site database.
 * @param viewer Whose activities: everything for an administrator, a host's own bookings' entries otherwise.
 */
export async function answerActivities(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
): Promise<ActivitiesResponse> {
  const rows = await selectActivities(db, viewer);
  return { activities: rows.map(toActivity) };
}
