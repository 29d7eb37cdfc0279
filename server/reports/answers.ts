/**
 * The endpoints' answers: the engine parses and validates the query (the filters included) and builds the widgets
 * and rows; the database does every count and selection (`queries.ts`). The result is exactly what the engine's own
 * `computeReports` / `computeGraph` / `computeActivities` / `computeFilterOptions` give over the same rows.
 */
import type { Kysely } from 'kysely';
import type { EndpointName } from '../../src/api/contract';
import type {
  ActivitiesResponse,
  FilterOptionsResponse,
  GraphResponse,
  GraphSeries,
  HeatmapResponse,
  ReportsResponse,
} from '../../src/api/types';
import type { GraphBucket, ReportSettings, Result, Viewer } from '../../src/engine';
import {
  ALL_TIME,
  buildFilterOptions,
  buildNextMeeting,
  buildOverview,
  filteredViewer,
  nowToTheSecond,
  parseGraphQuery,
  parseReportsQuery,
  storedUtcMs,
  toActivity,
  toBookingSummary,
  widenToHistory,
} from '../../src/engine';
import { formatUtc, utcMsToLocalDay } from '../../src/lib/siteTime';
import type { ReportsDatabase } from '../db/tables';
import { countHeatmap } from './heatmap';
import {
  countActiveAttendees,
  countGraph,
  countOverviews,
  isGroupBooking,
  selectActivities,
  selectEvents,
  selectFilterOptions,
  selectHosts,
  selectHistoryBounds,
  selectLatestBookings,
  selectUpcomingMeetings,
} from './queries';

const SECOND_MS = 1000;

/**
 * An answer and the instants ("now", epoch ms) for which the same rows give the same answer: every `now` in
 * `[from, until)`, on the local day {@link nowKeyOf} names. The response cache (`cache.ts`) serves it for no other.
 */
export interface TimedResult<T> {
  result: Result<T>;
  /** First instant the answer holds for (a whole second). */
  from: number;
  /** First instant it may no longer hold for (a whole second, or `Infinity`). */
  until: number;
}

/**
 * An answer that does not depend on now at all (beyond the day {@link nowKeyOf} names): the graph, the feed, the
 * filter options.
 */
export const timeless = <T>(result: Result<T>): TimedResult<T> => ({
  result,
  from: Number.NEGATIVE_INFINITY,
  until: Number.POSITIVE_INFINITY,
});

/**
 * What of "now" an answer depends on that a span of instants cannot say: the graph's default range is the last 7
 * local days up to today (`parseGraphQuery`), and a local day is not one span of instants where a zone falls back
 * across midnight. So the graph's answers are keyed by today's local day, exactly as the engine reads it; the other
 * endpoints' dependence on now is their {@link TimedResult} span.
 * @param endpoint Which answer.
 * @param settings The request's settings (its `now`).
 */
export function nowKeyOf(endpoint: EndpointName, settings: ReportSettings): string {
  return endpoint === 'graph' ? utcMsToLocalDay(nowToTheSecond(settings), settings.timezone) : '';
}

/**
 * Until when the listed next meetings stay the list: a listed meeting leaves at the first second after its end
 * (`end_time >= now`, to the second). Bookings that end meanwhile but are not listed change nothing: each is either
 * not its group's first upcoming booking, or its group's first one after the five listed, and so is the next one of
 * its group. Nothing joins the list as time passes (only a write adds one, which changes the data version). A stored
 * time that is not exactly `YYYY-MM-DD HH:mm:ss` compares by its text in SQL, so it holds for this second only.
 */
function meetingsUntil(meetings: readonly { end_time: string }[], now: number): number {
  let until = Number.POSITIVE_INFINITY;
  for (const { end_time: end } of meetings) {
    const instant = storedUtcMs(end);
    const exact = Number.isFinite(instant) && formatUtc(instant) === end;
    until = Math.min(until, exact ? instant + SECOND_MS : now + SECOND_MS);
  }
  return until;
}

/**
 * `GET /reports`.
 * @param db The site database.
 * @param params The raw query string (`startTime`, `endTime`, the filters); anything the engine rejects is the error
 *   result.
 * @param settings Site timezone, start of week and now.
 * @param viewer Whose bookings count.
 */
export async function answerReports(
  db: Kysely<ReportsDatabase>,
  params: URLSearchParams,
  settings: ReportSettings,
  viewer: Viewer,
): Promise<Result<ReportsResponse>> {
  return (await answerReportsTimed(db, params, settings, viewer)).result;
}

/**
 * `GET /reports` with the instants it holds for: a range's overview does not depend on now, its next meetings until
 * the first listed one ends ({@link meetingsUntil}); all time compares the last 30 days up to now, to the second, so
 * that answer holds for its second only.
 * @param db The site database.
 * @param params The raw query string.
 * @param settings Site timezone, start of week and now.
 * @param asker Who asks; the filters of `params` narrow their bookings.
 */
