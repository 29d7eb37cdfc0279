/**
 * The overview tiles in Chromium, on the reference backend's admin page (issue #11): a change shown only where the
 * dashboard can stand behind it (a real site's answer, without `X-Booking-Reports-Contract`, is compared with the
 * comparison window the client asks for), the help each tile offers by keyboard, and tiles that are links only when
 * the host gives a bookings list.
 */
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PAGE_PATH } from '../../server/app';
import { percentChange } from '../../src/api/contract';
import type { ReportsResponse } from '../../src/api/types';
import { formatPercent } from '../../src/lib/format';
import {
  endpointOf,
  expectDashboardFilled,
  openPage,
  rangeOf,
  recordApiRequests,
  seriousAxeViolations,
  useBackend,
  useBrowser,
} from './support';

/** Answers every `/reports` request as a real site does: the server's numbers, a 1970 `stat`, no contract header. */
async function actAsRealSite(page: Page): Promise<Map<string, ReportsResponse>> {
  const answers = new Map<string, ReportsResponse>();
  await page.route(
    (url) => endpointOf(url.href) === 'reports',
    async (route: Route) => {
      const response = await route.fetch();
      const body = (await response.json()) as ReportsResponse;
      const query = new URL(route.request().url()).searchParams;
      answers.set(`${query.get('startTime')}|${query.get('endTime')}`, body);
      const headers = Object.fromEntries(
        Object.entries(response.headers()).filter(([name]) => name !== 'x-booking-reports-contract'),
      );
      await route.fulfill({
        response,
        headers,
        json: { ...body, overview: body.overview.map((widget) => ({ ...widget, stat: 5800 })) },
      });
    },
  );
  return answers;
}

/** The admin page with `bookingsUrl` in its dashboard element's JSON, as a host page would give it. */
async function withBookingsUrl(page: Page, bookingsUrl: string): Promise<void> {
  await page.route(
    (url) => url.pathname === '/wp-admin/admin.php',
    async (route: Route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        /data-booking-reports(?=[\s>])/,
        `data-booking-reports='${JSON.stringify({ bookingsUrl })}'`,
      );
      await route.fulfill({ response, body: html });
    },
  );
}

describe('Overview tiles in Chromium', () => {
  const now = Date.now();
  const browser = useBrowser();
  const backend = useBackend(now);

  it('compares a real site’s numbers with the comparison window it asks for, never showing its stat', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    const answers = await actAsRealSite(page);
    const requests = recordApiRequests(page);
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);
    await expect.poll(() => dashboard.locator('.br-badge--pending').count()).toBe(0);

    const asked = requests.filter((request) => endpointOf(request.url()) === 'reports').map(rangeOf);
    expect(asked).toHaveLength(2);
    const [current, previous] = asked.map(({ start, end }) => answers.get(`${start}|${end}`)!);
    const expected = current!.overview.map((widget, index) => {
      const before = previous!.overview[index]!.number;
      if (before === 0) return widget.number > 0 ? 'New' : formatPercent(0, 'en-US');
      return formatPercent(percentChange(widget.number, before), 'en-US');
    });
    expect(await dashboard.locator('.br-badge__percent').allInnerTexts()).toEqual(expected);
    expect(await dashboard.innerText()).not.toContain('5,800');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens each tile’s help from the keyboard, and has no links or buttons of tiles without a bookings list', async () => {
    const { context, page } = await openPage(browser(), { now });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);
    expect(await dashboard.locator('.br-tile a, .br-tile [role="button"]').count()).toBe(0);
    await expect
      .poll(() =>
        dashboard
          .locator('.br-tile__label')
          .first()
          .evaluate((label) => getComputedStyle(label).cursor),
      )
      .not.toBe('pointer');

    const toggle = dashboard.getByRole('button', { name: 'What Completed Bookings counts' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await expect
      .poll(() => dashboard.locator('.br-tile--completed .br-tile__help').innerText())
      .toContain('whenever they were booked');
    // The next Tab stop is the next tile's help: a plain tile has none of its own.
    await page.keyboard.press('Tab');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document
              .querySelector('[data-booking-reports]')
              ?.shadowRoot?.activeElement?.getAttribute('aria-label') ?? '',
        ),
      )
      .toBe('What Cancelled Bookings counts');
    expect(await seriousAxeViolations(page, '[data-booking-reports]')).toEqual([]);
    await context.close();
  });

  it('links the tiles to the bookings list, and keeps the page when the host cancels booking-reports:tile', async () => {
    const { context, page } = await openPage(browser(), { now });
    await withBookingsUrl(page, '/wp-admin/admin.php?page=fluent-booking#/scheduled-events');
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);
    const link = dashboard.getByRole('link', { name: 'Cancelled Bookings' });
    expect(await link.getAttribute('href')).toBe('/wp-admin/admin.php?page=fluent-booking#/scheduled-events');

    await page.evaluate(() => {
      document.addEventListener('booking-reports:tile', (event) => {
        (window as unknown as { tiles: unknown[] }).tiles = [
          ...((window as unknown as { tiles?: unknown[] }).tiles ?? []),
          (event as CustomEvent).detail,
        ];
        event.preventDefault();
      });
    });
    const before = page.url();
    // The help toggle sits above the link stretched over the tile: a click opens the help, follows nothing.
    const toggle = dashboard.locator('.br-tile--all .br-tile__help-toggle');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { tiles?: unknown[] }).tiles)).toBeUndefined();

    await link.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { tiles?: unknown[] }).tiles))
      .toEqual([{ key: 'cancelled', range: { preset: 'last_30_days' } }]);
    expect(page.url()).toBe(before);
    await context.close();
  });
});
