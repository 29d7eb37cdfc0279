/**
 * `npm start`'s admin page preloads: the command-line server (`server/main.ts`, as `npm start` runs it after the
 * build) prints the dashboard's first answers into the page, so the first view shows its numbers without a single
 * request to `/reports*`; the next range the user picks does go out. With `BR_PRELOAD=0` the first view asks.
 *
 * Self-contained: it starts the CLI itself on a temporary SQLite file and port 0, in a site timezone (Kiritimati,
 * UTC+14) whose day differs from the browser's (New York) for most of the day, so a range resolved in the wrong zone
 * would miss the preloaded keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Request } from 'playwright-core';
import { ADMIN_PAGE_PATH, REST_ROOT } from '../../server/app';
import { ENDPOINTS } from '../../src/api/contract';
import { graphParams, reportsParams } from '../../src/api/endpoints';
import type { ReportsResponse } from '../../src/api/types';
import { DEFAULT_RANGE, resolveRange } from '../../src/lib/dates';
import { startCli } from '../server/support';
import type { RunningCli } from '../server/support';
import {
  BACKEND_TILES,
  endpointOf,
  expectDashboardFilled,
  expectedNumbers,
  openPage,
  shownNumbers,
  useBrowser,
} from './support';

const SITE_TIMEZONE = 'Pacific/Kiritimati';

/** Starts `server/main.ts` as `npm start` does (the build is the e2e global setup's), on a new database. */
function startSite(folder: string, env: Record<string, string> = {}): Promise<RunningCli> {
  return startCli(
    [
      '--db',
      join(folder, `site-${Math.random().toString(36).slice(2)}.sqlite`),
      '--port',
      '0',
      '--timezone',
      SITE_TIMEZONE,
      '--quiet',
    ],
    env,
  );
}

/** The admin page in a fresh context ({@link openPage}), with every REST request it sends. */
async function openAdminPage(browser: Browser, origin: string) {
  const opened = await openPage(browser);
  const requests: Request[] = [];
  opened.page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith(REST_ROOT)) requests.push(request);
  });
  await opened.page.goto(`${origin}${ADMIN_PAGE_PATH}`);
  return { ...opened, requests };
}

/** The numbers (digits, not placeholders), a chart with ink and the three lists filled. */
async function expectFilled(dashboard: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const values = await dashboard.locator('.br-tile__value').allInnerTexts();
      return values.length === BACKEND_TILES && values.every((value) => /\d/.test(value));
    })
    .toBe(true);
  await expectDashboardFilled(dashboard);
}

/** The query string a request carries, decoded, as `name=value` pairs in order. */
function queryOf(url: string): [string, string][] {
  return [...new URL(url).searchParams.entries()];
}

describe('npm start: the admin page preloads its first answers', () => {
  const folder = mkdtempSync(join(tmpdir(), 'booking-reports-preload-e2e-'));
  const browser = useBrowser();
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startSite(folder);
  });

  afterAll(async () => {
    await cli?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows the numbers with no request to /reports*, then asks for the next range picked', async () => {
    const { context, page, requests, errors } = await openAdminPage(browser(), cli.origin);
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
      // This server's own heatmap and filter choices, and what it offers: its index, under the namespace's route.
      `/fluent-booking/v2/${ENDPOINTS.heatmap}?${reportsQuery}`,
      `/fluent-booking/v2/${ENDPOINTS.filters}`,
      '/fluent-booking/v2',
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
    const plain = await startSite(folder, { BR_PRELOAD: '0' });
    try {
      const { context, page, requests } = await openAdminPage(browser(), plain.origin);
      const dashboard = page.locator('[data-booking-reports] .br-dashboard');
      await expectFilled(dashboard);
      expect(
        await page.evaluate(
          () => 'preloaded' in (window as { bookingReportsConfig?: object }).bookingReportsConfig!,
        ),
      ).toBe(false);
      const first = resolveRange(DEFAULT_RANGE, { timezone: SITE_TIMEZONE, startOfWeek: 1 }, Date.now());
      const asked = requests.filter((request) => endpointOf(request.url()) !== undefined);
      // The index is asked too (it is not an endpoint): it lists the heatmap and the filter choices.
      expect(asked.map((request) => endpointOf(request.url())).sort()).toEqual([
        'activities',
        'filters',
        'graph',
        'heatmap',
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
