/**
 * The Reports screen in the real wp-admin, as the site's administrator sees it: the numbers the stand-in's routes
 * answer for each range picked, under pretty and plain permalinks; the first view from the preloaded answers
 * (no REST request) or, with the filter off, from its own requests; an expired nonce refreshed through
 * admin-ajax.php; axe-core inside wp-admin.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import {
  ALL_TIME,
  answerNumbers,
  asShown,
  expectShown,
  getRoute,
  lastDays,
  useBrowser,
  ourLogLines,
  paintedPixels,
  printedConfig,
  printedPages,
  rangeOf,
  recordRestRequests,
  reportRoute,
  REPORTS_SCREEN,
  reportsDashboard,
  seriousAxeViolations,
  session,
  setOptions,
  setPermalinks,
  site,
  siteDay,
  standinNumbers,
  wpEval,
} from './support';

/** Picks a preset in the dashboard's range picker; resolves with the `/reports` request and its answer. */
async function pickRange(page: Page, preset: string) {
  const dashboard = reportsDashboard(page);
  const [reports, graph] = await Promise.all([
    page.waitForRequest((request) => reportRoute(request.url()) === 'reports'),
    page.waitForRequest((request) => reportRoute(request.url()) === 'graph'),
    dashboard.locator('.br-range-picker select').first().selectOption(preset),
  ]);
  const response = await reports.response();
  expect(response?.status()).toBe(200);
  return { reports, graph, body: (await response!.json()) as unknown };
}

/** The red, green and blue of `#rrggbb`, 0–1. */
function channels(hex: string): number[] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);
}

