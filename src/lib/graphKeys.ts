/**
 * Graph keys from any server: parsed, sorted and aligned into one table the chart can draw.
 *
 * Our backend sends every bucket, zero-filled and in order. A real site does not (`docs/real-site-quirks.md`,
 * "Graph"): weekly keys 7 days apart followed by the real counts under arbitrary days, months of two years,
 * series with different key sets. So nothing here trusts key order, key spelling or value types: keys are parsed,
 * odd ones are set aside, counts are read leniently, and every count lands in exactly one bucket.
 */
import { granularityForDays, graphMonthKey } from '../api/contract';
import type { GraphGranularity, GraphResponse } from '../api/types';
import { parseLocalDate } from './siteTime';

/** What a graph key names: one day (also the first day of a week), or one month. */
export type GraphKeyKind = 'day' | 'month';

/** A parsed graph key. */
export interface GraphKey {
  /** The key in canonical form: `YYYY-MM-DD`, or `Mon YYYY` in English (`Jan 2025`). */
  key: string;
  /** A day (or a week's first day) or a month. */
  kind: GraphKeyKind;
  /** Days since 1970-01-01 of the (first) day: sorts keys of both kinds chronologically. */
  sortValue: number;
  /** `YYYY-MM-DD` of the (first) day. */
  day: string;
}

/** The three series aligned on one sorted list of buckets. */
export interface GraphTable {
  /** How the buckets are sized. */
  granularity: GraphGranularity;
  /** The buckets, chronological; for weeks, the key of each week's first day. */
  keys: GraphKey[];
  /** Bookings created per bucket, aligned with `keys`. */
  booked: number[];
  /** Completed bookings per bucket, aligned with `keys`. */
  completed: number[];
  /** Cancelled bookings per bucket, aligned with `keys`. */
  cancelled: number[];
  /** Keys the table could not place, as the server wrote them (unparseable, or a month in a daily/weekly table). */
  ignoredKeys: string[];
}

