/**
 * One worker thread of the SQLite report reads (`sqliteReaders.ts`): a read-only connection of its own to the site's
 * file, running the SQL that Kysely compiled on the main thread and handing back the rows. Plain JavaScript, so Node
 * loads it as it is, under tsx, under vitest and in production alike.
 */
import Database from 'better-sqlite3';
import { workerData } from 'piscina';

/** Prepared statements kept per SQL text; the report queries are a few dozen shapes. */
const MAX_STATEMENTS = 500;

/** Opened on the first query, so a thread that starts after its site was closed (and deleted) fails nothing. */
let connection;
const statements = new Map();

/**
 * Runs one compiled query.
 * @param {{ sql: string, parameters: readonly unknown[] }} query
 * @returns {unknown[]} The rows (none for a statement that returns none).
 */
export default function run({ sql, parameters }) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    connection ??= new Database(workerData.path, { readonly: true, fileMustExist: true });
    statement = connection.prepare(sql);
    statements.set(sql, statement);
  }
  if (!statement.reader) throw new Error('The report readers only read: this statement writes.');
  return statement.all(parameters);
}
