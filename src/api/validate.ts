/**
 * The edge of the API layer: response bodies are parsed here, once, into the contract types of `./types`.
 *
 * Parse, don't cast. A body that cannot be what the dashboard needs (no `overview`, a row without an id) is
 * refused with an `invalid_response` {@link ApiError} naming the field; anything a real site is known to send
 * differently is coerced: integer columns as numeric strings, `null` names, an empty map encoded by PHP as `[]`,
 * a deleted event's `slot` as `null`. Unknown fields pass through untouched. Inputs are never mutated.
 */
import {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  ENDPOINTS,
  EXTRA_ENDPOINT_NAMES,
  FILTER_PARAMS,
  parseFilterId,
  REST_NAMESPACE,
} from './contract';
import type { FilterParam } from './contract';
import { invalidResponseError } from './errors';
import type {
  Activity,
  ActivitiesResponse,
  BookingSummary,
  FilterOption,
  FilterOptionsResponse,
  GraphResponse,
  GraphSeries,
  MeetingAuthor,
  MeetingSlot,
  NextMeeting,
  HeatmapResponse,
  OverviewWidget,
  ReportsResponse,
  ServerOffers,
  WpError,
} from './types';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(problem: string): never {
  throw invalidResponseError(problem);
}

const NUMERIC_STRING = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i;

/** A finite number from a number or a numeric string (`"141"`, `"253.85"`); `undefined` for anything else. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !NUMERIC_STRING.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

// A real site sends integer columns as strings; anything that is not a number there means "no value".
function toIdOrNull(value: unknown): number | null {
  return toNumber(value) ?? null;
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function requireObject(value: unknown, path: string): JsonObject {
  if (value === undefined || value === null) fail(`${path} is missing`);
  if (!isObject(value)) fail(`${path} is not an object`);
  return value;
}

function requireList(parent: JsonObject, key: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) fail(`${key} is missing`);
  if (!Array.isArray(value)) fail(`${key} is not a list`);
  return value;
}

function requireNumber(value: unknown, path: string): number {
  if (value === undefined || value === null) fail(`${path} is missing`);
  const parsed = toNumber(value);
  if (parsed === undefined) fail(`${path} is not a number`);
  return parsed;
}

function requireText(value: unknown, path: string): string {
  if (value === undefined || value === null) fail(`${path} is missing`);
  if (typeof value !== 'string' && typeof value !== 'number') fail(`${path} is not text`);
  return String(value);
}

function requireRoot(body: unknown): JsonObject {
  if (!isObject(body)) fail('the response is not an object');
  return body;
}

function overviewWidget(value: unknown, path: string): OverviewWidget {
  const source = requireObject(value, path);
  const widget: OverviewWidget = {
    ...source,
    title: requireText(source.title, `${path}.title`),
    number: requireNumber(source.number, `${path}.number`),
    content: toText(source.content),
    icon: toText(source.icon),
    stat: requireNumber(source.stat, `${path}.stat`),
  };
  // `period` is how the guests widget is told apart (it has none), so only a real string counts as present.
  if (typeof source.period !== 'string') delete widget.period;
  const rate = toNumber(source.rate);
  if (rate !== undefined && rate >= 0 && rate <= 100) widget.rate = rate;
  else delete widget.rate;
  return widget;
}

const BOOKING_ID_COLUMNS = ['group_id', 'event_id', 'calendar_id', 'host_user_id', 'parent_id'] as const;

function bookingRow(source: JsonObject, path: string): BookingSummary {
  const row: BookingSummary = {
    ...source,
    id: requireNumber(source.id, `${path}.id`),
    status: toText(source.status),
    first_name: toText(source.first_name),
    last_name: toText(source.last_name),
    email: toText(source.email),
    start_time: toText(source.start_time),
    end_time: toText(source.end_time),
  };
  for (const column of BOOKING_ID_COLUMNS) {
    if (Object.hasOwn(source, column)) row[column] = toIdOrNull(source[column]);
  }
  if (typeof source.created_at !== 'string') delete row.created_at;
  if (typeof source.event_type !== 'string') delete row.event_type;
  return row;
}

function meetingAuthor(value: unknown): MeetingAuthor {
  const source = isObject(value) ? value : {};
  const author: MeetingAuthor = { ...source, name: toText(source.name) };
  const userId = toNumber(source.ID);
  if (userId === undefined) delete author.ID;
  else author.ID = userId;
  if (typeof source.avatar !== 'string') delete author.avatar;
  if (typeof source.email !== 'string') delete author.email;
  return author;
}

/**
 * A meeting's slot as the wire had it: `null` stays `null`, `{}` (or PHP's `[]`) stays empty. A slot without a
 * usable id cannot be linked to an event, so it reads as a deleted event, `{}`.
 */
