/**
 * Who sees what: a booking host (let in by the booking plugin's PermissionManager, no WordPress capability) gets
 * the Reports submenu and the widget; a subscriber gets neither, and the screen and the routes refuse them; a
 * visitor who is not logged in is refused too; without the booking plugin, administrators get a top-level
 * "Booking Reports" menu that says the booking plugin is needed.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  asShown,
  DASHBOARD,
  expectShown,
  getRoute,
  lastDays,
  useBrowser,
  ourLogLines,
  REPORTS_SCREEN,
  reportsDashboard,
  session,
  setOptions,
  site,
  siteDay,
  standinNumbers,
  widgetDashboard,
} from './support';

const REST_ROOT = `${site.origin}/wp-json/fluent-booking/v2/`;
const RANGE = lastDays(7).reports;
const ROUTES = [
  `reports?startTime=${RANGE.start}&endTime=${RANGE.end}`,
  `reports/graph-reports?date_range[0]=${RANGE.start.slice(0, 10)}&date_range[1]=${RANGE.end.slice(0, 10)}`,
  'reports/activities',
];

/** The admin menu's links, as `href` (relative to wp-admin) → text. */
async function menuLinks(page: Page): Promise<Record<string, string>> {
  return page
    .locator('#adminmenu a')
    .evaluateAll((links) =>
      Object.fromEntries(
        links.map((link) => [
          link.getAttribute('href') ?? '',
          (link.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ]),
      ),
    );
}

/** A REST nonce for the logged-in user, from core's own endpoint, as the dashboard would fetch it. */
async function restNonce(page: Page): Promise<string> {
  const response = await page.request.get(`${site.origin}/wp-admin/admin-ajax.php?action=rest-nonce`);
  expect(response.status()).toBe(200);
  return (await response.text()).trim();
}

describe('Access to the reports', () => {
  const browser = useBrowser();

  it('gives a booking host the Reports submenu, the screen with its numbers and the widget', async () => {
    const { context, page } = await session(browser(), 'host');
    await page.goto(`${site.origin}${DASHBOARD}`);
    await expectShown(widgetDashboard(page), asShown(standinNumbers(siteDay(-29), siteDay())));

    const submenu = page.locator('#toplevel_page_fluent-booking .wp-submenu a[href$="page=booking-reports"]');
    // A submenu of another screen's menu opens when the pointer rests on its top-level item, as for a person.
    await page.locator('#toplevel_page_fluent-booking').hover();
    await expect(submenu.innerText()).resolves.toBe('Reports');
    await Promise.all([page.waitForURL(`${site.origin}${REPORTS_SCREEN}`), submenu.click()]);
    await expectShown(reportsDashboard(page), asShown(standinNumbers(siteDay(-29), siteDay())));
    // The host is a subscriber: the routes let them in through the booking plugin's permission, with their nonce.
    const nonce = await restNonce(page);
    for (const route of ROUTES) expect((await getRoute(page, REST_ROOT, route, nonce)).status).toBe(200);
    await context.close();
  });

  it('shows a subscriber no menu and no widget, and the screen and the routes refuse them', async () => {
    const { context, page } = await session(browser(), 'subscriber');
    await page.goto(`${site.origin}${DASHBOARD}`);
    await expect(page.locator('#dashboard-widgets-wrap').count()).resolves.toBe(1);
    await expect(
      page.locator('#booking_reports_dashboard_widget, [data-booking-reports]').count(),
    ).resolves.toBe(0);
    const links = await menuLinks(page);
    expect(Object.keys(links).filter((href) => /booking/.test(href))).toEqual([]);
    expect(Object.values(links)).not.toContain('Reports');

    const screen = await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    expect(screen?.status()).toBe(403);
    await expect(page.locator('body').innerText()).resolves.toContain(
      'Sorry, you are not allowed to access this page.',
    );
    await expect(page.locator('[data-booking-reports]').count()).resolves.toBe(0);

    const nonce = await restNonce(page);
    for (const route of ROUTES) {
      expect(await getRoute(page, REST_ROOT, route, nonce)).toMatchObject({
        status: 403,
        body: { code: 'rest_forbidden', data: { status: 403 } },
      });
      // Without a nonce core treats the cookie as no login at all.
      expect(await getRoute(page, REST_ROOT, route)).toMatchObject({
        status: 401,
        body: { code: 'rest_forbidden' },
      });
    }
    await context.close();
  });

  it('sends a visitor who is not logged in to the login form, and the routes answer 401', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    expect(new URL(page.url()).pathname).toBe('/wp-login.php');
    expect(new URL(page.url()).searchParams.get('redirect_to')).toContain('page=booking-reports');
    for (const route of ROUTES) {
      expect(await getRoute(page, REST_ROOT, route)).toMatchObject({
        status: 401,
        body: { code: 'rest_forbidden' },
      });
    }
    await context.close();
  });

  it('refuses the nonce of one user to another', async () => {
    const admin = await session(browser(), 'admin');
    const adminNonce = await restNonce(admin.page);
    expect((await getRoute(admin.page, REST_ROOT, ROUTES[0]!, adminNonce)).status).toBe(200);
    const subscriber = await session(browser(), 'subscriber');
    expect(await getRoute(subscriber.page, REST_ROOT, ROUTES[0]!, adminNonce)).toMatchObject({
      status: 403,
      body: { code: 'rest_cookie_invalid_nonce' },
    });
    await admin.context.close();
    await subscriber.context.close();
  });

  it('without the booking plugin, gives administrators a top-level menu that says it is needed', async () => {
    await setOptions(site, { br_test_standin_off: 1 });
    const { context, page } = await session(browser(), 'admin');
    await page.goto(`${site.origin}${DASHBOARD}`);
    await expect(page.locator('#booking_reports_dashboard_widget').count()).resolves.toBe(0);
    const links = await menuLinks(page);
    expect(links['admin.php?page=booking-reports']).toBe('Booking Reports');
    expect(Object.keys(links).filter((href) => href.includes('fluent-booking'))).toEqual([]);

    await Promise.all([
      page.waitForURL(`${site.origin}${REPORTS_SCREEN}`),
      page.locator('#adminmenu a[href="admin.php?page=booking-reports"]').first().click(),
    ]);
    await expect(page.locator('#wpbody-content .notice').innerText()).resolves.toMatch(
      /Fluent Booking.*not active/,
    );
    await expect(page.locator('[data-booking-reports]').count()).resolves.toBe(0);
    await context.close();

    // A booking host is nobody without the booking plugin.
    const host = await session(browser(), 'host');
    await host.page.goto(`${site.origin}${DASHBOARD}`);
    expect(Object.keys(await menuLinks(host.page)).filter((href) => /booking/.test(href))).toEqual([]);
    await expect(host.page.locator('#booking_reports_dashboard_widget').count()).resolves.toBe(0);
    await host.context.close();
  });

  it('leaves no PHP warning or error of the plugin in the debug log', () => {
    expect(ourLogLines()).toEqual([]);
  });
});
