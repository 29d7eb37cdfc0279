/**
 * The report engine: pure functions computing the three Reports API responses from a site's rows, exactly as
 * `docs/api-contract.md` defines them. No I/O: it runs in Node (reference backend, tests) and in the browser (mock
 * handlers). This file is its public surface.
 */
import { endpointOf, isNamespaceRoot, namespaceIndex } from '../api/contract';
import type { EndpointName, NamespaceIndex } from '../api/contract';
import type { ActivitiesResponse, GraphResponse, ReportsResponse, WpError } from '../api/types';
import type { SiteData } from '../data/schema';
import { computeActivities } from './activities';
import { noRoute } from './errors';
import { computeGraph } from './graph';
import { parseGraphQuery, parseReportsQuery } from './query';
import { computeReports } from './reports';
import type { ReportSettings, Result, Viewer } from './types';

export type { ReportSettings, Result, TimeWindow, Viewer } from './types';
export { noRoute, wpError } from './errors';
export {
  nowToTheSecond,
  parseGraphQuery,
  parseReportsQuery,
  previousWindowOf,
  widenToHistory,
} from './query';
export type { GraphBucket } from './query';
export {
  buildNextMeeting,
  buildOverview,
  comparisonContent,
  computeReports,
  OVERVIEW_ICONS,
  percentChange,
  toBookingSummary,
} from './reports';
export type { OverviewCounts } from './reports';
export { computeGraph } from './graph';
export { computeActivities, toActivity } from './activities';
export { ALL_TIME, countInWindow, storedUtcMs } from './bookingIndex';

/** What a handler sends: the HTTP status and the JSON body. */
export interface EngineResponse {
  /** HTTP status: 200, or the error's `data.status`. */
  status: number;
  /** The endpoint's response, the namespace index, or a `WP_Error`. */
  body: ReportsResponse | GraphResponse | ActivitiesResponse | NamespaceIndex | WpError;
}

/** How the engine answers each endpoint over a site's rows: the raw query in, the response or a `WP_Error` out. */
const ENGINE_ANSWERS: Readonly<
  Record<
    EndpointName,
    (
      data: SiteData,
      params: URLSearchParams,
      settings: ReportSettings,
      viewer: Viewer,
    ) => Result<EngineResponse['body']>
  >
> = {
  reports: (data, params, settings, viewer) => {
    const query = parseReportsQuery(params, settings);
    return query.ok ? { ok: true, value: computeReports(data, query.value, settings, viewer) } : query;
  },
  graph: (data, params, settings, viewer) => {
    const plan = parseGraphQuery(params, settings);
    return plan.ok ? { ok: true, value: computeGraph(data, plan.value, viewer, settings) } : plan;
  },
  activities: (data, _params, _settings, viewer) => ({ ok: true, value: computeActivities(data, viewer) }),
};

/**
 * Answers one request the way the REST API would, for the mock handlers.
 *
 * @param data The site's rows.
 * @param route Path relative to the REST root, read by `endpointOf`; the root itself is the namespace index;
 *   anything else: 404 `rest_no_route`.
 * @param params The query string; invalid parameters give 400 `rest_invalid_param`.
 * @param settings Site timezone, start of week and now.
 * @param viewer Whose bookings count.
 */
export function handleReportsRequest(
  data: SiteData,
  route: string,
  params: URLSearchParams,
  settings: ReportSettings,
  viewer: Viewer,
): EngineResponse {
  if (isNamespaceRoot(route)) return { status: 200, body: namespaceIndex() };
  const endpoint = endpointOf(route);
  const result = endpoint
    ? ENGINE_ANSWERS[endpoint](data, params, settings, viewer)
    : { ok: false as const, error: noRoute() };
  return result.ok
    ? { status: 200, body: result.value }
    : { status: result.error.data?.status ?? 500, body: result.error };
}
