/**
 * The mock Reports API in the browser, for the demo: a service worker answers the dashboard's requests from data
 * generated in the page. Every other request goes to the network untouched.
 */
import { setupWorker } from 'msw/browser';
import type { SetupWorker } from 'msw/browser';
import { createReportsHandlers } from './handlers';
import type { MockSiteOptions } from './handlers';

/** Options of {@link startMockWorker}. */
export interface MockWorkerOptions extends MockSiteOptions {
  /**
   * Where `mockServiceWorker.js` is served (written to `public/` by `npx msw init public`).
   * @default `${import.meta.env.BASE_URL}mockServiceWorker.js`
   */
  serviceWorkerUrl?: string;
}

/**
 * Registers the mock service worker and resolves once it intercepts requests. Quiet (no console log per request)
 * and `onUnhandledRequest: 'bypass'`, so the page's own assets load normally.
 *
 * @param options The site to pretend to be, and where the worker script is.
 */
export async function startMockWorker(options: MockWorkerOptions = {}): Promise<SetupWorker> {
  const { serviceWorkerUrl = `${import.meta.env.BASE_URL}mockServiceWorker.js`, ...siteOptions } = options;
  const worker = setupWorker(...createReportsHandlers(siteOptions));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: serviceWorkerUrl } });
  return worker;
}
