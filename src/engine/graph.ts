/**
 * `GET /reports/graph-reports`: three series counted over the buckets of a {@link GraphPlan}, with the overview's
 * definitions, so a series summed over a range equals the matching overview number for the same days.
 */
import type { GraphResponse, GraphSeries } from '../api/types';
import type { SiteData } from '../data/schema';
import { countInWindow, scopeBookings, sortedInstants } from './bookingIndex';
import type { GraphPlan } from './query';
import type { Viewer } from './types';

/** Each bucket's count of the sorted instants, every bucket present (zero-filled) in the plan's order. */
function seriesOf(plan: GraphPlan, instants: Float64Array): GraphSeries {
  const series: GraphSeries = {};
  for (const bucket of plan.buckets) series[bucket.key] = countInWindow(instants, bucket);
  return series;
}

/**
 * The graph over the viewer's bookings: `booked_stats` counts bookings created in each bucket (any status);
 * `completed_stats` and `cancelled_stats` count bookings of exactly that status whose `end_time` is in the bucket.
 * Keys are in chronological order.
 */
export function computeGraph(data: SiteData, plan: GraphPlan, viewer: Viewer): GraphResponse {
  const bookings = scopeBookings(data.bookings, viewer);
  return {
    booked_stats: seriesOf(
      plan,
      sortedInstants(bookings, (row) => row.created_at),
    ),
    completed_stats: seriesOf(
      plan,
      sortedInstants(
        bookings,
        (row) => row.end_time,
        (row) => row.status === 'completed',
      ),
    ),
    cancelled_stats: seriesOf(
      plan,
      sortedInstants(
        bookings,
        (row) => row.end_time,
        (row) => row.status === 'cancelled',
      ),
    ),
  };
}
