/**
 * `--import file.json`: rows in the plugin's table shapes, validated once at the edge.
 *
 * The file is `{ "users": [...], "calendars": [...], "events": [...], "bookings": [...], "activities": [...] }`,
 * each row shaped like `src/data/schema.ts`. Hand-made and real exports are welcome:
 *
 * - A dump of the booking plugin's own tables works as it is: the tables may be named as the plugin names them
 *   (`fcal_bookings`, `fcal_calendar_events`, `fcal_calendars`, `fcal_booking_activity`, and WordPress's `users`),
 *   with or without a table prefix ending in `_` (`wp_fcal_bookings`, `wp_users`); columns the reports do not read
 *   are ignored.
 * - `fcal_booking_hosts` rows (`booking_id`, `user_id`, `status`, …: the hosts of a booking) give a booking that has
 *   no `host_user_id` its host: the first row of that booking in the file. They are not stored.
 * - A user's role is `role` (`administrator` or `host`, the default), or WordPress's own `wp_capabilities` (any
 *   `<prefix>capabilities` column, one per user): the PHP-serialized array WordPress stores
 *   (`a:1:{s:13:"administrator";b:1;}`) or that array decoded (`{"administrator": true}`). `administrator` makes an
 *   administrator, any other role a host, no role at all is an error.
 * - Integer columns may be numeric strings (as WordPress exports them); times may be UTC `YYYY-MM-DD HH:mm:ss` or
 *   ISO 8601 with an offset (stored as UTC), in the years 0001 to 9999 once in UTC (the stored text compares as a
 *   time only with four-digit years); columns the reports do not need have defaults.
 * - User ids (`users.ID`, `host_user_id`, `user_id`; `created_by` may also be 0, nobody) are whole numbers from 1
 *   to {@link MAX_USER_ID}, the ids a login cookie carries.
 *
 * Anything else is an error naming the row and the column.
 */
import { randomBytes } from 'node:crypto';
import { BOOKING_STATUSES } from '../../src/api/contract';
import type { BookingStatus } from '../../src/api/contract';
import type { EventType } from '../../src/api/types';
import type {
  ActivityRow,
  BookingRow,
  CalendarEventRow,
  CalendarRow,
  SiteData,
  UserRole,
  UserRow,
} from '../../src/data/schema';
import { formatUtc, parseWireTime } from '../../src/lib/siteTime';

/** The outcome of {@link parseImportData}: the rows, or every problem found (capped). */
export type ImportResult = { ok: true; data: SiteData } | { ok: false; errors: string[] };

const MAX_REPORTED_ERRORS = 20;

/** The largest user id: a login cookie (`server/auth.ts`) carries the id in at most 15 digits. */
export const MAX_USER_ID = 999_999_999_999_999;

/** What a user id must be, for the error messages. */
const USER_ID_RULE = `must be a user id: a whole number from 1 to ${MAX_USER_ID} (what a login cookie carries)`;

/** The tables of a file under each name they may have, plugin names (with any prefix ending in `_`) included. */
const TABLE_ALIASES: Readonly<Record<string, ImportTable>> = {
  users: 'users',
  calendars: 'calendars',
  events: 'events',
  bookings: 'bookings',
  activities: 'activities',
  fcal_calendars: 'calendars',
  fcal_calendar_events: 'events',
  fcal_bookings: 'bookings',
  fcal_booking_activity: 'activities',
  fcal_booking_hosts: 'hosts',
};

/** A table of an import file: the site's tables, and the plugin's booking hosts. */
type ImportTable = keyof SiteData | 'hosts';

/** A row of the plugin's `fcal_booking_hosts`: one of a booking's hosts. */
interface BookingHostRow {
  booking_id: number;
  user_id: number;
}
const EVENT_TYPES: readonly EventType[] = ['single', 'group', 'group_event'];
const ROLES: readonly UserRole[] = ['administrator', 'host'];

class RowReader {
  constructor(
    private readonly row: Record<string, unknown>,
    private readonly where: string,
    private readonly errors: string[],
  ) {}

