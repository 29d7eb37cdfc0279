/**
 * The host-page module: `BookingReports.mount(target, options)`, auto-mount on `[data-booking-reports]`, and
 * `BookingReports.embedWidget(container, options)` for the iframe widget. Built as `dist/booking-reports.js` (ES
 * module) and `dist/booking-reports.iife.js` (global `BookingReports`).
 */
import { createReportsApp } from '../app/createReportsApp';
import type { ReportsOptions } from '../app/options';
import { createShadowContainer } from './shadow';

export type { ReportsOptions } from '../app/options';
export { embedWidget } from './embedWidget';
export type { EmbedWidgetOptions, EmbeddedWidget } from './embedWidget';

/** A mounted dashboard. */
export interface MountedReports {
  /** Removes the dashboard and everything it started: listeners, timers, the chart, requests, its elements. */
  unmount(): void;
  /** Reloads every panel. */
  refresh(): Promise<void>;
}

const mounted = new WeakMap<Element, MountedReports>();

function resolveTarget(target: Element | string): Element {
  const element = typeof target === 'string' ? document.querySelector(target) : target;
  if (!element) throw new Error(`booking-reports: no element matches "${String(target)}"`);
  return element;
}

/**
 * Mounts a dashboard into `target`, inside an open shadow root. Mounting again on the same element replaces the
 * previous dashboard.
 *
 * @param target An element or a selector.
 * @param options The host's options; `restUrl` is required.
 */
export function mount(target: Element | string, options: ReportsOptions): MountedReports {
  const host = resolveTarget(target);
  mounted.get(host)?.unmount();
  const instance = createReportsApp(options, { persistence: 'storage' });
  const { container, release } = createShadowContainer(host);
  // The first requests go out before the first render, which they would otherwise wait for.
  void instance.open();
  instance.app.mount(container);
  const handle: MountedReports = {
    unmount() {
      if (mounted.get(host) !== handle) return;
      mounted.delete(host);
      instance.app.unmount();
      release();
    },
    refresh: instance.refresh,
  };
  mounted.set(host, handle);
  return handle;
}

declare global {
  interface Window {
    /** What `wp_localize_script( 'booking-reports', 'bookingReportsConfig', … )` prints. */
    bookingReportsConfig?: ReportsOptions;
  }
}

function configFor(element: Element): ReportsOptions | undefined {
  const attribute = element.getAttribute('data-booking-reports')?.trim();
  if (attribute) {
    try {
      return { ...window.bookingReportsConfig, ...(JSON.parse(attribute) as ReportsOptions) };
    } catch {
      console.error('booking-reports: the data-booking-reports attribute is not valid JSON', element);
      return undefined;
    }
  }
  return window.bookingReportsConfig;
}

/**
 * Mounts a dashboard on every `[data-booking-reports]` element not mounted yet, configured by the attribute's JSON
 * (merged over `window.bookingReportsConfig`) or by `window.bookingReportsConfig` alone.
 */
export function autoMount(root: ParentNode = document): MountedReports[] {
  const handles: MountedReports[] = [];
  for (const element of root.querySelectorAll('[data-booking-reports]')) {
    if (mounted.has(element)) continue;
    const config = configFor(element);
    if (!config) continue;
    try {
      handles.push(mount(element, config));
    } catch (failure) {
      console.error(failure);
    }
  }
  return handles;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => autoMount(), { once: true });
  } else {
    autoMount();
  }
}
