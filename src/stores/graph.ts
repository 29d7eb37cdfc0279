/** `GET /reports/graph-reports` for the selected range and, when the user compares, for its previous period. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { GraphQuery, GraphResponse } from '../api/types';
import { useServices } from '../app/services';
import { previousPeriodOf } from '../lib/dates';
import { readPageParams, readStored, writePageParams, writeStored } from '../lib/remembered';
import { useFiltersStore } from './filters';
import { useRangeStore } from './range';
import { requestState, useRequest } from './request';

/** The page-URL parameter (and the localStorage entry's value) that remembers "Compare with previous period". */
const COMPARE_PARAM = 'compare';
const COMPARE_PREVIOUS = 'previous';

/** The graph series of the selected range, and of the period before it while the user compares. */
export const useGraphStore = defineStore('graph', () => {
  const { api, clock, persistence, storageKey } = useServices();
  const range = useRangeStore();
  const filters = useFiltersStore();
  const request = useRequest<GraphResponse>(clock);
  const previousRequest = useRequest<GraphResponse>(clock);
  const compareKey = `${storageKey}:${COMPARE_PARAM}`;

  /** "Compare with previous period", remembered where the range is. */
  const compare = ref(
    persistence === 'url'
      ? readPageParams().get(COMPARE_PARAM) === COMPARE_PREVIOUS
      : persistence === 'storage' && readStored(compareKey) === COMPARE_PREVIOUS,
  );
  /** The period before the range, which the graph can be compared with; `null` for all time, which has none. */
  const previousPeriod = computed(() => previousPeriodOf(range.resolved));

  function loadRange(): Promise<void> {
    const { graphRange, graphHistory } = range.resolved;
    // All time asks for the whole history; a server that does not know `history` answers the 12 months asked.
    const query: GraphQuery = filters.narrow(
      graphHistory ? { date_range: graphRange, history: 'all' } : { date_range: graphRange },
    );
    return request.run(JSON.stringify(query), (signal) => api.getGraph(query, signal));
  }

  /** Loads the previous period's series, when it is compared; an answer of a period no longer compared is dropped. */
  function loadPrevious(): Promise<void> {
    const period = compare.value ? previousPeriod.value : null;
    if (!period) {
      previousRequest.abort();
      return Promise.resolve();
    }
    const query: GraphQuery = filters.narrow({ date_range: period.graphRange });
    return previousRequest.run(JSON.stringify(query), (signal) => api.getGraph(query, signal));
  }

  /** Loads the series for the currently selected range (and its previous period, when compared). */
  async function load(): Promise<void> {
    await Promise.all([loadRange(), loadPrevious()]);
  }

  /** Turns the comparison on or off, remembers it, and loads the previous period when it is turned on. */
  function setCompare(on: boolean): Promise<void> {
    compare.value = on;
    if (persistence === 'url') writePageParams({ [COMPARE_PARAM]: on ? COMPARE_PREVIOUS : null });
    else if (persistence === 'storage') writeStored(compareKey, on ? COMPARE_PREVIOUS : '');
    return loadPrevious();
  }

  return {
    ...requestState(request),
    followsRange: true,
    response: request.data,
    compare,
    previousPeriod,
    // The previous period's request is kept apart: its failure never hides the range's own series.
    previousStatus: previousRequest.status,
    previousResponse: previousRequest.data,
    previousError: previousRequest.error,
    load,
    retry: load,
    retryPrevious: loadPrevious,
    setCompare,
    abort: () => {
      request.abort();
      previousRequest.abort();
    },
  };
});
