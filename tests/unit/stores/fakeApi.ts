/**
 * A hand-driven ApiClient for the store tests: every call is recorded with its query and AbortSignal and answers
 * only when the test resolves or rejects it, so answers can arrive late and in any order.
 */
import { createPinia, setActivePinia } from 'pinia';
import type { Pinia } from 'pinia';
import { createApp } from 'vue';
import type { ApiClient } from '../../../src/api/client';
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
} from '../../../src/api/types';
import type { RangeSelection } from '../../../src/lib/dates';
import { localToUtcMs } from '../../../src/lib/siteTime';
import { createClock, SERVICES_KEY } from '../../../src/app/services';
import type { RangePersistence, ReportsServices } from '../../../src/app/services';
import { useDashboardStore } from '../../../src/stores/dashboard';
import { useRangeStore } from '../../../src/stores/range';

/** One call the fake client received and has not necessarily answered. */
export interface PendingCall<Q, T> {
  query: Q;
  signal: AbortSignal;
  resolve(answer: T): void;
  reject(failure: unknown): void;
}

/** The fake client and what it was asked. */
export interface FakeApi {
  api: ApiClient;
  reports: PendingCall<ReportsQuery, ReportsResponse>[];
  graph: PendingCall<GraphQuery, GraphResponse>[];
  activities: PendingCall<ActivitiesQuery | undefined, ActivitiesResponse>[];
  heatmap: PendingCall<ReportsQuery, HeatmapResponse>[];
  filterOptions: PendingCall<undefined, FilterOptionsResponse>[];
  /** The namespace index reads (what the server offers). */
  offers: PendingCall<undefined, ServerOffers>[];
}

/** A client whose promises the test settles by hand. */
export function createFakeApi(): FakeApi {
  const fake: FakeApi = {
    reports: [],
    graph: [],
    activities: [],
    heatmap: [],
    filterOptions: [],
    offers: [],
    api: {
      getReports: (query, signal) =>
        new Promise((resolve, reject) => fake.reports.push({ query, signal: signal!, resolve, reject })),
      getGraph: (query, signal) =>
        new Promise((resolve, reject) => fake.graph.push({ query, signal: signal!, resolve, reject })),
      getActivities: (query, signal) =>
        new Promise((resolve, reject) => fake.activities.push({ query, signal: signal!, resolve, reject })),
      getHeatmap: (query, signal) =>
        new Promise((resolve, reject) => fake.heatmap.push({ query, signal: signal!, resolve, reject })),
      getFilterOptions: (signal) =>
        new Promise((resolve, reject) =>
          fake.filterOptions.push({ query: undefined, signal: signal!, resolve, reject }),
        ),
      getServerOffers: (signal) =>
        new Promise((resolve, reject) =>
          fake.offers.push({ query: undefined, signal: signal!, resolve, reject }),
        ),
      nonce: undefined,
    },
  };
  return fake;
}

/** 26 Nov 2025, 10:00 in Berlin: last 7 days, last 30 days and this month are three different ranges. */
export const BERLIN_NOW = localToUtcMs('2025-11-26 10:00:00', 'Europe/Berlin')!;

/** Options of {@link setUpStores}. */
export interface StoreSetup {
  persistence?: RangePersistence;
  storageKey?: string;
  /** Read on every tick, so a test can move the clock. */
  now?: () => number;
  /** The host's first range, as `createReportsApp` initialises the range store with it. */
  initial?: RangeSelection;
}

/**
 * A fresh Pinia in an app that provides the services as the app factory does, around a fake client: the range
 * initialised, then the dashboard's load path in place (every panel shown), so a range change reloads the range's
 * stores.
 */
export function setUpStores(setup: StoreSetup = {}): {
  pinia: Pinia;
  fake: FakeApi;
  services: ReportsServices;
} {
  const fake = createFakeApi();
  const services: ReportsServices = {
    api: fake.api,
    calendar: { timezone: 'Europe/Berlin', startOfWeek: 1 },
    clock: createClock(setup.now ?? (() => BERLIN_NOW)),
    persistence: setup.persistence ?? 'none',
    storageKey: setup.storageKey ?? 'booking-reports:range:test',
  };
  const pinia = createPinia();
  createApp({}).provide(SERVICES_KEY, services).use(pinia);
  setActivePinia(pinia);
  useRangeStore().initialise(setup.initial);
  useDashboardStore();
  return { pinia, fake, services };
}

/**
 * A `/reports` answer that says which range it is for: the first widget's title carries the query's start, so a
 * test can tell a stale answer from the current one by looking at `overview`.
 */
export function reportsAnswerFor(query: ReportsQuery, parts: Partial<ReportsResponse> = {}): ReportsResponse {
  return {
    overview: [
      {
        title: `Total Bookings from ${query.startTime ?? 'all time'}`,
        period: 'all',
        number: 7,
        content: 'More than last month',
        icon: '',
        stat: 10,
      },
    ],
    latest_books: [
      {
        id: 1,
        status: 'scheduled',
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        start_time: '2025-11-27 09:00:00',
        end_time: '2025-11-27 09:30:00',
      },
    ],
    next_meetings: [],
    // The fake stands in for a server that follows the contract; a test of a real site's answer says otherwise.
    followsContract: true,
    ...parts,
  };
}

/** A graph answer with one bucket per end of the asked range, so the days tell which range it is for. */
export function graphAnswerFor(query: GraphQuery): GraphResponse {
  const [first = 'none', last = 'none'] = query.date_range ?? [];
  const series = { [first]: 1, [last]: 2 };
  return { booked_stats: series, completed_stats: { ...series }, cancelled_stats: { ...series } };
}
