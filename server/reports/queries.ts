/**
 * The report queries: every count and every bucket is computed by the database, through Kysely, with plain SQL that
 * MySQL/MariaDB run as well (comparisons, `COUNT`, `LOWER`/`TRIM`, `UNION ALL`, `ROW_NUMBER() OVER`).
 *
 * Times are stored as UTC `YYYY-MM-DD HH:mm:ss`, so the engine's inclusive windows of instants become lexical
 * `>= start AND <= end` conditions on the stored strings, which the indexes of `db/schema.ts` answer directly.
 *
 * The counts take one of two plans, by the indexes the bookings table has ({@link bookingsAccess}): index searches,
 * one per count, where the times are indexed (our own tables); one pass over the table per question where they are
 * not (the booking plugin's own tables, whose every count reads the whole table). Both count exactly the same rows.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import {
  ACTIVE_ATTENDEE_STATUSES,
  ACTIVITY_LIMIT,
  BOOKING_STATUSES,
  FILTER_COLUMNS,
  GROUP_EVENT_TYPES,
  hasFilters,
  LATEST_STATUSES,
  LIST_LIMIT,
} from '../../src/api/contract';
import type { BookingStatus, FilterParam } from '../../src/api/contract';
import type { ActivityRow, BookingRow, CalendarEventRow, UserRow } from '../../src/data/schema';
import type { FilterOptionRows, GraphBucket, OverviewCounts, TimeWindow, Viewer } from '../../src/engine';
import { formatUtc } from '../../src/lib/siteTime';
import { hasRollups } from '../db/rollups';
import type { ReportsDatabase } from '../db/tables';

const SECOND_MS = 1000;
/** The earliest and latest instants a stored four-digit-year time can name. */
const FIRST_STORABLE_MS = Date.parse('0000-01-01T00:00:00Z');
const LAST_STORABLE_MS = Date.parse('9999-12-31T23:59:59Z');

/**
 * A window as the stored-string bounds that select exactly the rows the engine counts in it.
 *
 * Stored times are whole seconds, so `t >= start` is `t >= ceil(start)` and `t <= end` is `t <= floor(end)`; bounds
 * beyond what four digits of year can store (all time is ±Infinity) are clamped to the first and last storable
 * second, which changes nothing and keeps every condition an index range. A window that holds no storable second
 * gets `start > end`, which matches no row.
 */
export function storedBounds(window: TimeWindow): { start: string; end: string } {
  const start = Math.max(FIRST_STORABLE_MS, Math.ceil(window.start / SECOND_MS) * SECOND_MS);
  const end = Math.min(LAST_STORABLE_MS, Math.floor(window.end / SECOND_MS) * SECOND_MS);
  if (start > end) return { start: formatUtc(LAST_STORABLE_MS), end: formatUtc(FIRST_STORABLE_MS) };
  return { start: formatUtc(start), end: formatUtc(end) };
}

type BookingsQuery<O> = SelectQueryBuilder<ReportsDatabase, 'fcal_bookings', O>;

/** A bookings column the viewer's scope compares with an id: the host, the calendar or the event. */
type ScopeColumn = (typeof FILTER_COLUMNS)[FilterParam];

/**
 * The conditions that select the bookings the viewer asks about, each `column = id`: a host's own bookings (none for
 * an administrator), then one per filter of the request (`scopeBookings` in the engine reads the same).
 */
function scopeConditions(viewer: Viewer): [ScopeColumn, number][] {
  const conditions: [ScopeColumn, number][] =
    viewer.role === 'administrator' ? [] : [['host_user_id', viewer.userId]];
  for (const [param, id] of Object.entries(viewer.filters ?? {}))
    conditions.push([FILTER_COLUMNS[param as FilterParam], id]);
  return conditions;
}

/**
 * Only the bookings the viewer asks about: a host's own, everything for an administrator, narrowed by the request's
 * filters ({@link scopeConditions}).
 */
export function scoped<O>(query: BookingsQuery<O>, viewer: Viewer): BookingsQuery<O> {
  return scopeConditions(viewer).reduce((narrowed, [column, id]) => narrowed.where(column, '=', id), query);
}

/**
 * {@link scopeConditions} as SQL to append to a `WHERE` clause on the bookings table (` and "host_user_id" = ? …`),
 * for the raw SQL of the graph's counts; empty when the viewer asks about every booking.
 */
function scopeSql(viewer: Viewer): RawBuilder<unknown> {
  return sql.join(
    scopeConditions(viewer).map(([column, id]) => sql` and ${sql.ref(column)} = ${id}`),
    sql``,
  );
}

/** Whether the request narrows by a filter: the rollups, kept per host only, cannot answer it. */
export function isFiltered(viewer: Viewer): boolean {
  return hasFilters(viewer.filters);
}

/** The known statuses in a set, typed as the column is. */
const onlyStatuses = (statuses: ReadonlySet<string>): BookingStatus[] =>
  BOOKING_STATUSES.filter((status) => statuses.has(status));

/** Whether stored-string bounds take in every storable second, so their conditions select every row. */
function isEveryStoredTime(bounds: { start: string; end: string }): boolean {
  return bounds.start === formatUtc(FIRST_STORABLE_MS) && bounds.end === formatUtc(LAST_STORABLE_MS);
}

