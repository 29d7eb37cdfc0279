/**
 * The Dashboard widget in the real wp-admin: mounted in the page (no iframe) in an open shadow root, the overview
 * tiles and the graph only, the preloaded numbers at first and the route's numbers for each range picked, and a
 * link to the full Reports screen.
 */
import { describe, expect, it } from 'vitest';
import { comparisonWindowOf } from '../../src/api/contract';
import { localToUtcMs, utcMsToLocal } from '../../src/lib/siteTime';
import { SITE_TIMEZONE } from './site';
import {
  answerNumbers,
  asShown,
  DASHBOARD,
  expectShown,
  lastDays,
  useBrowser,
  ourLogLines,
  paintedPixels,
  printedConfig,
  rangeOf,
  recordRestRequests,
  reportRoute,
  REPORTS_SCREEN,
  reportsDashboard,
  session,
  setOptions,
  site,
  siteDay,
  standinNumbers,
  widgetDashboard,
} from './support';

const WIDGET = '#booking_reports_dashboard_widget';

describe('Dashboard widget in wp-admin', () => {
  const browser = useBrowser();

  it('shows the preloaded tiles and graph in the page itself, without a REST request', async () => {
    const { context, page, errors } = await session(browser(), 'admin');
    const requests = recordRestRequests(page);
    await page.goto(`${site.origin}${DASHBOARD}`);
    const dashboard = widgetDashboard(page);

    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));
    await expect.poll(() => paintedPixels(dashboard)).toBeGreaterThan(2_000);
    await page.waitForLoadState('networkidle');
    expect(requests.map((request) => request.url())).toEqual([]);

    // In the page: no iframe, an open shadow root on the plugin's element, and only the compact panels.
    await expect(page.locator(`${WIDGET} iframe`).count()).resolves.toBe(0);
    await expect(
      page.locator(`${WIDGET} [data-booking-reports]`).evaluate((element) => element.shadowRoot?.mode),
    ).resolves.toBe('open');
    await expect(dashboard.locator('.br-activity__item, .br-dashboard__activities').count()).resolves.toBe(0);
    await expect(dashboard.locator('.br-dashboard__latest, .br-dashboard__next').count()).resolves.toBe(0);
    // No "Print report": it would print the whole Dashboard around the widget.
    await expect(dashboard.getByRole('button', { name: 'Print report' }).count()).resolves.toBe(0);
    // The widget preloads what it shows: the overview of the last 30 days and of the window before them (whose
    // numbers the tiles' changes are computed from), and the graph.
    const { reports, graph } = lastDays(30);
    const previous = comparisonWindowOf({
      start: localToUtcMs(reports.start, SITE_TIMEZONE)!,
      end: localToUtcMs(reports.end, SITE_TIMEZONE)!,
    });
    const [before, until] = [previous.start, previous.end].map((ms) => utcMsToLocal(ms, SITE_TIMEZONE));
    expect(Object.keys((await printedConfig(page)).preloaded ?? {}).sort()).toEqual([
      '/fluent-booking/v2',
      `/fluent-booking/v2/reports/graph-reports?date_range[0]=${graph.start}&date_range[1]=${graph.end}`,
      `/fluent-booking/v2/reports?startTime=${before}&endTime=${until}`,
      `/fluent-booking/v2/reports?startTime=${reports.start}&endTime=${reports.end}`,
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the numbers the route answers for each range picked in the widget', async () => {
    const { context, page } = await session(browser(), 'admin');
    await page.goto(`${site.origin}${DASHBOARD}`);
    const dashboard = widgetDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));

    for (const [preset, first] of [
      ['last_7_days', siteDay(-6)],
      ['yesterday', siteDay(-1)],
    ] as const) {
      const [reports] = await Promise.all([
        page.waitForRequest((request) => reportRoute(request.url()) === 'reports'),
        dashboard.locator('.br-range-picker select').first().selectOption(preset),
      ]);
      const response = await reports.response();
      expect(response?.status()).toBe(200);
      const body = (await response!.json()) as unknown;
      expect(rangeOf(reports).start).toBe(`${first} 00:00:00`);
      expect(answerNumbers(body)).toEqual(
        standinNumbers(first, (rangeOf(reports).end ?? '').slice(0, 10) || first),
      );
      await expectShown(dashboard, asShown(answerNumbers(body)));
    }
    await context.close();
  });

  it('sends its own first requests, overview and graph only, with the preload filter off', async () => {
    await setOptions(site, { br_test_preload_off: 1 });
    const { context, page } = await session(browser(), 'admin');
    const requests = recordRestRequests(page);
    await page.goto(`${site.origin}${DASHBOARD}`);
    await expectShown(widgetDashboard(page), asShown(standinNumbers(siteDay(-29), siteDay())));

    await page.waitForLoadState('networkidle');
    // The range's /reports and the window before it: this server's own comparison is not trusted; and the
    // namespace index, which says what the server offers beyond the three routes.
    expect(requests.map((request) => reportRoute(request.url())).sort()).toEqual([
      'graph',
      'index',
      'reports',
      'reports',
    ]);
    await context.close();
  });

  it('links to the full Reports screen', async () => {
    const { context, page } = await session(browser(), 'admin');
    await page.goto(`${site.origin}${DASHBOARD}`);
    const link = page.locator(`${WIDGET} a[href$="admin.php?page=booking-reports"]`);
    await expect(link.count()).resolves.toBe(1);
    await Promise.all([page.waitForURL(`${site.origin}${REPORTS_SCREEN}`), link.click()]);

    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));
    await expect.poll(() => dashboard.locator('.br-activity__item').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('leaves no PHP warning or error of the plugin in the debug log', () => {
    expect(ourLogLines()).toEqual([]);
  });
});
