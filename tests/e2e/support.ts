/**
 * End-to-end support: Debian's Chromium through playwright-core, the reference backend on a temporary SQLite file
 * with the demo generator's site, the example host pages' server on further origins, and the checks every mode
 * shares (the four numbers against the wire, a drawn chart, filled lists, axe-core, screenshots).
 *
 * Everything binds 127.0.0.1 on ephemeral ports. A test file starts what it needs with `useBrowser()`,
 * `useBackend()` and `useExamples()` at the top of its `describe`: each registers a `beforeAll` that starts its
 * part and an `afterAll` that stops it, and returns an accessor for the tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/chromium';
import type { Browser, BrowserContext, Frame, Locator, Page, Request, Response } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AxeResults } from 'axe-core';
import { startExampleServer } from '../../examples/serve';
import type { ExampleServer, ExampleServerOptions } from '../../examples/serve';
import { buildServer, REST_ROOT } from '../../server/app';
import { DEFAULT_CONFIG } from '../../server/config';
import { OVERVIEW_WIDGET_KEYS, endpointOf as contractEndpointOf } from '../../src/api/contract';
import type { EndpointName } from '../../src/api/contract';
import type { OverviewWidget, ReportsResponse } from '../../src/api/types';
import { generateSiteData } from '../../src/data/generate';
import { addDays, localToUtcMs, utcMsToLocalDay } from '../../src/lib/siteTime';
import { listenOnLoopback } from '../../scripts/localBackend';
import { createTestDatabase } from '../server/support';

/** The repository. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where screenshots are kept (gitignored). */
const ARTIFACTS = join(ROOT, 'test-results', 'e2e');
/** The site timezone of the seeded backend, `npm start`'s default: ranges are days in this zone. */
const SITE_TIMEZONE = DEFAULT_CONFIG.timezone;

/**
 * Registers a `beforeAll` that runs `start` and an `afterAll` that runs `stop` on what it started (if it did).
 * @returns the started thing, for use inside the tests.
 */
function useStarted<T>(what: string, start: () => Promise<T>, stop: (started: T) => Promise<void>): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    if (started !== undefined) await stop(started);
  });
  return () => {
    if (started === undefined) throw new Error(`${what} is not started yet (use it inside a test)`);
    return started;
  };
}

/**
 * The browser of one test file: Debian's Chromium (or `CHROMIUM_PATH`) headless with a fresh temporary profile,
 * launched before its tests and closed after them. Call it at the top of a `describe`.
 */
export function useBrowser(): () => Browser {
  return useStarted(
    'The browser',
    () => launchChromium(),
    (browser) => browser.close(),
  );
}

/**
 * The reference backend of one test file ({@link startBackend}), started before its tests and stopped after them.
 * @param now The instant the demo data is generated around.
 */
export function useBackend(now: number): () => Backend {
  return useStarted(
    'The backend',
    () => startBackend(now),
    (backend) => backend.close(),
  );
}

/**
 * An example server of one test file (static `dist/` and `examples/`, REST passed to the backend) on its own
 * origin, started before its tests (after the browser, backend and example servers registered before it) and
 * stopped after them.
 * @param options Read when it starts, so they may name the origins of what was started before it.
 */
export function useExamples(options: () => ExampleServerOptions): () => ExampleServer {
  return useStarted(
    'The example server',
    () => startExampleServer({ root: ROOT, ...options() }),
    (server) => server.close(),
  );
}

/** Options of {@link openPage}. */
export interface PageOptions {
  /** Viewport width in CSS pixels. @default 1280 */
  width?: number;
  /**
   * The page's clock: `fixed` freezes `Date` at `now` (timers still run), so ranges and "2 hours ago" do not move
   * during a test; `fake` installs a clock the test advances with `page.clock.runFor`. @default 'fixed'
   */
  clock?: 'fixed' | 'fake';
  /** The instant the page's clock shows. @default Date.now() */
  now?: number;
}

/** A page in its own browser context, with the errors it threw. */
export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions of the page and its frames. */
  errors: Error[];
}

/**
 * Opens a page in a fresh context: light colour scheme, reduced motion (charts draw at once), English browser
 * locale, and a browser timezone other than the site's, as for an editor abroad.
 */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  const page = await context.newPage();
  const now = options.now ?? Date.now();
  if (options.clock === 'fake') await page.clock.install({ time: now });
  else await page.clock.setFixedTime(now);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { context, page, errors };
}

