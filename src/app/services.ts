/**
 * What every store and component of one app instance shares: its API client, the site calendar, the clock and where
 * the selected range is kept. The app factory provides them once with `app.provide`; `useServices()` reads them in a
 * component or a setup store (Pinia runs those in the app's injection context). Each instance has its own app, so two
 * dashboards on one page never share them.
 */
import { inject, readonly, ref } from 'vue';
import type { InjectionKey, Ref } from 'vue';
import type { ApiClient } from '../api/client';
import type { SiteCalendar } from '../lib/dates';

/** Where the selected range survives a reload: the page URL (the app owns the page), localStorage (embedded), or nowhere. */
export type RangePersistence = 'url' | 'storage' | 'none';

/**
 * The instance's one clock: everything that depends on "now" (the range's "today", "3 hours ago", "Updated at")
 * reads `now`, which moves only on `tick()`, so what the panels show always agrees on the time.
 */
export interface Clock {
  /** The time of the last tick, epoch ms. */
  readonly now: Readonly<Ref<number>>;
  /** Moves `now` to the current time and returns it. */
  tick(): number;
}

/** A clock over a time source (`Date.now`, or a test's or demo's fixed time). */
export function createClock(read: () => number = Date.now): Clock {
  const now = ref(read());
  return {
    now: readonly(now),
    tick: () => (now.value = read()),
  };
}

/** The instance-wide services. */
export interface ReportsServices {
  /** This instance's API client. */
  api: ApiClient;
  /** Site timezone and week start. */
  calendar: SiteCalendar;
  /** The one clock. */
  clock: Clock;
  /** Where the selected range (and the graph's "Compare with previous period") is kept. */
  persistence: RangePersistence;
  /** localStorage key for `storage` persistence (the comparison's is this key with `:compare` after it). */
  storageKey: string;
}

/** The injection key the app factory provides the services under. */
export const SERVICES_KEY: InjectionKey<ReportsServices> = Symbol('booking-reports:services');

/**
 * The instance's services, from a component's or a setup store's injection context.
 *
 * @throws Error when nothing provided them (the app was not built by `createReportsApp`): a programming error.
 */
export function useServices(): ReportsServices {
  const services = inject(SERVICES_KEY, null);
  if (!services)
    throw new Error('booking-reports: no services provided; build the app with createReportsApp()');
  return services;
}
