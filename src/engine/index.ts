/**
 * The report engine: pure functions computing the three Reports API responses from a site's rows, exactly as
 * CONTRACT.md defines them. No I/O: it runs in Node (reference backend tests) and in the browser (mock handlers).
 */
import type { ActivitiesResponse, GraphResponse, ReportsResponse, WpError } from '../api/types';
import type { SiteData } from '../data/schema';
import { computeActivities } from './activities';
import { noRoute } from './errors';
import { computeGraph } from './graph';
import { parseGraphQuery, parseReportsQuery } from './query';
import { computeReports } from './reports';
import type { ReportSettings, Viewer } from './types';

export * from './types';
export * from './errors';
export * from './query';
export * from './reports';
export * from './graph';
export * from './activities';
export {
  ALL_TIME,
  ascendingInstants,
  countInWindow,
  instantsOf,
  lowerBound,
  scopeBookings,
  sortedInstants,
  storedUtcMs,
  upperBound,
} from './bookingIndex';

/** The three routes, relative to the REST root. */
export type ReportsRoute = 'reports' | 'reports/graph-reports' | 'reports/activities';

/** What a handler sends: the HTTP status and the JSON body. */
export interface EngineResponse {
  /** HTTP status: 200, or the error's `data.status`. */
  status: number;
  /** The endpoint's response, or a `WP_Error`. */
  body: ReportsResponse | GraphResponse | ActivitiesResponse | WpError;
}

/**
 * Answers one request the way the REST API would, for the mock handlers.
 * @param route Path relative to the REST root (`reports`, `reports/graph-reports`, `reports/activities`); leading
 *   and trailing slashes are ignored. Anything else: 404 `rest_no_route`.
 * @param params The query string; invalid parameters give 400 `rest_invalid_param`.
 */
export function handleReportsRequest(
  data: SiteData,
  route: string,
  params: URLSearchParams,
  settings: ReportSettings,
  viewer: Viewer,
): EngineResponse {
  const path = route.replace(/^\/+|\/+$/g, '');
  const failure = (error: WpError): EngineResponse => ({ status: error.data?.status ?? 500, body: error });
  switch (path) {
    case 'reports': {
      const query = parseReportsQuery(params, settings);
      return query.ok
        ? { status: 200, body: computeReports(data, query.value, settings, viewer) }
        : failure(query.error);
    }
    case 'reports/graph-reports': {
      const plan = parseGraphQuery(params, settings);
      return plan.ok ? { status: 200, body: computeGraph(data, plan.value, viewer) } : failure(plan.error);
    }
    case 'reports/activities':
      return { status: 200, body: computeActivities(data, viewer) };
    default:
      return failure(noRoute());
  }
}
