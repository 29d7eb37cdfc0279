/**
 * Query parsing of `GET /reports` and `GET /reports/graph-reports`: strict validation, then the UTC windows and graph
 * buckets the computations count in. Shared by the mock handlers and the reference backend, so both reject and read
 * queries identically.
 *
 * Every bound is a local site time turned into a UTC instant with `src/lib/siteTime.ts`; DST days are 23 or 25 hours
 * long because bucket starts are real local day starts.
 */
import {
  ALL_TIME_STAT_DAYS,
  FILTER_PARAMS,
  comparisonWindowOf,
  parseFilterId,
  granularityForDays,
  graphMonthKey,
  MAX_RANGE_YEARS,
} from '../api/contract';
import type { BookingFilters, FilterParam } from '../api/contract';
import type { GraphGranularity } from '../api/types';
import {
  addDays,
  daysBetween,
  localDayStartUtcMs,
  localPartsToUtcMs,
  localToUtcMs,
  parseLocalDate,
  parseLocalDateTime,
  utcMsToLocal,
  utcMsToLocalDay,
} from '../lib/siteTime';
import { invalidParams } from './errors';
import type { ReportSettings, Result, TimeWindow, Viewer } from './types';

const SECOND_MS = 1000;

/** Parsed `GET /reports` query: the windows the overview counts in. */
export interface ParsedReportsQuery {
  /** The requested range; `null` for all time (neither `startTime` nor `endTime` given). */
  range: TimeWindow | null;
  /** The window `stat` compares: the range, or the last 30 days (same wall time, site zone) up to now for all time. */
  statWindow: TimeWindow;
  /** The comparison window: as long as `statWindow`, ending the second before it starts. */
  previousWindow: TimeWindow;
}

/** One graph bucket: its key on the wire and the inclusive instants of its part inside the range. */
export interface GraphBucket {
  /** `YYYY-MM-DD` (a day, or the first day of a week) or `Mon YYYY`. */
  key: string;
  /** First included instant (the range start for the first bucket). */
  start: number;
  /** Last included instant (the range end for the last bucket). */
  end: number;
}

/** Parsed `GET /reports/graph-reports` query: the days asked for and their buckets. */
export interface GraphPlan {
  /** Bucket size, chosen by the number of days. */
  granularity: GraphGranularity;
  /** First local day, `YYYY-MM-DD`, inclusive. */
  firstDay: string;
  /** Last local day, `YYYY-MM-DD`, inclusive. */
  lastDay: string;
  /** Every bucket of the range, in chronological order; together they cover the range exactly, without gaps. */
  buckets: GraphBucket[];
  /**
   * `history=all` was asked: the range is to be widened to the whole history ({@link widenToHistory}) and the answer
   * says `history: 'all'`.
   */
  history: boolean;
}

type DateTimeFields = [number, number, number, number, number, number];

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/**
 * The comparison window of `window`: the window of equal length that ends where it starts (the contract's rule,
 * `comparisonWindowOf` in `src/api/contract.ts`). With `D = end - start + 1 s`, that is `[start - D, start - 1 s]`.
 */
export function previousWindowOf(window: TimeWindow): TimeWindow {
  return comparisonWindowOf(window);
}

/** `settings.now` cut to the second, as the stored times are (the SQL backend compares with `formatUtc(now)`). */
export function nowToTheSecond(settings: ReportSettings): number {
  return Math.floor(settings.now / SECOND_MS) * SECOND_MS;
}

/**
 * The instant of a local time this module built itself from valid parts (so it always exists); throws otherwise,
 * because a missing bound would silently count the wrong rows.
 */
function requireInstant(instant: number | undefined, local: string): number {
  if (instant === undefined) throw new RangeError(`Not a local time: ${local}`);
  return instant;
}

/**
 * Whether the inclusive range from `start` to `end` (local wall-clock fields) covers more than
 * {@link MAX_RANGE_YEARS} calendar years, i.e. `end` is at or after `start` plus that many years.
 */
