// @vitest-environment node
/**
 * The rollups' triggers (`server/db/rollups.ts`): after any mix of inserts, updates and deletes, made by another
 * connection to the file as another process would, the three rollup tables hold exactly what filling them afresh from
 * the bookings gives, and the overview answered from them is the report engine's. (`tests/mariadb/rollups.test.ts`
 * is the same on MariaDB.)
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookingRow } from '../../src/data/schema';
import type { SqliteSiteDatabase } from '../../server/db/connection';
import { createSqliteRollups, dropSqliteRollups, sqliteHasRollups } from '../../server/db/rollups';
import { bookingsAccess } from '../../server/reports/queries';
import { createTestDatabase, site } from './support';
import {
  STARTING_BOOKINGS,
  expectEngineOverviews,
  insertStatement,
  write,
  writeStatement,
} from './suites/rollupWrites';

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

describe('rollups kept by triggers', () => {
  it('equal a fresh fill after any writes by another connection, and answer as the engine does', async () => {
    const { site: database, cleanUp } = await createTestDatabase(site(STARTING_BOOKINGS));
    try {
      expect(sqliteHasRollups(database)).toBe(true);
      expect(await bookingsAccess(database.db)).toBe('rollups');
      const other = new Database(database.sqlite.name);
      await fc.assert(
        fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 40 }), async (changes) => {
          other.exec('delete from wp_fcal_bookings');
          // The starting rows again, through the triggers.
          for (const row of STARTING_BOOKINGS) {
            const [statement, values] = insertStatement(row, 'sqlite');
            other.prepare(statement).run(...values);
          }
          for (const change of changes) {
            const [statement, values] = writeStatement(change, 'sqlite');
            other.prepare(statement).run(...values);
          }
          const kept = rollupRows(database);
          await expectEngineOverviews(
            database.db,
            other.prepare('select * from wp_fcal_bookings').all() as BookingRow[],
          );
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
