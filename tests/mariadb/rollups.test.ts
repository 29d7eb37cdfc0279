/**
 * The rollups' triggers on MariaDB (`server/db/rollups.ts`), as `tests/server/rollups.test.ts` checks them on SQLite:
 * after any mix of inserts, updates and deletes sent by another connection, the rollup tables hold exactly what
 * filling them afresh gives, and the overview answered from them is the report engine's.
 */
import fc from 'fast-check';
import { createConnection } from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BookingRow } from '../../src/data/schema';
import type { MysqlSiteDatabase } from '../../server/db/connection';
import { createMysqlRollups, dropMysqlRollups, mysqlHasRollups } from '../../server/db/rollups';
import { createSchema } from '../../server/db/schema';
import { insertSiteData } from '../../server/db/write';
import { bookingsAccess } from '../../server/reports/queries';
import { site } from '../server/support';
import {
  STARTING_BOOKINGS,
  expectEngineOverviews,
  insertStatement,
  write,
  writeStatement,
} from '../server/suites/rollupWrites';
import { createDatabase, dropDatabase, openSite } from './support';

const mariadb = inject('mariadb');
const names = { now: (name: string) => `wp_${name}`, prefix: 'wp_' };

let database: string;
let owner: MysqlSiteDatabase;
let other: Connection;

beforeAll(async () => {
  database = await createDatabase(mariadb);
  owner = openSite(mariadb, 'owner', database, { prefix: 'wp_' });
  await createSchema(owner);
  await insertSiteData(owner, site(STARTING_BOOKINGS));
  other = await createConnection({ uri: `${mariadb.ownerUrl}/${database}`, dateStrings: true });
});

afterAll(async () => {
  await other?.end();
  await owner?.close();
  await dropDatabase(mariadb, database);
});

/** The rollup tables' rows, without the rows that count nothing (the triggers leave those behind). */
async function rollupRows(): Promise<unknown> {
  const all = async (query: string): Promise<unknown> => (await other.query(query))[0];
  return {
    days: await all(
      'select * from wp_br_booking_days where booked <> 0 or completed <> 0 or cancelled <> 0 order by day, host_user_id',
    ),
    visits: await all('select * from wp_br_guest_bookings order by id'),
    guests: await all('select * from wp_br_guests where guests <> 0 order by host_user_id'),
  };
}

describe('rollups kept by triggers (MariaDB)', () => {
  it('equal a fresh fill after any writes by another connection, and answer as the engine does', async () => {
    expect(await mysqlHasRollups(owner.db, 'wp_')).toBe(true);
    expect(await bookingsAccess(owner.db)).toBe('rollups');
    // A read-only account sees no triggers (information_schema shows them only to who may change them), so it cannot
    // tell the rollups are kept, and counts by index searches instead.
    const reader = openSite(mariadb, 'reader', database, { prefix: 'wp_' });
    try {
      expect(await bookingsAccess(reader.db)).toBe('search');
    } finally {
      await reader.close();
    }
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 40 }), async (changes) => {
        await other.query('delete from wp_fcal_bookings');
        for (const row of STARTING_BOOKINGS) await other.query(...insertStatement(row, 'mysql'));
        for (const change of changes) await skippingTakenIds(other.query(...writeStatement(change, 'mysql')));
        const kept = await rollupRows();
        const [bookings] = await other.query('select * from wp_fcal_bookings');
        await expectEngineOverviews(owner.db, (bookings as BookingRow[]).map(asBookingRow));
        await dropMysqlRollups(owner.db, names);
        await createMysqlRollups(owner.db, names);
        expect(kept).toEqual(await rollupRows());
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

/** Runs a write, doing nothing when it would take a taken id (the statement is then undone, triggers and all). */
async function skippingTakenIds(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_DUP_ENTRY') throw error;
  }
}

/** A row as MariaDB sends it (ids as numbers, times as strings with `dateStrings`), as the engine reads a booking. */
function asBookingRow(row: BookingRow): BookingRow {
  return { ...row, parent_id: row.parent_id === null ? null : Number(row.parent_id) };
}
