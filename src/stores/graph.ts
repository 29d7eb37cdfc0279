/** `GET /reports/graph-reports` for the selected range. */
import { defineStore } from 'pinia';
import type { GraphQuery, GraphResponse } from '../api/types';
import { useServices } from '../app/services';
import { useRangeStore } from './range';
import { requestState, useRequest } from './request';

/** The graph series of the selected range. */
export const useGraphStore = defineStore('graph', () => {
  const { api, clock } = useServices();
  const range = useRangeStore();
  const request = useRequest<GraphResponse>(clock);

  /** Loads the series for the currently selected range. */
  function load(): Promise<void> {
    const { graphRange, graphHistory } = range.resolved;
    // All time asks for the whole history; a server that does not know `history` answers the 12 months asked.
    const query: GraphQuery = graphHistory
      ? { date_range: graphRange, history: 'all' }
      : { date_range: graphRange };
    return request.run(JSON.stringify(query), (signal) => api.getGraph(query, signal));
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