/** What the dashboard knows about the graph it asked for. */
export interface GraphExpectation {
  /** The bucket size the range calls for ({@link granularityForDays}); inferred from the keys when absent. */
  granularity?: GraphGranularity;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_KEY = /^([a-z]+)\s+(\d{4})$/i;
const DAY_MS = 86_400_000;
const SERIES = ['booked_stats', 'completed_stats', 'cancelled_stats'] as const;
/**
 * Gaps between buckets are filled with zeros up to this many buckets. Beyond it a stray far-away key (a year 1999
 * among 2025 days) would make thousands of empty buckets, so only the buckets that carry counts are kept.
 */
const MAX_FILLED_BUCKETS = 1000;

/** Days since epoch; `setUTCFullYear` because `Date.UTC` reads years 0–99 as 1900–1999. */
function epochDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

function dayKey(year: number, month: number, day: number): GraphKey {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { key: text, kind: 'day', sortValue: epochDay(year, month, day), day: text };
}

function monthKey(year: number, month: number): GraphKey {
  return {
    key: graphMonthKey(year, month),
    kind: 'month',
    sortValue: epochDay(year, month, 1),
    day: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`,
  };
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index =
    lower.length === 3 ? MONTH_NAMES.findIndex((full) => full.startsWith(lower)) : MONTH_NAMES.indexOf(lower);
  return index < 0 ? undefined : index + 1;
}

/**
 * Parses a graph key: a real `YYYY-MM-DD` day, or an English month `Mon YYYY` (`Jan 2025`; any case, and full names
 * such as `January 2025` too). Surrounding spaces are ignored. Anything else, `2025-02-30` included, is `undefined`.
 *
 * @param key A key of a graph series as the server wrote it.
 */
export function parseGraphKey(key: string): GraphKey | undefined {
  if (typeof key !== 'string') return undefined;
  const text = key.trim();
  const day = parseLocalDate(text);
  if (day) return dayKey(...day);
  const match = MONTH_KEY.exec(text);
  const month = match && monthNumber(match[1] ?? '');
  return match && month ? monthKey(Number(match[2]), month) : undefined;
}

/** A count as the chart draws it: numbers and numeric strings; negative, NaN and anything else is 0. */
function readCount(value: unknown): number {
  const count =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(count) && count > 0 ? count : 0;
}

/** A series' entries; a missing or non-object series is empty (PHP sends an empty series as `[]`, which is too). */
function seriesEntries(response: GraphResponse, name: (typeof SERIES)[number]): [string, unknown][] {
  const series: unknown = (response as Partial<GraphResponse> | null | undefined)?.[name];
  return typeof series === 'object' && series !== null ? Object.entries(series) : [];
}

/** Bucket size from day keys alone, when the dashboard did not say what it expects. */
function inferDayGranularity(sortValues: number[]): GraphGranularity {
  const days = [...new Set(sortValues)].sort((a, b) => a - b);
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined || days.length === 1) return 'day';
  const gaps = days.slice(1).map((day, index) => day - (days[index] ?? day));
  if (gaps.every((gap) => gap === 1)) return 'day';
  if (gaps.every((gap) => gap % 7 === 0)) return 'week';
  return granularityForDays(last - first + 1);
}

function chooseGranularity(keys: GraphKey[], expected: GraphGranularity | undefined): GraphGranularity {
  const dayKeys = keys.filter((key) => key.kind === 'day');
  const monthCount = keys.length - dayKeys.length;
  // Month keys say what the server did; an expectation of days cannot split a month's count into days.
  if (monthCount > 0 && dayKeys.length === 0) return 'month';
  if (expected) return expected;
  if (monthCount >= dayKeys.length && monthCount > 0) return 'month';
  return inferDayGranularity(dayKeys.map((key) => key.sortValue));
}

function monthIndex(key: GraphKey): number {
  return Number(key.day.slice(0, 4)) * 12 + Number(key.day.slice(5, 7)) - 1;
}

function monthOfIndex(index: number): GraphKey {
  return monthKey(Math.floor(index / 12), (index % 12) + 1);
}

function keyOfEpochDay(sortValue: number): GraphKey {
  const date = new Date(sortValue * DAY_MS);
  return dayKey(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * Places a key in its bucket: itself for days, the week (counted from `weekStart`) that holds it, or its month.
 * `undefined` for a month in a daily or weekly table.
 */
function bucketOf(key: GraphKey, granularity: GraphGranularity, weekStart: number): GraphKey | undefined {
  if (granularity === 'month') return monthOfIndex(monthIndex(key));
  if (key.kind === 'month') return undefined;
  if (granularity === 'day') return key;
  return keyOfEpochDay(weekStart + Math.floor((key.sortValue - weekStart) / 7) * 7);
}

/** Every bucket from the first to the last, so a bucket no series mentions shows as 0 instead of vanishing. */
function allBuckets(first: GraphKey, last: GraphKey, granularity: GraphGranularity): GraphKey[] | undefined {
  if (granularity === 'month') {
    const count = monthIndex(last) - monthIndex(first) + 1;
    if (count > MAX_FILLED_BUCKETS) return undefined;
    return Array.from({ length: count }, (_, index) => monthOfIndex(monthIndex(first) + index));
  }
  const step = granularity === 'week' ? 7 : 1;
  const count = Math.floor((last.sortValue - first.sortValue) / step) + 1;
  if (count > MAX_FILLED_BUCKETS) return undefined;
  return Array.from({ length: count }, (_, index) => keyOfEpochDay(first.sortValue + index * step));
}

/**
 * Aligns the three series of a graph response on one chronological list of buckets.
 *
 * - Keys are the union of the three series; a bucket a series lacks is 0 there, and gaps between the first and the
 *   last bucket are filled with zeros.
 * - Keys that do not parse (`"foo"`, `"2025-02-30"`, `""`) are listed in `ignoredKeys`, never thrown on.
 * - Keys naming the same bucket (`Jan 2025` and `january 2025`) are summed.
 * - Counts may be numbers or numeric strings; anything else, negative or NaN counts as 0.
 * - Granularity: month keys make a monthly table (day keys are then folded into their months). Day keys follow
 *   `expected.granularity` when given, else are inferred: 1 day apart is daily, multiples of 7 apart is weekly,
 *   otherwise the span of the keys decides as {@link granularityForDays} does.
 * - Weekly: weeks start at the earliest key and step by 7 days; a key on any other day (a real site appends its
 *   counts under arbitrary days) is added to the week that holds it, so no count is lost.
 * - Month keys in a daily or weekly table cannot be split into days: they go to `ignoredKeys`.
 *
 * @param response The graph response (a missing series is read as empty).
 * @param expected What the dashboard expects from the range it asked for.
 */
export function buildGraphTable(response: GraphResponse, expected: GraphExpectation = {}): GraphTable {
  const ignored = new Set<string>();
  const entries: { raw: string; key: GraphKey; series: 0 | 1 | 2; count: number }[] = [];
  SERIES.forEach((name, index) => {
    const series = index as 0 | 1 | 2;
    for (const [raw, value] of seriesEntries(response, name)) {
      const key = parseGraphKey(raw);
      if (key) entries.push({ raw, key, series, count: readCount(value) });
      else ignored.add(raw);
    }
  });

  const granularity = chooseGranularity(
    entries.map((entry) => entry.key),
    expected.granularity,
  );
  // Weeks count from the earliest day key; with no day key nothing reaches the weekly branch of `bucketOf`.
  const weekStart = entries.reduce(
    (earliest, entry) => (entry.key.kind === 'day' ? Math.min(earliest, entry.key.sortValue) : earliest),
    Infinity,
  );

  const buckets = new Map<number, { key: GraphKey; counts: [number, number, number] }>();
  for (const entry of entries) {
    const key = bucketOf(entry.key, granularity, weekStart);
    if (!key) {
      ignored.add(entry.raw);
      continue;
    }
    const bucket = buckets.get(key.sortValue) ?? { key, counts: [0, 0, 0] };
    bucket.counts[entry.series] += entry.count;
    buckets.set(key.sortValue, bucket);
  }

  const present = [...buckets.values()].map((bucket) => bucket.key).sort((a, b) => a.sortValue - b.sortValue);
  const first = present[0];
  const last = present[present.length - 1];
  const keys = (first && last && allBuckets(first, last, granularity)) || present;
  const column = (series: 0 | 1 | 2) => keys.map((key) => buckets.get(key.sortValue)?.counts[series] ?? 0);
  return {
    granularity,
    keys,
    booked: column(0),
    completed: column(1),
    cancelled: column(2),
    ignoredKeys: [...ignored],
  };
}
