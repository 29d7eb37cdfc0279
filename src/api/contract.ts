/**
 * The rules of the Reports API contract, written once: the routes, the widgets, the statuses that count, the graph's
 * bucket thresholds and the list limits. The wire types are beside it (`./types.ts`), the storage rows in
 * `src/data/schema.ts`. The API client, the report engine, the mock handlers and the reference backend all import
 * these; none restates them. `docs/api-contract.md` explains each rule.
 */
// ---------------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------------

/**
 * Paths of the endpoints, relative to the REST root (`restUrl`): the booking plugin's three, then our backend's own
 * two ({@link EXTRA_ENDPOINT_NAMES}), which a client asks only of a server whose namespace index declares them.
 */
export const ENDPOINTS = {
  reports: 'reports',
  graph: 'reports/graph-reports',
  activities: 'reports/activities',
  heatmap: 'reports/heatmap',
  filters: 'reports/filters',
} as const;

/** The name of an endpoint: `reports`, `graph`, `activities`, `heatmap` or `filters`. */
export type EndpointName = keyof typeof ENDPOINTS;

/** Every endpoint name, the plugin's three first. */
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];

/** The three endpoints every server answers, the booking plugin's own, in the order the dashboard lists them. */
export const CORE_ENDPOINT_NAMES = [
  'reports',
  'graph',
  'activities',
] as const satisfies readonly EndpointName[];

/** One of the booking plugin's three endpoints. */
export type CoreEndpointName = (typeof CORE_ENDPOINT_NAMES)[number];

/**
 * Our backend's own endpoints: the demand heatmap and the options of the filters. A real site does not have them;
 * the dashboard asks them only when the namespace index declares them.
 */
export const EXTRA_ENDPOINT_NAMES = ['heatmap', 'filters'] as const satisfies readonly EndpointName[];

/** One of our backend's own endpoints. */
export type ExtraEndpointName = (typeof EXTRA_ENDPOINT_NAMES)[number];

/**
 * Which endpoint a route relative to the REST root is: leading and trailing slashes are ignored, as WordPress's
 * router ignores them; anything else is no endpoint of ours (`undefined`: 404 `rest_no_route`).
 *
 * @param route e.g. `reports/graph-reports` or `/reports/`.
 */
export function endpointOf(route: string): EndpointName | undefined {
  const path = route.replace(/^\/+|\/+$/g, '');
  return ENDPOINT_NAMES.find((name) => ENDPOINTS[name] === path);
}

/** Whether a route relative to the REST root is the root itself, where the namespace index is ({@link namespaceIndex}). */
export function isNamespaceRoot(route: string): boolean {
  return route.replace(/^\/+|\/+$/g, '') === '';
}

/** The booking plugin's REST namespace, which the three endpoints live under. */
export const REST_NAMESPACE = 'fluent-booking/v2';

/** One query parameter of a route, as WordPress declares route `args` (a JSON Schema subset). */
export interface RouteArg {
  /** What it is, for whoever reads the index. */
  description: string;
  /** Its JSON type. */
  type: 'string' | 'array' | 'integer';
  /** An integer's least value. */
  minimum?: number;
  /** A string's format (`date` is `YYYY-MM-DD`); a site time is named in the description and `pattern`. */
  format?: 'date';
  /** The pattern a string must match. */
  pattern?: string;
  /** The values a string may take. */
  enum?: readonly string[];
  /** An array's items. */
  items?: { type: 'string'; format: 'date' };
  minItems?: number;
  maxItems?: number;
  /** WordPress marks every arg; none of ours is required. */
  required: false;
}

const SITE_TIME = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$';

/**
 * The filters our backend takes on every endpoint but `filters` itself: each narrows every number, list and entry of
 * the answer to the bookings of one host (`host_user_id`), calendar (`calendar_id`) or event (`event_id`); given
 * together, to the bookings that match all. A real site ignores them, so a client sends them only to a server whose
 * namespace index declares them.
 */
export const FILTER_PARAMS = ['host_id', 'calendar_id', 'event_id'] as const;

