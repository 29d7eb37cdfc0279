/** `GET /reports/heatmap` (our backend's own) for the selected range and filters. */
import { defineStore } from 'pinia';
import type { HeatmapResponse, ReportsQuery } from '../api/types';
import { useServices } from '../app/services';
import { useFiltersStore } from './filters';
import { useRangeStore } from './range';
import { requestState, useRequest } from './request';

/** The range's bookings by weekday and hour. */
export const useHeatmapStore = defineStore('heatmap', () => {
  const { api, clock } = useServices();
  const range = useRangeStore();
  const filters = useFiltersStore();
  const request = useRequest<HeatmapResponse>(clock);

  /** Loads the cells of the selected range, as `/reports` counts its Total Bookings. */
  function load(): Promise<void> {
    const query: ReportsQuery = filters.narrow(range.resolved.reportsQuery);
    return request.run(JSON.stringify(query), (signal) => api.getHeatmap(query, signal));
  }

  return {
    ...requestState(request),
    followsRange: true,
    response: request.data,
    load,
    retry: load,
    abort: request.abort,
  };
});
