/**
 * The tables of the reference backend as Kysely sees them.
 *
 * The plugin's own tables (`fcal_*`) hold exactly the rows of `src/data/schema.ts`; `users`, `usermeta` and
 * `options` are the WordPress core tables the backend needs for host names, roles and its nonce secret. Names here
 * are unprefixed: {@link TablePrefixPlugin} in `connection.ts` adds the site's prefix (`wp_`) to every query, so
 * the same query code serves any prefix.
 */
import type { ColumnType, Generated } from 'kysely';
import type { ActivityRow, BookingRow, CalendarEventRow, CalendarRow, UserRow } from '../../src/data/schema';

/** `users`: the columns of WordPress's `wp_users` the reports read. */
export interface UsersTable extends Omit<UserRow, 'role'> {
  /** Login name; the role lives in `usermeta`, as in WordPress. */
  user_login: string;
  /**
   * The password hash, read only by `--auth wordpress` (four of its characters sign WordPress's login cookie). Only
   * WordPress's own table has it: the backend's tables do not, and nothing writes it.
   */
  user_pass: ColumnType<string | null, never, never>;
}

/** `usermeta`: WordPress's key/value store per user; the role is `${prefix}capabilities`. */
export interface UsermetaTable {
  umeta_id: Generated<number>;
  user_id: number;
  meta_key: string;
  /** PHP-serialized for capabilities, as WordPress stores it: `a:1:{s:13:"administrator";b:1;}`. */
  meta_value: string;
}

/** `options`: WordPress's site options; the backend keeps its nonce secret here. */
export interface OptionsTable {
  option_name: string;
  option_value: string;
  autoload: string;
}

/** Every table the backend reads or writes, by unprefixed name. */
export interface ReportsDatabase {
  fcal_bookings: BookingRow;
  fcal_calendar_events: CalendarEventRow;
  fcal_calendars: CalendarRow;
  fcal_booking_activity: ActivityRow;
  users: UsersTable;
  usermeta: UsermetaTable;
  options: OptionsTable;
  br_booking_days: BookingDaysTable;
  br_guest_bookings: GuestBookingsTable;
  br_guests: GuestsTable;
}

/** `br_booking_days`: per UTC day (`YYYY-MM-DD`) and host, what the overview counts (`db/rollups.ts`). */
export interface BookingDaysTable {
  day: string;
  host_user_id: number;
  /** Bookings created that day. */
  booked: number;
  /** Completed bookings that ended that day. */
  completed: number;
  /** Cancelled bookings that ended that day. */
  cancelled: number;
}

/** `br_guest_bookings`: per booking, its guest key and the creation time of the guest's booking before it. */
export interface GuestBookingsTable {
  id: number;
  guest: string;
  host_user_id: number;
  created_at: string;
  /** The same guest's previous booking's `created_at`; `null` for its first. */
  prev_at: string | null;
  /** The same guest's previous booking with the same host; `null` for its first with that host. */
  host_prev_at: string | null;
}

/** `br_guests`: distinct guests of all time, of everyone (`host_user_id` 0) and of each host. */
export interface GuestsTable {
  host_user_id: number;
  guests: number;
}

/** The unprefixed table names, for the prefix plugin and the DDL. */
export const TABLE_NAMES = [
  'fcal_bookings',
  'fcal_calendar_events',
  'fcal_calendars',
  'fcal_booking_activity',
  'users',
  'usermeta',
  'options',
] as const satisfies ReadonlyArray<keyof ReportsDatabase>;

/**
 * The rollup tables (`db/rollups.ts`), which only a bookings table this backend created has: prefixed like the
 * others, but not part of every site.
 */
export const ROLLUP_TABLE_NAMES = [
  'br_booking_days',
  'br_guest_bookings',
  'br_guests',
] as const satisfies ReadonlyArray<keyof ReportsDatabase>;

/** An unprefixed table name of every site. */
export type TableName = (typeof TABLE_NAMES)[number];

/** Any unprefixed table name the query builder knows: a site's table or a rollup. */
export type KnownTableName = TableName | (typeof ROLLUP_TABLE_NAMES)[number];

/**
 * The plain-column indexes of the bookings table, each named for the query it serves, created by the DDL of both
 * dialects (`schema.ts`, `mysqlSchema.ts`). Index names are not table nodes, so the prefix plugin does not reach
 * them: SQLite's DDL adds the prefix itself (MySQL's index names are per table).
 */
export const BOOKING_INDEXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Latest bookings: newest first (the rowid that ends every index breaks ties by id).
  ['created_at', ['created_at']],
  // Total bookings and total guests of a window, answered from the index alone.
  ['created_at_email', ['created_at', 'email']],
  // Completed and cancelled counts and series.
  ['status_end_time', ['status', 'end_time']],
  // Upcoming scheduled meetings in start order, ties by id (spelled out: MySQL cannot sort by a column after the one
  // it would skip, and InnoDB appends the id only at the end); `end_time` filters out past ones without reading rows.
  ['status_start_time_id', ['status', 'start_time', 'id', 'end_time']],
  ['host_created_at', ['host_user_id', 'created_at']],
  ['host_created_at_email', ['host_user_id', 'created_at', 'email']],
  ['host_status_end_time', ['host_user_id', 'status', 'end_time']],
  // Active attendees of a group (`booked_count`).
  ['group_status', ['group_id', 'status']],
];

/**
 * The keys the booking plugin itself puts on its bookings table, besides the primary key: single columns, none on a
 * time the reports count by (`created_at`, `end_time`), nor on `status` or `email`. (It also keys `fcrm_id` and
 * `booking_type`, columns the reports never read and these tables do not have.) A site whose tables the plugin made
 * has only these, so every report count there reads the whole table: `createSchema`'s `indexes: 'plugin'` builds
 * such a table to measure and test the queries on.
 */
export const PLUGIN_BOOKING_INDEXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['parent_id', ['parent_id']],
  ['hash', ['hash']],
  ['calendar_id', ['calendar_id']],
  ['event_id', ['event_id']],
  ['start_time', ['start_time']],
];

/**
 * Which indexes the bookings table gets: `own`, those of {@link BOOKING_INDEXES} (and the guest-key indexes on
 * SQLite), every report query an index search; `plugin`, only the plugin's own ({@link PLUGIN_BOOKING_INDEXES}).
 */
export type BookingIndexes = 'own' | 'plugin';
