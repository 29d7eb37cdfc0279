/**
 * The report endpoints' response cache: a dashboard reloaded by ten administrators costs one set of queries.
 *
 * An answer is a function of the viewer's scope, the endpoint, the query as the engine reads it, the site's timezone
 * and start of week, the database's rows and "now". The key holds the first five (and the graph's local day,
 * `nowKeyOf`); an entry holds the data version it was computed at and the span of instants it holds for
 * (`TimedResult`), and is served only for a request that reads the same version and whose now is in that span. So an
 * entry is never served after a change, nor at an instant where the same rows would answer otherwise.
 *
 * The data version is read for every request, before the answer is looked up or computed ({@link dataVersionOf}):
 * rows a computation reads are at least as new as the version it is stored under, and a change committed before a
 * request arrives gives that request another version. Where no version can be read for sure, nothing is cached.
 *
 * Only bodies are kept (the JSON text, sent as it is); every response gets its own nonce and headers. Errors are not
 * kept: a failed computation is shared only by the identical requests that were waiting for it.
 */
import type { Statement } from 'better-sqlite3';
import { sql } from 'kysely';
import type { Result, Viewer } from '../../src/engine';
import type { SiteDatabase } from '../db/connection';
import { TABLE_NAMES } from '../db/tables';
import type { TimedResult } from './answers';

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** Most answers kept; the least recently used goes first. @default 500 */
  maxEntries?: number;
  /** Most bytes of JSON (UTF-8) kept in all. @default 32 MiB */
  maxBytes?: number;
}

/** A cached or computed answer: the JSON text of a success, or the error to send. */
export type CachedAnswer = Result<string>;

interface Entry {
  version: string;
  from: number;
  until: number;
  body: string;
  bytes: number;
}

interface Flight {
  version: string;
  answer: Promise<TimedResult<string>>;
}

const holds = (entry: { version: string; from: number; until: number }, version: string, now: number) =>
  entry.version === version && entry.from <= now && now < entry.until;

/** Whose answer it is: every administrator sees the same rows, a host only their own. */
export function scopeOf(viewer: Viewer): string {
  return viewer.role === 'administrator' ? 'all' : `host:${viewer.userId}`;
}

/**
 * The cache key of an answer. The query is the engine's own reading of the raw query string serialized again:
 * two raw strings that parse to the same parameters get one key, and a key parses back to exactly those parameters.
 */
export function answerKey(parts: {
  endpoint: string;
  viewer: Viewer;
  params: URLSearchParams;
  timezone: string;
  startOfWeek: number;
  nowKey: string;
}): string {
  return [
    parts.endpoint,
    scopeOf(parts.viewer),
    parts.timezone,
    String(parts.startOfWeek),
    parts.nowKey,
    parts.params.toString(),
  ].join('\n');
}

/**
 * An LRU of answer bodies with single-flight computation: concurrent identical requests at the same data version
 * share one computation.
 */
export class ResponseCache {
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  /** In use order: the first is the least recently used. */
  readonly #entries = new Map<string, Entry>();
  readonly #flights = new Map<string, Flight>();
  #bytes = 0;
  /** The last version seen: entries of another are never served again, so a new one empties the cache. */
  #version: string | undefined;

