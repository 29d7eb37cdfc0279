/**
 * `npm start`'s admin page preloads: the command-line server (`server/main.ts`, as `npm start` runs it after the
 * build) prints the dashboard's first answers into the page, so the first view shows its numbers without a single
 * request to `/reports*`; the next range the user picks does go out. With `BR_PRELOAD=0` the first view asks.
 *
 * Self-contained: it starts the CLI itself on a temporary SQLite file and port 0, in a site timezone (Kiritimati,
 * UTC+14) whose day differs from the browser's (New York) for most of the day, so a range resolved in the wrong zone
 * would miss the preloaded keys.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { ENDPOINTS } from '../../src/api/contract';
import { graphParams, reportsParams } from '../../src/api/endpoints';
import type { ReportsResponse } from '../../src/api/types';
import { DEFAULT_RANGE, resolveRange } from '../../src/lib/dates';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITE_TIMEZONE = 'Pacific/Kiritimati';
const REST_ROOT = '/wp-json/fluent-booking/v2/';
const ADMIN_PAGE = '/wp-admin/admin.php?page=booking-reports';

/** The CLI, serving until stopped. */
interface Cli {
  origin: string;
  stop(): Promise<void>;
}

/** Starts `server/main.ts` as `npm start` does (the build is the e2e global setup's), on a new database. */
function startCli(folder: string, env: Record<string, string> = {}): Promise<Cli> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--db',
      join(folder, `site-${Math.random().toString(36).slice(2)}.sqlite`),
      '--port',
      '0',
      '--timezone',
      SITE_TIMEZONE,
      '--quiet',
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /open (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ origin: new URL(url).origin, stop });
    });
    child.once('exit', (code) => reject(new Error(`The CLI exited (${code}) before serving:\n${stderr}`)));
  });
}

/** Which of the three endpoints a URL calls, if any. */
function endpointOf(url: string): 'reports' | 'graph' | 'activities' | undefined {
  const { pathname } = new URL(url);
  if (!pathname.startsWith(REST_ROOT)) return undefined;
  const path = pathname.slice(REST_ROOT.length).replace(/\/$/, '');
  if (path === ENDPOINTS.reports) return 'reports';
  if (path === ENDPOINTS.graph) return 'graph';
  if (path === ENDPOINTS.activities) return 'activities';
  return undefined;
}

