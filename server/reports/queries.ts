/**
 * The report queries: every count and every bucket is computed by the database, through Kysely, with plain SQL that
 * MySQL/MariaDB run as well (comparisons, `COUNT`, `LOWER`/`TRIM`, `UNION ALL`, `ROW_NUMBER() OVER`).
 *
 * Times are stored as UTC `YYYY-MM-DD HH:mm:ss`, so the engine's inclusive windows of instants become lexical
 * `>= start AND <= end` conditions on the stored strings, which the indexes of `db/schema.ts` answer directly.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import {
  ACTIVE_ATTENDEE_STATUSES,
  ACTIVITY_LIMIT,
  BOOKING_STATUSES,
  GROUP_EVENT_TYPES,
  LATEST_STATUSES,
  LIST_LIMIT,
} from '../../src/api/contract';
import type { BookingStatus } from '../../src/api/contract';
import type { ActivityRow, BookingRow, CalendarEventRow, UserRow } from '../../src/data/schema';
import type { GraphBucket, OverviewCounts, TimeWindow, Viewer } from '../../src/engine';
import { formatUtc } from '../../src/lib/siteTime';
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

/** Only the bookings the viewer may see: a host's own, everything for an administrator. */
function scoped<O>(query: BookingsQuery<O>, viewer: Viewer): BookingsQuery<O> {
  return viewer.role === 'administrator' ? query : query.where('host_user_id', '=', viewer.userId);
}

/** The known statuses in a set, typed as the column is. */
const onlyStatuses = (statuses: ReadonlySet<string>): BookingStatus[] =>
  BOOKING_STATUSES.filter((status) => statuses.has(status));

/** Whether stored-string bounds take in every storable second, so their conditions select every row. */
function isEveryStoredTime(bounds: { start: string; end: string }): boolean {
  return bounds.start === formatUtc(FIRST_STORABLE_MS) && bounds.end === formatUtc(LAST_STORABLE_MS);
}

/** Restricts a bookings query to times in the bounds; all time adds no condition (see {@link countOverview}). */
function within<O>(
  query: BookingsQuery<O>,
  column: 'created_at' | 'end_time',
  bounds: { start: string; end: string },
): BookingsQuery<O> {
  if (isEveryStoredTime(bounds)) return query;
  return query.where(column, '>=', bounds.start).where(column, '<=', bounds.end);
}

/**
 * Up to this many bookings in a window, its distinct guests are counted by sorting the window's guest keys; above it
 * (and for all time) SQLite may walk the guest-key index instead, reading every booking's key once but sorting
 * nothing. Its estimates favour the walk too early: with a million bookings over two years, a 30-day window (45,000
 * bookings) sorts in about 45 ms and walks in 80 ms, while a year (500,000) sorts in 700 ms and walks in 100 ms.
 */
const SORT_GUESTS_MAX_ROWS = 100_000;

/**
 * The four overview numbers over one window, in three index reads: bookings by `created_at`, distinct guests by
 * `created_at` or along the guest-key index (see {@link SORT_GUESTS_MAX_ROWS}), completed and cancelled by
 * `end_time`. All time has no time condition at all, so SQLite counts every row from an index without comparing.
 */
export async function countOverview(
  db: Kysely<ReportsDatabase>,
  window: TimeWindow,
  viewer: Viewer,
): Promise<OverviewCounts> {
  const bounds = storedBounds(window);
  if (bounds.start > bounds.end) return { all: 0, completed: 0, cancelled: 0, guests: 0 };
  const created = await scoped(
    within(
      db.selectFrom('fcal_bookings').select((eb) => eb.fn.countAll<number>().as('count')),
      'created_at',
      bounds,
    ),
    viewer,
  ).executeTakeFirstOrThrow();
  // The engine's guest key is the trimmed, lowercased e-mail (SQL's `trim` and `lower` commute: a space has no case).
  // Written `trim(lower(…))`, as the guest-key index has it (`db/schema.ts`), the planner may walk that index instead
  // of sorting the window's keys; written `lower(trim(…))`, it must sort. See SORT_GUESTS_MAX_ROWS.
  const walkable = isEveryStoredTime(bounds) || Number(created.count) > SORT_GUESTS_MAX_ROWS;
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
  const ended = await scoped(
    within(
      db
        .selectFrom('fcal_bookings')
        .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
        .where('status', 'in', ['completed', 'cancelled'])
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
    guests: Number(guests.count),
  };
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
  const host =
    viewer.role === 'administrator' ? sql`` : sql` and ${sql.ref('host_user_id')} = ${viewer.userId}`;
  return buckets.map((bucket, index) => {
    const bounds = storedBounds(bucket);
    return sql`(select count(*) from ${sql.table('fcal_bookings')} where ${time} >= ${bounds.start} and ${time} <= ${bounds.end}${status}${host}) as ${sql.ref(`${name}${index}`)}`;
  });
}

/**
 * The earliest and latest stored times the graph series count (any booking's `created_at`; a completed or cancelled
 * booking's `end_time`), for a `history=all` graph (`widenToHistory` in `src/engine/query.ts`). Stored times are
 * fixed-width UTC strings, so `MIN`/`MAX` of the strings are the earliest and latest instants, read off the indexes.
 */
export async function selectHistoryBounds(db: Kysely<ReportsDatabase>, viewer: Viewer): Promise<string[]> {
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

/** The three graph series over the plan's buckets, each in bucket order, in one statement. */
export async function countGraph(
  db: Kysely<ReportsDatabase>,
  buckets: readonly GraphBucket[],
  viewer: Viewer,
): Promise<{ booked: number[]; completed: number[]; cancelled: number[] }> {
  if (buckets.length === 0) return { booked: [], completed: [], cancelled: [] };
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
 * order. The `status_start_time` index hands the candidates over in order, so the search stops after the first few
 * groups instead of numbering every upcoming booking (a million bookings: about 1 ms instead of 55 ms).
 */
export async function selectUpcomingMeetings(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
  now: number,
): Promise<BookingRow[]> {
  const from = storedBounds({ start: now, end: now }).start;
  const isHost = viewer.role !== 'administrator';
  return db
    .selectFrom('fcal_bookings as b')
    .selectAll('b')
    .where('b.status', '=', 'scheduled')
    .where('b.end_time', '>=', from)
    .$if(isHost, (query) => query.where('b.host_user_id', '=', viewer.userId))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('fcal_bookings as o')
            .select('o.id')
            .whereRef('o.group_id', '=', 'b.group_id')
            .where('o.status', '=', 'scheduled')
            .where('o.end_time', '>=', from)
            .$if(isHost, (query) => query.where('o.host_user_id', '=', viewer.userId))
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
 * The viewer's 100 most recent activities, newest first (ties: higher id first). A host sees only entries whose
 * booking is theirs (a primary-key lookup per entry while walking the `created_at` index backwards).
 */
export async function selectActivities(db: Kysely<ReportsDatabase>, viewer: Viewer): Promise<ActivityRow[]> {
  const newestFirst = db
    .selectFrom('fcal_booking_activity as a')
    .selectAll('a')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(ACTIVITY_LIMIT);
  if (viewer.role === 'administrator') return newestFirst.execute();
  return newestFirst
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('fcal_bookings as b')
          .select('b.id')
          .whereRef('b.id', '=', 'a.booking_id')
          .where('b.host_user_id', '=', viewer.userId),
      ),
    )
    .execute();
}
