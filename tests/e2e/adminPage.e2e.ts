/**
 * The host-page module as WordPress runs it: the reference backend's admin page prints `bookingReportsConfig` (as
 * `wp_localize_script` would) and loads `dist/booking-reports.iife.js`, which auto-mounts on `[data-booking-reports]`.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PAGE_PATH } from '../../server/app';
import {
  BACKEND_TILES,
  differingPixels,
  endpointOf,
  expectDashboardFilled,
  expectedNumbers,
  horizontalOverflow,
  keepScreenshot,
  lastDaysQuery,
  nextReportsAnswer,
  openPage,
  printedPages,
  rangeOf,
  selectRange,
  seriousAxeViolations,
  shownNumbers,
  siteDay,
  useBackend,
  useBrowser,
} from './support';
import type { GraphResponse, ReportsResponse } from '../../src/api/types';

describe('Host-page module on the admin page', () => {
  const now = Date.now();
  const browser = useBrowser();
  const backend = useBackend(now);

  it('renders the four numbers the server sends, a drawn chart and filled lists', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    const answer = nextReportsAnswer(page);
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    const { response, body } = await answer;

    await expectDashboardFilled(dashboard);
    expect(rangeOf(response.request())).toEqual(lastDaysQuery(now, 30).reports);
    expect(await shownNumbers(dashboard)).toEqual(expectedNumbers(body));
    // Our backend's fifth tile (issue #15, point 3): the no-shows, with their rate of the meetings that ended.
    const noShows = body.overview.find((widget) => widget.period === 'no_show');
    expect(noShows?.rate).toBeTypeOf('number');
    await expect(dashboard.locator('.br-tile--no_show .br-tile__rate').innerText()).resolves.toBe(
      `${new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 }).format(noShows!.rate! / 100)} of the meetings that ended`,
    );
    await keepScreenshot(page, 'admin-page');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends the new range on both report requests and shows the new numbers', async () => {
    const { context, page } = await openPage(browser(), { now });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);

    const { reports, graph } = await selectRange(page, dashboard, 'last_7_days');
    const expected = lastDaysQuery(now, 7);
    expect(rangeOf(reports)).toEqual(expected.reports);
    expect(rangeOf(graph)).toEqual(expected.graph);
    const body = (await (await reports.response())!.json()) as ReportsResponse;
    await expect.poll(() => shownNumbers(dashboard)).toEqual(expectedNumbers(body));
    await expect(dashboard.locator('.br-range-picker__resolved').innerText()).resolves.toContain(
      new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${expected.graph.start}T00:00:00Z`),
      ),
    );
    await context.close();
  });

  it('has no serious or critical axe-core violations', async () => {
    const { context, page } = await openPage(browser(), { now });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    await expectDashboardFilled(page.locator('[data-booking-reports] .br-dashboard'));

    expect(await seriousAxeViolations(page, '[data-booking-reports]')).toEqual([]);
    await context.close();
  });

  it('fits a 320-pixel-wide screen with every number in view', async () => {
    const { context, page } = await openPage(browser(), { now, width: 320 });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    for (const value of await dashboard.locator('.br-tile__value').all()) {
      await expect(value.isVisible()).resolves.toBe(true);
      const box = await value.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    }
    await keepScreenshot(page, 'admin-page-320px');
    await context.close();
  });

  it('renders right to left in Arabic', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}&locale=ar`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);

    await expect(dashboard.getAttribute('dir')).resolves.toBe('rtl');
    const headings = await dashboard.locator('.br-panel__title').allInnerTexts();
    expect(headings.length).toBeGreaterThan(0);
    for (const heading of headings) expect(heading).toMatch(/[\u0600-\u06ff]/);
    // The tiles' first edge is on the right: the first tile sits to the right of the second.
    const [first, second] = await dashboard.locator('.br-tile').all();
    const firstBox = await first!.boundingBox();
    const secondBox = await second!.boundingBox();
    expect(firstBox!.x).toBeGreaterThan(secondBox!.x);
    await keepScreenshot(page, 'admin-page-ar');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('compares the graph with the 30 days before: one more request, its lines drawn, both windows named, its sums the tiles’ for those days, remembered (issue #15, point 1)', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);
    const graph = dashboard.locator('.br-dashboard__graph');
    const alone = await graph.locator('canvas').screenshot();

    const [first, last] = [siteDay(now, -59), siteDay(now, -30)];
    const answered = page.waitForResponse(
      (response) => endpointOf(response.url()) === 'graph' && rangeOf(response.request()).start === first,
    );
    await graph.getByLabel('Compare with previous period').check();
    const response = await answered;
    // Asked a day longer, as every daily graph is (a real site drops the last day asked for).
    expect(rangeOf(response.request())).toEqual({ start: first, end: siteDay(now, -29) });
    const body = (await response.json()) as GraphResponse;
    const sum = (series: Record<string, number>) =>
      Object.entries(series)
        .filter(([day]) => day <= last)
        .reduce((total, [, count]) => total + count, 0);
    const booked = sum(body.booked_stats);
    expect(booked).toBeGreaterThan(0);
    const format = (count: number) => `previous ${count.toLocaleString('en-US')}`;
    await expect
      .poll(() => graph.locator('.br-graph__legend-previous').allInnerTexts())
      .toEqual([format(booked), format(sum(body.completed_stats)), format(sum(body.cancelled_stats))]);
    await expect(graph.locator('canvas').getAttribute('aria-label')).resolves.toContain(`Previous period, `);
    const periods = await graph.locator('.br-graph__periods li').allInnerTexts();
    expect(periods).toHaveLength(2);
    expect(periods[1]).toMatch(/^Previous period: /);

    // The tiles, asked for exactly those days, count as many bookings as the dashed Booked line.
    const tiles = await page.evaluate(
      async ([from, to]) => {
        const config = (window as unknown as { bookingReportsConfig: { restUrl: string; nonce: string } })
          .bookingReportsConfig;
        const url = new URL('reports', config.restUrl);
        url.searchParams.set('startTime', `${from} 00:00:00`);
        url.searchParams.set('endTime', `${to} 23:59:59`);
        const answer = await fetch(url, { headers: { 'X-WP-Nonce': config.nonce } });
        return (await answer.json()) as ReportsResponse;
      },
      [first, last] as const,
    );
    expect(tiles.overview.find((widget) => widget.period === 'all')?.number).toBe(booked);

    // Printed compared, the report still fits one A4 page.
    expect(await printedPages(page, { background: true })).toBe(1);

    const compared = await graph.locator('canvas').screenshot();
    expect(await differingPixels(page, alone, compared)).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page, '[data-booking-reports]')).toEqual([]);
    await keepScreenshot(page, 'admin-page-compared');

    // The next visit starts compared.
    await page.reload();
    await expectDashboardFilled(dashboard);
    await expect(graph.getByLabel('Compare with previous period').isChecked()).resolves.toBe(true);
    await expect.poll(() => graph.locator('.br-graph__legend-previous').count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints the report on one page: its header, the tiles, the chart and its table; no controls, no lists (issue #15, point 5)', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);

    // Chromium's own printing, as "Save as PDF" does it.
    expect(await printedPages(page, { background: true })).toBe(1);

    // What that page holds, in print media, once the browser has said it prints.
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect.poll(() => dashboard.locator('.br-graph__table tbody tr').count()).toBe(30);
    await keepScreenshot(page, 'admin-page-print');
    for (const shown of ['.br-print-header', '.br-graph canvas', '.br-graph__table']) {
      expect(await dashboard.locator(shown).isVisible(), shown).toBe(true);
    }
    expect(await dashboard.locator('.br-tile__value:visible').count()).toBe(BACKEND_TILES);
    for (const hidden of [
      '.br-dashboard__header',
      '.br-dashboard__tools',
      '.br-dashboard__latest',
      '.br-dashboard__next',
      '.br-dashboard__activities',
      '.br-panel__actions',
    ]) {
      expect(await dashboard.locator(hidden).first().isVisible(), hidden).toBe(false);
    }
    // The legend stays, as labels: it names the chart's lines.
    expect(await dashboard.locator('button:visible:not(.br-graph__legend-button)').count()).toBe(0);
    await expect(dashboard.locator('.br-print-header__site').innerText()).resolves.toBe('Booking Site');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => dashboard.locator('.br-graph__table').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
