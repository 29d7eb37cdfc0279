/**
 * `GET /reports` for the selected range: overview widgets, latest bookings and next meetings.
 *
 * A widget's `stat` is shown only when the answering server says it follows the contract
 * (`ReportsResponse.followsContract`, from the `X-Booking-Reports-Contract` header). Otherwise (a real site, whose
 * plugin compares with a window starting in 1970) the store also asks `/reports` for the range's comparison window
 * (`comparisonQuery` in `src/lib/dates.ts`), and the tiles compute each change from the two answers' numbers. The
 * range's own answer comes first, so the numbers show while the comparison is on its way; once a server turned out not
 * to follow the contract, the next ranges ask both at once. All time has no window before it: its `stat` (the last 30
 * days against the 30 before) is shown as the server sent it.
 */
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type {
  BookingSummary,
  NextMeeting,
  OverviewWidget,
  ReportsQuery,
  ReportsResponse,
} from '../api/types';
import { useServices } from '../app/services';
import { comparisonQuery } from '../lib/dates';
import type { RequestStatus } from '../lib/request';
import { useFiltersStore } from './filters';
import { useRangeStore } from './range';
import { requestState, useRequest } from './request';

/** The comparison window's answer, with the query it answers. */
interface ComparisonAnswer {
  key: string;
  response: ReportsResponse;
}

/**
 * Where the overview's changes come from: `server` (each widget's `stat`: the server follows the contract, or the
 * range is all time, which has no window before it to ask for, so the contract's all-time `stat` is kept), or
 * `computed` (from the comparison window's numbers, `previousOverview`).
 */
export type ChangeSource = 'server' | 'computed';

/** Overview, latest bookings and next meetings of the selected range: one request feeds three panels. */
export const useReportsStore = defineStore('reports', () => {
  const { api, calendar, clock } = useServices();
  const range = useRangeStore();
  const filters = useFiltersStore();
  const request = useRequest<ReportsResponse>(clock);
  const comparison = useRequest<ComparisonAnswer>(clock);
  /** What the last answer said of its server; `undefined` before the first. */
  let serverFollowsContract: boolean | undefined;
  let loads = 0;

  // The comparison window is asked with the same filters as the range: a change compares like with like.
  const previousQuery = computed<ReportsQuery | undefined>(() => {
    const window = comparisonQuery(range.resolved, calendar);
    return window && filters.narrow(window);
  });

  function loadComparison(query: ReportsQuery): Promise<void> {
    const key = JSON.stringify(query);
    return comparison.run(key, async (signal) => ({ key, response: await api.getReports(query, signal) }));
  }

  /**
   * Loads the answer for the currently selected range and, from a server that does not follow the contract, the
   * answer for its comparison window; resolves when both settled.
   */
  async function load(): Promise<void> {
    const mine = ++loads;
    const query: ReportsQuery = filters.narrow(range.resolved.reportsQuery);
    const previous = previousQuery.value;
    const main = request.run(JSON.stringify(query), (signal) => api.getReports(query, signal));
    const early = previous && serverFollowsContract === false ? loadComparison(previous) : undefined;
    await main;
    if (mine !== loads) return;
    const answer = request.data.value;
    if (!answer) {
      comparison.abort();
      return;
    }
    serverFollowsContract = answer.followsContract === true;
    if (serverFollowsContract || !previous) {
      comparison.abort();
      return;
    }
    await (early ?? loadComparison(previous));
  }

  function abort(): void {
    loads += 1;
    request.abort();
    comparison.abort();
  }

  const overview = computed<OverviewWidget[]>(() => request.data.value?.overview ?? []);
  const latestBookings = computed<BookingSummary[]>(() => request.data.value?.latest_books ?? []);
  const nextMeetings = computed<NextMeeting[]>(() => request.data.value?.next_meetings ?? []);

  const changeSource = computed<ChangeSource>(() =>
    request.data.value?.followsContract === true || !previousQuery.value ? 'server' : 'computed',
  );
  /** The comparison window's widgets, once they answered for the current range; `null` until then. */
  const previousOverview = computed<OverviewWidget[] | null>(() => {
    const answer = comparison.data.value;
    const wanted = previousQuery.value && JSON.stringify(previousQuery.value);
    return answer && answer.key === wanted ? answer.response.overview : null;
  });
  /** The state of the comparison window's request, as the tiles show it. */
  const comparisonStatus = computed<RequestStatus>(() =>
    previousOverview.value ? 'success' : comparison.status.value,
  );

  return {
    ...requestState(request),
    followsRange: true,
    overview,
    latestBookings,
    nextMeetings,
    changeSource,
    previousOverview,
    comparisonStatus,
    load,
    retry: load,
    abort,
  };
});
