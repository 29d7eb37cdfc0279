/**
 * The report queries: every count and every bucket is computed by the database, through Kysely, with plain SQL that
 * MySQL/MariaDB run as well (comparisons, `COUNT`, `LOWER`/`TRIM`, `UNION ALL`, `ROW_NUMBER() OVER`).
 *
 * Times are stored as UTC `YYYY-MM-DD HH:mm:ss`, so the engine's inclusive windows of instants become lexical
 * `>= start AND <= end` conditions on the stored strings, which the indexes of `db/schema.ts` answer directly.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { BOOKING_STATUSES } from '../../src/api/types';
import type { BookingStatus } from '../../src/api/types';
import type { ActivityRow, BookingRow, CalendarEventRow, UserRow } from '../../src/data/schema';
import type { GraphBucket, OverviewCounts, TimeWindow, Viewer } from '../../src/engine';
import {
  ACTIVE_ATTENDEE_STATUSES,
  ACTIVITY_LIMIT,
  GROUP_EVENT_TYPES,
  LATEST_STATUSES,
  LIST_LIMIT,
} from '../../src/engine';
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

/**
 * The four overview numbers over one window, in two index searches: bookings and distinct guests by `created_at`,
 * completed and cancelled by `end_time`.
 */
export async function countOverview(
  db: Kysely<ReportsDatabase>,
  window: TimeWindow,
  viewer: Viewer,
): Promise<OverviewCounts> {
  const bounds = storedBounds(window);
  if (bounds.start > bounds.end) return { bookings: 0, completed: 0, cancelled: 0, guests: 0 };
  const created = await scoped(
    db
      .selectFrom('fcal_bookings')
      .select((eb) => [
        eb.fn.countAll<number>().as('bookings'),
        // The engine's guest key is the trimmed, lowercased e-mail.
        eb.fn
          .count<number>(eb.fn('lower', [eb.fn('trim', ['email'])]))
          .distinct()
          .as('guests'),
      ])
      .where('created_at', '>=', bounds.start)
      .where('created_at', '<=', bounds.end),
    viewer,
  ).executeTakeFirstOrThrow();
  const ended = await scoped(
    db
      .selectFrom('fcal_bookings')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
      .where('status', 'in', ['completed', 'cancelled'])
      .where('end_time', '>=', bounds.start)
      .where('end_time', '<=', bounds.end)
      .groupBy('status'),
    viewer,
  ).execute();
  const endedCount = (status: string): number =>
    Number(ended.find((row) => row.status === status)?.count ?? 0);
  return {
    bookings: Number(created.bookings),
    completed: endedCount('completed'),
    cancelled: endedCount('cancelled'),
    guests: Number(created.guests),
  };
}

/** Which rows a graph series counts, and by which time. */
type SeriesDefinition = { time: 'created_at' } | { time: 'end_time'; status: 'completed' | 'cancelled' };

/**
 * One graph series: the count in each bucket, in the buckets' order. The buckets' bounds become a derived table
 * (`SELECT … UNION ALL SELECT …`) joined to the bookings by a range condition, so each bucket is one index search.
 */
async function countSeries(
  db: Kysely<ReportsDatabase>,
  buckets: readonly GraphBucket[],
  viewer: Viewer,
  series: SeriesDefinition,
): Promise<number[]> {
  const rows = buckets.map((bucket, index) => ({ index, ...storedBounds(bucket) }));
  const [first, ...rest] = rows.map((row) =>
    db.selectNoFrom((eb) => [
      eb.val(row.index).as('bucket'),
      eb.val(row.start).as('start_at'),
      eb.val(row.end).as('end_at'),
    ]),
  );
  if (first === undefined) return [];
  const bounds = rest.reduce((union, next) => union.unionAll(next), first);
  const counted = await db
    .selectFrom(bounds.as('k'))
    .leftJoin('fcal_bookings as b', (join) => {
      let on = join.onRef(`b.${series.time}`, '>=', 'k.start_at').onRef(`b.${series.time}`, '<=', 'k.end_at');
      if (series.time === 'end_time') on = on.on('b.status', '=', series.status);
      return viewer.role === 'administrator' ? on : on.on('b.host_user_id', '=', viewer.userId);
    })
    .select((eb) => ['k.bucket', eb.fn.count<number>('b.id').as('count')])
    .groupBy('k.bucket')
    .execute();
  const counts = new Array<number>(buckets.length).fill(0);
  for (const row of counted) counts[Number(row.bucket)] = Number(row.count);
  return counts;
}

/** The three graph series over the plan's buckets, each in bucket order. */
export async function countGraph(
  db: Kysely<ReportsDatabase>,
  buckets: readonly GraphBucket[],
  viewer: Viewer,
): Promise<{ booked: number[]; completed: number[]; cancelled: number[] }> {
  return {
    booked: await countSeries(db, buckets, viewer, { time: 'created_at' }),
    completed: await countSeries(db, buckets, viewer, { time: 'end_time', status: 'completed' }),
    cancelled: await countSeries(db, buckets, viewer, { time: 'end_time', status: 'cancelled' }),
  };
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
 * group: the first booking of each group in that order (`ROW_NUMBER() OVER (PARTITION BY group_id …) = 1`).
 */
export async function selectUpcomingMeetings(
  db: Kysely<ReportsDatabase>,
  viewer: Viewer,
  now: number,
): Promise<BookingRow[]> {
  const upcoming = scoped(
    db
      .selectFrom('fcal_bookings')
      .selectAll()
      .select((eb) =>
        eb.fn
          .agg<number>('row_number')
          .over((over) => over.partitionBy('group_id').orderBy('start_time').orderBy('id'))
          .as('place_in_group'),
      )
      .where('status', '=', 'scheduled')
      .where('end_time', '>=', storedBounds({ start: now, end: now }).start),
    viewer,
  );
  const rows = await db
    .selectFrom(upcoming.as('upcoming'))
    .selectAll()
    .where('place_in_group', '=', 1)
    .orderBy('start_time')
    .orderBy('id')
    .limit(LIST_LIMIT)
    .execute();
  return rows.map(({ place_in_group: _placeInGroup, ...booking }) => booking);
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
