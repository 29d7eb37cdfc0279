/** `GET /reports/activities`: the latest 100 entries, independent of the range. */
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { Activity, ActivitiesResponse } from '../api/types';
import { useServices } from '../app/services';
import { requestState, useRequest } from './request';

/** The activity feed. */
export const useActivitiesStore = defineStore('activities', () => {
  const { api, clock } = useServices();
  const request = useRequest<ActivitiesResponse>(clock);

  /** Loads the latest entries. */
  function load(): Promise<void> {
    return request.run('activities', (signal) => api.getActivities(signal));
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
