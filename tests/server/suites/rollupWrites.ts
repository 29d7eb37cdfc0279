/**
 * What the rollups' trigger tests of both engines share (`tests/server/rollups.test.ts`, `tests/mariadb/rollups.test.ts`):
 * random writes to the bookings table as SQL another connection sends, and the check that the overview answered from
 * the database is the report engine's on whole-day, ragged and all-time windows, for an administrator and a host.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { BookingRow } from '../../../src/data/schema';
import { handleReportsRequest } from '../../../src/engine';
import type { ReportSettings } from '../../../src/engine';
import type { ReportsDatabase } from '../../../server/db/tables';
import { answerReports } from '../../../server/reports/answers';
import { booking, site } from '../support';

/** Guests that differ only by case, spaces or an accent: the guest key tells apart only the accent. */
export const EMAILS = ['a@x.io', 'A@x.io ', 'b@x.io', ' B@X.IO', 'c@x.io', 'josé@x.io', 'jose@x.io'] as const;
/** Times at day edges and equal ones, so chains order by id too. */
export const TIMES = [
  '2025-03-01 00:00:00',
  '2025-03-01 23:59:59',
  '2025-03-02 10:00:00',
  '2025-03-02 10:00:00',
  '2025-03-05 08:30:00',
  '2025-03-31 22:59:59',
  '2025-04-01 00:00:00',
] as const;
const STATUSES = ['scheduled', 'completed', 'cancelled', 'rejected', 'no_show'] as const;

/** One write to the bookings table. */
export const write = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    id: fc.integer({ min: 1, max: 40 }),
    email: fc.constantFrom(...EMAILS),
    host: fc.constantFrom(2, 3),
    created: fc.constantFrom(...TIMES),
    end: fc.constantFrom(...TIMES),
    status: fc.constantFrom(...STATUSES),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    id: fc.integer({ min: 1, max: 40 }),
    column: fc.constantFrom('email', 'host_user_id', 'created_at', 'end_time', 'status', 'id'),
    email: fc.constantFrom(...EMAILS),
    host: fc.constantFrom(2, 3),
    time: fc.constantFrom(...TIMES),
    status: fc.constantFrom(...STATUSES),
    newId: fc.integer({ min: 41, max: 60 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 60 }) }),
);
export type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

/**
 * `or ignore` on SQLite, so that a write that would take a taken id does nothing; nothing on MySQL/MariaDB, where the
 * caller skips the duplicate-key error instead: MariaDB 10.11 fires `AFTER UPDATE` triggers even for a row that
 * `UPDATE IGNORE` left alone on a duplicate key (the rollups' trigger then fails the statement on the same id).
 */
const orIgnore = (dialect: 'sqlite' | 'mysql'): string => (dialect === 'sqlite' ? 'or ignore ' : '');

/** An insert of a whole row into `wp_fcal_bookings` (see {@link orIgnore} for a taken id). */
export function insertStatement(row: object, dialect: 'sqlite' | 'mysql'): [string, unknown[]] {
  const columns = Object.keys(row);
  return [
    `insert ${orIgnore(dialect)}into wp_fcal_bookings (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    Object.values(row),
  ];
}

/** The SQL of one write, with its parameters (see {@link orIgnore} for a taken id). */
export function writeStatement(change: Write, dialect: 'sqlite' | 'mysql'): [string, unknown[]] {
  if (change.kind === 'delete') return ['delete from wp_fcal_bookings where id = ?', [change.id]];
  if (change.kind === 'insert') {
    const row = booking({
      id: change.id,
      email: change.email,
      host_user_id: change.host,
      created_at: change.created,
      end_time: change.end,
      start_time: change.end,
      status: change.status,
    });
    return insertStatement(row, dialect);
  }
  const value = {
    email: change.email,
    host_user_id: change.host,
    created_at: change.time,
    end_time: change.time,
    status: change.status,
    id: change.newId,
  }[change.column];
  return [
    `update ${orIgnore(dialect)}wp_fcal_bookings set ${change.column} = ? where id = ?`,
    [value, change.id],
  ];
}

/** The starting bookings of both tests: five, three guests among them. */
export const STARTING_BOOKINGS: BookingRow[] = [1, 2, 3, 4, 5].map((id) =>
  booking({ id, created_at: TIMES[id] ?? TIMES[0], email: EMAILS[id % 3] }),
);

const SETTINGS: ReportSettings = {
  timezone: 'Europe/Berlin',
  startOfWeek: 1,
  now: Date.parse('2025-04-02T12:00:00Z'),
};

/**
 * Expects the overview the database answers (`db`, its rollups in use) to be the engine's over `bookings`: all time,
 * a month (whole days and ragged ends in Berlin) and two days, for an administrator and for host 2.
 */
export async function expectEngineOverviews(
  db: Kysely<ReportsDatabase>,
  bookings: BookingRow[],
): Promise<void> {
  const data = site(bookings);
  for (const query of [
    '',
    'startTime=2025-03-01&endTime=2025-03-31',
    'startTime=2025-03-02&endTime=2025-03-03',
  ]) {
    for (const viewer of [
      { role: 'administrator', userId: 1 },
      { role: 'host', userId: 2 },
    ] as const) {
      const params = new URLSearchParams(query);
      const answered = await answerReports(db, params, SETTINGS, viewer);
      const expected = handleReportsRequest(data, 'reports', params, SETTINGS, viewer);
      expect(answered.ok ? answered.value : answered.error, `${query || 'all time'}, ${viewer.role}`).toEqual(
        expected.body,
      );
    }
  }
}
