/**
 * The one app factory. Each call builds a fresh Pinia, i18n and API client for one dashboard instance and never
 * mounts: the entries (host-page module, iframe widget, demo) and the tests mount what it returns.
 */
import { createApp, h } from 'vue';
import type { App } from 'vue';
import { createPinia } from 'pinia';
import { createApiClient } from '../api/client';
import ReportsDashboard from '../components/ReportsDashboard.vue';
import { DASHBOARD_PANELS } from '../components/panelNames';
import type { DashboardPanel } from '../components/panelNames';
import { createI18n, I18N_KEY } from '../i18n';
import type { I18n } from '../i18n';
import { useDashboardStore } from '../stores/dashboard';
import { useRangeStore } from '../stores/range';
import { resolveOptions } from './options';
import { createClock, SERVICES_KEY } from './services';
import type { RangePersistence } from './services';
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
  /** Reloads every shown panel, as the dashboard's Refresh does ("Updated at" included). */
  refresh(): Promise<void>;
  /**
   * Sends the first view's requests now, instead of once the mounted dashboard has rendered: call it right before
   * `app.mount()`, and the answers travel while the first render runs. Once per app; the mount then sends none.
   */
  open(): Promise<void>;
}

/**
 * Where a view remembers its range: one key per REST root (two sites never mix) and per set of panels, so that the
 * compact Dashboard widget and the full Reports screen each keep their own range, and picking one in the widget never
 * moves the screen off the range its page preloaded.
 */
function rangeStorageKey(restUrl: string, panels: readonly DashboardPanel[]): string {
  const compact = panels.length < DASHBOARD_PANELS.length;
  return `booking-reports:range:${restUrl}${compact ? `#${panels.join(',')}` : ''}`;
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
    early: options.early,
  });

  const panels = environment.panels ?? options.panels;
  const pinia = createPinia();
  const app = createApp({
    name: 'BookingReportsRoot',
    render: () =>
      h(ReportsDashboard, {
        bookingUrl: options.bookingUrl,
        bookingsUrl: options.bookingsUrl,
        colorMode: options.colorMode,
        colors: options.colors,
        notice: environment.notice,
        siteName: options.siteName,
        printable: options.print,
      }),
  });
  app.provide(SERVICES_KEY, {
    api,
    calendar: { timezone: options.timezone, startOfWeek: options.startOfWeek },
    clock: createClock(environment.now),
    persistence: environment.persistence ?? 'storage',
    storageKey: rangeStorageKey(options.restUrl, panels),
  });
  app.provide(I18N_KEY, i18n);
  // The stores below read the services through the app's injection context.
  app.use(pinia);
  useRangeStore(pinia).initialise(options.range);
  const dashboard = useDashboardStore(pinia);
  dashboard.show(panels);

  return { app, i18n, options, refresh: () => dashboard.refresh(), open: () => dashboard.open() };
}
