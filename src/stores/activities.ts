/** `GET /reports/activities`: the latest 100 entries, independent of the range. */
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { Activity, ActivitiesResponse } from '../api/types';
import { useContextStore } from './context';
import { useRequest } from './request';

/** The activity feed. */
export const useActivitiesStore = defineStore('activities', () => {
  const context = useContextStore();
  const request = useRequest<ActivitiesResponse>((answer) => answer.activities.length === 0);

  /** Loads the latest entries. */
  function load(): Promise<void> {
    return request.run((signal) => context.get().api.getActivities(signal));
  }

  const activities = computed<Activity[]>(() => request.data.value?.activities ?? []);

  return {
    status: request.status,
    error: request.error,
    activities,
    load,
    retry: load,
    abort: request.abort,
  };
});