  private fail(column: string, problem: string): void {
    this.errors.push(`${this.where}.${column}: ${problem}`);
  }

  /** Whether the column holds a value (not absent, `null` or empty). */
  has(column: string): boolean {
    return this.row[column] !== undefined && this.row[column] !== null && this.row[column] !== '';
  }

  /** A whole number (a numeric string is accepted); `fallback` when absent, an error when absent without one. */
  int(column: string, fallback?: number): number {
    if (!this.has(column)) {
      if (fallback === undefined) this.fail(column, 'is required');
      return fallback ?? 0;
    }
    const value = this.row[column];
    const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
      this.fail(column, 'must be a whole number');
      return 0;
    }
    return number;
  }

  /**
   * A user id, see {@link MAX_USER_ID}.
   * @param options.nobody Also accept 0 (nobody: the plugin's `created_by` of a guest's booking).
   */
  userId(column: string, { nobody = false }: { nobody?: boolean } = {}): number {
    const before = this.errors.length;
    const id = this.int(column);
    if (this.errors.length > before) return id;
    if ((id >= 1 && id <= MAX_USER_ID) || (nobody && id === 0)) return id;
    this.fail(column, nobody ? `${USER_ID_RULE}, or 0` : USER_ID_RULE);
    // The value as given, so that two wrong ids are not also reported as one id twice.
    return id;
  }

  /** The user's role: `role`, else WordPress's capabilities column, else `host`. */
  role(): UserRole {
    if (this.has('role')) return this.oneOf('role', ROLES);
    const columns = Object.keys(this.row).filter((column) => /^[A-Za-z0-9_]*capabilities$/.test(column));
    const [column, ...others] = columns;
    if (column === undefined) return 'host';
    if (others.length > 0) {
      this.fail(columns.join(', '), 'more than one capabilities column: give the role as "role" instead');
      return 'host';
    }
    const roles = grantedRoles(this.row[column]);
    if (roles === undefined) {
      this.fail(
        column,
        'must be the PHP-serialized roles WordPress stores (a:1:{s:13:"administrator";b:1;}) or them decoded ' +
          '({"administrator": true})',
      );
      return 'host';
    }
    if (roles.length === 0) {
      this.fail(column, 'grants no role, and a user without a role cannot open the reports');
      return 'host';
    }
    return roles.includes('administrator') ? 'administrator' : 'host';
  }

  /** A whole number or `null`. */
  nullableInt(column: string): number | null {
    return this.has(column) ? this.int(column) : null;
  }

  /** A string; `fallback` when absent, an error when absent without one. */
  text(column: string, fallback?: string): string {
    const value = this.row[column];
    if (value === undefined || value === null) {
      if (fallback === undefined) this.fail(column, 'is required');
      return fallback ?? '';
    }
    if (typeof value !== 'string') {
      this.fail(column, 'must be a string');
      return '';
    }
    return value;
  }

  /** A string or `null`. */
  nullableText(column: string): string | null {
    return this.row[column] === undefined || this.row[column] === null ? null : this.text(column);
  }

  /** One of `allowed`. */
  oneOf<T extends string>(column: string, allowed: readonly T[], fallback?: T): T {
    const value = this.text(column, fallback);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail(column, `must be one of ${allowed.join(', ')}`);
    return allowed[0] as T;
  }

  /** A time, stored as UTC `YYYY-MM-DD HH:mm:ss`. */
  time(column: string, fallback?: string): string {
    if (!this.has(column) && fallback !== undefined) return fallback;
    const ms = parseWireTime(this.text(column));
    if (ms === undefined) {
      if (this.has(column)) this.fail(column, 'must be UTC "YYYY-MM-DD HH:mm:ss" or ISO 8601 with an offset');
      return '';
    }
    const year = new Date(ms).getUTCFullYear();
    if (year < 1 || year > 9999) {
      this.fail(column, `must be in the years 0001 to 9999 in UTC (it is in ${year})`);
      return '';
    }
    return formatUtc(ms);
  }
}

