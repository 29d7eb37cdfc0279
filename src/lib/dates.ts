/**
 * Range presets and range strings in the site's timezone.
 *
 * One selected range drives the overview and the graph. This module turns a selection into the query strings of
 * both endpoints (`startTime`/`endTime` for `/reports`, `date_range` for the graph) from the site's "now".
 */
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { comparisonWindowOf, granularityForDays } from '../api/contract';
import {
  DATE_FORMAT,
  addDays,
  daysBetween,
  isValidTimezone,
  localToUtcMs,
  parseLocalDate,
  utcMsToLocal,
  utcMsToLocalDay,
} from './siteTime';
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
   * `date_range` the graph asks for. For a range graphed by day it is one day longer than the range (`endDay` + 1):
   * a real site drops the last day it is asked for (and answers a one-day range with nothing), our servers do not;
   * the graph keeps only {@link graphDays}, so it shows every selected day from both. A range graphed by week or
   * month is asked as it is (a day more would add that day's counts to the last bucket on our servers). All time:
   * the last 12 months, asked together with {@link graphHistory}.
   */
  graphRange: [string, string];
  /** The days the graph shows (`YYYY-MM-DD`, inclusive): `[startDay, endDay]`; for all time, the 12 months asked. */
  graphDays: [string, string];
  /**
   * All time: the graph asks for the whole history (`history=all`). Our servers then answer from the first month
   * with a booking; a server that ignores it (a real site) answers the 12 months of {@link graphRange}.
   */
  graphHistory: boolean;
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

/** The selection the dashboard starts with, and falls back to when a stored selection is unusable. */
export const DEFAULT_RANGE: RangeSelection = Object.freeze({ preset: 'last_30_days' });

/** Months the graph shows for "all time", ending with the current month: the client does not know the first day. */
const ALL_TIME_GRAPH_MONTHS = 12;

/** Parses a day the caller has already validated; `utc` keeps the browser's zone out of calendar arithmetic. */
function calendarDay(day: string): Dayjs {
  return dayjs.utc(day);
}

function firstOfMonth(day: string): string {
  return calendarDay(day).startOf('month').format(DATE_FORMAT);
}

/** Adds calendar months; a day the target month lacks is clamped to its last day (May 31 - 3 months = Feb 28). */
function addMonths(day: string, months: number): string {
  return calendarDay(day).add(months, 'month').format(DATE_FORMAT);
}

function firstOfYear(day: string, yearsAgo = 0): string {
  return `${Number(day.slice(0, 4)) - yearsAgo}-01-01`;
}

function isPresetId(value: unknown): value is RangePresetId {
  return (RANGE_PRESETS as readonly unknown[]).includes(value);
}

/**
 * The site's local day at `now`, `YYYY-MM-DD`.
 *
 * A timezone this runtime does not know is read as UTC: a dashboard that shows UTC days is more useful than one that
 * throws, and the browser's own zone must never take part.
 *
 * @param calendar The site's timezone.
 * @param now The instant, epoch milliseconds.
 */
export function todayInSite(calendar: SiteCalendar, now: number): string {
  return utcMsToLocalDay(now, isValidTimezone(calendar.timezone) ? calendar.timezone : 'UTC');
}

/** First and last day (inclusive) of a preset that has both, counted from the site's today. */
function presetDays(preset: RangePresetId, today: string): [string, string] | undefined {
  switch (preset) {
    case 'today':
      return [today, today];
    case 'yesterday':
      return [addDays(today, -1), addDays(today, -1)];
    case 'last_7_days':
      return [addDays(today, -6), today];
    case 'last_30_days':
      return [addDays(today, -29), today];
    case 'this_month':
      return [firstOfMonth(today), today];
    case 'last_month': {
      const dayOfLastMonth = addDays(firstOfMonth(today), -1);
      return [firstOfMonth(dayOfLastMonth), dayOfLastMonth];
    }
    case 'last_3_months':
      return [addDays(addMonths(today, -3), 1), today];
    case 'this_year':
      return [firstOfYear(today), today];
    case 'last_year':
      return [firstOfYear(today, 1), `${Number(today.slice(0, 4)) - 1}-12-31`];
    default:
      return undefined;
  }
}

/** The days of a custom selection, swapped when reversed; `undefined` when a day is missing or not a real date. */
function customDays(selection: RangeSelection): [string, string] | undefined {
  const { from, to } = selection;
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  if (!parseLocalDate(from) || !parseLocalDate(to)) return undefined;
  return from <= to ? [from, to] : [to, from];
}

/**
 * What the graph asks for the days `[startDay, endDay]`: one day more when the longer range is still graphed by
 * day (see {@link ResolvedRange.graphRange}).
 */
function graphAsk(startDay: string, endDay: string): [string, string] {
  const dayCount = daysBetween(startDay, endDay) + 1;
  return granularityForDays(dayCount + 1) === 'day' ? [startDay, addDays(endDay, 1)] : [startDay, endDay];
}

function rangeOfDays(selection: RangeSelection, startDay: string, endDay: string): ResolvedRange {
  return {
    selection,
    startDay,
    endDay,
    reportsQuery: { startTime: `${startDay} 00:00:00`, endTime: `${endDay} 23:59:59` },
    graphRange: graphAsk(startDay, endDay),
    graphDays: [startDay, endDay],
    graphHistory: false,
    dayCount: daysBetween(startDay, endDay) + 1,
  };
}

/**
 * Resolves a selection against the site's "now": the local days it covers and the query of both endpoints.
 *
 * Every day is a site-local calendar day, both ends inclusive. A custom range given backwards is swapped; a custom
 * range without two real days, or an unknown preset, resolves as {@link DEFAULT_RANGE}. The returned `selection` is
 * the one actually resolved (swapped, or the default), so a picker can show it.
 *
 * @param selection What the user picked.
 * @param calendar The site's timezone and start of week.
 * @param now The instant "today" is taken from, epoch milliseconds.
 */
export function resolveRange(selection: RangeSelection, calendar: SiteCalendar, now: number): ResolvedRange {
  const today = todayInSite(calendar, now);
  if (selection.preset === 'custom') {
    const days = customDays(selection);
    if (!days) return resolveRange(DEFAULT_RANGE, calendar, now);
    return rangeOfDays({ preset: 'custom', from: days[0], to: days[1] }, days[0], days[1]);
  }
  if (selection.preset === 'all_time') {
    const graphDays: [string, string] = [firstOfMonth(addMonths(today, 1 - ALL_TIME_GRAPH_MONTHS)), today];
    return {
      selection: { preset: 'all_time' },
      startDay: null,
      endDay: today,
      reportsQuery: {},
      graphRange: graphDays,
      graphDays,
      graphHistory: true,
      dayCount: null,
    };
  }
  const days = isPresetId(selection.preset) ? presetDays(selection.preset, today) : undefined;
  if (!days) return resolveRange(DEFAULT_RANGE, calendar, now);
  return rangeOfDays({ preset: selection.preset }, days[0], days[1]);
}

/**
 * Whether a value read back from a URL or localStorage is a usable selection: a known preset, and for `custom` two
 * real days (`YYYY-MM-DD`) with `from` ≤ `to`.
 *
 * @param value Anything, typically parsed JSON.
 */
export function isValidSelection(value: unknown): value is RangeSelection {
  if (typeof value !== 'object' || value === null) return false;
  const { preset, from, to } = value as Record<string, unknown>;
  if (!isPresetId(preset)) return false;
  if (preset === 'custom') {
    return (
      typeof from === 'string' &&
      typeof to === 'string' &&
      parseLocalDate(from) !== undefined &&
      parseLocalDate(to) !== undefined &&
      from <= to
    );
  }
  return (from === undefined || typeof from === 'string') && (to === undefined || typeof to === 'string');
}

/**
 * The selection as page-URL parameters: `{ range: 'last_7_days' }`, or `{ range: 'custom', from, to }`.
 *
 * @param selection The selection to write.
 */
export function selectionToQuery(selection: RangeSelection): Record<string, string> {
  if (selection.preset !== 'custom') return { range: selection.preset };
  const query: Record<string, string> = { range: 'custom' };
  if (selection.from !== undefined) query.from = selection.from;
  if (selection.to !== undefined) query.to = selection.to;
  return query;
}

/**
 * Reads a selection written by {@link selectionToQuery} back from page-URL parameters; `undefined` when there is
 * none or it is not valid (see {@link isValidSelection}). `from`/`to` are ignored for presets other than `custom`.
 *
 * @param query The page's search parameters.
 */
export function selectionFromQuery(query: URLSearchParams): RangeSelection | undefined {
  const preset = query.get('range');
  if (preset === null) return undefined;
  const candidate: Record<string, unknown> =
    preset === 'custom'
      ? { preset, from: query.get('from') ?? undefined, to: query.get('to') ?? undefined }
      : { preset };
  return isValidSelection(candidate) ? candidate : undefined;
}

/**
 * Whether two selections mean the same range: same preset, and for `custom` the same days.
 *
 * @param a One selection.
 * @param b The other.
 */
export function sameRange(a: RangeSelection, b: RangeSelection): boolean {
  if (a.preset !== b.preset) return false;
  return a.preset !== 'custom' || (a.from === b.from && a.to === b.to);
}

/** The site's zone for calendar arithmetic: one this runtime does not know is read as UTC (see {@link todayInSite}). */
function knownZone(calendar: SiteCalendar): string {
  return isValidTimezone(calendar.timezone) ? calendar.timezone : 'UTC';
}

/**
 * The `/reports` query of a range's comparison window: the window of equal length, in seconds, that ends one second
 * before the range starts (`comparisonWindowOf` in `src/api/contract.ts`), in the site's wall-clock time. Across a
 * DST change its bounds are therefore an hour off midnight, exactly as a server following the contract counts them.
 * `undefined` for all time, which has no window before it.
 *
 * @param resolved The range, as {@link resolveRange} made it.
 * @param calendar The site's timezone.
 */
export function comparisonQuery(
  resolved: ResolvedRange,
  calendar: SiteCalendar,
): { startTime: string; endTime: string } | undefined {
  const { reportsQuery } = resolved;
  if (!('startTime' in reportsQuery)) return undefined;
  const zone = knownZone(calendar);
  const start = localToUtcMs(reportsQuery.startTime, zone);
  const end = localToUtcMs(reportsQuery.endTime, zone);
  if (start === undefined || end === undefined) return undefined;
  const previous = comparisonWindowOf({ start, end });
  return { startTime: utcMsToLocal(previous.start, zone), endTime: utcMsToLocal(previous.end, zone) };
}

/**
 * Whether a range ends after `now`: today, this week, month or year so far. Its numbers then cover only part of the
 * range, while its comparison window is complete ("so far today" against all of yesterday). `false` for all time,
 * whose comparison (the last 30 days up to now against the 30 before) is between two whole windows.
 *
 * @param resolved The range.
 * @param calendar The site's timezone.
 * @param now The site's "now", epoch milliseconds.
 */
export function rangeRunsPastNow(resolved: ResolvedRange, calendar: SiteCalendar, now: number): boolean {
  const { reportsQuery } = resolved;
  if (!('endTime' in reportsQuery)) return false;
  const end = localToUtcMs(reportsQuery.endTime, knownZone(calendar));
  return end !== undefined && end > now;
}

/** The days a range's graph is compared with, and what the graph asks for them. */
export interface PreviousPeriod {
  /** `date_range` of the previous period's graph, asked as the range's own (see {@link ResolvedRange.graphRange}). */
  graphRange: [string, string];
  /** Its days (`YYYY-MM-DD`, inclusive): as many as the range's, ending the day before it starts. */
  graphDays: [string, string];
}

/**
 * The previous period of a range, for the graph's comparison: the same number of site days, ending the day before
 * the range starts, so its buckets line up with the range's one by one (day 1 with day 1). These are the days the
 * tiles' changes compare ({@link comparisonQuery}), but for the hour a DST change moves those. `null` for all time,
 * which has nothing before it.
 *
 * @param resolved The range, as {@link resolveRange} made it.
 */
export function previousPeriodOf(resolved: ResolvedRange): PreviousPeriod | null {
  if (resolved.startDay === null || resolved.dayCount === null) return null;
  const days: [string, string] = [
    addDays(resolved.startDay, -resolved.dayCount),
    addDays(resolved.startDay, -1),
  ];
  return { graphRange: graphAsk(...days), graphDays: days };
}
