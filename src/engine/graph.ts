/**
 * `GET /reports/graph-reports`: three series counted over the buckets of a {@link GraphPlan}, with the overview's
 * definitions, so a series summed over a range equals the matching overview number for the same days.
 */
import type { GraphResponse, GraphSeries } from '../api/types';
import type { SiteData } from '../data/schema';
import { countInWindow, scopeBookings, sortedInstants } from './bookingIndex';
import { widenToHistory } from './query';
import type { GraphPlan } from './query';
import type { ReportSettings, Viewer } from './types';

/** Each bucket's count of the sorted instants, every bucket present (zero-filled) in the plan's order. */
function seriesOf(plan: GraphPlan, instants: Float64Array): GraphSeries {
  const series: GraphSeries = {};
  for (const bucket of plan.buckets) series[bucket.key] = countInWindow(instants, bucket);
  return series;
}

/**
 * The first and last of the instants the series count, or `null` when they count none.
 *
 * @param sorted Each series' instants, sorted.
 */
function historyBounds(sorted: readonly Float64Array[]): { first: number; last: number } | null {
  const nonEmpty = sorted.filter((instants) => instants.length > 0);
  if (nonEmpty.length === 0) return null;
  return {
    first: Math.min(...nonEmpty.map((instants) => instants[0] ?? Infinity)),
    last: Math.max(...nonEmpty.map((instants) => instants[instants.length - 1] ?? -Infinity)),
  };
}

/**
 * The graph over the viewer's bookings: `booked_stats` counts bookings created in each bucket (any status);
 * `completed_stats` and `cancelled_stats` count bookings of exactly that status whose `end_time` is in the bucket.
 * Keys are in chronological order. A `history=all` plan is widened to the whole history first
 * ({@link widenToHistory}) and the answer says `history: 'all'`.
 */
export function computeGraph(
  data: SiteData,
  asked: GraphPlan,
  viewer: Viewer,
  settings: ReportSettings,
): GraphResponse {
  const bookings = scopeBookings(data.bookings, viewer);
  const booked = sortedInstants(bookings, (row) => row.created_at);
  const completed = sortedInstants(
    bookings,
    (row) => row.end_time,
    (row) => row.status === 'completed',
  );
  const cancelled = sortedInstants(
    bookings,
    (row) => row.end_time,
    (row) => row.status === 'cancelled',
  );
  const plan = widenToHistory(asked, historyBounds([booked, completed, cancelled]), settings);
  return {
    booked_stats: seriesOf(plan, booked),
    completed_stats: seriesOf(plan, completed),
    cancelled_stats: seriesOf(plan, cancelled),
    ...(plan.history ? { history: 'all' as const } : {}),
  };
}