/** A running reference backend. */
export interface Backend {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Stops the server and deletes its database. */
  close(): Promise<void>;
}

/**
 * Starts the reference backend over a temporary SQLite file holding the demo generator's site (3,000 bookings around
 * `now`), serving the built `dist/`, exactly as `npm start` does on a first run.
 */
async function startBackend(now: number): Promise<Backend> {
  const { site, cleanUp } = await createTestDatabase(generateSiteData({ now, timezone: SITE_TIMEZONE }));
  const app = await buildServer({
    site,
    timezone: SITE_TIMEZONE,
    startOfWeek: DEFAULT_CONFIG.startOfWeek,
    secret: randomBytes(16).toString('hex'),
    quiet: true,
    distDir: join(ROOT, 'dist'),
  });
  return {
    origin: await listenOnLoopback(app),
    async close() {
      await app.close();
      await cleanUp();
    },
  };
}

/** Keeps a full-page screenshot as a test artefact, `test-results/e2e/<name>.png`. */
export async function keepScreenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// ---------------------------------------------------------------------------------------------------------------
// The wire
// ---------------------------------------------------------------------------------------------------------------

/** Which endpoint a URL calls, if any of the three. */
export function endpointOf(url: string): EndpointName | undefined {
  const { pathname } = new URL(url);
  return pathname.startsWith(REST_ROOT) ? contractEndpointOf(pathname.slice(REST_ROOT.length)) : undefined;
}

/** The range a request carries: `startTime`/`endTime` of `/reports`, or `date_range[0..1]` of the graph. */
export function rangeOf(request: Request): { start: string | null; end: string | null } {
  const query = new URL(request.url()).searchParams;
  return endpointOf(request.url()) === 'graph'
    ? { start: query.get('date_range[0]'), end: query.get('date_range[1]') }
    : { start: query.get('startTime'), end: query.get('endTime') };
}

/** Every request to the three endpoints a page (and its frames) sends from now on. */
export function recordApiRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (endpointOf(request.url())) requests.push(request);
  });
  return requests;
}

/** Waits for the next successful `GET /reports` answer and returns its JSON. */
export async function nextReportsAnswer(page: Page): Promise<{ response: Response; body: ReportsResponse }> {
  const response = await page.waitForResponse(
    (candidate) => endpointOf(candidate.url()) === 'reports' && candidate.status() === 200,
  );
  return { response, body: (await response.json()) as ReportsResponse };
}

/** A site-timezone day, `YYYY-MM-DD`, `offset` days from the day of `now`. */
export function siteDay(now: number, offset = 0): string {
  return addDays(utcMsToLocalDay(now, SITE_TIMEZONE), offset);
}

/** Noon of the site's day at `now`: a clock started there can run for hours without crossing midnight. */
export function siteNoon(now: number): number {
  const noon = localToUtcMs(`${siteDay(now)} 12:00:00`, SITE_TIMEZONE);
  if (noon === undefined) throw new Error('No noon in the site timezone');
  return noon;
}

/**
 * The query strings both endpoints must carry for the last `days` days ending today (a range graphed by day: at
 * most 61 days). The graph asks one day past the range, since a real site drops the last day it is asked for
 * (`graphRange` in `src/lib/dates.ts`, docs/real-site-quirks.md).
 */
export function lastDaysQuery(now: number, days: number) {
  const first = siteDay(now, -(days - 1));
  const last = siteDay(now);
  return {
    reports: { start: `${first} 00:00:00`, end: `${last} 23:59:59` },
    graph: { start: first, end: siteDay(now, 1) },
  };
}

/**
 * Selects a range preset in a dashboard's picker and returns the two report requests it sends (the activity feed
 * has no range).
 */
export async function selectRange(
  page: Page,
  dashboard: Locator,
  preset: string,
): Promise<{ reports: Request; graph: Request }> {
  const [reports, graph] = await Promise.all([
    page.waitForRequest((request) => endpointOf(request.url()) === 'reports'),
    page.waitForRequest((request) => endpointOf(request.url()) === 'graph'),
    dashboard.locator('.br-range-picker select').first().selectOption(preset),
  ]);
  return { reports, graph };
}

// ---------------------------------------------------------------------------------------------------------------
// What a user sees
// ---------------------------------------------------------------------------------------------------------------

const TILE_OF_PERIOD: Readonly<Record<string, string>> = {
  all: 'all',
  completed: 'completed',
  cancelled: 'cancelled',
};