function meetingSlot(value: unknown): MeetingSlot | Record<string, never> | null {
  if (value === null) return null;
  if (!isObject(value)) return {};
  const id = toNumber(value.id);
  if (id === undefined) return {};
  return { ...value, id, title: toText(value.title) };
}

function nextMeeting(value: unknown, path: string): NextMeeting {
  const source = requireObject(value, path);
  const meeting: NextMeeting = {
    ...bookingRow(source, path),
    title: toText(source.title),
    author: meetingAuthor(source.author),
  };
  if (Object.hasOwn(source, 'slot')) meeting.slot = meetingSlot(source.slot);
  const bookedCount = toNumber(source.booked_count);
  // `booked_count` is absent on one-to-one bookings; a value that is not a count means the same.
  if (bookedCount === undefined) delete meeting.booked_count;
  else meeting.booked_count = bookedCount;
  return meeting;
}

/** What a parser may read of an answer besides its body: its response headers (or a preloaded answer's). */
export interface AnswerHeaders {
  /** The value of a header, by case-insensitive name; `undefined` when absent or empty. */
  header(name: string): string | undefined;
}

/** Whether the answer's headers say that the server follows this project's contract (`CONTRACT_HEADER`). */
export function followsContract(answer: AnswerHeaders | undefined): boolean {
  return answer?.header(CONTRACT_HEADER)?.trim() === CONTRACT_VERSION;
}

/**
 * Parses a `GET /reports` body.
 *
 * @param body the parsed JSON.
 * @param answer the answer's headers: `followsContract` is set from them, never from the body.
 * @returns the response with numbers and ids coerced, unknown fields kept.
 * @throws ApiError of kind `invalid_response` naming what was wrong ("overview is missing").
 */
export function validateReportsResponse(body: unknown, answer?: AnswerHeaders): ReportsResponse {
  const { followsContract: _spoofed, ...root } = requireRoot(body);
  return {
    ...root,
    ...(followsContract(answer) ? { followsContract: true as const } : {}),
    overview: requireList(root, 'overview').map((widget, i) => overviewWidget(widget, `overview[${i}]`)),
    latest_books: requireList(root, 'latest_books').map((row, i) =>
      bookingRow(requireObject(row, `latest_books[${i}]`), `latest_books[${i}]`),
    ),
    next_meetings: requireList(root, 'next_meetings').map((row, i) =>
      nextMeeting(row, `next_meetings[${i}]`),
    ),
  };
}

function graphSeries(root: JsonObject, key: string): GraphSeries {
  const value = root[key];
  if (value === undefined || value === null) fail(`${key} is missing`);
  // PHP's json_encode writes an empty associative array as `[]`.
  if (Array.isArray(value)) return {};
  if (!isObject(value)) fail(`${key} is not a map of dates to counts`);
  return Object.fromEntries(Object.entries(value).map(([bucket, count]) => [bucket, toNumber(count) ?? 0]));
}

/**
 * Parses a `GET /reports/graph-reports` body. Key order and key sets are kept as sent: consumers sort and merge.
 *
 * @param body the parsed JSON.
 * @returns the three series with every count a number (anything that is not a count reads as 0).
 * @throws ApiError of kind `invalid_response` naming the missing or malformed series.
 */
export function validateGraphResponse(body: unknown): GraphResponse {
  const root = requireRoot(body);
  return {
    ...root,
    booked_stats: graphSeries(root, 'booked_stats'),
    completed_stats: graphSeries(root, 'completed_stats'),
    cancelled_stats: graphSeries(root, 'cancelled_stats'),
  };
}

function activity(value: unknown, path: string): Activity {
  const source = requireObject(value, path);
  return {
    ...source,
    id: requireNumber(source.id, `${path}.id`),
    booking_id: toIdOrNull(source.booking_id),
    parent_id: toIdOrNull(source.parent_id),
    created_by: toIdOrNull(source.created_by),
    status: toText(source.status),
    type: toText(source.type),
    title: toText(source.title),
    description: toText(source.description),
    created_at: toText(source.created_at),
    updated_at: toText(source.updated_at),
  };
}

/**
 * Parses a `GET /reports/activities` body.
 *
 * @param body the parsed JSON.
 * @returns the entries with ids coerced and text fields as strings.
 * @throws ApiError of kind `invalid_response` naming what was wrong ("activities is missing").
 */
export function validateActivitiesResponse(body: unknown): ActivitiesResponse {
  const root = requireRoot(body);
  return {
    ...root,
    activities: requireList(root, 'activities').map((entry, i) => activity(entry, `activities[${i}]`)),
  };
}

