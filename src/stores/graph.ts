/** `GET /reports/graph-reports` for the selected range. */
import { defineStore } from 'pinia';
import { watch } from 'vue';
import type { GraphResponse } from '../api/types';
import { useContextStore } from './context';
import { useRangeStore } from './range';
import { useRequest } from './request';

/** The graph series, reloaded whenever the selected range's query changes. */
export const useGraphStore = defineStore('graph', () => {
  const context = useContextStore();
  const range = useRangeStore();
  const request = useRequest<GraphResponse>(
    (answer) =>
      Object.keys(answer.booked_stats).length === 0 &&
      Object.keys(answer.completed_stats).length === 0 &&
      Object.keys(answer.cancelled_stats).length === 0,
  );

  /** Loads the series for the currently selected range. */
  function load(): Promise<void> {
    const dateRange = range.resolved.graphRange;
    return request.run((signal) => context.get().api.getGraph({ date_range: dateRange }, signal));
  }

  watch(
    () => range.queryKey,
    () => void load(),
  );

  return {
    status: request.status,
    error: request.error,
    response: request.data,
    load,
    retry: load,
    abort: request.abort,
  };
});