/** A page in a fresh context, browser in New York, with every REST request it sends. */
async function openAdminPage(
  browser: Browser,
  origin: string,
): Promise<{ context: BrowserContext; page: Page; requests: Request[]; errors: Error[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: Error[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith(REST_ROOT)) requests.push(request);
  });
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${origin}${ADMIN_PAGE}`);
  return { context, page, requests, errors };
}

function paintedPixels(dashboard: Locator): Promise<number> {
  return dashboard.locator('.br-graph__canvas canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) painted += 1;
    return painted;
  });
}

/** Four numbers, a chart with ink and the three lists filled. */
async function expectFilled(dashboard: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const values = await dashboard.locator('.br-tile__value').allInnerTexts();
      return values.length === 4 && values.every((value) => /\d/.test(value));
    })
    .toBe(true);
  await expect.poll(() => paintedPixels(dashboard)).toBeGreaterThan(2_000);
  for (const list of [
    '.br-dashboard__latest .br-list__item',
    '.br-dashboard__next .br-list__item',
    '.br-dashboard__activities .br-activity__item',
  ]) {
    await expect.poll(() => dashboard.locator(list).count()).toBeGreaterThan(0);
  }
}

/** The four numbers on screen by tile (`all`, `completed`, `cancelled`, `guests`). */
async function shownNumbers(dashboard: Locator): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const tile of await dashboard.locator('.br-tile').all()) {
    const key = /br-tile--(\w+)/.exec((await tile.getAttribute('class')) ?? '')?.[1] ?? '?';
    shown[key] = (await tile.locator('.br-tile__value').innerText()).trim();
  }
  return shown;
}

/** A `/reports` answer's four numbers as the English page writes them, by tile. */
function expectedNumbers(body: ReportsResponse): Record<string, string> {
  const format = new Intl.NumberFormat('en-US');
  return Object.fromEntries(
    body.overview.map((widget) => [
      typeof widget.period === 'string' ? widget.period : 'guests',
      format.format(widget.number),
    ]),
  );
}

/** The query string a request carries, decoded, as `name=value` pairs in order. */
function queryOf(url: string): [string, string][] {
  return [...new URL(url).searchParams.entries()];
}

describe('npm start: the admin page preloads its first answers', () => {
  const folder = mkdtempSync(join(tmpdir(), 'booking-reports-preload-e2e-'));
  let browser: Browser;
  let cli: Cli;

  beforeAll(async () => {
    [browser, cli] = await Promise.all([launchChromium(), startCli(folder)]);
  });

  afterAll(async () => {
    await browser?.close();
    await cli?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows the numbers with no request to /reports*, then asks for the next range picked', async () => {
    const { context, page, requests, errors } = await openAdminPage(browser, cli.origin);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectFilled(dashboard);
    await page.waitForLoadState('networkidle');
    expect(requests.map((request) => request.url())).toEqual([]);

    // What is on screen is what the route answers for the client's own first query, in the site's timezone.
    const config = await page.evaluate(() => {
      const { nonce, preloaded } = (
        window as unknown as { bookingReportsConfig: { nonce: string; preloaded: Record<string, unknown> } }
      ).bookingReportsConfig;
      return { nonce, keys: Object.keys(preloaded) };
    });
    const first = resolveRange(DEFAULT_RANGE, { timezone: SITE_TIMEZONE, startOfWeek: 1 }, Date.now());
    const reportsQuery = new URLSearchParams(reportsParams(first.reportsQuery)).toString();
    const graphQuery = new URLSearchParams(graphParams({ date_range: first.graphRange })).toString();
    expect(config.keys).toEqual([
      `/fluent-booking/v2/${ENDPOINTS.reports}?${reportsQuery}`,
      `/fluent-booking/v2/${ENDPOINTS.graph}?${graphQuery}`,
      `/fluent-booking/v2/${ENDPOINTS.activities}`,
    ]);
    const cookie = (await context.cookies(cli.origin))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
    const route = await fetch(`${cli.origin}${REST_ROOT}${ENDPOINTS.reports}?${reportsQuery}`, {
      headers: { cookie, 'x-wp-nonce': config.nonce },
    });
    expect(route.status).toBe(200);
    expect(await shownNumbers(dashboard)).toEqual(expectedNumbers((await route.json()) as ReportsResponse));

    // Another range: both report requests go out, with its days, and their numbers replace the preloaded ones.
    const [reports, graph] = await Promise.all([
      page.waitForRequest((request) => endpointOf(request.url()) === 'reports'),
      page.waitForRequest((request) => endpointOf(request.url()) === 'graph'),
      dashboard.locator('.br-range-picker select').first().selectOption('last_7_days'),
    ]);
    const week = resolveRange(
      { preset: 'last_7_days' },
      { timezone: SITE_TIMEZONE, startOfWeek: 1 },
      Date.now(),
    );
    expect(queryOf(reports.url())).toEqual(Object.entries(reportsParams(week.reportsQuery)));
    expect(queryOf(graph.url())).toEqual(Object.entries(graphParams({ date_range: week.graphRange })));
    const answer = await reports.response();
    expect(answer?.status()).toBe(200);
    const body = (await answer!.json()) as ReportsResponse;
    await expect.poll(() => shownNumbers(dashboard)).toEqual(expectedNumbers(body));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('with BR_PRELOAD=0 the first view asks /reports itself', async () => {
    const plain = await startCli(folder, { BR_PRELOAD: '0' });
    try {
      const { context, page, requests } = await openAdminPage(browser, plain.origin);
      const dashboard = page.locator('[data-booking-reports] .br-dashboard');
      await expectFilled(dashboard);
      expect(
        await page.evaluate(
          () => 'preloaded' in (window as { bookingReportsConfig?: object }).bookingReportsConfig!,
        ),
      ).toBe(false);
      const first = resolveRange(DEFAULT_RANGE, { timezone: SITE_TIMEZONE, startOfWeek: 1 }, Date.now());
      const asked = requests.filter((request) => endpointOf(request.url()) !== undefined);
      expect(asked.map((request) => endpointOf(request.url())).sort()).toEqual([
        'activities',
        'graph',
        'reports',
      ]);
      const reports = asked.find((request) => endpointOf(request.url()) === 'reports')!;
      expect(queryOf(reports.url())).toEqual(Object.entries(reportsParams(first.reportsQuery)));
      await context.close();
    } finally {
      await plain.stop();
    }
  });
});