export async function answerReportsTimed(
  db: Kysely<ReportsDatabase>,
  params: URLSearchParams,
  settings: ReportSettings,
  asker: Viewer,
): Promise<TimedResult<ReportsResponse>> {
  const query = parseReportsQuery(params, settings);
  if (!query.ok) return timeless(query);
  const asked = filteredViewer(params, asker);
  if (!asked.ok) return timeless(asked);
  const viewer = asked.value;
  const now = nowToTheSecond(settings);
  const { range, statWindow, previousWindow } = query.value;
  // All time compares the last 30 days with the 30 before; a range compares itself with the one before.
  // The overview, the latest bookings and the next meetings side by side: on a pool (MySQL/MariaDB, SQLite's reader
  // threads) each query on a connection of its own, so a slow one does not wait for the others.
  const [[current, statCurrent, previous], latest, meetings] = await Promise.all([
    range === null
      ? countOverviews(db, [ALL_TIME, statWindow, previousWindow], viewer)
      : countOverviews(db, [range, previousWindow], viewer).then(
          ([inRange, before]) => [inRange, inRange, before] as const,
        ),
    selectLatestBookings(db, viewer),
    selectUpcomingMeetings(db, viewer, now),
  ]);
  const [attendees, events] = await Promise.all([
    countActiveAttendees(
      db,
      meetings.filter(isGroupBooking).map((row) => row.group_id),
      viewer,
    ),
    selectEvents(
      db,
      meetings.map((row) => row.event_id),
    ),
  ]);
  const hosts = await selectHosts(
    db,
    [...events.values()].map((event) => event.user_id),
  );

  const result: Result<ReportsResponse> = {
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
  const until = range === null ? now + SECOND_MS : meetingsUntil(meetings, now);
  return { result, from: now, until };
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
 * @param params The raw query string (`date_range[0]`, `date_range[1]`, `history`, the filters).
 * @param settings Site timezone, start of week and now.
 * @param asker Who asks; the filters of `params` narrow their bookings.
 */
export async function answerGraph(
  db: Kysely<ReportsDatabase>,
  params: URLSearchParams,
  settings: ReportSettings,
  asker: Viewer,
): Promise<Result<GraphResponse>> {
  const parsed = parseGraphQuery(params, settings);
  if (!parsed.ok) return parsed;
  const asked = filteredViewer(params, asker);
  if (!asked.ok) return asked;
  const viewer = asked.value;
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
 * `GET /reports/heatmap`: the bookings made in the range, each at the site-local weekday and hour its meeting starts
 * (`countHeatmap`). It does not depend on now, not even for all time, which counts every booking.
 * @param db The site database.
 * @param params The raw query string (`startTime`, `endTime` as `GET /reports`, the filters); anything the engine
 *   rejects is the error result, the range checked first.
 * @param settings Site timezone (the rest is not read).
 * @param asker Who asks; the filters of `params` narrow their bookings.
 */
export async function answerHeatmap(
  db: Kysely<ReportsDatabase>,
  params: URLSearchParams,
  settings: ReportSettings,
  asker: Viewer,
): Promise<Result<HeatmapResponse>> {
  const query = parseReportsQuery(params, settings);
  if (!query.ok) return query;
  const asked = filteredViewer(params, asker);
  if (!asked.ok) return asked;
  return {
    ok: true,
    value: await countHeatmap(db, query.value.range ?? ALL_TIME, asked.value, settings.timezone),
  };
}

/**
 * `GET /reports/activities`: takes only the filters (any other parameter is ignored, as WordPress does).
 * @param db The site database.
 * @param params The raw query string; invalid filters are the error result.
 * @param viewer Whose activities: everything for an administrator, a host's own bookings' entries otherwise, either
 *   narrowed to the entries of the bookings the filters select.
 */
export async function answerActivities(
  db: Kysely<ReportsDatabase>,
  params: URLSearchParams,
  viewer: Viewer,
): Promise<Result<ActivitiesResponse>> {
  const asked = filteredViewer(params, viewer);
  if (!asked.ok) return asked;
  const rows = await selectActivities(db, asked.value);
  return { ok: true, value: { activities: rows.map(toActivity) } };
}

/**
 * `GET /reports/filters`: takes no parameters. The options come from SQL and are built and sorted by the engine
 * (`buildFilterOptions`), so the answer is the engine's `computeFilterOptions` whatever the database's collation.
 * @param db The site database.
 * @param viewer Whose options: every host with a calendar, calendar and event for an administrator, a host's own.
 */
export async function answerFilterOptions(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
): Promise<FilterOptionsResponse> {
  return buildFilterOptions(await selectFilterOptions(db, viewer));
}