/** The `args` names of a route of the namespace index, from every endpoint (method) it lists; none when unreadable. */
function routeArgs(route: unknown): Set<string> {
  const names = new Set<string>();
  const endpoints = isObject(route) && Array.isArray(route.endpoints) ? route.endpoints : [];
  for (const endpoint of endpoints) {
    if (isObject(endpoint) && isObject(endpoint.args))
      for (const name of Object.keys(endpoint.args)) names.add(name);
  }
  return names;
}

/**
 * Reads what a server offers beyond the booking plugin's three endpoints from its REST namespace index
 * (`GET /wp-json/fluent-booking/v2/`, as WordPress core serves it): the extra routes it lists, and the filters that
 * every one of the three core routes and the heatmap (when listed) declare in their `args`, offered only with their
 * choices (the `filters` route). Never throws: an index that cannot be read offers nothing more, as a real site's.
 *
 * @param body the parsed JSON.
 */
export function readServerOffers(body: unknown): ServerOffers {
  const routes = isObject(body) && isObject(body.routes) ? body.routes : {};
  const route = (path: string): unknown => routes[`/${REST_NAMESPACE}/${path}`];
  const endpoints = EXTRA_ENDPOINT_NAMES.filter((name) => isObject(route(ENDPOINTS[name])));
  const filtered: string[] = [ENDPOINTS.reports, ENDPOINTS.graph, ENDPOINTS.activities];
  if (endpoints.includes('heatmap')) filtered.push(ENDPOINTS.heatmap);
  const argsOf = filtered.map((path) => routeArgs(route(path)));
  const filters: FilterParam[] = endpoints.includes('filters')
    ? FILTER_PARAMS.filter((param) => argsOf.every((args) => args.has(param)))
    : [];
  return { endpoints, filters };
}

/**
 * Parses a `GET /reports/heatmap` body: seven weekday rows of 24 hour counts; a value that is not a count (negative,
 * fractional, beyond the safe integers, not a number) reads as 0, so no cell can outweigh the rest by nonsense.
 *
 * @throws ApiError of kind `invalid_response` when it is not seven rows of 24.
 */
export function validateHeatmapResponse(body: unknown): HeatmapResponse {
  const root = requireRoot(body);
  const rows = requireList(root, 'weekday_hours');
  if (rows.length !== 7) fail('weekday_hours does not have 7 weekdays');
  return {
    ...root,
    weekday_hours: rows.map((row, day) => {
      if (!Array.isArray(row) || row.length !== 24) fail(`weekday_hours[${day}] does not have 24 hours`);
      return row.map((value) => {
        const count = toNumber(value) ?? 0;
        return Number.isSafeInteger(count) && count > 0 ? count : 0;
      });
    }),
  };
}

/** One choice of a filter; `undefined` for an entry without a usable id. */
function filterOption(value: unknown): (FilterOption & { calendar_id: number | null }) | undefined {
  if (!isObject(value)) return undefined;
  // An id the dashboard could not send back, by the contract's rule for filter ids, is no choice.
  const id =
    typeof value.id === 'number' || typeof value.id === 'string'
      ? parseFilterId(String(value.id).trim())
      : undefined;
  if (id === undefined) return undefined;
  return { id, name: toText(value.name), calendar_id: toIdOrNull(value.calendar_id) };
}

/**
 * Parses a `GET /reports/filters` body: each list's entries with a positive integer id, names as text; an entry
 * without a usable id is left out (it could not be sent back), a missing list is empty.
 */
export function validateFilterOptions(body: unknown): FilterOptionsResponse {
  const root = requireRoot(body);
  const list = (key: string) =>
    (Array.isArray(root[key]) ? (root[key] as unknown[]) : []).flatMap((entry) => filterOption(entry) ?? []);
  return {
    hosts: list('hosts').map(({ id, name }) => ({ id, name })),
    calendars: list('calendars').map(({ id, name }) => ({ id, name })),
    events: list('events').map(({ id, name, calendar_id }) => ({ id, name, calendar_id: calendar_id ?? 0 })),
  };
}

/**
 * Reads a WordPress `WP_Error` body (`{ code, message, data: { status, params } }`).
 *
 * @param body the parsed JSON of any response.
 * @returns the error, or `undefined` when the body is not a WP_Error. `data.params` keeps only text entries.
 */
export function parseWpError(body: unknown): WpError | undefined {
  if (!isObject(body) || typeof body.code !== 'string' || body.code === '') return undefined;
  if (body.message !== undefined && typeof body.message !== 'string') return undefined;
  const wpError: WpError = { code: body.code, message: body.message ?? '' };
  if (isObject(body.data)) {
    const { status, params, ...extra } = body.data;
    wpError.data = { ...extra };
    if (typeof status === 'number') wpError.data.status = status;
    if (isObject(params)) {
      wpError.data.params = Object.fromEntries(
        Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    }
  }
  return wpError;
}