/** The tile key a widget of the response belongs on: its period, or `guests` for the one without. */
function tileKey(widget: OverviewWidget): string {
  return typeof widget.period === 'string' ? (TILE_OF_PERIOD[widget.period] ?? widget.period) : 'guests';
}

/** The tiles a dashboard shows on our backend, which sends every widget of the contract (five). */
export const BACKEND_TILES: number = OVERVIEW_WIDGET_KEYS.length;

/**
 * The numbers a dashboard shows, by tile key (`all`, `completed`, `cancelled`, `guests`, `no_show`), once it shows
 * `count` tiles: our backend's five by default; a real site (and its stand-in) sends four.
 */
export async function shownNumbers(
  dashboard: Locator,
  count: number = BACKEND_TILES,
): Promise<Record<string, string>> {
  const tiles = dashboard.locator('.br-tile');
  await expect.poll(() => tiles.count()).toBe(count);
  const shown: Record<string, string> = {};
  for (const tile of await tiles.all()) {
    const key = /br-tile--(\w+)/.exec((await tile.getAttribute('class')) ?? '')?.[1] ?? '?';
    shown[key] = (await tile.locator('.br-tile__value').innerText()).trim();
  }
  return shown;
}

/** The numbers of a `/reports` answer as an English page writes them (`1,234`). */
export function expectedNumbers(body: ReportsResponse, locale = 'en-US'): Record<string, string> {
  const format = new Intl.NumberFormat(locale);
  return Object.fromEntries(body.overview.map((widget) => [tileKey(widget), format.format(widget.number)]));
}

/**
 * How many A4 pages Chromium prints the page on, as "Save as PDF" does (which fires `beforeprint` first): the PDF's
 * page objects counted.
 */
export async function printedPages(page: Page, options: { background?: boolean } = {}): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', printBackground: options.background ?? false });
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

/** How many pixels of the dashboard's chart canvas are painted (not transparent). */
export function paintedPixels(dashboard: Locator): Promise<number> {
  return dashboard.locator('.br-graph__canvas canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) painted += 1;
    return painted;
  });
}

/**
 * Waits until a dashboard on our backend shows data: its numbers, a chart with ink on it, and the lists it shows filled.
 *
 * @param lists Which list panels the dashboard has (the widget shows overview and graph only).
 */
export async function expectDashboardFilled(
  dashboard: Locator,
  lists: readonly ('latest' | 'next' | 'activities')[] = ['latest', 'next', 'activities'],
): Promise<void> {
  await expect.poll(() => dashboard.locator('.br-tile__value').count()).toBe(BACKEND_TILES);
  await expect.poll(() => paintedPixels(dashboard)).toBeGreaterThan(2_000);
  const items = {
    latest: '.br-dashboard__latest .br-list__item',
    next: '.br-dashboard__next .br-list__item',
    activities: '.br-dashboard__activities .br-activity__item',
  } as const;
  for (const list of lists) {
    await expect.poll(() => dashboard.locator(items[list]).count()).toBeGreaterThan(0);
  }
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on `selector` (shadow roots included) and returns the serious and critical violations as lines
 * `rule: target`, so a failing test names them.
 */
export async function seriousAxeViolations(scope: Page | Frame, selector: string): Promise<string[]> {
  await scope.addScriptTag({ path: AXE_SOURCE });
  const results = await scope.evaluate(
    (include) =>
      (
        window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }
      ).axe.run({ include: [[include]] }, { resultTypes: ['violations'] }),
    selector,
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${JSON.stringify(node.target)}`),
    );
}

/** Whether no element sticks out sideways: the page's scroll width is at most its viewport's. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * How many pixels differ between two PNG screenshots of the same size (decoded by the browser, so no PNG library
 * is needed); `null` when their sizes differ.
 */
export async function differingPixels(page: Page, first: Buffer, second: Buffer): Promise<number | null> {
  return page.evaluate(
    async ([firstPng, secondPng]) => {
      const decode = async (base64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [a, b] = await Promise.all([decode(firstPng), decode(secondPng)]);
      if (a.width !== b.width || a.height !== b.height) return null;
      let differing = 0;
      for (let index = 0; index < a.data.length; index += 4) {
        if (
          a.data[index] !== b.data[index] ||
          a.data[index + 1] !== b.data[index + 1] ||
          a.data[index + 2] !== b.data[index + 2] ||
          a.data[index + 3] !== b.data[index + 3]
        ) {
          differing += 1;
        }
      }
      return differing;
    },
    [first.toString('base64'), second.toString('base64')] as const,
  );
}
