// @vitest-environment node
/**
 * The rollups' triggers (`server/db/rollups.ts`): after any mix of inserts, updates and deletes, made by another
 * connection to the file as another process would, the three rollup tables hold exactly what filling them afresh from
 * the bookings gives, and the overview answered from them is the report engine's.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookingRow } from '../../src/data/schema';
import { handleReportsRequest } from '../../src/engine';
import type { ReportSettings } from '../../src/engine';
import type { SqliteSiteDatabase } from '../../server/db/connection';
import { createSqliteRollups, dropSqliteRollups, sqliteHasRollups } from '../../server/db/rollups';
import { answerReports } from '../../server/reports/answers';
import { booking, createTestDatabase, site } from './support';

const EMAILS = ['a@x.io', 'A@x.io ', 'b@x.io', ' B@X.IO', 'c@x.io', 'josé@x.io', 'jose@x.io'] as const;
const TIMES = [
  '2025-03-01 00:00:00',
  '2025-03-01 23:59:59',
  '2025-03-02 10:00:00',
  '2025-03-02 10:00:00',
  '2025-03-05 08:30:00',
  '2025-03-31 22:59:59',
  '2025-04-01 00:00:00',
] as const;
const STATUSES = ['scheduled', 'completed', 'cancelled', 'rejected', 'no_show'] as const;

/** One write to the bookings table, as SQL another connection runs. */
const write = fc.oneof(
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
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

function apply(other: Database.Database, change: Write): void {
  if (change.kind === 'delete') {
    other.prepare('delete from wp_fcal_bookings where id = ?').run(change.id);
    return;
  }
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
    const columns = Object.keys(row);
    other
      .prepare(
        `insert or ignore into wp_fcal_bookings (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      )
      .run(...Object.values(row));
    return;
  }
  const value = {
    email: change.email,
    host_user_id: change.host,
    created_at: change.time,
    end_time: change.time,
    status: change.status,
    id: change.newId,
  }[change.column];
  other
    .prepare(`update or ignore wp_fcal_bookings set ${change.column} = ? where id = ?`)
    .run(value, change.id);
}

/** The rollup tables' rows, without the rows that count nothing (the triggers leave those behind). */
function rollupRows(site: SqliteSiteDatabase): unknown {
  const all = (query: string): unknown[] => site.sqlite.prepare(query).all();
  return {
    days: all(
      'select * from wp_br_booking_days where booked <> 0 or completed <> 0 or cancelled <> 0 order by day, host_user_id',
    ),
    visits: all('select * from wp_br_guest_bookings order by id'),
    guests: all('select * from wp_br_guests where guests <> 0 order by host_user_id'),
  };
}

const SETTINGS: ReportSettings = {
  timezone: 'Europe/Berlin',
  startOfWeek: 1,
  now: Date.parse('2025-04-02T12:00:00Z'),
};

describe('rollups kept by triggers', () => {
  it('equal a fresh fill after any writes by another connection, and answer as the engine does', async () => {
    const { site: database, cleanUp } = await createTestDatabase(
      site(
        [1, 2, 3, 4, 5].map((id) =>
          booking({ id, created_at: TIMES[id] ?? TIMES[0], email: EMAILS[id % 3] }),
        ),
      ),
    );
    try {
      expect(sqliteHasRollups(database)).toBe(true);
      const other = new Database(database.sqlite.name);
      const before = other.prepare('select * from wp_fcal_bookings').all();
      await fc.assert(
        fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 40 }), async (changes) => {
          other.exec('delete from wp_fcal_bookings');
          // The starting rows again, through the triggers.
          for (const row of before as Record<string, unknown>[]) {
            const columns = Object.keys(row);
            other
              .prepare(
                `insert into wp_fcal_bookings (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
              )
              .run(...Object.values(row));
          }
          for (const change of changes) apply(other, change);
          const kept = rollupRows(database);
          const data = site(other.prepare('select * from wp_fcal_bookings').all() as BookingRow[]);
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
              const answered = await answerReports(database.db, params, SETTINGS, viewer);
              const expected = handleReportsRequest(data, 'reports', params, SETTINGS, viewer);
              expect(answered.ok ? answered.value : answered.error).toEqual(expected.body);
            }
          }
          dropSqliteRollups(database);
          createSqliteRollups(database);
          expect(kept).toEqual(rollupRows(database));
        }),
        { numRuns: 300 },
      );
      other.close();
    } finally {
      await database.close();
      cleanUp();
    }
  }, 60_000);
});