/** Restricts a bookings query to times in the bounds; all time adds no condition (see {@link countOverview}). */
export function within<O>(
  query: BookingsQuery<O>,
  column: 'created_at' | 'end_time',
  bounds: { start: string; end: string },
): BookingsQuery<O> {
  if (isEveryStoredTime(bounds)) return query;
  return query.where(column, '>=', bounds.start).where(column, '<=', bounds.end);
}

/**
 * How the bookings table is read: `search`, by index searches, when an index leads with `created_at` and one with
 * `status, end_time` (our own tables, `db/schema.ts`); `rollups`, the same, and the overview from the rollups the
 * database keeps (`db/rollups.ts`, on a bookings table this backend created); `scan`, in one pass over the table per
 * question, otherwise (the booking plugin's own tables, `PLUGIN_BOOKING_INDEXES`), where every count reads the whole
 * table anyway.
 */
export type BookingsAccess = 'rollups' | 'search' | 'scan';

/** The bookings table's access of each query builder, found out on its first report query. */
const knownAccess = new WeakMap<Kysely<ReportsDatabase>, Promise<BookingsAccess>>();

/**
 * The columns of each index of the bookings table, in index order (an expression's column is `null`). The dialect is
 * told by how it quotes identifiers: backquotes are MySQL/MariaDB's.
 */
async function bookingIndexColumns(db: Kysely<ReportsDatabase>): Promise<(string | null)[][]> {
  const table = sql.table('fcal_bookings');
  if (sql`${sql.id('x')}`.compile(db).sql === '`x`') {
    const { rows } = await sql<{ Key_name: string; Seq_in_index: number; Column_name: string | null }>`
      show index from ${table}`.execute(db);
    const byIndex = new Map<string, (string | null)[]>();
    for (const row of rows) {
      const columns = byIndex.get(row.Key_name) ?? [];
      columns[Number(row.Seq_in_index) - 1] = row.Column_name;
      byIndex.set(row.Key_name, columns);
    }
    return [...byIndex.values()];
  }
  const { rows: indexes } = await sql<{ name: string }>`pragma index_list(${table})`.execute(db);
  const columns: (string | null)[][] = [];
  for (const index of indexes) {
    const { rows } = await sql<{ seqno: number; name: string | null }>`
      pragma index_info(${sql.id(index.name)})`.execute(db);
    columns.push([...rows].sort((a, b) => a.seqno - b.seqno).map((row) => row.name));
  }
  return columns;
}

/**
 * The plan family of the report counts on this database ({@link BookingsAccess}), read from its indexes once per query
 * builder. Answers never depend on it: a table indexed after the first look is only read the slower way.
 */
export function bookingsAccess(db: Kysely<ReportsDatabase>): Promise<BookingsAccess> {
  let access = knownAccess.get(db);
  if (!access) {
    access = bookingIndexColumns(db).then(async (indexes) => {
      const leads = (columns: readonly string[]): boolean =>
        indexes.some((index) => columns.every((column, position) => index[position] === column));
      if (!leads(['created_at']) || !leads(['status', 'end_time'])) return 'scan';
      return (await hasRollups(db)) ? 'rollups' : 'search';
    });
    knownAccess.set(db, access);
    // A database that did not answer is asked again next time.
    access.catch(() => knownAccess.delete(db));
  }
  return access;
}

/**
 * Up to this many bookings in a window, its distinct guests are counted by sorting the window's guest keys; above it
 * (and for all time) SQLite may walk the guest-key index instead, reading every booking's key once but sorting
 * nothing. Its estimates favour the walk too early: with a million bookings over two years, a 30-day window (45,000
 * bookings) sorts in about 45 ms and walks in 80 ms, while a year (500,000) sorts in 700 ms and walks in 100 ms.
 */
const SORT_GUESTS_MAX_ROWS = 100_000;

/**
 * The four overview numbers over one window ({@link countOverviews}): from the rollups where the database keeps them,
 * by index searches on a table with time indexes, in one pass on a table without.
 */
export async function countOverview(
  db: Kysely<ReportsDatabase>,
  window: TimeWindow,
  viewer: Viewer,
): Promise<OverviewCounts> {
  const [counts] = await countOverviews(db, [window], viewer);
  return counts;
}

/** {@link countOverview} by index searches. */
async function countOverviewBySearches(
  db: Kysely<ReportsDatabase>,
  window: TimeWindow,
  viewer: Viewer,
): Promise<OverviewCounts> {
  const bounds = storedBounds(window);
  if (bounds.start > bounds.end) return EMPTY_COUNTS;
  const times = await countTimesBySearches(db, bounds, viewer);
  // The engine's guest key is the trimmed, lowercased e-mail (SQL's `trim` and `lower` commute: a space has no case).
  // Written `trim(lower(…))`, as the guest-key index has it (`db/schema.ts`), the planner may walk that index instead
  // of sorting the window's keys; written `lower(trim(…))`, it must sort. See SORT_GUESTS_MAX_ROWS.
  const walkable = isEveryStoredTime(bounds) || times.all > SORT_GUESTS_MAX_ROWS;
  // A query of its own: SQLite walks an index in key order for a lone COUNT(DISTINCT …), but sorts when another
  // aggregate comes along.
  const guests = await scoped(
    within(
      db.selectFrom('fcal_bookings').select((eb) =>
        eb.fn
          .count<number>(
            walkable
              ? eb.fn('trim', [eb.fn('lower', ['email'])])
              : eb.fn('lower', [eb.fn('trim', ['email'])]),
          )
          .distinct()
          .as('count'),
      ),
      'created_at',
      bounds,
    ),
    viewer,
  ).executeTakeFirstOrThrow();
  return { ...times, guests: Number(guests.count) };
}