/** WCAG contrast ratio of a colour against white. */
function contrastOnWhite(hex: string): number {
  const [r = 0, g = 0, b = 0] = channels(hex).map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

describe('Reports screen in wp-admin', () => {
  const browser = useBrowser();

  it('shows the preloaded numbers of the last 30 days without sending a REST request', async () => {
    const { context, page, errors } = await session(browser(), 'admin');
    const requests = recordRestRequests(page);
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    const { reports } = lastDays(30);

    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));
    await expect.poll(() => paintedPixels(dashboard)).toBeGreaterThan(2_000);
    await expect.poll(() => dashboard.locator('.br-activity__item').count()).toBeGreaterThan(0);
    // Settled: every panel drawn from the page itself.
    await page.waitForLoadState('networkidle');
    expect(requests.map((request) => request.url())).toEqual([]);

    // What the server offers came with the page too: WordPress's own index of the namespace, cut to the reports'
    // routes and their arguments' names. The stand-in, like the booking plugin, declares neither the heatmap nor a
    // filter, so the screen shows neither (and a real site's four tiles).
    const config = await printedConfig(page);
    const index = (config.preloaded?.['/fluent-booking/v2'] as { body: { routes: Record<string, unknown> } })
      .body;
    expect(Object.keys(index.routes).sort()).toEqual([
      '/fluent-booking/v2/reports',
      '/fluent-booking/v2/reports/activities',
      '/fluent-booking/v2/reports/graph-reports',
    ]);
    expect(await dashboard.locator('.br-filters').count()).toBe(0);
    expect(await dashboard.locator('.br-dashboard__heatmap').count()).toBe(0);
    expect(await dashboard.locator('.br-panel').count()).toBe(5);

    // The numbers are the ones the route answers for that range, with this page's nonce.
    expect(config).toMatchObject({
      restUrl: `${site.origin}/wp-json/fluent-booking/v2/`,
      refreshNonceUrl: `${site.origin}/wp-admin/admin-ajax.php?action=rest-nonce`,
      timezone: 'Europe/Berlin',
      locale: 'en_US',
      startOfWeek: 1,
      bookingsUrl: `${site.origin}/wp-admin/admin.php?page=fluent-booking#/scheduled-events`,
    });
    // Each tile links to the booking plugin's list of bookings.
    const links = await dashboard
      .locator('.br-tile a')
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(links).toEqual(Array.from({ length: 4 }, () => config.bookingsUrl));
    const answer = await getRoute(
      page,
      config.restUrl,
      `reports?startTime=${reports.start}&endTime=${reports.end}`,
      config.nonce,
    );
    expect(answer.status).toBe(200);
    expect(answerNumbers(answer.body)).toEqual(standinNumbers(siteDay(-29), siteDay()));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints the preloaded numbers in the page itself, so they show before the script runs (and without it)', async () => {
    const { context, page } = await session(browser(), 'admin', { javaScriptEnabled: false });
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    // No script ran: what shows is the page's own first view, the four tiles' titles and numbers, as text.
    const tiles = page.locator('[data-booking-reports] .booking-reports-first-view li');
    expect(await tiles.count()).toBe(4);
    expect(await page.locator('[data-booking-reports] .br-tile__value').allInnerTexts()).toEqual(
      Object.values(asShown(standinNumbers(siteDay(-29), siteDay()))),
    );
    expect(await tiles.first().locator('span').first().innerText()).toBe('Total Bookings');
    expect(await page.locator('[data-booking-reports] .booking-reports-first-view').isVisible()).toBe(true);
    await context.close();

    // With the script, the dashboard takes its place: the first view is hidden behind the dashboard's shadow root.
    const mounted = await session(browser(), 'admin');
    await mounted.page.goto(`${site.origin}${REPORTS_SCREEN}`);
    await expectShown(reportsDashboard(mounted.page), asShown(standinNumbers(siteDay(-29), siteDay())));
    expect(await mounted.page.locator('.booking-reports-first-view').isVisible()).toBe(false);
    await mounted.context.close();
  });

  it('with the preload filter off, shows the numbers the page’s own first request brings, before the script runs', async () => {
    await setOptions(site, { br_test_preload_off: 1 });
    const { context, page } = await session(browser(), 'admin');
    // The dashboard's script never arrives: what shows is the page's inline script's work alone.
    await page.route('**/assets/booking-reports.js*', (route) => route.abort());
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    await expect
      .poll(() => page.locator('[data-booking-reports] .br-tile__value').allInnerTexts())
      .toEqual(Object.values(asShown(standinNumbers(siteDay(-29), siteDay()))));
    expect(await page.locator('.booking-reports-first-view li span:first-child').first().innerText()).toBe(
      'Total Bookings',
    );
    await context.close();
  });

  it('shows the numbers the route answers for each range picked', async () => {
    const { context, page } = await session(browser(), 'admin');
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));

    const ranges: [string, string | null, string | null][] = [
      ['last_7_days', siteDay(-6), siteDay()],
      ['today', siteDay(), siteDay()],
      ['last_3_months', null, siteDay()],
      [
        'last_year',
        `${Number(siteDay().slice(0, 4)) - 1}-01-01`,
        `${Number(siteDay().slice(0, 4)) - 1}-12-31`,
      ],
      ['all_time', null, null],
    ];
    for (const [preset, first, last] of ranges) {
      const { reports, graph, body } = await pickRange(page, preset);
      const range = rangeOf(reports);
      if (preset === 'all_time') {
        expect(range).toEqual({ start: null, end: null });
        expect(answerNumbers(body)).toEqual(ALL_TIME);
      } else {
        if (first) expect(range.start).toBe(`${first} 00:00:00`);
        expect(range.end).toBe(`${last} 23:59:59`);
        expect(answerNumbers(body)).toEqual(
          standinNumbers(range.start!.slice(0, 10), range.end!.slice(0, 10)),
        );
        // A range graphed by day is asked one day longer: the booking plugin leaves out the last day asked for.
        const byDay = preset === 'last_7_days' || preset === 'today';
        const graphEnd = byDay ? siteDay(1) : range.end!.slice(0, 10);
        expect(rangeOf(graph)).toEqual({ start: range.start!.slice(0, 10), end: graphEnd });
      }
      await expectShown(dashboard, asShown(answerNumbers(body)));
    }
    await context.close();
  });

  it('reads the routes under plain permalinks (?rest_route=)', async () => {
    await setPermalinks(site, 'plain');
    await setOptions(site, { br_test_preload_off: 1 });
    const { context, page } = await session(browser(), 'admin');
    const requests = recordRestRequests(page);
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));

    // Core's rest_url() for plain permalinks names index.php, to spare the redirect from / (get_rest_url()).
    expect((await printedConfig(page)).restUrl).toBe(
      `${site.origin}/index.php?rest_route=/fluent-booking/v2/`,
    );
    const { body, reports } = await pickRange(page, 'last_7_days');
    await expectShown(dashboard, asShown(answerNumbers(body)));
    expect(answerNumbers(body)).toEqual(standinNumbers(siteDay(-6), siteDay()));
    for (const request of [...requests, reports]) {
      expect(new URL(request.url()).pathname).toBe('/index.php');
      // The reports' routes, and the namespace's own (its index), which WordPress serves under plain permalinks too.
      expect(new URL(request.url()).searchParams.get('rest_route')).toMatch(
        /^\/fluent-booking\/v2\/(reports|$)/,
      );
    }
    expect(requests.filter((request) => reportRoute(request.url()) === 'index')).toHaveLength(1);
    await context.close();
  });

  it('shows the preloaded numbers under plain permalinks too, without a REST request', async () => {
    await setPermalinks(site, 'plain');
    const { context, page } = await session(browser(), 'admin');
    const requests = recordRestRequests(page);
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));
    await expect.poll(() => dashboard.locator('.br-activity__item').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(requests.map((request) => request.url())).toEqual([]);
    await context.close();
  });

  it("takes its colours from the user's admin colour scheme", async () => {
    const primaryOf = async (user: 'admin' | 'host') => {
      const { context, page } = await session(browser(), user);
      await page.goto(`${site.origin}${REPORTS_SCREEN}`);
      const dashboard = reportsDashboard(page);
      await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));
      const printed = (await printedConfig(page)).colorScheme as { colors?: { primary?: string } };
      const shown = await dashboard.evaluate((element) =>
        getComputedStyle(element).getPropertyValue('--br-color-primary').trim(),
      );
      await context.close();
      return { printed: printed.colors?.primary, shown };
    };
    wpEval(
      site,
      "update_user_meta(get_user_by('login', 'host')->ID, 'admin_color', 'sunrise'); return true;",
    );
    try {
      const fresh = await primaryOf('admin');
      const sunrise = await primaryOf('host');
      for (const scheme of [fresh, sunrise]) {
        expect(scheme.printed).toMatch(/^#[0-9a-f]{6}$/);
        expect(scheme.shown.toLowerCase()).toBe(scheme.printed);
        // Readable as text on the dashboard's white surface (WCAG AA).
        expect(contrastOnWhite(scheme.printed!)).toBeGreaterThanOrEqual(4.5);
      }
      expect(sunrise.printed).not.toBe(fresh.printed);
      // Sunrise is orange-red: more red than blue, unlike the default blue.
      const [red, , blue] = channels(sunrise.printed!);
      expect(red).toBeGreaterThan(blue!);
    } finally {
      wpEval(
        site,
        "update_user_meta(get_user_by('login', 'host')->ID, 'admin_color', 'fresh'); return true;",
      );
    }
  });

  it('sends its own first requests when the booking_reports_preload filter returns false', async () => {
    await setOptions(site, { br_test_preload_off: 1 });
    const { context, page } = await session(browser(), 'admin');
    const requests = recordRestRequests(page);
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));

    expect((await printedConfig(page)).preloaded).toBeUndefined();
    // Two /reports: the range, and the window before it (this server's own comparison is not trusted); and the
    // namespace index, WordPress's own, which lists the stand-in's three routes and nothing more. Each once: the
    // page's inline script sent them before the dashboard's script ran, and the dashboard took their answers.
    await expect
      .poll(() => requests.map((request) => reportRoute(request.url())).sort())
      .toEqual(['activities', 'graph', 'index', 'reports', 'reports']);
    const early = await page.evaluate(() =>
      Object.keys(
        (window as unknown as { bookingReportsConfig: { early: object } }).bookingReportsConfig.early,
      ),
    );
    expect(early.map((key) => reportRoute(`${site.origin}/wp-json${key}`)).sort()).toEqual([
      'activities',
      'graph',
      'index',
      'reports',
      'reports',
    ]);
    const reports = requests.filter((request) => reportRoute(request.url()) === 'reports').map(rangeOf);
    expect(reports).toContainEqual(lastDays(30).reports);
    expect(reports.map((range) => range.end)).toContain(`${siteDay(-30)} 23:59:59`);
    await context.close();
  });

  it('refreshes an expired nonce through admin-ajax.php?action=rest-nonce and shows the numbers', async () => {
    const { context, page } = await session(browser(), 'admin');
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));

    // Noted as each answer's headers arrive, its error code read after: a handler that first awaited the body could
    // note the retried answer only after the numbers it brought were on screen (one CI run in many).
    const answers: { request: Request; status: number; code: Promise<string | undefined> }[] = [];
    page.on('response', (response) => {
      if (!reportRoute(response.url())) return;
      const code = response.json().then(
        (body: { code?: string } | null) => body?.code,
        () => undefined,
      );
      answers.push({ request: response.request(), status: response.status(), code });
    });
    const nonceRequest = page.waitForResponse((response) =>
      response.url().includes('/wp-admin/admin-ajax.php?action=rest-nonce'),
    );
    await setOptions(site, { br_test_reject_nonce_once: 1 });
    await dashboard.locator('.br-range-picker select').first().selectOption('last_7_days');

    const refreshed = await nonceRequest;
    expect(refreshed.status()).toBe(200);
    const freshNonce = (await refreshed.text()).trim();
    expect(freshNonce).toMatch(/^[0-9a-f]{10}$/);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-6), siteDay())));

    const refused = answers.filter((answer) => answer.status === 403);
    expect(await Promise.all(refused.map((answer) => answer.code))).toEqual(['rest_cookie_invalid_nonce']);
    const retriedAnswers = () =>
      answers.filter((answer) => answer.status === 200 && answer.request.url() === refused[0]!.request.url());
    await expect.poll(() => retriedAnswers().length).toBe(1);
    const retried = retriedAnswers();
    expect(await retried[0]!.request.headerValue('x-wp-nonce')).toBe(freshNonce);
    await context.close();
  });

  it('has no serious or critical axe-core violation in the dashboard or the widget inside wp-admin', async () => {
    const { context, page } = await session(browser(), 'admin');
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));
    await expect.poll(() => paintedPixels(dashboard)).toBeGreaterThan(2_000);

    // Scoped to the plugin's element: wp-admin 6.1's own markup has a serious one outside it
    // (label-content-name-mismatch on #collapse-button, "Collapse Main menu").
    expect(await seriousAxeViolations(page, '[data-booking-reports]')).toEqual([]);

    await page.goto(`${site.origin}/wp-admin/index.php`);
    const widget = page.locator('#booking_reports_dashboard_widget [data-booking-reports] .br-dashboard');
    await expectShown(widget, asShown(standinNumbers(siteDay(-29), siteDay())));
    await expect.poll(() => paintedPixels(widget)).toBeGreaterThan(2_000);
    expect(await seriousAxeViolations(page, '#booking_reports_dashboard_widget')).toEqual([]);
    await context.close();
  });

  it('prints the report alone on one page, headed by the site name as WordPress stores it (issue #15, point 5)', async () => {
    // WordPress keeps the site name HTML-escaped (sanitize_option): the report shows it as the admin typed it.
    await setOptions(site, { blogname: 'Tom &amp; Jerry&#039;s &lt;b&gt;Bookings&lt;/b&gt;' });
    try {
      const { context, page } = await session(browser(), 'admin');
      await page.goto(`${site.origin}${REPORTS_SCREEN}`);
      const dashboard = reportsDashboard(page);
      await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay())));
      await expect(dashboard.getByRole('button', { name: 'Print report' }).count()).resolves.toBe(1);

      expect(await printedPages(page)).toBe(1);

      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await expect.poll(() => dashboard.locator('.br-graph__table tbody tr').count()).toBeGreaterThan(0);
      // None of wp-admin around it: menus, toolbar, footer, the screen's heading.
      for (const chrome of ['#adminmenumain', '#wpadminbar', '#wpfooter', '.wrap > h1']) {
        expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
      }
      const name = dashboard.locator('.br-print-header__site');
      await expect(name.innerText()).resolves.toBe("Tom & Jerry's <b>Bookings</b>");
      await expect(name.locator('b').count()).resolves.toBe(0);
      await context.close();
    } finally {
      await setOptions(site, { blogname: 'Booking Reports Test' });
    }
  });

  it('leaves no PHP warning or error of the plugin in the debug log', () => {
    expect(ourLogLines()).toEqual([]);
  });
});