/**
 * The roles a capabilities value grants: from WordPress's PHP-serialized array (`a:2:{s:6:"editor";b:1;…}`, every
 * length checked) or from the decoded object; `undefined` when it is neither.
 */
function grantedRoles(value: unknown): string[] | undefined {
  const granted = (flag: unknown): boolean =>
    flag === true || flag === 1 || flag === '1' || flag === 'b:1' || flag === 'i:1';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([role, flag]) => (granted(flag) ? [role] : []));
  }
  if (typeof value !== 'string') return undefined;
  const whole = /^a:(\d+):\{(.*)\}$/s.exec(value.trim());
  if (!whole) return undefined;
  const [, declared = '', body = ''] = whole;
  const entry = /s:(\d+):"(.*?)";(b:[01]|i:-?\d+);/sy;
  const roles: string[] = [];
  let entries = 0;
  while (entry.lastIndex < body.length) {
    const match = entry.exec(body);
    const [, length = '', role = '', flag = ''] = match ?? [];
    // PHP counts a string's length in bytes.
    if (!match || Buffer.byteLength(role) !== Number(length)) return undefined;
    entries += 1;
    if (granted(flag)) roles.push(role);
  }
  return entries === Number(declared) ? roles : undefined;
}

/** Which table each key of the file holds; unknown keys and a table given twice are errors. */
function tableKeys(input: Record<string, unknown>, errors: string[]): Map<ImportTable, string> {
  const keys = new Map<ImportTable, string>();
  for (const key of Object.keys(input)) {
    const name = /^(?:[A-Za-z0-9_]*_)?(fcal_[a-z_]+|users)$/.exec(key)?.[1];
    const table = TABLE_ALIASES[key] ?? (name === undefined ? undefined : TABLE_ALIASES[name]);
    if (table === undefined) {
      errors.push(
        `${key}: unknown table (expected users, calendars, events, bookings, activities, or the plugin's ` +
          'tables: fcal_calendars, fcal_calendar_events, fcal_bookings, fcal_booking_activity, fcal_booking_hosts)',
      );
      continue;
    }
    const earlier = keys.get(table);
    if (earlier !== undefined) errors.push(`${key}: the same table as ${earlier}`);
    else keys.set(table, key);
  }
  return keys;
}

function readTable<T>(
  input: Record<string, unknown>,
  table: string | undefined,
  errors: string[],
  read: (reader: RowReader) => T,
): T[] {
  if (table === undefined) return [];
  const rows = input[table];
  if (rows === undefined) return [];
  if (!Array.isArray(rows)) {
    errors.push(`${table}: must be an array of rows`);
    return [];
  }
  return rows.map((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      errors.push(`${table}[${index}]: must be an object`);
      return read(new RowReader({}, `${table}[${index}]`, []));
    }
    return read(new RowReader(row as Record<string, unknown>, `${table}[${index}]`, errors));
  });
}

function readBooking(reader: RowReader, hostOf: ReadonlyMap<number, number>): BookingRow {
  const id = reader.int('id');
  const listedHost = hostOf.get(id);
  const start_time = reader.time('start_time');
  const end_time = reader.time('end_time');
  const created_at = reader.time('created_at');
  const startMs = parseWireTime(start_time) ?? 0;
  const endMs = parseWireTime(end_time) ?? 0;
  return {
    id,
    hash: reader.text('hash', randomBytes(16).toString('hex')),
    calendar_id: reader.int('calendar_id', 0),
    event_id: reader.int('event_id', 0),
    // A one-to-one booking is its own group.
    group_id: reader.int('group_id', id),
    parent_id: reader.nullableInt('parent_id'),
    host_user_id:
      listedHost === undefined || reader.has('host_user_id') ? reader.userId('host_user_id') : listedHost,
    person_time_zone: reader.text('person_time_zone', 'UTC'),
    start_time,
    end_time,
    slot_minutes: reader.int('slot_minutes', Math.max(0, Math.round((endMs - startMs) / 60_000))),
    first_name: reader.text('first_name', ''),
    last_name: reader.text('last_name', ''),
    email: reader.text('email'),
    message: reader.nullableText('message'),
    phone: reader.nullableText('phone'),
    status: reader.oneOf<BookingStatus>('status', BOOKING_STATUSES),
    source: reader.text('source', 'web'),
    event_type: reader.oneOf('event_type', EVENT_TYPES, 'single'),
    payment_status: reader.nullableText('payment_status'),
    created_at,
    updated_at: reader.time('updated_at', created_at),
  };
}

