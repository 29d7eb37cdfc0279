/** `GET /reports/graph-reports` for the selected range. */
import { defineStore } from 'pinia';
import type { GraphResponse } from '../api/types';
import { useServices } from '../app/services';
import { useRangeStore } from './range';
import { useRequest } from './request';

/** The graph series of the selected range. */
export const useGraphStore = defineStore('graph', () => {
  const { api, clock } = useServices();
  const range = useRangeStore();
  const request = useRequest<GraphResponse>(clock);

  /** Loads the series for the currently selected range. */
  function load(): Promise<void> {
    const dateRange = range.resolved.graphRange;
    return request.run(JSON.stringify(dateRange), (signal) => api.getGraph({ date_range: dateRange }, signal));
  }

  return {
    status: request.status,
    error: request.error,
    stale: request.stale,
    loadedAt: request.loadedAt,
    followsRange: true,
    response: request.data,
    load,
    retry: load,
    abort: request.abort,
  };
});