/** The statuses the overview counts by `end_time`: the completed, cancelled and no-show widgets. */
const ENDED_STATUSES = ['completed', 'cancelled', 'no_show'] as const;
type EndedStatus = (typeof ENDED_STATUSES)[number];
/** The statuses the graph's series count by `end_time`. */
const GRAPH_ENDED_STATUSES = ['completed', 'cancelled'] as const satisfies readonly EndedStatus[];

/** The bookings, completed, cancelled and no-show counts of stored-string bounds, by index searches. */
async function countTimesBySearches(
  db: Kysely<ReportsDatabase>,
  bounds: { start: string; end: string },
  viewer: Viewer,
): Promise<Omit<OverviewCounts, 'guests'>> {
  if (bounds.start > bounds.end) return { all: 0, completed: 0, cancelled: 0, no_show: 0 };
  const created = await scoped(
    within(
      db.selectFrom('fcal_bookings').select((eb) => eb.fn.countAll<number>().as('count')),
      'created_at',
      bounds,
    ),
    viewer,
  ).executeTakeFirstOrThrow();
  const ended = await scoped(
    within(
      db
        .selectFrom('fcal_bookings')
        .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
        .where('status', 'in', ENDED_STATUSES)
        .groupBy('status'),
      'end_time',
      bounds,
    ),
    viewer,
  ).execute();
  const endedCount = (status: string): number =>
    Number(ended.find((row) => row.status === status)?.count ?? 0);
  return {
    all: Number(created.count),
    completed: endedCount('completed'),
    cancelled: endedCount('cancelled'),
    no_show: endedCount('no_show'),
  };
}

const DAY_MS = 24 * 60 * 60 * SECOND_MS;
const UTC_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day (`YYYY-MM-DD`) `days` after a stored day; `null` beyond four-digit years. */
function shiftDay(day: string, days: number): string | null {
  const shifted = formatUtc(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).slice(0, 10);
  return UTC_DAY.test(shifted) ? shifted : null;
}

/**
 * Stored-string bounds as the whole UTC days they hold and the ragged ends around them (each less than a day), for
 * the rollups; `null` when they hold no whole day. Stored times are `YYYY-MM-DD HH:mm:ss`, so day `D` holds exactly
 * the times from `D 00:00:00` to `D 23:59:59`, the rows `br_booking_days` counts under `D`.
 */
function wholeDaysOf(bounds: { start: string; end: string }): {
  first: string;
  last: string;
  ends: { start: string; end: string }[];
} | null {
  const startDay = bounds.start.slice(0, 10);
  const endDay = bounds.end.slice(0, 10);
  const startsDay = bounds.start.endsWith(' 00:00:00');
  const endsDay = bounds.end.endsWith(' 23:59:59');
  const first = startsDay ? startDay : shiftDay(startDay, 1);
  const last = endsDay ? endDay : shiftDay(endDay, -1);
  if (first === null || last === null || first > last) return null;
  const ends: { start: string; end: string }[] = [];
  if (!startsDay) ends.push({ start: bounds.start, end: `${startDay} 23:59:59` });
  if (!endsDay) ends.push({ start: `${endDay} 00:00:00`, end: bounds.end });
  return { first, last, ends };
}

/**
 * {@link countOverview} from the rollups (`db/rollups.ts`): the counts of the window's whole UTC days from
 * `br_booking_days` and of its ragged ends by index searches; the distinct guests of all time from `br_guests`, of a
 * window as its bookings whose guest's previous booking (with that host, for a host) is before the window, one pass
 * along the (`created_at`, `prev_at`) index that sorts nothing. The rollups are kept per host only, so it answers only
 * a viewer without filters ({@link isFiltered}).
 */
async function countOverviewByRollups(
  db: Kysely<ReportsDatabase>,
  window: TimeWindow,
  viewer: Viewer,
): Promise<OverviewCounts> {
  const bounds = storedBounds(window);
  if (bounds.start > bounds.end) return EMPTY_COUNTS;
  const days = wholeDaysOf(bounds);
  // Side by side: on a pool (MySQL/MariaDB, SQLite's reader threads) each on a connection of its own.
  const [times, guests] = await Promise.all([
    days === null ? countTimesBySearches(db, bounds, viewer) : countDaysByRollups(db, days, bounds, viewer),
    countGuestsByRollups(db, bounds, viewer),
  ]);
  return { ...times, guests };
}

/**
 * The no-shows of stored-string bounds, along the (`status`, `end_time`) index: few bookings end as no-shows, so the
 * rollups leave them out and a window of any length reads only its own.
 */
