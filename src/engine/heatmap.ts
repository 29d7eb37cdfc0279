/**
 * `GET /reports/heatmap`: the bookings made in a range (the ones the Total Bookings widget counts), placed by the
 * site-local weekday and hour their meeting starts. The cell of a start is written once here; the SQL backend, which
 * counts starts by UTC slot, places its slots with the same functions, so both answer alike.
 */
import type { HeatmapResponse } from '../api/types';
import type { SiteData } from '../data/schema';
import { siteOffsetAt } from '../lib/siteTime';
import type { SiteTimezone } from '../lib/siteTime';
import { ALL_TIME, scopeBookings, storedUtcMs } from './bookingIndex';
import type { ParsedReportsQuery } from './query';
import type { ReportSettings, Viewer } from './types';

/** Rows of the heatmap: the weekdays, Sunday (0) to Saturday (6), as PHP's `date('w')` numbers them. */
export const HEATMAP_WEEKDAYS = 7;
/** Columns of the heatmap: the hours 0 to 23 of the site's clock. */
export const HEATMAP_HOURS = 24;

const MINUTE_MS = 60_000;

/**
 * The cell of an instant whose site offset is known: `weekday * 24 + hour` of the wall clock that offset gives.
 * @param utcMs The instant, epoch ms.
 * @param offsetMinutes The site's UTC offset at that instant, as `siteOffsetAt` gives it.
 */
export function heatmapCellAt(utcMs: number, offsetMinutes: number): number {
  const wallClock = new Date(utcMs + offsetMinutes * MINUTE_MS);
  return wallClock.getUTCDay() * HEATMAP_HOURS + wallClock.getUTCHours();
}

/**
 * The cell of an instant, `weekday * 24 + hour`, on the site's clock: its weekday and hour in the site timezone
 * (`siteOffsetAt`, so DST and fixed offsets such as `+05:45` are read as every other site time is).
 * @param utcMs The instant, epoch ms.
 * @param timezone The site timezone.
 */
export function heatmapCellOf(utcMs: number, timezone: SiteTimezone): number {
  return heatmapCellAt(utcMs, siteOffsetAt(utcMs, timezone));
}

/** The heatmap's cells, `weekday * 24 + hour` (see {@link heatmapCellOf}), each at zero. */
export function emptyHeatmapCells(): number[] {
  return new Array<number>(HEATMAP_WEEKDAYS * HEATMAP_HOURS).fill(0);
}

/**
 * The answer of counted cells: the seven weekday rows of 24 hours each.
 * @param cells The count of each cell, `weekday * 24 + hour`, as {@link emptyHeatmapCells} lays them out.
 */
export function heatmapOfCells(cells: readonly number[]): HeatmapResponse {
  return {
    weekday_hours: Array.from({ length: HEATMAP_WEEKDAYS }, (_row, weekday) =>
      Array.from({ length: HEATMAP_HOURS }, (_column, hour) => cells[weekday * HEATMAP_HOURS + hour] ?? 0),
    ),
  };
}

/**
 * The heatmap over the viewer's bookings (the request's filters included): every booking created in `query.range`
 * (all time when `null`), exactly the ones the Total Bookings widget of `computeReports` counts, placed at the
 * site-local weekday and hour of its `start_time`. A booking whose `start_time` cannot be read is in no cell, so the
 * cells then add up to less than Total Bookings. The answer does not depend on now.
 */
export function computeHeatmap(
  data: SiteData,
  query: ParsedReportsQuery,
  viewer: Viewer,
  settings: ReportSettings,
): HeatmapResponse {
  const range = query.range ?? ALL_TIME;
  const cells = emptyHeatmapCells();
  // Many bookings share a start (a session, a group): each instant is converted once.
  const cellOfStart = new Map<number, number>();
  for (const row of scopeBookings(data.bookings, viewer)) {
    const created = storedUtcMs(row.created_at);
    if (!(created >= range.start && created <= range.end)) continue;
    const start = storedUtcMs(row.start_time);
    if (Number.isNaN(start)) continue;
    let cell = cellOfStart.get(start);
    if (cell === undefined) {
      cell = heatmapCellOf(start, settings.timezone);
      cellOfStart.set(start, cell);
    }
    cells[cell] = (cells[cell] ?? 0) + 1;
  }
  return heatmapOfCells(cells);
}
