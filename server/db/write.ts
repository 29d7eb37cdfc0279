/**
 * Writing rows: the demo seed, `--seed N` and `--import` all end here.
 *
 * Rows go in through Kysely in multi-row inserts inside transactions, so a million generated bookings stream in
 * without ever being held in memory at once. Given a site whose `db` is already a transaction, every function here
 * writes inside it instead of committing on its own (MySQL/MariaDB fills a new site in one transaction).
 */
import type { Insertable, Kysely } from 'kysely';
import type { BookingRow, SiteData, UserRole, UserRow } from '../../src/data/schema';
import type { SiteDatabase } from './connection';
import {
  createMysqlRollups,
  createSqliteRollups,
  dropMysqlRollups,
  dropSqliteRollups,
  mysqlHasRollups,
  sqliteHasRollups,
} from './rollups';
import type { ReportsDatabase } from './tables';

/** SQLite allows 32,766 bound values per statement; stay well under it. */
const MAX_BOUND_VALUES = 30_000;

/** Rows per transaction when streaming bookings: big enough to be fast, small enough to show progress. */
const BOOKINGS_PER_TRANSACTION = 10_000;

/** Runs `write` in a transaction of its own, or inside the caller's when `db` is one already. */
async function inTransaction(
  db: Kysely<ReportsDatabase>,
  write: (trx: Kysely<ReportsDatabase>) => Promise<void>,
): Promise<void> {
  if (db.isTransaction) return write(db);
  await db.transaction().execute(write);
}

/** Inserts rows of one table in statements small enough for SQLite's bound-value limit. */
async function insertRows<T extends keyof ReportsDatabase>(
  db: Kysely<ReportsDatabase>,
  table: T,
  rows: ReadonlyArray<Insertable<ReportsDatabase[T]>>,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / Object.keys(first).length));
  for (let offset = 0; offset < rows.length; offset += perStatement) {
    // Kysely cannot relate a generic table name to its row type; the signature above already checked the rows.
    const chunk = rows.slice(offset, offset + perStatement) as never;
    await db.insertInto(table).values(chunk).execute();
  }
}

/** WordPress keeps a user's roles PHP-serialized in `usermeta` under `${prefix}capabilities`. */
function serializeCapabilities(role: UserRole): string {
  return `a:1:{s:${role.length}:"${role}";b:1;}`;
}

/**
 * The role a `${prefix}capabilities` value grants: `administrator` when it holds that capability set, otherwise
 * `host` (anyone else who can log in to the reports hosts meetings). `undefined` when the value grants nothing.
 */
export function roleFromCapabilities(serialized: string | null | undefined): UserRole | undefined {
  if (!serialized) return undefined;
  const granted = [...serialized.matchAll(/s:\d+:"([^"]+)";b:1;/g)].map((match) => match[1]);
  if (granted.length === 0) return undefined;
  return granted.includes('administrator') ? 'administrator' : 'host';
}

/** Inserts users into `users` and their roles into `usermeta`. */
async function insertUsers(site: SiteDatabase, users: readonly UserRow[]): Promise<void> {
  if (users.length === 0) return;
  await insertRows(
    site.db,
    'users',
    users.map((user) => ({
      ID: user.ID,
      user_login: user.user_email.split('@')[0] || `user${user.ID}`,
      display_name: user.display_name,
      user_email: user.user_email,
    })),
  );
  await site.db
    .insertInto('usermeta')
    .values(
      users.map((user) => ({
        user_id: user.ID,
        meta_key: `${site.prefix}capabilities`,
        meta_value: serializeCapabilities(user.role),
      })),
    )
    .execute();
}

/**
 * Above this many bookings, a bulk write outside a transaction drops the rollups and fills them afresh afterwards
 * (`rollups.ts`): one fill is several times faster than the triggers row by row (at 100k bookings on MariaDB, about
 * 60 s of triggers), while a small write keeps them through the triggers, as any other write does.
 */
const REFILL_ROLLUPS_ABOVE = 10_000;

/**
 * Runs a bulk write with the rollups dropped and filled afresh after it, when the site has them and `db` is no
 * transaction (in a caller's transaction, a build's fill, the triggers keep them: DDL would commit it on MySQL).
 */
async function withRollupsRefilled<T>(site: SiteDatabase, write: () => Promise<T>): Promise<T> {
  if (site.db.isTransaction) return write();
  if (site.dialect === 'sqlite') {
    const refill = sqliteHasRollups(site);
    if (refill) dropSqliteRollups(site);
    try {
      return await write();
    } finally {
      if (refill) createSqliteRollups(site);
    }
  }
  const names = { now: (name: string) => `${site.prefix}${name}`, prefix: site.prefix };
  const refill = await mysqlHasRollups(site.db, site.prefix);
  if (refill) await dropMysqlRollups(site.db, names);
  try {
    return await write();
  } finally {
    if (refill) await createMysqlRollups(site.db, names);
  }
}

/** Inserts a whole site's rows in one transaction. The tables should be empty (ids are kept as given). */
export async function insertSiteData(site: SiteDatabase, data: SiteData): Promise<void> {
  const write = () =>
    inTransaction(site.db, async (trx) => {
      await insertUsers({ ...site, db: trx }, data.users);
      await insertRows(trx, 'fcal_calendars', data.calendars);
      await insertRows(trx, 'fcal_calendar_events', data.events);
      await insertRows(trx, 'fcal_bookings', data.bookings);
      await insertRows(trx, 'fcal_booking_activity', data.activities);
    });
  if (data.bookings.length > REFILL_ROLLUPS_ABOVE) await withRollupsRefilled(site, write);
  else await write();
}

/**
 * Streams bookings into the table, one transaction per {@link BOOKINGS_PER_TRANSACTION} rows (or all of them in the
 * caller's transaction), the rollups filled once afterwards (see {@link withRollupsRefilled}).
 * @param site The database.
 * @param bookings Any iterable of rows, e.g. the generator's `generateBookings()`.
 * @param onProgress Called after each committed transaction with the number of rows written so far.
 * @returns How many rows were written.
 */
export async function insertBookingStream(
  site: SiteDatabase,
  bookings: Iterable<BookingRow>,
  onProgress?: (written: number) => void,
): Promise<number> {
  return withRollupsRefilled(site, () => streamBookings(site, bookings, onProgress));
}

async function streamBookings(
  site: SiteDatabase,
  bookings: Iterable<BookingRow>,
  onProgress?: (written: number) => void,
): Promise<number> {
  let batch: BookingRow[] = [];
  let written = 0;
  const flush = async (): Promise<void> => {
    const rows = batch;
    batch = [];
    await inTransaction(site.db, (trx) => insertRows(trx, 'fcal_bookings', rows));
    written += rows.length;
    onProgress?.(written);
  };
  for (const booking of bookings) {
    batch.push(booking);
    if (batch.length >= BOOKINGS_PER_TRANSACTION) await flush();
  }
  if (batch.length > 0) await flush();
  return written;
}
