/**
 * Issue #15, points 2 and 4, in Chromium on the `npm start` admin page: the host, calendar and event filters and the
 * demand heatmap on our backend (every request filtered, the numbers the server's for that host, remembered where the
 * range is; the heatmap's cells adding up to Total Bookings), and all of it hidden against a stand-in that serves only
 * the booking plugin's three endpoints, as a real site does.
 */
import type { Locator, Page, Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PAGE_PATH } from '../../server/app';
import { ENDPOINTS, namespaceIndex, REST_NAMESPACE } from '../../src/api/contract';
import type { ReportsResponse } from '../../src/api/types';
import {
  endpointOf,
  expectedNumbers,
  keepScreenshot,
  openPage,
  seriousAxeViolations,
  shownNumbers,
  useBackend,
  useBrowser,
} from './support';

const FILTER_NAMES = ['host_id', 'calendar_id', 'event_id'];

/** Every request of the page to the REST namespace, the index included. */
function recordRestRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith(`/wp-json/${REST_NAMESPACE}`)) requests.push(request);
  });
  return requests;
}

/** The filters the admin page remembers (it is embedded as in wp-admin, so in localStorage, by its REST root). */
function rememberedFilters(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const { restUrl } = (window as unknown as { bookingReportsConfig: { restUrl: string } })
      .bookingReportsConfig;
    return JSON.parse(
      window.localStorage.getItem(`booking-reports:range:${restUrl}:filters`) ?? 'null',
    ) as unknown;
  });
}

/** Remembers filters as the admin page would have, before it is loaded again. */
function rememberFilters(page: Page, filters: Record<string, number>): Promise<void> {
  return page.evaluate((value) => {
    const { restUrl } = (window as unknown as { bookingReportsConfig: { restUrl: string } })
      .bookingReportsConfig;
    window.localStorage.setItem(`booking-reports:range:${restUrl}:filters`, JSON.stringify(value));
  }, filters);
}

/** `/reports` of the page's own session, by the page's own fetch with its nonce. */
function reportsFromPage(page: Page, query: Record<string, string>): Promise<ReportsResponse> {
  return page.evaluate(async (params) => {
    const { restUrl, nonce } = (
      window as unknown as { bookingReportsConfig: { restUrl: string; nonce: string } }
    ).bookingReportsConfig;
    const response = await fetch(`${restUrl}reports?${new URLSearchParams(params).toString()}`, {
      headers: { 'X-WP-Nonce': nonce },
      credentials: 'same-origin',
    });
    return (await response.json()) as ReportsResponse;
  }, query);
}

/** The heatmap's table, switched to, as its rows' totals (the last cell of each row). */
async function heatmapRowTotals(heatmap: Locator): Promise<number[]> {
  const toggle = heatmap.getByRole('button', { name: /^Show (as table|heatmap)$/ });
  await toggle.waitFor();
  if ((await toggle.innerText()).trim() === 'Show as table') await toggle.click();
  await heatmap.locator('tbody tr').first().waitFor();
  const totals = await heatmap
    .locator('tbody tr td:last-child')
    .allInnerTexts()
    .then((texts) => texts.map((text) => Number(text.replace(/\D/g, ''))));
  expect(totals).toHaveLength(7);
  return totals;
}

