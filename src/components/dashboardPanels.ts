/**
 * The panel registry: every panel of the dashboard with the store that loads its data and how its component is fed.
 * The dashboard renders the shown panels from here and loads exactly their stores. Adding a panel is its component,
 * its store, its name in `panelNames.ts` and one entry here (docs/adding-a-panel.md).
 */
import type { Component } from 'vue';
import type { I18n } from '../i18n';
import type { ReportsServices } from '../app/services';
import { ALL_TIME_STAT_DAYS } from '../api/contract';
import type { ExtraEndpointName } from '../api/contract';
import { comparisonQuery, rangeRunsPastNow, todayInSite } from '../lib/dates';
import type { ResolvedRange, SiteCalendar } from '../lib/dates';
import { formatDateTime } from '../lib/format';
import { formatRangeLabel } from '../lib/rangeText';
import { errorText } from '../lib/errorText';
import type { GraphTotals } from '../lib/graphView';
import { daysBetween } from '../lib/siteTime';
import { useActivitiesStore } from '../stores/activities';
import { useGraphStore } from '../stores/graph';
import { useHeatmapStore } from '../stores/heatmap';
import { useRangeStore } from '../stores/range';
import { useReportsStore } from '../stores/reports';
import type { DashboardPanel } from './panelNames';
import type { DataSource } from '../stores/request';
import type { ApiError } from '../api/errors';
import type { RequestStatus } from '../lib/request';
import ActivityFeed from './ActivityFeed.vue';
import BookingsGraph from './BookingsGraph.vue';
import DemandHeatmap from './DemandHeatmap.vue';
import LatestBookings from './LatestBookings.vue';
import NextMeetings from './NextMeetings.vue';
import OverviewTiles from './OverviewTiles.vue';

/** What the dashboard hands every panel's `bind`. */
export interface PanelContext {
  i18n: I18n;
  services: ReportsServices;
  /** Link template for a booking (`{id}`). */
  bookingUrl(): string | undefined;
  /** The booking plugin's bookings list, which the overview tiles link to. */
  bookingsUrl(): string | undefined;
  /**
   * Tells the host page which overview tile was followed (`booking-reports:tile`); `false` when the host cancelled
   * the event, i.e. handles it itself, so the link must not navigate.
   */
  announceTile(key: string): boolean;
  /** Whether a report is being printed (the dashboard's "Print report"). */
  printing(): boolean;
}

/** The props (listeners as `on…`) of a component. */
type PropsOf<C> = C extends new (...args: never[]) => { $props: infer P } ? P : never;

/** One registry entry. */
export interface PanelDefinition<C extends Component = Component> {
  /** The component; the dashboard renders it with `bind`'s props. */
  component: C;
  /** The store that loads the panel's data; panels of one store share its request. */
  useSource(): DataSource;
  /**
   * Our backend's own endpoint the panel reads: it is shown only when the server's namespace index lists it, and
   * never asked of a server that does not.
   */
  needs?: ExtraEndpointName;
  /**
   * Called once in the dashboard's setup (stores are available there); returns a function the render calls for the
   * component's current props.
   */
  bind(context: PanelContext): () => PropsOf<C>;
}

/** What the dashboard reads of any entry. */
interface RegistryEntry {
  component: Component;
  useSource(): DataSource;
  needs?: ExtraEndpointName;
  bind(context: PanelContext): () => object;
}

/** Keeps the type of each entry's component, so `bind` is checked against that component's props. */
function definePanel<C extends Component>(definition: PanelDefinition<C>): PanelDefinition<C> {
  return definition;
}

/**
 * What every panel shows of its store's request: its state, its error in words, and Retry. Data kept from an earlier
 * request stays up while a refresh runs or after it failed (the dashboard says it is stale), so the panel shows it.
 */
function requestProps(
  store: { status: RequestStatus; stale: boolean; error: ApiError | null; retry(): Promise<void> },
  context: PanelContext,
) {
  return {
    status: store.stale ? ('success' as const) : store.status,
    errorMessage: errorText(store.error, context.i18n),
    onRetry: store.retry,
  };
}

/** The site's timezone and the one clock's "now", for panels that show times. */
function timeProps(context: PanelContext) {
  return { timezone: context.services.calendar.timezone, now: context.services.clock.now.value };
}

/**
 * The overview numbers the graph's series are held against (docs/api-contract.md: `booked_stats` is Total
 * Bookings, `completed_stats` and `cancelled_stats` the Completed and Cancelled tiles), when both stores hold an
 * answer (a store drops its answer as soon as another range is asked, and keeps it through a refresh, so both are
 * for the same days): not for all time unless the graph says it is the whole history (`history: 'all'`), since a
 * graph of the last 12 months is not meant to add up to all-time totals. `null` when there is nothing to compare.
 */
function graphTotals(
  reports: { overview: readonly { period?: string; number: number }[] },
  graph: { response: { history?: string } | null },
  allTime: boolean,
): GraphTotals | null {
  if (reports.overview.length === 0 || !graph.response) return null;
  if (allTime && graph.response.history !== 'all') return null;
  const totals: GraphTotals = {};
  for (const widget of reports.overview) {
    if (widget.period === 'all' || widget.period === 'completed' || widget.period === 'cancelled')
      totals[widget.period] = widget.number;
  }
  return totals;
}

