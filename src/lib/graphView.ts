/**
 * What the graph shows of an aligned {@link GraphTable}, beyond drawing it: the selected days only, which bucket is
 * not over yet, whether its sums disagree with the overview, and its CSV rows. Pure: the graph component feeds these
 * the table, the site's today and the overview numbers.
 */
import type { GraphKey, GraphTable } from './graphKeys';
import type { CsvCell } from './csv';
import { addDays, parseLocalDate } from './siteTime';

/** The first and last day (`YYYY-MM-DD`, inclusive) of a bucket of a table of that granularity. */
export function bucketDays(key: GraphKey, granularity: GraphTable['granularity']): [string, string] {
  if (granularity === 'day') return [key.day, key.day];
  if (granularity === 'week') return [key.day, addDays(key.day, 6)];
  const fields = parseLocalDate(key.day);
  if (!fields) return [key.day, key.day];
  const [year, month] = fields;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return [key.day, addDays(next, -1)];
}

/**
 * The daily table cut to the days `[first, last]`: the graph asks one day more than it shows (a real site drops the
 * last day asked for, our servers do not), and that day must not be drawn. Weekly and monthly tables are returned
 * as they are: their buckets are the server's, already clipped to the range by our servers.
 *
 * @param table The aligned graph table.
 * @param days The days the graph shows, `YYYY-MM-DD`, inclusive; `null` keeps every bucket.
 */
export function clipToDays(table: GraphTable, days: readonly [string, string] | null): GraphTable {
  if (!days || table.granularity !== 'day') return table;
  const [first, last] = days;
  const keep = table.keys.map((key) => key.day >= first && key.day <= last);
  if (keep.every(Boolean)) return table;
  const pick = <T>(values: readonly T[]): T[] => values.filter((_, index) => keep[index]);
  return {
    ...table,
    keys: pick(table.keys),
    booked: pick(table.booked),
    completed: pick(table.completed),
    cancelled: pick(table.cancelled),
  };
}

/**
 * The index of the bucket that is not over yet: the one holding the site's today (today, this week, this month), so
 * it is drawn as partial and labelled "so far"; `-1` when no bucket holds today. It is usually the last one; an
 * all-time graph of our servers can run on into months with meetings still to come, which are drawn partial too.
 *
 * @param table The graph table as shown.
 * @param today The site's today, `YYYY-MM-DD`.
 */
export function partialBucketIndex(table: GraphTable, today: string): number {
  return table.keys.findIndex((key) => {
    const [first, last] = bucketDays(key, table.granularity);
    return first <= today && today <= last;
  });
}

/** The overview numbers the graph's series can be held against, for exactly the days the graph shows. */
export interface GraphTotals {
  /** "Total Bookings": bookings created in the range, any status, like `booked_stats`. */
  all?: number;
  /** "Completed Bookings": like `completed_stats`. */
  completed?: number;
  /** "Cancelled Bookings": like `cancelled_stats`. */
  cancelled?: number;
}

const TOTAL_OF_SERIES = [
  ['all', 'booked'],
  ['completed', 'completed'],
  ['cancelled', 'cancelled'],
] as const;

/**
 * Whether a series summed over the table differs from the overview number with the same definition
 * (docs/api-contract.md: `booked_stats` ↔ Total Bookings, `completed_stats` ↔ Completed, `cancelled_stats` ↔
 * Cancelled). On our servers they are always equal; a real site counts its graph differently.
 *
 * @param table The graph table as shown.
 * @param totals The overview numbers for the same days; a missing number is not compared.
 */
export function disagreesWithTotals(table: GraphTable, totals: GraphTotals | null): boolean {
  if (!totals) return false;
  return TOTAL_OF_SERIES.some(([total, series]) => {
    const expected = totals[total];
    return expected !== undefined && expected !== table[series].reduce((sum, count) => sum + count, 0);
  });
}

/**
 * A bucket as a CSV cell that keeps its year and sorts as text: `2025-01-31` for a day or a week's first day,
 * `2025-01` for a month.
 */
export function csvPeriod(key: GraphKey, granularity: GraphTable['granularity']): string {
  return granularity === 'month' ? key.day.slice(0, 7) : key.day;
}

/** The translated texts of the CSV. */
export interface GraphCsvTexts {
  /** First row: what the file holds and its range, e.g. "Bookings over time, Jan 1, 2025 – Jan 31, 2025". */
  title: string;
  /** The period column's header ("Day", "Week starting", "Month"). */
  period: string;
  /** The series' names, in table order (booked, completed, cancelled). */
  series: readonly [string, string, string];
  /** The note on the bucket that is not over yet ("so far"); empty for none. */
  partial: string;
  /** With a previous period: its period column's header and its series' names, in table order. */
  previous?: { period: string; series: readonly [string, string, string] };
}

/**
 * The CSV rows of the graph: a first row naming the range, the column headers, then one row per bucket with its
 * period as an ISO date and a note on the bucket not over yet. With a previous period, each row carries the
 * previous period's bucket of the same position (its period and counts) after the range's own.
 *
 * @param table The graph table as shown.
 * @param texts Translated title, headers and note.
 * @param partialIndex {@link partialBucketIndex}.
 * @param previous The previous period's table, when it is compared (`texts.previous` names its columns).
 */
export function graphCsvRows(
  table: GraphTable,
  texts: GraphCsvTexts,
  partialIndex: number,
  previous: GraphTable | null = null,
): CsvCell[][] {
  const header = [texts.period, ...texts.series];
  if (previous && texts.previous) header.push(texts.previous.period, ...texts.previous.series);
  const rows: CsvCell[][] = [[texts.title], header];
  const cells = (of: GraphTable, index: number): CsvCell[] => {
    const key = of.keys[index];
    if (!key) return ['', '', '', ''];
    return [
      csvPeriod(key, of.granularity),
      of.booked[index] ?? 0,
      of.completed[index] ?? 0,
      of.cancelled[index] ?? 0,
    ];
  };
  const positions = Math.max(table.keys.length, previous?.keys.length ?? 0);
  for (let index = 0; index < positions; index += 1) {
    const row = cells(table, index);
    if (previous && texts.previous) row.push(...cells(previous, index));
    if (index === partialIndex && texts.partial) row.push(texts.partial);
    rows.push(row);
  }
  return rows;
}