describe('Filters and the demand heatmap (issue #15)', () => {
  const now = Date.now();
  const browser = useBrowser();
  const backend = useBackend(now);

  it('filters every panel by the host chosen on our backend, shows the server’s numbers for that host, and remembers it', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    const requests = recordRestRequests(page);
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    const host = dashboard.getByLabel('Host', { exact: true });
    await expect.poll(() => host.locator('option').count()).toBeGreaterThan(1);
    expect(await dashboard.getByLabel('Calendar', { exact: true }).count()).toBe(1);
    expect(await dashboard.getByLabel('Event', { exact: true }).count()).toBe(1);
    // The index was read once, from the namespace's root.
    expect(
      requests.filter((request) => new URL(request.url()).pathname === `/wp-json/${REST_NAMESPACE}/`),
    ).toHaveLength(1);

    const firstHost = await host.locator('option').nth(1).getAttribute('value');
    expect(firstHost).toMatch(/^\d+$/);
    const before = requests.length;
    await host.selectOption(firstHost!);
    // Every panel is asked again, each request carrying the host: the feed and the heatmap too.
    await expect
      .poll(() =>
        requests
          .slice(before)
          .filter((request) => new URL(request.url()).searchParams.get('host_id') === firstHost)
          .map((request) => endpointOf(request.url()))
          .sort(),
      )
      .toEqual(['activities', 'graph', 'heatmap', 'reports']);
    expect(await rememberedFilters(page)).toEqual({ host_id: Number(firstHost) });

    const reportsRequest = requests.slice(before).find((request) => endpointOf(request.url()) === 'reports')!;
    const query = Object.fromEntries(new URL(reportsRequest.url()).searchParams);
    const filtered = await reportsFromPage(page, query);
    const unfiltered = await reportsFromPage(page, { startTime: query.startTime!, endTime: query.endTime! });
    await expect.poll(() => shownNumbers(dashboard)).toEqual(expectedNumbers(filtered));
    // One host of several: fewer bookings than the whole site's.
    expect(filtered.overview[0]!.number).toBeLessThan(unfiltered.overview[0]!.number);

    // The heatmap places exactly the bookings Total Bookings counts, for the same host and range.
    const heatmap = dashboard.locator('.br-dashboard__heatmap');
    await expect
      .poll(async () => (await heatmapRowTotals(heatmap)).reduce((sum, count) => sum + count, 0))
      .toBe(filtered.overview[0]!.number);
    expect(await heatmap.locator('.br-heatmap__summary').innerText()).toMatch(
      /^[\d,]+ bookings? made in this range, by the weekday and hour (its meeting starts|their meetings start) \(Europe\/Berlin\)\./,
    );
    expect(await seriousAxeViolations(page, '[data-booking-reports]')).toEqual([]);
    await keepScreenshot(page, 'filters-heatmap');

    // A reload keeps the host: its first requests are filtered, and the select shows it.
    const reloaded = recordRestRequests(page);
    await page.reload();
    await expect.poll(() => dashboard.getByLabel('Host', { exact: true }).inputValue()).toBe(firstHost);
    await expect
      .poll(() =>
        reloaded
          .filter((request) => endpointOf(request.url()) === 'reports')
          .map((request) => new URL(request.url()).searchParams.get('host_id')),
      )
      .toEqual([firstHost]);
    await expect.poll(() => shownNumbers(dashboard)).toEqual(expectedNumbers(filtered));

    // "All hosts" takes the filter away again, from the requests and from the URL.
    await dashboard.getByLabel('Host', { exact: true }).selectOption('');
    await expect.poll(() => shownNumbers(dashboard)).toEqual(expectedNumbers(unfiltered));
    expect(await rememberedFilters(page)).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hides the filters, the no-show tile and the heatmap against a stand-in that serves only the three endpoints', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    // The stand-in: WordPress's index of a namespace whose routes declare no argument of ours, a real site's four
    // widgets without the contract's header, and no route for anything else.
    const index = namespaceIndex();
    const routes = Object.fromEntries(
      Object.entries(index.routes)
        .filter(([route]) =>
          [ENDPOINTS.reports, ENDPOINTS.graph, ENDPOINTS.activities, ''].some(
            (path) => route === `/${REST_NAMESPACE}${path ? `/${path}` : ''}`,
          ),
        )
        .map(([route, value]) => [
          route,
          { ...value, endpoints: value.endpoints.map((endpoint) => ({ ...endpoint, args: {} })) },
        ]),
    );
    const extras: string[] = [];
    await page.route(
      (url) => url.pathname.startsWith(`/wp-json/${REST_NAMESPACE}`),
      async (route: Route) => {
        const url = new URL(route.request().url());
        const endpoint = endpointOf(url.href);
        if (url.pathname === `/wp-json/${REST_NAMESPACE}/`)
          return route.fulfill({ json: { ...index, routes } });
        if (
          endpoint === 'heatmap' ||
          endpoint === 'filters' ||
          FILTER_NAMES.some((name) => url.searchParams.has(name))
        ) {
          extras.push(url.href);
          return route.fulfill({
            status: 404,
            json: { code: 'rest_no_route', message: 'No route was found.', data: { status: 404 } },
          });
        }
        const response = await route.fetch();
        if (endpoint !== 'reports') return route.fulfill({ response });
        const body = (await response.json()) as ReportsResponse;
        const headers = Object.fromEntries(
          Object.entries(response.headers()).filter(([name]) => name !== 'x-booking-reports-contract'),
        );
        return route.fulfill({
          response,
          headers,
          json: { ...body, overview: body.overview.filter((widget) => widget.period !== 'no_show') },
        });
      },
    );
    // A filter remembered from our backend: a real site is not asked with it.
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    await rememberFilters(page, { host_id: 2 });
    await page.reload();
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    expect(Object.keys(await shownNumbers(dashboard, 4))).toEqual([
      'all',
      'completed',
      'cancelled',
      'guests',
    ]);
    await expect
      .poll(() => dashboard.locator('.br-dashboard__activities .br-activity__item').count())
      .toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');

    expect(await dashboard.getByLabel('Host', { exact: true }).count()).toBe(0);
    expect(await dashboard.locator('.br-filters').count()).toBe(0);
    expect(await dashboard.locator('.br-dashboard__heatmap').count()).toBe(0);
    expect(await dashboard.locator('.br-panel').count()).toBe(5);
    expect(extras).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