/** One of the filters. */
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** The filters of one request: the id each given filter names; an absent one does not narrow. */
export type BookingFilters = Readonly<Partial<Record<FilterParam, number>>>;

/**
 * A filter's id as a query string (or a page URL) writes it: a positive decimal integer without sign or leading zero,
 * as WordPress reads an `integer` arg with `minimum: 1`, within the safe integers; `undefined` for anything else.
 *
 * @param text The parameter's value.
 */
export function parseFilterId(text: string): number | undefined {
  if (!/^[1-9]\d{0,15}$/.test(text)) return undefined;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** Whether filters narrow anything: at least one is given. */
export function hasFilters(filters: BookingFilters | undefined): boolean {
  return filters !== undefined && FILTER_PARAMS.some((param) => filters[param] !== undefined);
}

/** The booking column each filter compares with. */
export const FILTER_COLUMNS = {
  host_id: 'host_user_id',
  calendar_id: 'calendar_id',
  event_id: 'event_id',
} as const satisfies Record<FilterParam, string>;

const FILTER_ARGS: Readonly<Record<FilterParam, RouteArg>> = {
  host_id: {
    description: 'Only the bookings of this host (a WordPress user id).',
    type: 'integer',
    minimum: 1,
    required: false,
  },
  calendar_id: {
    description: 'Only the bookings of this calendar.',
    type: 'integer',
    minimum: 1,
    required: false,
  },
  event_id: {
    description: 'Only the bookings of this event type.',
    type: 'integer',
    minimum: 1,
    required: false,
  },
};

const RANGE_ARGS: Readonly<Record<string, RouteArg>> = {
  startTime: {
    description:
      'First second of the range, site time (YYYY-MM-DD HH:mm:ss); with endTime, or neither for all time.',
    type: 'string',
    pattern: SITE_TIME,
    required: false,
  },
  endTime: {
    description: 'Last second of the range, site time (YYYY-MM-DD HH:mm:ss), inclusive.',
    type: 'string',
    pattern: SITE_TIME,
    required: false,
  },
};

/**
 * The query parameters each endpoint takes, declared in the REST namespace index as WordPress declares a route's
 * `args`. The validation itself is the engine's (`src/engine/query.ts`): these say what it accepts.
 */
export const ENDPOINT_ARGS: Readonly<Record<EndpointName, Readonly<Record<string, RouteArg>>>> = {
  reports: { ...RANGE_ARGS, ...FILTER_ARGS },
  graph: {
    date_range: {
      description:
        'First and last day, site time, inclusive: date_range[0] and date_range[1]; the last 7 days without it.',
      type: 'array',
      items: { type: 'string', format: 'date' },
      minItems: 2,
      maxItems: 2,
      required: false,
    },
    history: {
      description:
        'all: widen the range to every month from the first booking (the answer then says history: all).',
      type: 'string',
      enum: ['all'],
      required: false,
    },
    ...FILTER_ARGS,
  },
  activities: { ...FILTER_ARGS },
  heatmap: { ...RANGE_ARGS, ...FILTER_ARGS },
  filters: {},
};

/** One route of the namespace index. */
export interface IndexRoute {
  namespace: string;
  methods: readonly string[];
  endpoints: readonly { methods: readonly string[]; args: Readonly<Record<string, RouteArg>> }[];
}

/** `GET /wp-json/fluent-booking/v2/`: the namespace and its routes with their `args`, as WordPress core serves it. */
export interface NamespaceIndex {
  namespace: string;
  routes: Readonly<Record<string, IndexRoute>>;
}

/**
 * The namespace index of a server that follows this contract: the namespace's own route and each endpoint's, keyed
 * by path from the site's REST root (`/fluent-booking/v2/reports`), with the parameters it takes. Clients read it to
 * learn what a server offers before asking.
 */
export function namespaceIndex(): NamespaceIndex {
  const route = (args: Readonly<Record<string, RouteArg>>): IndexRoute => ({
    namespace: REST_NAMESPACE,
    methods: ['GET'],
    endpoints: [{ methods: ['GET'], args }],
  });
  const routes: Record<string, IndexRoute> = { [`/${REST_NAMESPACE}`]: route({}) };
  for (const name of ENDPOINT_NAMES)
    routes[`/${REST_NAMESPACE}/${ENDPOINTS[name]}`] = route(ENDPOINT_ARGS[name]);
  return { namespace: REST_NAMESPACE, routes };
}

// ---------------------------------------------------------------------------------------------------------------
// Statuses
// ---------------------------------------------------------------------------------------------------------------

/** Every booking status the plugin knows. Only exact `completed` and `cancelled` count in those widgets. */
export const BOOKING_STATUSES = [
  'scheduled',
  'completed',
  'cancelled',
  'rejected',
  'pending',
  'reserved',
  'no_show',
  'rescheduled',
] as const;

/** A booking status; a real site may add more, so consumers must tolerate any string. */
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** The statuses `latest_books` lists. */
export const LATEST_STATUSES: ReadonlySet<string> = new Set(['pending', 'scheduled', 'completed']);
/** The statuses that count as active attendees of a group (`booked_count`). */
export const ACTIVE_ATTENDEE_STATUSES: ReadonlySet<string> = new Set(['scheduled', 'completed']);
/** Event types whose bookings are group bookings and carry `booked_count`. */
export const GROUP_EVENT_TYPES: ReadonlySet<string> = new Set(['group', 'group_event']);

// ---------------------------------------------------------------------------------------------------------------
// Overview widgets
// ---------------------------------------------------------------------------------------------------------------

/**
 * The overview widgets, in wire order, by the one name every layer uses for them. Every key but `guests` is also
 * the widget's `period` on the wire; the guests widget has no `period`, which is how clients tell it apart. The
 * booking plugin sends the first four; `no_show` (its `no_show` status, which none of its reports counts) is our
 * backend's fifth, which a client that does not know it shows as any other widget.
 */
export const OVERVIEW_WIDGET_KEYS = ['all', 'completed', 'cancelled', 'guests', 'no_show'] as const;

/** One of the overview widgets. */
export type OverviewWidgetKey = (typeof OVERVIEW_WIDGET_KEYS)[number];

/** The `period` of every overview widget but the guests widget. */
export type OverviewPeriod = Exclude<OverviewWidgetKey, 'guests'>;

/**
 * The `rate` of the no-show widget: its no-shows as a percentage of the meetings that ended in the range with an
 * outcome (completed or no-show), rounded to 2 decimals, half away from zero, on integers as {@link percentChange};
 * `0` when no meeting ended. Both counts are tiles of the same answer, so the rate can be checked against them.
 */
export function noShowRate(noShows: number, completed: number): number {
  const ended = noShows + completed;
  if (ended <= 0 || noShows <= 0) return 0;
  if (!Number.isSafeInteger(noShows * 10_000) || !Number.isSafeInteger(ended)) {
    return roundToHundredths((noShows / ended) * 100);
  }
  const numerator = noShows * 10_000;
  const remainder = numerator % ended;
  return ((numerator - remainder) / ended + (2 * remainder >= ended ? 1 : 0)) / 100;
}

/** The comparison window of the all-time overview: the last this many calendar days. */
export const ALL_TIME_STAT_DAYS = 30;

/** Rounds half away from zero to 2 decimals, immune to binary float error (1.005 → 1.01). */
function roundToHundredths(value: number): number {
  const hundredths = Math.round(Number((Math.abs(value) * 100).toPrecision(15)));
  return (Math.sign(value) * hundredths) / 100;
}

/**
 * The `stat` of a widget: `(current - previous) / previous * 100`, rounded to 2 decimals, half away from zero;
 * `100` when previous is 0 and current is positive; `0` when both are 0. The engine writes it into every widget; the
 * dashboard computes it itself from two windows' numbers when the server is not known to follow this contract.
 *
 * Counts are integers, so the rounding is done exactly on integers (3 → 4 is 33.33, 3 → 2 is -33.33, 2 → 3 is 50).
 */
export function percentChange(current: number, previous: number): number {
  if (previous === 0) return current > 0 ? 100 : 0;
  if (!Number.isSafeInteger(current) || !Number.isSafeInteger(previous)) {
    return roundToHundredths(((current - previous) / previous) * 100) || 0;
  }
  const numerator = Math.abs((current - previous) * 10_000);
  const denominator = Math.abs(previous);
  const remainder = numerator % denominator;
  const hundredths = (numerator - remainder) / denominator + (2 * remainder >= denominator ? 1 : 0);
  // `|| 0` keeps a zero change from being written as -0.
  return (Math.sign(current - previous) * Math.sign(previous) * hundredths) / 100 || 0;
}

const SECOND_MS = 1000;

/** Inclusive instants, epoch ms: a range, or the window it is compared with. */
export interface InstantWindow {
  /** First included instant. */
  start: number;
  /** Last included instant. */
  end: number;
}

/**
 * The comparison window of a range: the window of equal length, in real seconds, that ends one second before the
 * range starts. With `D = end - start + 1 s`, that is `[start - D, start - 1 s]`. Across a DST change it is therefore
 * shifted by the hour the change added or removed.
 *
 * @param window The range, inclusive instants to the second.
 */
export function comparisonWindowOf(window: InstantWindow): InstantWindow {
  const length = window.end - window.start + SECOND_MS;
  return { start: window.start - length, end: window.start - SECOND_MS };
}

// ---------------------------------------------------------------------------------------------------------------
// Whose contract the answering server follows
// ---------------------------------------------------------------------------------------------------------------

/**
 * The response header with which a server says it follows this contract (`docs/api-contract.md`), `stat` included:
 * our reference backend and the mock handlers send it on every REST answer; a real site's plugin does not. Without
 * it the dashboard does not trust `stat` and computes each change itself from the range's and the comparison
 * window's numbers.
 */
export const CONTRACT_HEADER = 'X-Booking-Reports-Contract';

/** The version of the contract {@link CONTRACT_HEADER} names; any other value is not trusted. */
export const CONTRACT_VERSION = '1';

// ---------------------------------------------------------------------------------------------------------------
// Ranges and the graph's buckets
// ---------------------------------------------------------------------------------------------------------------

/** The longest range either endpoint accepts, in calendar years. */
export const MAX_RANGE_YEARS = 10;
/** Ranges of up to this many days are graphed by day. */
const MAX_DAILY_DAYS = 62;
/** Ranges of up to this many days (and more than {@link MAX_DAILY_DAYS}) are graphed by week; longer ones by month. */
const MAX_WEEKLY_DAYS = 92;

/** How the graph buckets its range: up to 62 days daily, 63 to 92 weekly, more than 92 monthly. */
export type GraphGranularity = 'day' | 'week' | 'month';

/**
 * The bucket size the contract gives a range of `dayCount` days: up to 62 daily, 63 to 92 weekly, more monthly.
 *
 * @param dayCount Days in the range, both ends included.
 */
export function granularityForDays(dayCount: number): GraphGranularity {
  if (dayCount <= MAX_DAILY_DAYS) return 'day';
  return dayCount <= MAX_WEEKLY_DAYS ? 'week' : 'month';
}

/**
 * Month names of `Mon YYYY` graph keys. PHP's `date('M')` writes these whatever the site's language, and Intl's
 * English names vary between ICU versions ("Sep" / "Sept"), so the wire's names are spelled out here, once.
 */
const GRAPH_MONTH_KEYS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/**
 * The key of a monthly graph bucket, `Mon YYYY` (`Nov 2025`).
 *
 * @param year The calendar year.
 * @param month 1 to 12.
 */
export function graphMonthKey(year: number, month: number): string {
  return `${GRAPH_MONTH_KEYS[month - 1]} ${String(year).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------------------------

/** How many bookings `latest_books` and `next_meetings` list at most. */
export const LIST_LIMIT = 5;
/** How many entries `GET /reports/activities` returns at most. */
export const ACTIVITY_LIMIT = 100;
