/**
 * What a server does at start instead of on its first report request: open the connections the report reads go
 * through (on SQLite, each reader thread's own, `db/sqliteReaders.ts`; on MySQL/MariaDB, the pool's) with their schema
 * read, and find out how the bookings table is read (`bookingsAccess`: its indexes, whether it has rollups), which the
 * report queries otherwise ask on the first request. No answer is computed or kept: only what every request would
 * pay for once.
 */
import { sql } from 'kysely';
import type { SiteDatabase } from '../db/connection';
import { bookingsAccess } from './queries';

/**
 * Opens the report reads' connections and learns the bookings table's access, before the server listens.
 * @param site The open site database, its schema made.
 * @param connections How many reads to run at once: the reader threads the SQLite site was opened with (each takes
 * one, the pool handing a read to an idle thread first), or the MySQL/MariaDB pool's size (each read opens one).
 * @returns When the connections are open; rejects when the database does not answer (nothing is left half done: a
 * later request asks again).
 */
export async function warmUp(site: SiteDatabase, connections: number): Promise<void> {
  // A statement naming the bookings table, so that each connection also reads the schema; `limit 0` reads no row.
  const touch = () => sql`select 1 from ${sql.table('fcal_bookings')} limit 0`.execute(site.reads);
  await Promise.all(Array.from({ length: Math.max(1, connections) }, touch));
  await bookingsAccess(site.reads);
}
