/**
 * The report engine: pure functions computing the Reports API responses (the three endpoints, our heatmap and
 * filter choices, the namespace index) from a site's rows, exactly as `docs/api-contract.md` defines them. No I/O:
 * it runs in Node (reference backend, tests) and in the browser (mock handlers). This file is its public surface.
 */
import { endpointOf, isNamespaceRoot, namespaceIndex } from '../api/contract';
import type { EndpointName, NamespaceIndex } from '../api/contract';
import type {
  ActivitiesResponse,
  FilterOptionsResponse,
  GraphResponse,
  HeatmapResponse,
  ReportsResponse,
  WpError,
} from '../api/types';
import type { SiteData } from '../data/schema';
import { computeActivities } from './activities';
import { noRoute } from './errors';
import { computeFilterOptions } from './filters';
import { computeGraph } from './graph';
import { computeHeatmap } from './heatmap';
import { filteredViewer, parseGraphQuery, parseReportsQuery } from './query';
import { computeReports } from './reports';
import type { ReportSettings, Result, Viewer } from './types';

export type { ReportSettings, Result, TimeWindow, Viewer } from './types';
export { noRoute, wpError } from './errors';
export {
  filteredViewer,
  nowToTheSecond,
  parseFilters,
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
export { buildFilterOptions, compareFilterOptions, computeFilterOptions, sortFilterOptions } from './filters';
export type { FilterOptionRows } from './filters';
export {
  computeHeatmap,
  emptyHeatmapCells,
  heatmapCellAt,
  heatmapCellOf,
  heatmapOfCells,
  HEATMAP_HOURS,
  HEATMAP_WEEKDAYS,
} from './heatmap';
export { ALL_TIME, countInWindow, storedUtcMs } from './bookingIndex';

/** What a handler sends: the HTTP status and the JSON body. */
export interface EngineResponse {
  /** HTTP status: 200, or the error's `data.status`. */
  status: number;
  /** The endpoint's response, the namespace index, or a `WP_Error`. */
  body:
    | ReportsResponse
    | GraphResponse
    | ActivitiesResponse
    | HeatmapResponse
    | FilterOptionsResponse
    | NamespaceIndex
    | WpError;
}

/**
 * How the engine answers each endpoint over a site's rows: the raw query in, the response or a `WP_Error` out. Every
 * endpoint but `filters` narrows its answer by the filters (`filteredViewer`); its own parameters are checked first,
 * so a query wrong in both is refused for its own parameters.
 */
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
    if (!query.ok) return query;
    const asked = filteredViewer(params, viewer);
    return asked.ok ? { ok: true, value: computeReports(data, query.value, settings, asked.value) } : asked;
  },
  graph: (data, params, settings, viewer) => {
    const plan = parseGraphQuery(params, settings);
    if (!plan.ok) return plan;
    const asked = filteredViewer(params, viewer);
    return asked.ok ? { ok: true, value: computeGraph(data, plan.value, asked.value, settings) } : asked;
  },
  activities: (data, params, _settings, viewer) => {
    const asked = filteredViewer(params, viewer);
    return asked.ok ? { ok: true, value: computeActivities(data, asked.value) } : asked;
  },
  heatmap: (data, params, settings, viewer) => {
    const query = parseReportsQuery(params, settings);
    if (!query.ok) return query;
    const asked = filteredViewer(params, viewer);
    return asked.ok ? { ok: true, value: computeHeatmap(data, query.value, asked.value, settings) } : asked;
  },
  // The options of the filters take no parameters: any given are ignored, as WordPress ignores undeclared ones.
  filters: (data, _params, _settings, viewer) => ({ ok: true, value: computeFilterOptions(data, viewer) }),
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
