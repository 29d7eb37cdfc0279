/** `GET /reports` for the selected range: overview widgets, latest bookings and next meetings. */
import { defineStore } from 'pinia';
import { computed, watch } from 'vue';
import type { BookingSummary, NextMeeting, OverviewWidget, ReportsResponse } from '../api/types';
import type { RequestStatus } from '../lib/request';
import { useContextStore } from './context';
import { useRangeStore } from './range';
import { useRequest } from './request';

/** The status of one panel fed by a shared request: `empty` when its own part of the answer is empty. */
function partStatus(status: RequestStatus, items: readonly unknown[] | undefined): RequestStatus {
  return status === 'success' || status === 'empty'
    ? items && items.length > 0
      ? 'success'
      : 'empty'
    : status;
}

/** Overview, latest bookings and next meetings, reloaded whenever the selected range's query changes. */
export const useReportsStore = defineStore('reports', () => {
  const context = useContextStore();
  const range = useRangeStore();
  const request = useRequest<ReportsResponse>(
    (answer) =>
      answer.overview.length === 0 && answer.latest_books.length === 0 && answer.next_meetings.length === 0,
  );

  /** Loads the answer for the currently selected range. */
  function load(): Promise<void> {
    const query = range.resolved.reportsQuery;
    return request.run((signal) => context.get().api.getReports(query, signal));
  }

  watch(
    () => range.queryKey,
    () => void load(),
  );

  const overview = computed<OverviewWidget[]>(() => request.data.value?.overview ?? []);
  const latestBookings = computed<BookingSummary[]>(() => request.data.value?.latest_books ?? []);
  const nextMeetings = computed<NextMeeting[]>(() => request.data.value?.next_meetings ?? []);

  return {
    status: request.status,
    error: request.error,
    overview,
    latestBookings,
    nextMeetings,
    overviewStatus: computed(() => partStatus(request.status.value, request.data.value?.overview)),
    latestStatus: computed(() => partStatus(request.status.value, request.data.value?.latest_books)),
    nextStatus: computed(() => partStatus(request.status.value, request.data.value?.next_meetings)),
    load,
    retry: load,
    abort: request.abort,
  };
});