/**
 * The exact windows a tile's change compares, in words: a range's days and the days before it, or, for all time, the
 * last 30 days up to now and the 30 before them (rolling windows, so to the minute: "last 30 days" on All time is
 * not the Last 30 days preset's whole site days).
 */
function comparedWindows(
  resolved: ResolvedRange,
  calendar: SiteCalendar,
  now: number,
  i18n: I18n,
): { range: string; previous: string } | undefined {
  const { __, sprintf, locale } = i18n;
  const between = (from: number, to: number) =>
    /* translators: 1: when a window starts, 2: when it ends, e.g. "2 Nov 2026, 14:05 – 2 Dec 2026, 14:05". */
    sprintf(
      __('%1$s – %2$s'),
      formatDateTime(from, locale, calendar.timezone),
      formatDateTime(to, locale, calendar.timezone),
    );
  if (resolved.startDay === null) {
    const month = ALL_TIME_STAT_DAYS * 86_400_000;
    return { range: between(now - month, now), previous: between(now - 2 * month, now - month) };
  }
  const previous = comparisonQuery(resolved, calendar);
  if (!previous) return undefined;
  return {
    range: formatRangeLabel(resolved.startDay, resolved.endDay, locale, i18n),
    previous: formatRangeLabel(previous.startTime.slice(0, 10), previous.endTime.slice(0, 10), locale, i18n),
  };
}

/** Every panel: one entry for each name of `DASHBOARD_PANELS`. */
export const PANEL_REGISTRY = {
  overview: definePanel({
    component: OverviewTiles,
    useSource: useReportsStore,
    bind: (context) => {
      const reports = useReportsStore();
      const range = useRangeStore();
      const { calendar, clock } = context.services;
      return () => ({
        widgets: reports.overview,
        ...requestProps(reports, context),
        comparison: {
          dayCount: range.resolved.dayCount,
          partial: rangeRunsPastNow(range.resolved, calendar, clock.now.value),
          windows: comparedWindows(range.resolved, calendar, clock.now.value, context.i18n),
          // A server that does not follow the contract: the changes come from the comparison window's numbers.
          ...(reports.changeSource === 'computed'
            ? { previous: { status: reports.comparisonStatus, widgets: reports.previousOverview } }
            : {}),
        },
        bookingsUrl: context.bookingsUrl(),
        onSelect: (key: string, event: MouseEvent) => {
          if (!context.announceTile(key)) event.preventDefault();
        },
      });
    },
  }),
  graph: definePanel({
    component: BookingsGraph,
    useSource: useGraphStore,
    bind: (context) => {
      const graph = useGraphStore();
      const range = useRangeStore();
      // The overview's numbers, so the graph can say when its series count differently (a real site's do).
      const reports = useReportsStore();
      const { __ } = context.i18n;
      return () => {
        const previous = graph.previousPeriod;
        return {
          response: graph.response,
          ...requestProps(graph, context),
          dayCount: daysBetween(...range.resolved.graphRange) + 1,
          // The graph asks a day more than it shows: a real site drops the last day asked for.
          shownDays: range.resolved.graphDays,
          totals: graphTotals(reports, graph, range.resolved.startDay === null),
          // Its last bucket is partial while it holds the site's today.
          today: todayInSite(context.services.calendar, context.services.clock.now.value),
          // All time: the whole history where the server says it sent it (`history: 'all'`, our servers); otherwise
          // the last 12 months, and the graph says so beside the months it shows.
          rangeLabel:
            range.resolved.startDay === null
              ? graph.response?.history === 'all'
                ? __('All time')
                : __('Last 12 months')
              : '',
          printing: context.printing(),
          // "Compare with previous period", offered for every range with days before it (not all time).
          comparison: previous
            ? {
                on: graph.compare,
                days: previous.graphDays,
                response: graph.previousResponse,
                status: graph.previousStatus,
                errorMessage: errorText(graph.previousError, context.i18n),
              }
            : null,
          onCompare: graph.setCompare,
          onRetryComparison: graph.retryPrevious,
        };
      };
    },
  }),
  heatmap: definePanel({
    component: DemandHeatmap,
    useSource: useHeatmapStore,
    needs: 'heatmap',
    bind: (context) => {
      const heatmap = useHeatmapStore();
      const { calendar } = context.services;
      return () => ({
        response: heatmap.response,
        ...requestProps(heatmap, context),
        timezone: calendar.timezone,
        startOfWeek: calendar.startOfWeek,
      });
    },
  }),
  latest: definePanel({
    component: LatestBookings,
    useSource: useReportsStore,
    bind: (context) => {
      const reports = useReportsStore();
      return () => ({
        bookings: reports.latestBookings,
        ...requestProps(reports, context),
        ...timeProps(context),
      });
    },
  }),
  next: definePanel({
    component: NextMeetings,
    useSource: useReportsStore,
    bind: (context) => {
      const reports = useReportsStore();
      return () => ({
        meetings: reports.nextMeetings,
        ...requestProps(reports, context),
        ...timeProps(context),
      });
    },
  }),
  activities: definePanel({
    component: ActivityFeed,
    useSource: useActivitiesStore,
    bind: (context) => {
      const activities = useActivitiesStore();
      return () => ({
        activities: activities.activities,
        ...requestProps(activities, context),
        ...timeProps(context),
        bookingUrl: context.bookingUrl(),
      });
    },
  }),
} satisfies Record<DashboardPanel, RegistryEntry>;
