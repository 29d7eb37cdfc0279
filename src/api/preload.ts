/**
 * First answers the host page embedded, as WordPress's `rest_preload_api_request()` makes them: an object keyed by
 * each request's path and query (`/fluent-booking/v2/reports?startTime=…&endTime=…`), each value holding the
 * response `body`. The client serves a request from it once, instead of sending it, when path and query match. And
 * the requests a host page sent itself before the dashboard's script ran (`EarlyRequests`), found by the same rule.
 */
import { REST_NAMESPACE } from './contract';
import type { QueryParams } from './endpoints';

/**
 * What `array_reduce( $paths, 'rest_preload_api_request', array() )` gives, after `wp_json_encode`: each answer's
 * `body` and the `headers` the route's response set (WordPress records them; the headers the server adds on the
 * way out, such as `X-WP-Nonce`, are not among them).
 */
export type PreloadedAnswers = Record<string, { body?: unknown; headers?: unknown } | undefined>;

/** One preloaded answer as the client takes it. */
export interface PreloadedAnswer {
  /** The response body. */
  body: unknown;
  /** A recorded header by case-insensitive name; `undefined` when absent, empty or not text. */
  header(name: string): string | undefined;
}

/** The text headers of a preloaded answer, by lower-case name. */
function headerMap(headers: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return map;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' && value !== '') map.set(name.toLowerCase(), value);
  }
  return map;
}

/** The preloaded answers of one app instance, each taken at most once. */
export interface PreloadCache {
  /**
   * Removes and returns the body preloaded for a request, or `undefined` when none was (or it was used already).
   *
   * @param path the endpoint's path relative to the REST root, e.g. `reports/graph-reports`; `''` for the namespace
   *   index.
   * @param params the query the request would send.
   */
  take(path: string, params: QueryParams): PreloadedAnswer | undefined;
}

/** Query parameters as one comparable string: decoded, sorted, so `%20`, `+` and the order make no difference. */
function canonicalQuery(params: Iterable<[string, string]>): string {
  return JSON.stringify(
    [...params].sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b))),
  );
}

/** A key as `rest_preload_api_request()` writes it (`/fluent-booking/v2/reports?startTime=…`), as path and query. */
function routeOfKey(key: string): { path: string; query: string } {
  const mark = key.indexOf('?');
  return {
    path: (mark < 0 ? key : key.slice(0, mark)).replace(/\/+$/, ''),
    query: canonicalQuery(new URLSearchParams(mark < 0 ? '' : key.slice(mark + 1))),
  };
}

/**
 * Entries keyed by request, each taken at most once: the one rule by which a request finds what the page made for it
 * ahead (its path's end and its decoded, sorted query).
 */
function takeOnce<T>(
  entries: readonly { key: string; value: T }[],
): (path: string, params: QueryParams) => T | undefined {
  const indexed = entries.map((entry) => ({ ...routeOfKey(entry.key), value: entry.value, used: false }));
  return (path, params) => {
    // The namespace index is the namespace's own route (`/fluent-booking/v2`), the root of every other path.
    const route = path.replace(/^\/+|\/+$/g, '');
    const suffix = route === '' ? `/${REST_NAMESPACE}` : `/${route}`;
    const query = canonicalQuery(Object.entries(params));
    const entry = indexed.find(
      (candidate) => !candidate.used && candidate.path.endsWith(suffix) && candidate.query === query,
    );
    if (!entry) return undefined;
    entry.used = true;
    return entry.value;
  };
}

/**
 * Indexes a host's preloaded answers. Keys that are no path, and entries without a body, are ignored.
 *
 * @param answers the host's `preloaded` option.
 */
export function createPreloadCache(answers: PreloadedAnswers | undefined): PreloadCache {
  const take = takeOnce(
    Object.entries(answers ?? {}).flatMap(([key, answer]) => {
      if (!answer || typeof answer !== 'object' || !('body' in answer)) return [];
      const headers = headerMap(answer.headers);
      const value: PreloadedAnswer = { body: answer.body, header: (name) => headers.get(name.toLowerCase()) };
      return [{ key, value }];
    }),
  );
  return { take };
}

/**
 * An answer to a request the host page sent itself, before the dashboard's script ran (the plugin's pages do, when
 * they preload nothing): its status, its headers by lower-case name, and its body as text.
 */
export interface EarlyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The host page's early requests, keyed as {@link PreloadedAnswers} are (path and query): each value the promise of
 * its answer, `undefined` when the request failed on the way (the dashboard then sends its own).
 */
export type EarlyRequests = Record<string, Promise<EarlyAnswer | undefined> | undefined>;

/** The early requests of one app instance, each taken at most once. */
export interface EarlyCache {
  /**
   * Removes and returns the answer on its way for a request, or `undefined` when the page sent none (or it was taken).
   *
   * @param path the endpoint's path relative to the REST root; `''` for the namespace index.
   * @param params the query the request would send.
   */
  take(path: string, params: QueryParams): Promise<EarlyAnswer | undefined> | undefined;
}

/**
 * Indexes a host's early requests. Entries that are no promise are ignored; a promise that rejects counts as no
 * answer.
 *
 * @param early the host's `early` option.
 */
export function createEarlyCache(early: EarlyRequests | undefined): EarlyCache {
  const take = takeOnce(
    Object.entries(early ?? {}).flatMap(([key, answer]) =>
      answer && typeof (answer as Promise<unknown>).then === 'function'
        ? [{ key, value: Promise.resolve(answer).catch(() => undefined) }]
        : [],
    ),
  );
  return { take };
}
