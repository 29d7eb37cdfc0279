/**
 * Range presets and range strings in the site's timezone.
 *
 * One selected range drives the overview and the graph. This module turns a selection into the query strings of
 * both endpoints (`startTime`/`endTime` for `/reports`, `date_range` for the graph) from the site's "now".
 */
import type { SiteTimezone } from './siteTime';

/** The range presets of the picker, in the order it lists them. */
export const RANGE_PRESETS = [
  'today',
  'yesterday',
  'last_7_days',
  'last_30_days',
  'this_month',
  'last_month',
  'last_3_months',
  'this_year',
  'last_year',
  'all_time',
  'custom',
] as const;

/** A range preset id. */
export type RangePresetId = (typeof RANGE_PRESETS)[number];

/** What the user selected: a preset, or `custom` with both local days (`YYYY-MM-DD`, inclusive). */
export interface RangeSelection {
  /** Which preset. @default 'last_30_days' */
  preset: RangePresetId;
  /** First day, `YYYY-MM-DD` in the site timezone; only for `custom`. */
  from?: string;
  /** Last day (inclusive), `YYYY-MM-DD` in the site timezone; only for `custom`. */
  to?: string;
}

/** A selection resolved against the site's "now": the days it covers and the query strings of both endpoints. */
export interface ResolvedRange {
  /** The selection it came from. */
  selection: RangeSelection;
  /** First local day, `YYYY-MM-DD`; `null` for all time. */
  startDay: string | null;
  /** Last local day (inclusive), `YYYY-MM-DD`: today for presets that run to now. */
  endDay: string;
  /** Query of `/reports`: both strings (`YYYY-MM-DD HH:mm:ss`, site timezone), or neither for all time. */
  reportsQuery: { startTime: string; endTime: string } | Record<string, never>;
  /**
   * `date_range` of the graph: `[startDay, endDay]`. All time has no first day the client knows, so its graph shows
   * the last 12 months.
   */
  graphRange: [string, string];
  /** Days in the range (inclusive), `null` for all time: names the comparison window ("previous 30 days"). */
  dayCount: number | null;
}

/** The site timezone and week start every range is resolved in. */
export interface SiteCalendar {
  /** IANA name or `±HH:MM`. */
  timezone: SiteTimezone;
  /** WordPress `start_of_week`: 0 Sunday … 6 Saturday. @default 1 */
  startOfWeek: number;
}