function spansTooManyYears(start: DateTimeFields, end: DateTimeFields): boolean {
  const limit = [start[0] + MAX_RANGE_YEARS, ...start.slice(1)];
  for (let index = 0; index < end.length; index++) {
    const difference = (end[index] ?? 0) - (limit[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/**
 * The all-time comparison: from the same site wall-clock time {@link ALL_TIME_STAT_DAYS} calendar days ago up to
 * now, both inclusive.
 */
function lastThirtyDays(settings: ReportSettings): TimeWindow {
  const now = nowToTheSecond(settings);
  const [today = '', clock = ''] = utcMsToLocal(now, settings.timezone).split(' ');
  const monthAgo = `${addDays(today, -ALL_TIME_STAT_DAYS)} ${clock}`;
  const start = requireInstant(localToUtcMs(monthAgo, settings.timezone), monthAgo);
  return { start, end: now };
}

/**
 * Parses the query of `GET /reports`.
 *
 * - Neither `startTime` nor `endTime`: all time (`range: null`); `statWindow` is the last 30 days up to now (same wall
 *   time 30 calendar days ago, site zone) and `previousWindow` the 30 days before it.
 * - Both, each exactly once, strict `YYYY-MM-DD HH:mm:ss` site time: the inclusive range `[startTime, endTime]`,
 *   which is also `statWindow`. `startTime == endTime` is a one-second range.
 * - Anything else is 400 `rest_invalid_param`, `data.params` naming each bad parameter: a lone one names the missing
 *   one; empty, repeated, malformed or impossible values name themselves; a reversed range, or one covering more than
 *   10 calendar years, names `endTime`.
 *
 * Other parameters are ignored.
 */
export function parseReportsQuery(
  params: URLSearchParams,
  settings: ReportSettings,
): Result<ParsedReportsQuery> {
  const given = { startTime: params.getAll('startTime'), endTime: params.getAll('endTime') };
  if (given.startTime.length === 0 && given.endTime.length === 0) {
    const statWindow = lastThirtyDays(settings);
    return ok({ range: null, statWindow, previousWindow: previousWindowOf(statWindow) });
  }

  const problems: Record<string, string> = {};
  const fields: Partial<Record<keyof typeof given, DateTimeFields>> = {};
  for (const name of ['startTime', 'endTime'] as const) {
    const values = given[name];
    const other = name === 'startTime' ? 'endTime' : 'startTime';
    const parsed = values.length === 1 ? parseLocalDateTime(values[0] ?? '') : undefined;
    if (values.length === 0) problems[name] = `${name} is required when ${other} is given.`;
    else if (values.length > 1) problems[name] = `${name} must be given only once.`;
    else if (!parsed) problems[name] = `${name} is not a valid date (YYYY-MM-DD HH:mm:ss).`;
    else fields[name] = parsed;
  }
  if (!fields.startTime || !fields.endTime) return { ok: false, error: invalidParams(problems) };

  const range = {
    start: localPartsToUtcMs(settings.timezone, ...fields.startTime),
    end: localPartsToUtcMs(settings.timezone, ...fields.endTime),
  };
  // Compared as instants: in a spring DST gap a later wall time can still be an earlier instant.
  if (range.start > range.end) {
    return { ok: false, error: invalidParams({ endTime: 'endTime is before startTime.' }) };
  }
  if (spansTooManyYears(fields.startTime, fields.endTime)) {
    return {
      ok: false,
      error: invalidParams({
        endTime: `The range from startTime to endTime is longer than ${MAX_RANGE_YEARS} years.`,
      }),
    };
  }
  return ok({ range, statWindow: range, previousWindow: previousWindowOf(range) });
}

const DATE_RANGE_KEY = /^date_range(?:\[|$)/;
const DATE_RANGE_PROBLEM = {
  shape: 'date_range must be exactly two days: date_range[0] (first) and date_range[1] (last).',
  malformed: 'date_range must hold two valid dates (YYYY-MM-DD).',
  reversed: 'date_range ends before it starts.',
  tooLong: `date_range is longer than ${MAX_RANGE_YEARS} years.`,
} as const;

/**
 * The two raw days of `date_range`: `date_range[0]` and `date_range[1]` once each, or PHP-style `date_range[]` twice
 * (first, last); `null` when no `date_range` parameter at all; a problem message for any other shape.
 */
function readDateRange(params: URLSearchParams): [string, string] | null | string {
  const keys = new Set([...params.keys()].filter((key) => DATE_RANGE_KEY.test(key)));
  if (keys.size === 0) return null;
  let values: string[] = [];
  if ([...keys].every((key) => key === 'date_range[]')) {
    values = params.getAll('date_range[]');
  } else if ([...keys].every((key) => key === 'date_range[0]' || key === 'date_range[1]')) {
    const first = params.getAll('date_range[0]');
    const last = params.getAll('date_range[1]');
    if (first.length === 1 && last.length === 1) values = [...first, ...last];
  }
  const [first, last] = values;
  return values.length === 2 && first !== undefined && last !== undefined
    ? [first, last]
    : DATE_RANGE_PROBLEM.shape;
}

/** The first day (`YYYY-MM-DD`) of the week holding `day`, for a week starting on `startOfWeek` (0 Sunday … 6 Saturday). */
function weekStartOf(day: string, startOfWeek: number): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday - startOfWeek + 7) % 7));
}

/** WordPress `start_of_week`, or Monday (WordPress's default) when the setting is not a weekday number. */
function startOfWeekOf(settings: ReportSettings): number {
  const { startOfWeek } = settings;
  return Number.isInteger(startOfWeek) && startOfWeek >= 0 && startOfWeek <= 6 ? startOfWeek : 1;
}

/** The graph's periods as `{ key, first local day }`, in order; the first may begin before `firstDay`. */
function periodsOf(
  granularity: GraphGranularity,
  firstDay: string,
  dayCount: number,
  startOfWeek: number,
): { key: string; day: string }[] {
  const periods: { key: string; day: string }[] = [];
  // Loops count days rather than compare strings, so no day past the range (or past year 9999) is ever formatted.
  if (granularity === 'day') {
    for (let offset = 0; offset < dayCount; offset++) {
      const day = addDays(firstDay, offset);
      periods.push({ key: day, day });
    }
  } else if (granularity === 'week') {
    const firstWeek = weekStartOf(firstDay, startOfWeek);
    const lastOffset = daysBetween(firstWeek, firstDay) + dayCount - 1;
    for (let offset = 0; offset <= lastOffset; offset += 7) {
      const day = addDays(firstWeek, offset);
      periods.push({ key: day, day });
    }
  } else {
    const lastDay = addDays(firstDay, dayCount - 1);
    const [lastYear, lastMonth] = [Number(lastDay.slice(0, 4)), Number(lastDay.slice(5, 7))];
    let [year, month] = [Number(firstDay.slice(0, 4)), Number(firstDay.slice(5, 7))];
    while (year < lastYear || (year === lastYear && month <= lastMonth)) {
      periods.push({
        key: graphMonthKey(year, month),
        day: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`,
      });
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  return periods;
}

/**
 * The buckets of the local days `[firstDay, lastDay]`: every period, clipped to the range, each ending the second
 * before the next starts. The range is `[firstDay 00:00:00, lastDay 23:59:59]` in site time, exactly the window
 * `GET /reports` reads from `startTime`/`endTime` of those days, so graph sums match the overview.
 * @param firstDay First local day, `YYYY-MM-DD` (valid).
 * @param lastDay Last local day, `YYYY-MM-DD` (valid, not before `firstDay`).
 */
function planGraph(firstDay: string, lastDay: string, settings: ReportSettings, history = false): GraphPlan {
  const dayCount = daysBetween(firstDay, lastDay) + 1;
  const granularity = granularityForDays(dayCount);
  const periods = periodsOf(granularity, firstDay, dayCount, startOfWeekOf(settings));
  const lastSecond = `${lastDay} 23:59:59`;
  const rangeStart = requireInstant(localDayStartUtcMs(firstDay, settings.timezone), firstDay);
  const rangeEnd = requireInstant(localToUtcMs(lastSecond, settings.timezone), lastSecond);
  const starts = periods.map((period, index) =>
    index === 0 ? rangeStart : requireInstant(localDayStartUtcMs(period.day, settings.timezone), period.day),
  );
  const buckets = periods.map((period, index) => {
    const nextStart = starts[index + 1];
    return {
      key: period.key,
      start: starts[index] ?? rangeStart,
      end: nextStart === undefined ? rangeEnd : nextStart - SECOND_MS,
    };
  });
  return { granularity, firstDay, lastDay, buckets, history };
}

/**
 * The plan of a `history=all` request widened to the whole history: from the first day of the month of the first
 * counted instant (or the asked first day, if earlier) to the day of the last one (or the asked last day, if later),
 * so every booking the all-time overview counts lands in a bucket and the series add up to the all-time numbers.
 * Other plans, and a site without a counted booking, are returned as they are. The length limit of `date_range`
 * does not apply: the widened range is the server's own.
 *
 * @param plan The parsed query.
 * @param bounds The first and last instant the series count (bookings' `created_at`; completed and cancelled
 *   bookings' `end_time`), epoch ms; `null` when there is none.
 * @param settings Site timezone and start of week.
 */
export function widenToHistory(
  plan: GraphPlan,
  bounds: { first: number; last: number } | null,
  settings: ReportSettings,
): GraphPlan {
  if (!plan.history || !bounds) return plan;
  const firstBooking = utcMsToLocalDay(bounds.first, settings.timezone);
  const lastBooking = utcMsToLocalDay(bounds.last, settings.timezone);
  const firstMonth = `${firstBooking.slice(0, 7)}-01`;
  const firstDay = firstMonth < plan.firstDay ? firstMonth : plan.firstDay;
  const lastDay = lastBooking > plan.lastDay ? lastBooking : plan.lastDay;
  if (firstDay === plan.firstDay && lastDay === plan.lastDay) return plan;
  return planGraph(firstDay, lastDay, settings, true);
}

/**
 * Parses the query of `GET /reports/graph-reports` into its buckets.
 *
 * - `date_range[0]` and `date_range[1]` once each (or PHP-style `date_range[]` twice, first then last): strict
 *   `YYYY-MM-DD` site days, both inclusive.
 * - No `date_range` parameter: the last 7 days, today included (site zone, from `settings.now`).
 * - Only one, extra or repeated values, malformed or impossible days, a reversed range or one covering more than
 *   10 calendar years: 400 `rest_invalid_param` with `data.params.date_range`.
 *
 * Buckets by the day count n: n ≤ 62 daily (`YYYY-MM-DD`); 63–92 weekly, keyed by the first day of the week per
 * `settings.startOfWeek` (the first key can precede the first day); more monthly (`Jan 2025`, each year's months
 * apart). `history=all` marks the plan for {@link widenToHistory}. Other parameters are ignored.
 */
export function parseGraphQuery(params: URLSearchParams, settings: ReportSettings): Result<GraphPlan> {
  const history = params.getAll('history').includes('all');
  const raw = readDateRange(params);
  if (raw === null) {
    const today = utcMsToLocalDay(nowToTheSecond(settings), settings.timezone);
    return ok(planGraph(addDays(today, -6), today, settings, history));
  }
  const fail = (problem: string): Result<GraphPlan> => ({
    ok: false,
    error: invalidParams({ date_range: problem }),
  });
  if (typeof raw === 'string') return fail(raw);

  const [firstDay, lastDay] = raw;
  const first = parseLocalDate(firstDay);
  const last = parseLocalDate(lastDay);
  if (!first || !last) return fail(DATE_RANGE_PROBLEM.malformed);
  if (lastDay < firstDay) return fail(DATE_RANGE_PROBLEM.reversed);
  if (spansTooManyYears([...first, 0, 0, 0], [...last, 23, 59, 59])) return fail(DATE_RANGE_PROBLEM.tooLong);
  return ok(planGraph(firstDay, lastDay, settings, history));
}

/**
 * Parses the filters of a request (`host_id`, `calendar_id`, `event_id`, see `FILTER_PARAMS` in the contract), which
 * every endpoint but `filters` takes.
 *
 * Each is optional and given at most once, as a positive integer id (an id no booking has narrows to nothing: that
 * is an answer, not an error). A repeated, empty, signed, fractional or non-numeric value, or one beyond
 * `Number.MAX_SAFE_INTEGER`, is 400 `rest_invalid_param` naming it. Other parameters are ignored.
 */
export function parseFilters(params: URLSearchParams): Result<BookingFilters> {
  const filters: Partial<Record<FilterParam, number>> = {};
  const problems: Record<string, string> = {};
  for (const name of FILTER_PARAMS) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    const value = values[0] ?? '';
    if (values.length > 1) problems[name] = `${name} must be given only once.`;
    else {
      const id = parseFilterId(value);
      if (id === undefined) problems[name] = `${name} must be a positive integer id.`;
      else filters[name] = id;
    }
  }
  return Object.keys(problems).length > 0 ? { ok: false, error: invalidParams(problems) } : ok(filters);
}

/**
 * The viewer of a request, narrowed by its filters ({@link parseFilters}); the filters' error when they are invalid.
 * @param params The raw query string.
 * @param viewer Who asks (any filters it already carries are replaced).
 */
export function filteredViewer(params: URLSearchParams, viewer: Viewer): Result<Viewer> {
  const filters = parseFilters(params);
  if (!filters.ok) return filters;
  return ok({ userId: viewer.userId, role: viewer.role, filters: filters.value });
}
