/**
 * Telling "the database cannot answer right now" apart from a bug: the first is a 503 the client may retry, and the
 * server keeps running and reconnects by itself; the second stays a 500.
 */

/** Error codes (mysql2, Node's sockets, better-sqlite3) that mean the database is down, unreachable or too slow. */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  // The network and the connection.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  // SQLite: another process holds the file, or the disk failed.
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

/**
 * MySQL/MariaDB server error numbers (mysql2 names only some of them): shutting down (1053), full (1040, 1203),
 * waiting on locks (1205, 1213), or stopping a statement that ran past its time limit (1317 interrupted, MySQL 3024,
 * MariaDB 1969).
 */
const UNAVAILABLE_ERRNOS: ReadonlySet<number> = new Set([1040, 1053, 1203, 1205, 1213, 1317, 1969, 3024]);

/** Errors without a code that mean the pool is gone because the server is shutting down. */
const CLOSED_POOL_MESSAGES: readonly string[] = ['Pool is closed.', 'driver has already been destroyed'];

/**
 * Whether an error thrown by a query means the database is unavailable (down, unreachable, overloaded, or a query
 * ran out of time), as opposed to a mistake in the query.
 * @param error Anything a Kysely query rejected with.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno, fatal, errors } = error as {
    code?: unknown;
    errno?: unknown;
    fatal?: unknown;
    errors?: unknown;
  };
  // mysql2 marks every error that broke the connection itself as fatal.
  if (fatal === true) return true;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR')))
    return true;
  if (typeof errno === 'number' && UNAVAILABLE_ERRNOS.has(errno)) return true;
  const { message } = error as { message?: unknown };
  if (typeof message === 'string' && CLOSED_POOL_MESSAGES.includes(message)) return true;
  // A host name with several addresses fails with one error per address.
  return Array.isArray(errors) && errors.some(isDatabaseUnavailable);
}
