/** `GET /reports/activities`: the latest 100 entries, independent of the range (not of the filters). */
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { Activity, ActivitiesResponse } from '../api/types';
import { useServices } from '../app/services';
import { useFiltersStore } from './filters';
import { requestState, useRequest } from './request';

/** The activity feed. */
export const useActivitiesStore = defineStore('activities', () => {
  const { api, clock } = useServices();
  const filters = useFiltersStore();
  const request = useRequest<ActivitiesResponse>(clock);

  /** Loads the latest entries of the filtered bookings. */
  function load(): Promise<void> {
    const query = filters.narrow({});
    return request.run(JSON.stringify(query), (signal) => api.getActivities(query, signal));
  }

  const activities = computed<Activity[]>(() => request.data.value?.activities ?? []);

  return {
    ...requestState(request),
    followsRange: false,
    activities,
    load,
    retry: load,
    abort: request.abort,
  };
});
