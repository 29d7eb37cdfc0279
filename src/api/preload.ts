/**
 * First answers the host page embedded, as WordPress's `rest_preload_api_request()` makes them: an object keyed by
 * each request's path and query (`/fluent-booking/v2/reports?startTime=…&endTime=…`), each value holding the
 * response `body`. The client serves a request from it once, instead of sending it, when path and query match.
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

/**
 * Indexes a host's preloaded answers. Keys that are no path, and entries without a body, are ignored.
 *
 * @param answers the host's `preloaded` option.
 */
export function createPreloadCache(answers: PreloadedAnswers | undefined): PreloadCache {
  const entries = Object.entries(answers ?? {}).flatMap(([key, answer]) => {
    if (!answer || typeof answer !== 'object' || !('body' in answer)) return [];
    const mark = key.indexOf('?');
    const path = (mark < 0 ? key : key.slice(0, mark)).replace(/\/+$/, '');
    const query = new URLSearchParams(mark < 0 ? '' : key.slice(mark + 1));
    const headers = headerMap(answer.headers);
    return [{ path, query: canonicalQuery(query), body: answer.body, headers, used: false }];
  });

  return {
    take(path, params) {
      // The namespace index is the namespace's own route (`/fluent-booking/v2`), the root of every other path.
      const route = path.replace(/^\/+|\/+$/g, '');
      const suffix = route === '' ? `/${REST_NAMESPACE}` : `/${route}`;
      const query = canonicalQuery(Object.entries(params));
      const entry = entries.find(
        (candidate) => !candidate.used && candidate.path.endsWith(suffix) && candidate.query === query,
      );
      if (!entry) return undefined;
      entry.used = true;
      return { body: entry.body, header: (name) => entry.headers.get(name.toLowerCase()) };
    },
  };
}
