/**
 * One function per endpoint: typed query in, typed and validated data out.
 *
 * The functions build the exact query string of the wire format and name the validator of the body; how a request
 * travels (nonce, retries, timeouts, errors) is the client's business (`./client.ts`).
 */
import { ENDPOINTS, FILTER_PARAMS } from './contract';
import type { BookingFilters } from './contract';
import type {
  ActivitiesQuery,
  ActivitiesResponse,
  FilterOptionsResponse,
  GraphQuery,
  GraphResponse,
  HeatmapResponse,
  ReportsQuery,
  ReportsResponse,
  ServerOffers,
} from './types';
import {
  readServerOffers,
  validateActivitiesResponse,
  validateFilterOptions,
  validateGraphResponse,
  validateHeatmapResponse,
  validateReportsResponse,
} from './validate';
import type { AnswerHeaders } from './validate';

/** Query-string parameters in wire order; the client serialises them with `URLSearchParams`. */
export type QueryParams = Record<string, string>;

/** What an endpoint function needs from the client: one GET whose JSON body `parse` turns into data. */
export interface ApiTransport {
  /**
   * Sends `GET <restUrl><path>?<params>` and parses the JSON body.
   *
   * @param path path relative to the REST root, one of {@link ENDPOINTS}.
   * @param params query parameters, serialised in insertion order.
   * @param parse the validator of the body (given the answer's headers too); it throws an `invalid_response`
   *   ApiError on a body it cannot use.
   * @param signal cancels the request; the promise then rejects with an `aborted` ApiError.
   */
  get<T>(
    path: string,
    params: QueryParams,
    parse: (body: unknown, answer: AnswerHeaders) => T,
    signal?: AbortSignal,
  ): Promise<T>;
}

/**
 * The query string parameters of `GET /reports`: none for an all-time report, `startTime` and `endTime` otherwise.
 * A lone bound is sent as given: the reference backend refuses it (400), a real site ignores it.
 *
 * @param query the range in the site's timezone, `YYYY-MM-DD HH:mm:ss`.
 */
export function reportsParams(query: ReportsQuery): QueryParams {
  const params: QueryParams = {};
  if (query.startTime !== undefined) params.startTime = query.startTime;
  if (query.endTime !== undefined) params.endTime = query.endTime;
  return { ...params, ...filterParams(query.filters) };
}

/**
 * The query string parameters of our backend's filters, after the endpoint's own: each given filter's id, in
 * `FILTER_PARAMS` order; none without filters (so a real site's requests stay exactly as before).
 *
 * @param filters the chosen filters, already limited to the ones the server declares.
 */
export function filterParams(filters: BookingFilters | undefined): QueryParams {
  const params: QueryParams = {};
  for (const name of FILTER_PARAMS) {
    const id = filters?.[name];
    if (id !== undefined) params[name] = String(id);
  }
  return params;
}

/**
 * The query string parameters of `GET /reports/graph-reports`: `date_range[0]` and `date_range[1]` with explicit
 * indexes, as the wire format writes them (not `date_range[]`), or none for the server's default week; then
 * `history=all` when the whole history is wanted.
 *
 * @param query the days in the site's timezone, `YYYY-MM-DD`, both inclusive.
 */
export function graphParams(query: GraphQuery): QueryParams {
  const params: QueryParams = {};
  if (query.date_range) {
    const [startDay, endDay] = query.date_range;
    params['date_range[0]'] = startDay;
    params['date_range[1]'] = endDay;
  }
  if (query.history === 'all') params.history = 'all';
  return { ...params, ...filterParams(query.filters) };
}

/**
 * `GET /reports`: the overview widgets, the latest bookings and the next meetings.
 *
 * @param transport the client's request function.
 * @param query both ends of the range, or neither for all-time numbers.
 * @param signal cancels the request.
 */
export function fetchReports(
  transport: ApiTransport,
  query: ReportsQuery,
  signal?: AbortSignal,
): Promise<ReportsResponse> {
  return transport.get(ENDPOINTS.reports, reportsParams(query), validateReportsResponse, signal);
}

/**
 * `GET /reports/graph-reports`: booked, completed and cancelled counts per bucket.
 *
 * @param transport the client's request function.
 * @param query the days of the range, or none for the last 7 days.
 * @param signal cancels the request.
 */
export function fetchGraph(
  transport: ApiTransport,
  query: GraphQuery,
  signal?: AbortSignal,
): Promise<GraphResponse> {
  return transport.get(ENDPOINTS.graph, graphParams(query), validateGraphResponse, signal);
}

/**
 * `GET /reports/activities`: the 100 most recent activity entries.
 *
 * @param transport the client's request function.
 * @param query the filters, if any.
 * @param signal cancels the request.
 */
export function fetchActivities(
  transport: ApiTransport,
  query: ActivitiesQuery,
  signal?: AbortSignal,
): Promise<ActivitiesResponse> {
  return transport.get(ENDPOINTS.activities, filterParams(query.filters), validateActivitiesResponse, signal);
}

/**
 * `GET /reports/heatmap` (our backend's own): the range's bookings by weekday and hour.
 *
 * @param transport the client's request function.
 * @param query the range as `GET /reports` takes it, and the filters.
 * @param signal cancels the request.
 */
export function fetchHeatmap(
  transport: ApiTransport,
  query: ReportsQuery,
  signal?: AbortSignal,
): Promise<HeatmapResponse> {
  return transport.get(ENDPOINTS.heatmap, reportsParams(query), validateHeatmapResponse, signal);
}

/**
 * `GET /reports/filters` (our backend's own): the hosts, calendars and events the filters offer.
 *
 * @param transport the client's request function.
 * @param signal cancels the request.
 */
export function fetchFilterOptions(
  transport: ApiTransport,
  signal?: AbortSignal,
): Promise<FilterOptionsResponse> {
  return transport.get(ENDPOINTS.filters, {}, validateFilterOptions, signal);
}

/**
 * `GET /` of the namespace (its index, as WordPress core serves it), read as what the server offers beyond the
 * booking plugin's three endpoints.
 *
 * @param transport the client's request function.
 * @param signal cancels the request.
 */
export function fetchServerOffers(transport: ApiTransport, signal?: AbortSignal): Promise<ServerOffers> {
  return transport.get('', {}, readServerOffers, signal);
}