  /** @param options Bounds; see {@link ResponseCacheOptions}. */
  constructor(options: ResponseCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 500;
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  /** Answers kept now. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The answer for `key`: kept, being computed by an identical request, or computed now.
   * @param key See {@link answerKey}.
   * @param version The data version read for this request; `null` computes without the cache.
   * @param now The request's now (epoch ms), which the answer must hold for.
   * @param compute The answer's computation, with the span of instants it holds for.
   */
  async answer(
    key: string,
    version: string | null,
    now: number,
    compute: () => Promise<TimedResult<unknown>>,
  ): Promise<CachedAnswer> {
    if (version === null) return serialized(await compute()).result;
    if (version !== this.#version) {
      this.#version = version;
      this.#entries.clear();
      this.#bytes = 0;
    }
    const entry = this.#entries.get(key);
    if (entry && holds(entry, version, now)) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return { ok: true, value: entry.body };
    }
    const flight = this.#flights.get(key);
    if (flight?.version === version) {
      const shared = await flight.answer;
      // It was computed for the now of the request that started it; for a later one it may have run out.
      if (holds({ version, ...shared }, version, now)) return shared.result;
    }
    const answer = compute().then(serialized);
    const own: Flight = { version, answer };
    this.#flights.set(key, own);
    try {
      const computed = await answer;
      if (computed.result.ok && version === this.#version) {
        const body = computed.result.value;
        const { from, until } = computed;
        this.#store(key, { version, from, until, body, bytes: Buffer.byteLength(body) });
      }
      return computed.result;
    } finally {
      if (this.#flights.get(key) === own) this.#flights.delete(key);
    }
  }

  #store(key: string, entry: Entry): void {
    if (entry.bytes > this.#maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) {
      this.#bytes -= previous.bytes;
      this.#entries.delete(key);
    }
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const [oldKey, old] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldKey);
      this.#bytes -= old.bytes;
    }
  }
}

/** A success's value as the JSON text sent (what Fastify's default serializer would send for it). */
function serialized(timed: TimedResult<unknown>): TimedResult<string> {
  const { result } = timed;
  return {
    ...timed,
    result: result.ok ? { ok: true, value: JSON.stringify(result.value) } : result,
  };
}

/**
 * How the data version of a site is read, for every request; it resolves to `null` when no version can be trusted,
 * and then nothing is cached.
 *
 * - SQLite: `PRAGMA data_version` of the main connection, which changes whenever another connection (another
 *   process: an import, a seed, the booking plugin's own writes) commits, together with `total_changes()`, the rows
 *   this connection itself inserted, updated or deleted. The report readers only read, so they commit nothing. While
 *   this connection is inside a transaction its changes are counted but not committed (the readers do not see them
 *   yet), so the version is `null` until the transaction ends. Both are read from the connection's page cache: no
 *   table is touched.
 * - MariaDB: InnoDB's log sequence number (`Innodb_lsn_current`), which grows with every change written to any
 *   InnoDB table of the server before the change becomes visible, with a check that the site's tables are InnoDB
 *   (a change to a MyISAM or Aria table writes no log). It changes more often than the reports' rows do (any write on
 *   the server), which costs a computation, never a stale answer. MySQL has no such status variable (its LSN needs the
 *   PROCESS privilege, its tables' `UPDATE_TIME` has whole seconds and is cached for a day), so there it is `null`.
 */
export function dataVersionOf(site: SiteDatabase): () => Promise<string | null> {
  if (site.dialect === 'sqlite') {
    const { sqlite } = site;
    let dataVersion: Statement | undefined;
    let totalChanges: Statement | undefined;
    return async () => {
      if (!sqlite.open || sqlite.inTransaction) return null;
      dataVersion ??= sqlite.prepare('pragma data_version').pluck();
      totalChanges ??= sqlite.prepare('select total_changes()').pluck();
      return `${String(dataVersion.get())}:${String(totalChanges.get())}`;
    };
  }
  const tables = TABLE_NAMES.map((name) => `${site.prefix}${name}`);
  let supported = true;
  return async () => {
    if (!supported) return null;
    const { rows } = await sql<{ lsn: string | null; innodb: number | string }>`
      select
        (select variable_value from information_schema.global_status
          where variable_name = 'INNODB_LSN_CURRENT') as lsn,
        (select count(*) from information_schema.tables
          where table_schema = database() and table_name in (${sql.join(tables)}) and engine = 'InnoDB') as innodb
    `.execute(site.db);
    const row = rows[0];
    if (!row || row.lsn === null || row.lsn === undefined) {
      // No such variable (MySQL): it will not appear later, so the question is not asked again.
      supported = false;
      return null;
    }
    return Number(row.innodb) === tables.length ? String(row.lsn) : null;
  };
}
