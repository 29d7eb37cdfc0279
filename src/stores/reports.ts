/** `GET /reports` for the selected range: overview widgets, latest bookings and next meetings. */
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { BookingSummary, NextMeeting, OverviewWidget, ReportsResponse } from '../api/types';
import { useServices } from '../app/services';
import { useRangeStore } from './range';
import { useRequest } from './request';

/** Overview, latest bookings and next meetings of the selected range: one request feeds three panels. */
export const useReportsStore = defineStore('reports', () => {
  const { api, clock } = useServices();
  const range = useRangeStore();
  const request = useRequest<ReportsResponse>(clock);

  /** Loads the answer for the currently selected range. */
  function load(): Promise<void> {
    const query = range.resolved.reportsQuery;
    return request.run(JSON.stringify(query), (signal) => api.getReports(query, signal));
  }

  const overview = computed<OverviewWidget[]>(() => request.data.value?.overview ?? []);
  const latestBookings = computed<BookingSummary[]>(() => request.data.value?.latest_books ?? []);
  const nextMeetings = computed<NextMeeting[]>(() => request.data.value?.next_meetings ?? []);

  return {
    status: request.status,
    error: request.error,
    stale: request.stale,
    loadedAt: request.loadedAt,
    followsRange: true,
    overview,
    latestBookings,
    nextMeetings,
    load,
    retry: load,
    abort: request.abort,
  };
});