function readEvent(reader: RowReader): CalendarEventRow {
  return {
    id: reader.int('id'),
    calendar_id: reader.int('calendar_id', 0),
    user_id: reader.userId('user_id'),
    title: reader.text('title'),
    duration: reader.int('duration', 30),
    event_type: reader.oneOf('event_type', EVENT_TYPES, 'single'),
    status: reader.text('status', 'active'),
  };
}

function readCalendar(reader: RowReader): CalendarRow {
  return {
    id: reader.int('id'),
    user_id: reader.userId('user_id'),
    title: reader.text('title'),
    author_timezone: reader.text('author_timezone', 'UTC'),
  };
}

function readActivity(reader: RowReader): ActivityRow {
  const created_at = reader.time('created_at');
  return {
    id: reader.int('id'),
    booking_id: reader.nullableInt('booking_id'),
    parent_id: reader.nullableInt('parent_id'),
    created_by: reader.has('created_by') ? reader.userId('created_by', { nobody: true }) : null,
    status: reader.text('status', 'closed'),
    type: reader.text('type', 'info'),
    title: reader.text('title'),
    description: reader.text('description', ''),
    created_at,
    updated_at: reader.time('updated_at', created_at),
  };
}

function readUser(reader: RowReader): UserRow {
  return {
    ID: reader.userId('ID'),
    display_name: reader.text('display_name'),
    user_email: reader.text('user_email', ''),
    role: reader.role(),
  };
}

function readBookingHost(reader: RowReader): BookingHostRow {
  return { booking_id: reader.int('booking_id'), user_id: reader.userId('user_id') };
}

function duplicateIds(table: string, ids: readonly number[], errors: string[]): void {
  const seen = new Set<number>();
  for (const id of ids) {
    if (seen.has(id)) errors.push(`${table}: id ${id} appears more than once`);
    seen.add(id);
  }
}

/**
 * Validates an import file's parsed JSON into site rows.
 * @param input The parsed JSON of the file.
 * @returns The rows, or up to 20 problems, each naming `table[row].column`.
 */
export function parseImportData(input: unknown): ImportResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['The file must hold one JSON object with arrays of rows per table.'] };
  }
  const tables = input as Record<string, unknown>;
  const errors: string[] = [];
  const keys = tableKeys(tables, errors);
  const hosts = readTable(tables, keys.get('hosts'), errors, readBookingHost);
  const hostOf = new Map<number, number>();
  for (const host of hosts) if (!hostOf.has(host.booking_id)) hostOf.set(host.booking_id, host.user_id);
  const data: SiteData = {
    users: readTable(tables, keys.get('users'), errors, readUser),
    calendars: readTable(tables, keys.get('calendars'), errors, readCalendar),
    events: readTable(tables, keys.get('events'), errors, readEvent),
    bookings: readTable(tables, keys.get('bookings'), errors, (reader) => readBooking(reader, hostOf)),
    activities: readTable(tables, keys.get('activities'), errors, readActivity),
  };
  const bookingIds = new Set(data.bookings.map((row) => row.id));
  hosts.forEach((host, index) => {
    if (!bookingIds.has(host.booking_id)) {
      errors.push(`${keys.get('hosts')}[${index}].booking_id: no booking ${host.booking_id} in the file`);
    }
  });
  duplicateIds(
    'users',
    data.users.map((row) => row.ID),
    errors,
  );
  for (const table of ['calendars', 'events', 'bookings', 'activities'] as const) {
    duplicateIds(
      table,
      data[table].map((row) => row.id),
      errors,
    );
  }
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS);
    if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more`);
    return { ok: false, errors: shown };
  }
  return { ok: true, data };
}