async function countNoShowsBySearch(
  db: Kysely<ReportsDatabase>,
  bounds: { start: string; end: string },
  viewer: Viewer,
): Promise<number> {
  const row = await scoped(
    within(
      db
        .selectFrom('fcal_bookings')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('status', '=', 'no_show'),
      'end_time',
      bounds,
    ),
    viewer,
  ).executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The counts of whole UTC days from `br_booking_days`, with their ragged ends by index searches; the no-shows of the
 * whole bounds, which the rollups leave out, by {@link countNoShowsBySearch}, side by side.
 */
async function countDaysByRollups(
  db: Kysely<ReportsDatabase>,
  days: NonNullable<ReturnType<typeof wholeDaysOf>>,
  bounds: { start: string; end: string },
  viewer: Viewer,
): Promise<Omit<OverviewCounts, 'guests'>> {
  const [sums, noShows] = await Promise.all([
    db
      .selectFrom('br_booking_days')
      .select((eb) => [
        eb.fn.sum<number | null>('booked').as('all'),
        eb.fn.sum<number | null>('completed').as('completed'),
        eb.fn.sum<number | null>('cancelled').as('cancelled'),
      ])
      .where('day', '>=', days.first)
      .where('day', '<=', days.last)
      .$if(viewer.role !== 'administrator', (query) => query.where('host_user_id', '=', viewer.userId))
      .executeTakeFirst(),
    countNoShowsBySearch(db, bounds, viewer),
  ]);
  // `SUM` of no rows is `NULL`; MySQL/MariaDB send sums as decimal strings.
  const times = {
    all: Number(sums?.all ?? 0),
    completed: Number(sums?.completed ?? 0),
    cancelled: Number(sums?.cancelled ?? 0),
    no_show: noShows,
  };
  for (const end of days.ends) {
    const counts = await countTimesBySearches(db, end, viewer);
    times.all += counts.all;
    times.completed += counts.completed;
    times.cancelled += counts.cancelled;
  }
  return times;
}

/** The distinct guests of stored-string bounds from the rollups ({@link countOverviewByRollups}). */
async function countGuestsByRollups(
  db: Kysely<ReportsDatabase>,
  bounds: { start: string; end: string },
  viewer: Viewer,
): Promise<number> {
  const isHost = viewer.role !== 'administrator';
  if (isEveryStoredTime(bounds)) {
    const row = await db
      .selectFrom('br_guests')
      .select('guests')
      .where('host_user_id', '=', isHost ? viewer.userId : 0)
      .executeTakeFirst();
    return Number(row?.guests ?? 0);
  }
  const previous = isHost ? 'host_prev_at' : 'prev_at';
  const row = await db
    .selectFrom('br_guest_bookings')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .$if(isHost, (query) => query.where('host_user_id', '=', viewer.userId))
    .where('created_at', '>=', bounds.start)
    .where('created_at', '<=', bounds.end)
    .where((eb) => eb.or([eb(previous, 'is', null), eb(previous, '<', bounds.start)]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A time condition of a window on a column, as SQL: `true` for all time (see {@link within}). */
function timeIn(
  column: 'created_at' | 'end_time',
  bounds: { start: string; end: string },
): RawBuilder<boolean> {
  if (isEveryStoredTime(bounds)) return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.ref(column)} >= ${bounds.start} and ${sql.ref(column)} <= ${bounds.end}`;
}

/** The smallest stored-string bounds that hold every window that holds a second; `null` when none does. */
function hullOf(bounds: readonly { start: string; end: string }[]): { start: string; end: string } | null {
  const live = bounds.filter((window) => window.start <= window.end);
  if (live.length === 0) return null;
  return {
    start: live.reduce(
      (first, window) => (window.start < first ? window.start : first),
      live[0]?.start ?? '',
    ),
    end: live.reduce((last, window) => (window.end > last ? window.end : last), live[0]?.end ?? ''),
  };
}

/**
 * The bookings a question about the windows inside `hull` reads: created in it, or of one of `ended` with their end
 * in it (the overview's completed, cancelled and no-shows; the graph's completed and cancelled). All time reads every
 * booking.
 */
function readsHull<O>(
  query: BookingsQuery<O>,
  hull: { start: string; end: string },
  ended: readonly EndedStatus[],
): BookingsQuery<O> {
  if (isEveryStoredTime(hull)) return query;
  return query.where((eb) =>
    eb.or([
      eb.and([eb('created_at', '>=', hull.start), eb('created_at', '<=', hull.end)]),
      eb.and([eb('status', 'in', ended), eb('end_time', '>=', hull.start), eb('end_time', '<=', hull.end)]),
    ]),
  );
}

/**
 * The overview numbers of several windows in one pass over the bookings (conditional aggregation), for a table
 * without time indexes, where each separate count would read the whole table: every row of the windows' hull is
 * read once and counted into each window it falls in. The distinct guests stay exact: `COUNT(DISTINCT …)` of the
 * guest key of the rows in the window (`NULL` for the others, which `COUNT` skips). All time takes a pass of its own,
 * side by side with the other.
 */
async function countOverviewsInOnePass(
  db: Kysely<ReportsDatabase>,
  windows: readonly TimeWindow[],
  viewer: Viewer,
): Promise<OverviewCounts[]> {
  const bounds = windows.map(storedBounds);
  // All time is counted apart, with no condition per row: on MariaDB, at 100k bookings, the two windows of an
  // all-time answer's comparison cost 60 ms as a pass of their own and 200 ms more as conditions in the all-time pass.
  const allTime = bounds.findIndex(isEveryStoredTime);
  const bounded = bounds.filter((window) => !isEveryStoredTime(window));
  const [everything, inWindows] = await Promise.all([
    allTime < 0 ? undefined : countEveryBooking(db, viewer),
    countWindowsInOnePass(db, bounded, viewer),
  ]);
  let next = 0;
  return bounds.map((window) =>
    isEveryStoredTime(window) && everything ? everything : (inWindows[next++] ?? EMPTY_COUNTS),
  );
}

/** No booking counted. */
const EMPTY_COUNTS: Readonly<OverviewCounts> = { all: 0, completed: 0, cancelled: 0, guests: 0, no_show: 0 };

/** The overview numbers of all time, in one pass with no condition per row. */
async function countEveryBooking(db: Kysely<ReportsDatabase>, viewer: Viewer): Promise<OverviewCounts> {
  const ended = (status: EndedStatus): RawBuilder<number> =>
    sql<number>`sum(case when ${sql.ref('status')} = ${status} then 1 else 0 end)`;
  const row = await scoped(
    db.selectFrom('fcal_bookings').select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn
        .count<number>(eb.fn('lower', [eb.fn('trim', ['email'])]))
        .distinct()
        .as('guests'),
      ended('completed').as('completed'),
      ended('cancelled').as('cancelled'),
      ended('no_show').as('no_show'),
    ]),
    viewer,
  ).executeTakeFirst();
  return {
    all: Number(row?.all ?? 0),
    completed: Number(row?.completed ?? 0),
    cancelled: Number(row?.cancelled ?? 0),
    guests: Number(row?.guests ?? 0),
    no_show: Number(row?.no_show ?? 0),
  };
}

/** {@link countOverviewsInOnePass} of windows with bounds (none of them all time). */
async function countWindowsInOnePass(
  db: Kysely<ReportsDatabase>,
  bounds: readonly { start: string; end: string }[],
  viewer: Viewer,
): Promise<OverviewCounts[]> {
  const hull = hullOf(bounds);
  if (!hull) return bounds.map(() => EMPTY_COUNTS);
  const row = await scoped(
    readsHull(
      db.selectFrom('fcal_bookings').select((eb) =>
        bounds.flatMap((window, index) => {
          const created = timeIn('created_at', window);
          const ended = (status: EndedStatus): RawBuilder<number> =>
            sql<number>`sum(case when ${sql.ref('status')} = ${status} and ${timeIn('end_time', window)} then 1 else 0 end)`;
          return [
            sql<number>`sum(case when ${created} then 1 else 0 end)`.as(`all${index}`),
            eb.fn
              .count<number>(sql`case when ${created} then lower(trim(${sql.ref('email')})) end`)
              .distinct()
              .as(`guests${index}`),
            ended('completed').as(`completed${index}`),
            ended('cancelled').as(`cancelled${index}`),
            ended('no_show').as(`no_show${index}`),
          ];
        }),
      ),
      hull,
      ENDED_STATUSES,
    ),
    viewer,
  ).executeTakeFirst();
  const counts: Record<string, unknown> = row ?? {};
  // `SUM` of no rows is `NULL`; MySQL/MariaDB send sums as decimal strings.
  const read = (name: string): number => Number(counts[name] ?? 0);
  return bounds.map((_window, index) => ({
    all: read(`all${index}`),
    completed: read(`completed${index}`),
    cancelled: read(`cancelled${index}`),
    guests: read(`guests${index}`),
    no_show: read(`no_show${index}`),
  }));
}

/**
 * The overview numbers of each window, in order ({@link bookingsAccess}): from the rollups, whole days and a guest
 * count along one index per window ({@link countOverviewByRollups}), unless the request has filters; by index
 * searches, three per window
 * ({@link countOverviewBySearches}: bookings by `created_at`, distinct guests by `created_at` or along the guest-key
 * index, see {@link SORT_GUESTS_MAX_ROWS}, completed and cancelled by `end_time`; all time has no time condition, so
 * SQLite counts every row from an index without comparing); or in one pass over a table without time indexes for all
 * of them ({@link countOverviewsInOnePass}).
 */
export async function countOverviews<const Windows extends readonly TimeWindow[]>(
  db: Kysely<ReportsDatabase>,
  windows: Windows,
  viewer: Viewer,
): Promise<{ [Index in keyof Windows]: OverviewCounts }> {
  const access = await bookingsAccess(db);
  // The rollups are kept per host only: a request with filters takes the index searches.
  const count =
    access === 'rollups' && !isFiltered(viewer) ? countOverviewByRollups : countOverviewBySearches;
  // Side by side: on a pool (MySQL/MariaDB, SQLite's reader threads) each window on a connection of its own.
  const counts =
    access === 'scan'
      ? await countOverviewsInOnePass(db, windows, viewer)
      : await Promise.all(windows.map((window) => count(db, window, viewer)));
  // One count per window, in order: the tuple's shape, which TypeScript cannot follow through the loop.
  return counts as { [Index in keyof Windows]: OverviewCounts };
}

/** Which rows a graph series counts, and by which time. */
type SeriesDefinition = { time: 'created_at' } | { time: 'end_time'; status: 'completed' | 'cancelled' };

/**
 * One series' bucket counts as columns `<name>0`, `<name>1`, …: each bucket a scalar subquery
 * `(SELECT COUNT(*) FROM … WHERE t >= ? AND t <= ? …)`, which SQLite and MySQL/MariaDB both answer with one index
 * range count. (A derived table of bounds joined by a range condition counts the same on SQLite, but MariaDB does
 * not search the index per bucket there: 30 daily buckets over 100k bookings took seconds.) Written as SQL
 * fragments rather than builder subqueries: building a hundred subqueries costs more than running them.
 */
function seriesColumns(
  buckets: readonly GraphBucket[],
  viewer: Viewer,
  series: SeriesDefinition,
  name: string,
): RawBuilder<unknown>[] {
  const time = sql.ref(series.time);
  const status = series.time === 'end_time' ? sql` and ${sql.ref('status')} = ${series.status}` : sql``;
  const scope = scopeSql(viewer);
  return buckets.map((bucket, index) => {
    const bounds = storedBounds(bucket);
    return sql`(select count(*) from ${sql.table('fcal_bookings')} where ${time} >= ${bounds.start} and ${time} <= ${bounds.end}${status}${scope}) as ${sql.ref(`${name}${index}`)}`;
  });
}

/**
 * The earliest and latest stored times the graph series count (any booking's `created_at`; a completed or cancelled
 * booking's `end_time`), for a `history=all` graph (`widenToHistory` in `src/engine/query.ts`). Stored times are
 * fixed-width UTC strings, so `MIN`/`MAX` of the strings are the earliest and latest instants, read off the indexes.
 */
export async function selectHistoryBounds(db: Kysely<ReportsDatabase>, viewer: Viewer): Promise<string[]> {
  if ((await bookingsAccess(db)) === 'scan') {
    // One pass instead of two on a table without time indexes.
    const endedTime = sql`case when ${sql.ref('status')} in (${sql.join(['completed', 'cancelled'])}) then ${sql.ref('end_time')} end`;
    const bounds = await scoped(
      db
        .selectFrom('fcal_bookings')
        .select((eb) => [
          eb.fn.min('created_at').as('first'),
          eb.fn.max('created_at').as('last'),
          sql<string | null>`min(${endedTime})`.as('firstEnded'),
          sql<string | null>`max(${endedTime})`.as('lastEnded'),
        ]),
      viewer,
    ).executeTakeFirst();
    return [bounds?.first, bounds?.last, bounds?.firstEnded, bounds?.lastEnded].filter(
      (time): time is string => typeof time === 'string',
    );
  }
  const created = await scoped(
    db
      .selectFrom('fcal_bookings')
      .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')]),
    viewer,
  ).executeTakeFirst();
  const ended = await scoped(
    db
      .selectFrom('fcal_bookings')
      .select((eb) => [eb.fn.min('end_time').as('first'), eb.fn.max('end_time').as('last')])
      .where('status', 'in', onlyStatuses(new Set(['completed', 'cancelled']))),
    viewer,
  ).executeTakeFirst();
  return [created?.first, created?.last, ended?.first, ended?.last].filter(
    (time): time is string => typeof time === 'string',
  );
}

/**
 * The index of the bucket holding a stored time, as SQL, for a time inside the buckets: a binary search over the
 * buckets' first seconds, `CASE WHEN t < start(mid) THEN <lower half> ELSE <upper half> END`, so a row takes about
 * log2(buckets) comparisons. Buckets are contiguous, so the last bucket starting at or before `t` holds it.
 * @param starts The first stored second of each bucket that holds one, in order, with the bucket's index.
 */
function bucketIndexOf(
  time: RawBuilder<unknown>,
  starts: readonly { index: number; start: string }[],
  low = 0,
  high = starts.length - 1,
): RawBuilder<number> {
  if (low >= high) return sql<number>`${sql.lit(starts[low]?.index ?? 0)}`;
  const middle = Math.ceil((low + high) / 2);
  const lower = bucketIndexOf(time, starts, low, middle - 1);
  const upper = bucketIndexOf(time, starts, middle, high);
  return sql<number>`case when ${time} < ${starts[middle]?.start ?? ''} then ${lower} else ${upper} end`;
}

/**
 * The three series in one pass over the bookings, for a table without time indexes (where each bucket's count would
 * read the whole table): every booking created in the range, or completed or cancelled with its end in it, is read
 * once, SQL names its `created_at` bucket and its `end_time` bucket ({@link bucketIndexOf}, with the UTC bounds of
 * each local bucket as the engine made them, DST included), and groups by the pair, so the answer is a few rows per
 * bucket whatever the number of bookings.
 */
async function countGraphInOnePass(
  db: Kysely<ReportsDatabase>,
  buckets: readonly GraphBucket[],
  viewer: Viewer,
): Promise<{ booked: number[]; completed: number[]; cancelled: number[] }> {
  const series = {
    booked: buckets.map(() => 0),
    completed: buckets.map(() => 0),
    cancelled: buckets.map(() => 0),
  };
  const starts = buckets.flatMap((bucket, index) => {
    const bounds = storedBounds(bucket);
    return bounds.start <= bounds.end ? [{ index, start: bounds.start }] : [];
  });
  const hull = hullOf(buckets.map(storedBounds));
  if (!hull) return series;
  const created = sql.ref('created_at');
  const ended = sql.ref('end_time');
  const endedIn = (status: 'completed' | 'cancelled'): RawBuilder<number | null> =>
    sql<
      number | null
    >`case when ${sql.ref('status')} = ${status} and ${timeIn('end_time', hull)} then ${bucketIndexOf(ended, starts)} end`;
  const rows = await scoped(
    readsHull(
      db
        .selectFrom('fcal_bookings')
        .select((eb) => [
          sql<
            number | null
          >`case when ${timeIn('created_at', hull)} then ${bucketIndexOf(created, starts)} end`.as('booked'),
          endedIn('completed').as('completed'),
          endedIn('cancelled').as('cancelled'),
          eb.fn.countAll<number>().as('count'),
        ]),
      hull,
      GRAPH_ENDED_STATUSES,
    ),
    viewer,
  )
    .groupBy([sql.ref('booked'), sql.ref('completed'), sql.ref('cancelled')])
    .execute();
  const add = (counts: number[], index: number | string | null, count: number): void => {
    if (index === null) return;
    const bucket = Number(index);
    counts[bucket] = (counts[bucket] ?? 0) + count;
  };
  for (const row of rows) {
    const count = Number(row.count);
    add(series.booked, row.booked, count);
    add(series.completed, row.completed, count);
    add(series.cancelled, row.cancelled, count);
  }
  return series;
}

/**
 * The three graph series over the plan's buckets, each in bucket order, in one statement: a count per bucket by index
 * searches on a table with time indexes ({@link seriesColumns}), one pass over the table otherwise
 * ({@link countGraphInOnePass}).
 */
export async function countGraph(
  db: Kysely<ReportsDatabase>,
  buckets: readonly GraphBucket[],
  viewer: Viewer,
): Promise<{ booked: number[]; completed: number[]; cancelled: number[] }> {
  if (buckets.length === 0) return { booked: [], completed: [], cancelled: [] };
  if ((await bookingsAccess(db)) === 'scan') return countGraphInOnePass(db, buckets, viewer);
  const columns = [
    ...seriesColumns(buckets, viewer, { time: 'created_at' }, 'booked'),
    ...seriesColumns(buckets, viewer, { time: 'end_time', status: 'completed' }, 'completed'),
    ...seriesColumns(buckets, viewer, { time: 'end_time', status: 'cancelled' }, 'cancelled'),
  ];
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns)}`.execute(db);
  const counts = rows[0] ?? {};
  const read = (name: string): number[] =>
    buckets.map((_bucket, index) => Number(counts[`${name}${index}`] ?? 0));
  return { booked: read('booked'), completed: read('completed'), cancelled: read('cancelled') };
}

/** The 5 most recently created bookings with a listed status, newest first (ties: higher id first). */
export async function selectLatestBookings(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
): Promise<BookingRow[]> {
  return scoped(
    db
      .selectFrom('fcal_bookings')
      .selectAll()
      .where('status', 'in', onlyStatuses(LATEST_STATUSES))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(LIST_LIMIT),
    viewer,
  ).execute();
}

/**
 * Up to 5 `scheduled` bookings whose end is not before `now`, soonest start first (ties: lower id first), one per
 * group: a booking is listed when no other upcoming booking of its group (among the viewer's) comes before it in that
 * order. The `status_start_time_id` index hands the candidates over in order, so the search stops after the first few
 * groups instead of numbering every upcoming booking (a million bookings: about 1 ms instead of 55 ms). On a table
 * without that index, by numbering instead ({@link selectUpcomingMeetingsInOnePass}).
 */
export async function selectUpcomingMeetings(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
  now: number,
): Promise<BookingRow[]> {
  if ((await bookingsAccess(db)) === 'scan') return selectUpcomingMeetingsInOnePass(db, viewer, now);
  const from = storedBounds({ start: now, end: now }).start;
  const scope = scopeConditions(viewer);
  return db
    .selectFrom('fcal_bookings as b')
    .selectAll('b')
    .where('b.status', '=', 'scheduled')
    .where('b.end_time', '>=', from)
    .$call((query) => scope.reduce((narrowed, [column, id]) => narrowed.where(`b.${column}`, '=', id), query))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('fcal_bookings as o')
            .select('o.id')
            .whereRef('o.group_id', '=', 'b.group_id')
            .where('o.status', '=', 'scheduled')
            .where('o.end_time', '>=', from)
            .$call((query) =>
              scope.reduce((narrowed, [column, id]) => narrowed.where(`o.${column}`, '=', id), query),
            )
            .where((earlier) =>
              earlier.or([
                earlier('o.start_time', '<', earlier.ref('b.start_time')),
                earlier.and([
                  earlier('o.start_time', '=', earlier.ref('b.start_time')),
                  earlier('o.id', '<', earlier.ref('b.id')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('b.start_time')
    .orderBy('b.id')
    .limit(LIST_LIMIT)
    .execute();
}

/**
 * {@link selectUpcomingMeetings} on a table without a `status` index, where the search for an earlier booking of the
 * same group would read the whole table for each candidate: one pass numbers the upcoming bookings of each group in
 * start order (`ROW_NUMBER() OVER`, on their ids and start times only), the first of each group in start order are
 * the listed ones, and only those five rows are read whole.
 */
async function selectUpcomingMeetingsInOnePass(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
  now: number,
): Promise<BookingRow[]> {
  const from = storedBounds({ start: now, end: now }).start;
  const numbered = scoped(
    db
      .selectFrom('fcal_bookings')
      .select([
        'id',
        'start_time',
        sql<number>`row_number() over (partition by ${sql.ref('group_id')} order by ${sql.ref('start_time')}, ${sql.ref('id')})`.as(
          'place',
        ),
      ])
      .where('status', '=', 'scheduled')
      .where('end_time', '>=', from),
    viewer,
  );
  const listed = db
    .selectFrom(numbered.as('numbered'))
    .select('numbered.id')
    .where('numbered.place', '=', 1)
    .orderBy('numbered.start_time')
    .orderBy('numbered.id')
    .limit(LIST_LIMIT);
  return db
    .selectFrom(listed.as('listed'))
    .innerJoin('fcal_bookings as b', 'b.id', 'listed.id')
    .selectAll('b')
    .orderBy('b.start_time')
    .orderBy('b.id')
    .execute();
}

/** Active attendees (`scheduled` + `completed`) of each group, among the viewer's bookings. */
export async function countActiveAttendees(
  db: Kysely<ReportsDatabase>,
  groupIds: readonly number[],
  viewer: Viewer,
): Promise<Map<number, number>> {
  if (groupIds.length === 0) return new Map();
  const rows = await scoped(
    db
      .selectFrom('fcal_bookings')
      .select((eb) => ['group_id', eb.fn.countAll<number>().as('count')])
      .where('group_id', 'in', [...groupIds])
      .where('status', 'in', onlyStatuses(ACTIVE_ATTENDEE_STATUSES))
      .groupBy('group_id'),
    viewer,
  ).execute();
  return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
}

/** The events with these ids (deleted ones are simply absent). */
export async function selectEvents(
  db: Kysely<ReportsDatabase>,
  eventIds: readonly number[],
): Promise<Map<number, CalendarEventRow>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('fcal_calendar_events')
    .selectAll()
    .where('id', 'in', [...eventIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** The users with these ids, as the engine's builders take them (only `ID` and `display_name` are read). */
export async function selectHosts(
  db: Kysely<ReportsDatabase>,
  userIds: readonly number[],
): Promise<Map<number, UserRow>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['ID', 'display_name', 'user_email'])
    .where('ID', 'in', [...userIds])
    .execute();
  // The role does not matter for `author`; a host of an event is a host.
  return new Map(rows.map((row) => [row.ID, { ...row, role: 'host' as const }]));
}

/** Which event types carry `booked_count`. */
export function isGroupBooking(row: BookingRow): boolean {
  return GROUP_EVENT_TYPES.has(row.event_type);
}

/**
 * The viewer's 100 most recent activities, newest first (ties: higher id first). A host, or a request with filters,
 * sees only entries whose booking is one asked about (a primary-key lookup per entry while walking the `created_at`
 * index backwards), so entries without a booking are left out.
 */
export async function selectActivities(db: Kysely<ReportsDatabase>, viewer: Viewer): Promise<ActivityRow[]> {
  const newestFirst = db
    .selectFrom('fcal_booking_activity as a')
    .selectAll('a')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(ACTIVITY_LIMIT);
  const scope = scopeConditions(viewer);
  if (scope.length === 0) return newestFirst.execute();
  return newestFirst
    .where((eb) =>
      eb.exists(
        scope.reduce(
          (narrowed, [column, id]) => narrowed.where(`b.${column}`, '=', id),
          eb.selectFrom('fcal_bookings as b').select('b.id').whereRef('b.id', '=', 'a.booking_id'),
        ),
      ),
    )
    .execute();
}

/**
 * What the filters offer the viewer, in no particular order (the answer sorts them as the engine does, not SQL's
 * collation): the users who own a calendar, the calendars and the events; for a host, themselves when they own a
 * calendar, their own calendars and those calendars' events.
 */
export async function selectFilterOptions(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
): Promise<FilterOptionRows> {
  const isHost = viewer.role !== 'administrator';
  // Side by side: on a pool (MySQL/MariaDB, SQLite's reader threads) each on a connection of its own.
  const [hosts, calendars, events] = await Promise.all([
    db
      .selectFrom('users as u')
      .select(['u.ID', 'u.display_name'])
      .where((eb) =>
        eb.exists(eb.selectFrom('fcal_calendars as c').select('c.id').whereRef('c.user_id', '=', 'u.ID')),
      )
      .$if(isHost, (query) => query.where('u.ID', '=', viewer.userId))
      .execute(),
    db
      .selectFrom('fcal_calendars')
      .select(['id', 'title'])
      .$if(isHost, (query) => query.where('user_id', '=', viewer.userId))
      .execute(),
    db
      .selectFrom('fcal_calendar_events as e')
      .select(['e.id', 'e.title', 'e.calendar_id'])
      .$if(isHost, (query) =>
        query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('fcal_calendars as c')
              .select('c.id')
              .whereRef('c.id', '=', 'e.calendar_id')
              .where('c.user_id', '=', viewer.userId),
          ),
        ),
      )
      .execute(),
  ]);
  return { hosts, calendars, events };
}
