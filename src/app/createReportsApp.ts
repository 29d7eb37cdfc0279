/**
 * The one app factory. Each call builds a fresh Pinia, i18n and API client for one dashboard instance and never
 * mounts: the entries (host-page module, iframe widget, demo) and the tests mount what it returns.
 */
import { createApp, h } from 'vue';
import type { App } from 'vue';
import { createPinia } from 'pinia';
import { createApiClient } from '../api/client';
import ReportsDashboard from '../components/ReportsDashboard.vue';
import type { DashboardPanel } from '../components/dashboardPanels';
import { createI18n, I18N_KEY } from '../i18n';
import type { I18n } from '../i18n';
import { useActivitiesStore } from '../stores/activities';
import { useContextStore } from '../stores/context';
import type { RangePersistence } from '../stores/context';
import { useGraphStore } from '../stores/graph';
import { useRangeStore } from '../stores/range';
import { useReportsStore } from '../stores/reports';
import { resolveOptions } from './options';
import type { ReportsOptions, ResolvedOptions } from './options';

/** How an entry runs the app, beyond the host's options. */
export interface AppEnvironment {
  /** Where the selected range is kept. @default 'storage' */
  persistence?: RangePersistence;
  /** The clock. @default Date.now */
  now?: () => number;
  /** Which panels to show (the iframe widget shows a compact subset). @default every panel */
  panels?: readonly DashboardPanel[];
  /** A line shown above the dashboard, e.g. the demo's "generated data" note. */
  notice?: string;
}

/** One dashboard instance, ready to mount. */
export interface ReportsAppInstance {
  /** The Vue app; mount it on an element. */
  app: App;
  /** The instance's translate functions and locale facts. */
  i18n: I18n;
  /** The checked options. */
  options: ResolvedOptions;
  /** Reloads every panel. */
  refresh(): Promise<void>;
}

/**
 * Builds a dashboard instance from a host's options.
 *
 * @throws OptionsError when `restUrl` is missing.
 */
export function createReportsApp(
  input: ReportsOptions,
  environment: AppEnvironment = {},
): ReportsAppInstance {
  const options = resolveOptions(input);
  const i18n = createI18n(options.locale, options.translations);
  const api = createApiClient({
    restUrl: options.restUrl,
    nonce: options.nonce,
    refreshNonce: options.refreshNonce,
    preloaded: options.preloaded,
  });

  const pinia = createPinia();
  const app = createApp({
    name: 'BookingReportsRoot',
    render: () =>
      h(ReportsDashboard, {
        bookingUrl: options.bookingUrl,
        colorMode: options.colorMode,
        colors: options.colors,
        panels: environment.panels ?? options.panels,
        notice: environment.notice,
      }),
  });
  app.use(pinia);
  app.provide(I18N_KEY, i18n);

  useContextStore(pinia).configure({
    api,
    calendar: { timezone: options.timezone, startOfWeek: options.startOfWeek },
    now: environment.now ?? Date.now,
    persistence: environment.persistence ?? 'storage',
    storageKey: `booking-reports:range:${options.restUrl}`,
  });
  useRangeStore(pinia).initialise(options.range);

  return {
    app,
    i18n,
    options,
    // The panels shown decide what loads, as they do for the dashboard's own Refresh.
    refresh: async () => {
      const shown = new Set(environment.panels ?? options.panels);
      useRangeStore(pinia).tick();
      await Promise.all([
        shown.has('overview') || shown.has('latest') || shown.has('next')
          ? useReportsStore(pinia).load()
          : undefined,
        shown.has('graph') ? useGraphStore(pinia).load() : undefined,
        shown.has('activities') ? useActivitiesStore(pinia).load() : undefined,
      ]);
    },
  };
}
