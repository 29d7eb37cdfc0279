/**
 * What the WordPress test files share: the site from the global setup, a logged-in browser context per user, the
 * stand-in's numbers, the wire (the three report routes under either permalink style), and the PHP debug log.
 */
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from '../../scripts/chromium';
import { shownNumbers } from '../e2e/support';
import { logIn } from './admin';
import { debugLogLines, setOptions } from './site';
import type { SiteInfo, UserLogin } from './site';

export { paintedPixels, printedPages, seriousAxeViolations, shownNumbers } from '../e2e/support';
export { sql, setOptions, setPermalinks, wpEval, SITE_TIMEZONE } from './site';
export type { SiteInfo } from './site';
export { ALL_TIME, answerNumbers, asShown, lastDays, siteDay, standinNumbers } from './standin';
export type { Numbers } from './standin';

/** The suite's site, zip and option names before the plugin (from the global setup). */
export const suite = inject('wordpress');
/** The site. */
export const site: SiteInfo = suite.site;
/** The Reports screen. */
export const REPORTS_SCREEN = '/wp-admin/admin.php?page=booking-reports';
/** The wp-admin Dashboard. */
export const DASHBOARD = '/wp-admin/index.php';
/** The REST namespace of the three routes. */
export const NAMESPACE = '/fluent-booking/v2/';

/** The dashboard on the Reports screen (playwright's CSS pierces the open shadow root). */
export function reportsDashboard(page: Page): Locator {
  return page.locator('#wpbody-content [data-booking-reports] .br-dashboard');
}

/** The dashboard inside the Dashboard widget. */
export function widgetDashboard(page: Page): Locator {
  return page.locator('#booking_reports_dashboard_widget [data-booking-reports] .br-dashboard');
}

/** Launches Debian's Chromium headless (`scripts/chromium.ts`). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/**
 * The browser of one test file: Chromium launched before its tests and closed after them, and the site's switches
 * put back after each test (`resetSite`). Call it at the top of a `describe`.
 *
 * @returns the running browser, for use inside the tests.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(() => resetSite());
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useBrowser: the browser is not launched yet (use it inside a test)');
    return browser;
  };
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const CONTEXT_OPTIONS = {
  viewport: { width: 1280, height: 900 },
  locale: 'en-US',
  timezoneId: 'America/New_York',
  reducedMotion: 'reduce',
} as const;
const logins = new Map<UserLogin, StorageState>();

/**
 * A fresh context (English, a browser timezone other than the site's; no cache, no local storage) logged in as
 * `user`. The first session of a user in a test file logs in through wp-login.php's form; later ones start with
 * the cookies that login got (the browser's own jar, as a reopened profile has them), so each test does not pay
 * for a login.
 */
export async function session(
  browser: Browser,
  user: UserLogin,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: Error[] }> {
  let state = logins.get(user);
  if (!state) {
    const login = await browser.newContext(CONTEXT_OPTIONS);
    await logIn(login, site.origin, user);
    state = await login.storageState();
    await login.close();
    logins.set(user, state);
  }
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, ...options, storageState: state });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { context, page, errors };
}

/** Puts every switch of the stand-in back (preload on, no nonce refusal, booking plugin present), pretty permalinks. */
export function resetSite(): Promise<void> {
  return setOptions(site, {
    br_test_preload_off: null,
    br_test_reject_nonce_once: null,
    br_test_standin_off: null,
    permalink_structure: '/%postname%/',
    rewrite_rules: null,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The wire
// ---------------------------------------------------------------------------------------------------------------

/**
 * Which report route a URL calls, under pretty (`/wp-json/…`) or plain (`?rest_route=/…`) permalinks; `index` for
 * the namespace's own route, its index.
 */
export function reportRoute(url: string): 'reports' | 'graph' | 'activities' | 'index' | undefined {
  const parsed = new URL(url);
  const route = parsed.pathname.startsWith('/wp-json/')
    ? parsed.pathname.slice('/wp-json'.length)
    : (parsed.searchParams.get('rest_route') ?? '');
  if (route === NAMESPACE.replace(/\/$/, '')) return 'index';
  if (!route.startsWith(NAMESPACE)) return undefined;
  const path = route.slice(NAMESPACE.length).replace(/\/$/, '');
  if (path === '') return 'index';
  if (path === 'reports') return 'reports';
  if (path === 'reports/graph-reports') return 'graph';
  if (path === 'reports/activities') return 'activities';
  return undefined;
}

/** Every request to the three routes or to wp-json / rest_route at all that a page sends from now on. */
export function recordRestRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/wp-json') || url.searchParams.has('rest_route')) requests.push(request);
  });
  return requests;
}

/** The range a request carries: `startTime`/`endTime` of `/reports`, `date_range[0..1]` of the graph. */
export function rangeOf(request: Request): { start: string | null; end: string | null } {
  const query = new URL(request.url()).searchParams;
  return reportRoute(request.url()) === 'graph'
    ? { start: query.get('date_range[0]'), end: query.get('date_range[1]') }
    : { start: query.get('startTime'), end: query.get('endTime') };
}

/** What `window.bookingReportsConfig` holds, as far as the tests read it. */
export interface PrintedConfig {
  restUrl: string;
  nonce: string;
  refreshNonceUrl: string;
  timezone: string;
  locale: string;
  startOfWeek: number;
  colorScheme: unknown;
  translations?: { locale_data?: Record<string, Record<string, unknown>> };
  bookingUrl: string;
  bookingsUrl: string;
  preloaded?: Record<string, { body: unknown; headers: Record<string, unknown> }>;
}

/** The config the plugin printed into the page. */
export function printedConfig(page: Page): Promise<PrintedConfig> {
  return page.evaluate(
    () => (window as unknown as { bookingReportsConfig: PrintedConfig }).bookingReportsConfig,
  );
}

/** GET of a route from the page's context (its cookie jar) with a nonce, as the dashboard sends it. */
export async function getRoute(
  page: Page,
  restUrl: string,
  path: string,
  nonce?: string,
): Promise<{ status: number; body: unknown }> {
  const [route = '', query = ''] = path.split('?');
  const url = new URL(restUrl);
  if (url.searchParams.has('rest_route')) {
    url.searchParams.set('rest_route', `${url.searchParams.get('rest_route')}${route}`);
  } else {
    url.pathname += route;
  }
  for (const [key, value] of new URLSearchParams(query)) url.searchParams.append(key, value);
  const response = await page.request.get(url.href, { headers: nonce ? { 'X-WP-Nonce': nonce } : {} });
  return { status: response.status(), body: await response.json() };
}

/** Waits until a dashboard shows `expected` (tile key → text). */
export async function expectShown(dashboard: Locator, expected: Record<string, string>): Promise<void> {
  await expect.poll(() => shownNumbers(dashboard, Object.keys(expected).length)).toEqual(expected);
}

// ---------------------------------------------------------------------------------------------------------------
// PHP's side
// ---------------------------------------------------------------------------------------------------------------

/**
 * Lines of WordPress's debug log that concern us: any PHP message from the reports plugin's files or the stand-in's,
 * and any fatal error at all. (WordPress 6.1 itself logs PHP 8.2 deprecations; they are not ours.)
 */
export function ourLogLines(): string[] {
  return debugLogLines(site).filter(
    (line) =>
      line.includes('/plugins/booking-reports/') ||
      line.includes('/mu-plugins/booking-standin') ||
      /PHP (Fatal|Parse) error/.test(line),
  );
}
