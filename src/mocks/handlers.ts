/**
 * The one msw handler list of the project: the Reports API endpoints (and the namespace index) answered by the
 * report engine over generated data, as a WordPress site would answer them (WP_Error bodies, nonce checks, the
 * `X-WP-Nonce` header). `setupServer` uses it in tests (`./node.ts`) and `setupWorker` in the browser demo (`./browser.ts`).
 */
import { HttpResponse, delay, http, passthrough } from 'msw';
import type { HttpHandler } from 'msw';
import { CONTRACT_HEADER, CONTRACT_VERSION, endpointOf } from '../api/contract';
import type { WpError } from '../api/types';
import { generateSiteData } from '../data/generate';
import type { SiteData } from '../data/schema';
import { isValidTimezone } from '../lib/siteTime';
import { handleReportsRequest, wpError } from '../engine';
import type { ReportSettings, Viewer } from '../engine';

/** The REST root a WordPress site with pretty permalinks serves the plugin's namespace under. */
const DEFAULT_REST_URL = '/wp-json/fluent-booking/v2/';

/** The site the handlers pretend to be. */
export interface MockSiteOptions {
  /**
   * REST root the handlers answer under: a path (matched on any origin), an absolute URL (matched on its origin
   * only) or a plain-permalink root such as `/index.php?rest_route=/fluent-booking/v2/`. The trailing slash is
   * optional.
   * @default '/wp-json/fluent-booking/v2/'
   */
  restUrl?: string;
  /**
   * The site's tables.
   * @default generateSiteData({ seed: 1, now, timezone }), generated on the first request
   */
  data?: SiteData;
  /**
   * Site settings. Without `now` every request uses the current time, like a live site.
   * @default { timezone: 'Europe/Berlin', startOfWeek: 1, now: Date.now() }
   */
  settings?: Partial<ReportSettings>;
  /**
   * Who is logged in.
   * @default { userId: 1, role: 'administrator' }
   */
  viewer?: Viewer;
  /**
   * The valid `wp_rest` nonce. When set, a request without `X-WP-Nonce` gets 401 `rest_forbidden` and one with
   * another value 403 `rest_cookie_invalid_nonce`; responses to requests carrying it echo it in `X-WP-Nonce`.
   * @default undefined (no check, no header)
   */
  nonce?: string;
  /**
   * Artificial latency of every answer in milliseconds, so the demo shows its loading states.
   * @default 0
   */
  latencyMs?: number;
}

/** Where the REST root is: an optional origin, a path, and for plain permalinks the `rest_route` prefix. */
interface RestRoot {
  /** Only requests to this origin match; `undefined` for a path-only root. */
  origin: string | undefined;
  /** Path the routes follow (pretty permalinks) or the script path (plain permalinks), with a trailing slash for the former. */
  pathname: string;
  /** The `rest_route` prefix, with a trailing slash, for a plain-permalink root; otherwise `undefined`. */
  restRoute: string | undefined;
}

/** A request under the root: the route relative to it and the query the endpoint sees. */
interface RoutedRequest {
  route: string;
  params: URLSearchParams;
}

const withTrailingSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

function parseRestRoot(restUrl: string): RestRoot {
  const isAbsolute = /^[a-z][a-z\d+.-]*:\/\//i.test(restUrl);
  // The placeholder base only resolves a path-only root; its origin is never compared.
  const url = new URL(restUrl, 'http://rest-root.invalid');
  const restRoute = url.searchParams.get('rest_route');
  return {
    origin: isAbsolute ? url.origin : undefined,
    pathname: restRoute === null ? withTrailingSlash(url.pathname) : url.pathname,
    restRoute: restRoute === null ? undefined : withTrailingSlash(restRoute),
  };
}

/** The route and query of a request under `root`; `undefined` when the request is not for this REST root. */
function routeRequest(root: RestRoot, requestUrl: string): RoutedRequest | undefined {
  const url = new URL(requestUrl);
  if (root.origin !== undefined && url.origin !== root.origin) return undefined;
  const params = new URLSearchParams(url.search);
  if (root.restRoute !== undefined) {
    const restRoute = params.get('rest_route');
    if (url.pathname !== root.pathname || restRoute === null || !restRoute.startsWith(root.restRoute)) {
      return undefined;
    }
    params.delete('rest_route');
    return { route: restRoute.slice(root.restRoute.length), params };
  }
  if (!url.pathname.startsWith(root.pathname)) return undefined;
  return { route: decodeURIComponent(url.pathname.slice(root.pathname.length)), params };
}

/**
 * WordPress's cookie authentication: a wrong nonce fails every request before routing (403); a missing one leaves
 * the user logged out, which the reports routes refuse (401) while unknown routes still answer 404.
 */
function authenticationError(
  expected: string | undefined,
  sent: string | null,
  route: string,
): WpError | undefined {
  if (expected === undefined) return undefined;
  if (sent !== null && sent !== '') {
    return sent === expected ? undefined : wpError('rest_cookie_invalid_nonce', 'Cookie check failed', 403);
  }
  return endpointOf(route) !== undefined
    ? wpError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401)
    : undefined;
}

/**
 * The msw handlers of the Reports API: `GET` on every path under the REST root, answered by
 * `handleReportsRequest` of the report engine (so unknown routes get 404 `rest_no_route` and bad parameters 400
 * `rest_invalid_param`, as `WP_Error` JSON).
 *
 * @param options See {@link MockSiteOptions}.
 */
export function createReportsHandlers(options: MockSiteOptions = {}): HttpHandler[] {
  const root = parseRestRoot(options.restUrl ?? DEFAULT_REST_URL);
  const timezone = options.settings?.timezone ?? 'Europe/Berlin';
  const startOfWeek = options.settings?.startOfWeek ?? 1;
  const fixedNow = options.settings?.now;
  const viewer: Viewer = options.viewer ?? { userId: 1, role: 'administrator' };
  const latencyMs = options.latencyMs ?? 0;
  let data = options.data;
  // Generated on first use: the demo registers its worker without waiting for the data. A timezone the engine
  // will refuse must not stop the data from existing, so the generator then keeps its own default.
  const siteData = (): SiteData =>
    (data ??= generateSiteData({
      seed: 1,
      now: fixedNow ?? Date.now(),
      timezone: isValidTimezone(timezone) ? timezone : undefined,
    }));

  return [
    http.get(
      ({ request }) => routeRequest(root, request.url) !== undefined,
      async ({ request }) => {
        const routed = routeRequest(root, request.url);
        if (!routed) return passthrough();
        if (latencyMs > 0) await delay(latencyMs);

        const sentNonce = request.headers.get('X-WP-Nonce');
        const failure = authenticationError(options.nonce, sentNonce, routed.route);
        if (failure) return HttpResponse.json(failure, { status: failure.data?.status ?? 403 });

        const settings: ReportSettings = { timezone, startOfWeek, now: fixedNow ?? Date.now() };
        const answer = handleReportsRequest(siteData(), routed.route, routed.params, settings, viewer);
        // WordPress sends a fresh nonce to every authenticated request; ours never expires, so it is the same one.
        const authenticated = options.nonce !== undefined && sentNonce === options.nonce;
        // The engine follows docs/api-contract.md, and says so as our reference backend does.
        const headers: Record<string, string> = {
          [CONTRACT_HEADER]: CONTRACT_VERSION,
          ...(authenticated ? { 'X-WP-Nonce': sentNonce } : {}),
        };
        return HttpResponse.json(answer.body, { status: answer.status, headers });
      },
    ),
  ];
}
