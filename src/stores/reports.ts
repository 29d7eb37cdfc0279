/** `GET /reports` for the selected range: overview widgets, latest bookings and next meetings. */
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { BookingSummary, NextMeeting, OverviewWidget, ReportsResponse } from '../api/types';
import { useServices } from '../app/services';
import { useRangeStore } from './range';
import { useRequest } from './request';

/** Overview, latest bookings and next meetings of the selected range: one request feeds three panels. */
export const useReportsStore = defineStore('reports', () => {
  const { api } = useServices();
  const range = useRangeStore();
  const request = useRequest<ReportsResponse>();

  /** Loads the answer for the currently selected range. */
  function load(): Promise<void> {
    const query = range.resolved.reportsQuery;
    return request.run((signal) => api.getReports(query, signal));
  }

  const overview = computed<OverviewWidget[]>(() => request.data.value?.overview ?? []);
  const latestBookings = computed<BookingSummary[]>(() => request.data.value?.latest_books ?? []);
  const nextMeetings = computed<NextMeeting[]>(() => request.data.value?.next_meetings ?? []);

  return {
    status: request.status,
    error: request.error,
    followsRange: true,
    overview,
    latestBookings,
    nextMeetings,
    load,
    retry: load,
    abort: request.abort,
  };
});
