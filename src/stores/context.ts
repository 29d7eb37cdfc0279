/**
 * What every store of one app instance shares: its API client, the site calendar, the clock and where the selected
 * range is kept. The app factory configures it once, before anything loads; each app instance has its own Pinia, so
 * two dashboards on one page never share it.
 */
import { defineStore } from 'pinia';
import { markRaw, shallowRef } from 'vue';
import type { ApiClient } from '../api/client';
import type { SiteCalendar } from '../lib/dates';

/** Where the selected range survives a reload: the page URL (the app owns the page), localStorage (embedded), or nowhere. */
export type RangePersistence = 'url' | 'storage' | 'none';

/** The instance-wide facts the stores need. */
export interface ReportsContext {
  /** This instance's API client. */
  api: ApiClient;
  /** Site timezone and week start. */
  calendar: SiteCalendar;
  /** The current time, epoch ms; injectable for tests and demos. */
  now: () => number;
  /** Where the selected range is kept. */
  persistence: RangePersistence;
  /** localStorage key for `storage` persistence (per REST root, so two sites never mix). */
  storageKey: string;
}

/** The instance's {@link ReportsContext}. */
export const useContextStore = defineStore('context', () => {
  const context = shallowRef<ReportsContext | null>(null);

  /** Sets the context; called once by the app factory. */
  function configure(value: ReportsContext): void {
    context.value = markRaw(value);
  }

  /** The context; throws when the app factory has not configured it (a programming error). */
  function get(): ReportsContext {
    if (!context.value)
      throw new Error('booking-reports: the stores were used before createReportsApp configured them');
    return context.value;
  }

  return { context, configure, get };
});
