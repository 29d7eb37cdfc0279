/**
 * `--import file.json`: rows in the plugin's table shapes, validated once at the edge.
 *
 * The file is `{ "users": [...], "calendars": [...], "events": [...], "bookings": [...], "activities": [...] }`,
 * each row shaped like `src/data/schema.ts`. Hand-made and real exports are welcome, so integer columns may be
 * numeric strings (as WordPress exports them), times may be UTC `YYYY-MM-DD HH:mm:ss` or ISO 8601 with an offset
 * (stored as UTC), and columns the reports do not need have defaults. Anything else is an error naming the row and
 * the column.
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

  private has(column: string): boolean {
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
    return formatUtc(ms);
  }
}

function readTable<T>(
  input: Record<string, unknown>,
  table: string,
  errors: string[],
  read: (reader: RowReader) => T,
): T[] {
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

function readBooking(reader: RowReader): BookingRow {
  const id = reader.int('id');
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
    host_user_id: reader.int('host_user_id'),
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
    user_id: reader.int('user_id'),
    title: reader.text('title'),
    duration: reader.int('duration', 30),
    event_type: reader.oneOf('event_type', EVENT_TYPES, 'single'),
    status: reader.text('status', 'active'),
  };
}

function readCalendar(reader: RowReader): CalendarRow {
  return {
    id: reader.int('id'),
    user_id: reader.int('user_id'),
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
    created_by: reader.nullableInt('created_by'),
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
    ID: reader.int('ID'),
    display_name: reader.text('display_name'),
    user_email: reader.text('user_email', ''),
    role: reader.oneOf('role', ROLES, 'host'),
  };
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
  const known = new Set(['users', 'calendars', 'events', 'bookings', 'activities']);
  for (const key of Object.keys(tables)) {
    if (!known.has(key)) errors.push(`${key}: unknown table (expected ${[...known].join(', ')})`);
  }
  const data: SiteData = {
    users: readTable(tables, 'users', errors, readUser),
    calendars: readTable(tables, 'calendars', errors, readCalendar),
    events: readTable(tables, 'events', errors, readEvent),
    bookings: readTable(tables, 'bookings', errors, readBooking),
    activities: readTable(tables, 'activities', errors, readActivity),
  };
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
