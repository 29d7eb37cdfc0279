/**
 * What a person sees when the server lets the dashboard down or sends strings in another script: the npm start admin
 * page in Chromium, its answers altered on the wire with `page.route`.
 */
import type { Locator, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PAGE_PATH } from '../../server/app';
import type { ReportsResponse } from '../../src/api/types';
import { DEFAULT_CONFIG } from '../../server/config';
import {
  endpointOf,
  expectDashboardFilled,
  keepScreenshot,
  openPage,
  selectRange,
  shownNumbers,
  useBackend,
  useBrowser,
} from './support';

/** A time as the English admin page writes it in the site's timezone, e.g. "3:04 PM". */
const timeOf = (utcMs: number) =>
  new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: DEFAULT_CONFIG.timezone }).format(utcMs);

const LONG_EMAIL = 'fatima.schmidt-ramadani@bookings.example-clinic.com';
const MIXED_TITLE = '15 Minute Intro Call with Fatima Schmidt';

/** Answers `/reports` with the server's own answer, altered by `change`. */
async function alterReports(page: Page, change: (body: ReportsResponse) => void): Promise<void> {
  await page.route(
    (url) => endpointOf(url.href) === 'reports',
    async (route: Route) => {
      const response = await route.fetch();
      const body = (await response.json()) as ReportsResponse;
      change(body);
      await route.fulfill({ response, json: body });
    },
  );
}

/**
 * Whether a text node's characters from `start` to `end` stand left of those from `start2` to `end2` on screen:
 * the visual order of two runs of one string.
 */
function leftOf(element: Locator, first: [number, number], second: [number, number]): Promise<boolean> {
  return element.evaluate(
    (node, [a, b]) => {
      const text = node.firstChild!;
      const left = (from: number, to: number) => {
        const range = document.createRange();
        range.setStart(text, from);
        range.setEnd(text, to);
        return range.getBoundingClientRect().left;
      };
      return left(...a) < left(...b);
    },
    [first, second] as const,
  );
}

describe('Trust: stale data, other scripts, narrow screens', () => {
  const now = Date.now();
  const browser = useBrowser();
  const backend = useBackend(now);

  it('keeps the numbers up when a refresh fails, says since when, and brings them back with one Retry', async () => {
    const { context, page, errors } = await openPage(browser(), { now, clock: 'fake' });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);
    const shown = await shownNumbers(dashboard);
    const updated = dashboard.locator('.br-range-picker__updated');
    // The page's clock starts at `now` and runs: the data may be from the minute after.
    const loadedAt = (await updated.innerText()).replace('Updated at ', '');
    expect([timeOf(now), timeOf(now + 60_000)]).toContain(loadedAt);

    await page.route(
      (url) => endpointOf(url.href) !== undefined,
      (route) =>
        route.fulfill({
          status: 503,
          json: { code: 'db_down', message: 'The database is down.', data: { status: 503 } },
        }),
    );
    await page.clock.runFor(12 * 60_000);
    await dashboard.locator('.br-range-picker__refresh-button').click();

    const banner = dashboard.locator('.br-stale');
    await expect
      .poll(() => banner.innerText())
      .toContain(`Could not refresh. Showing data from ${loadedAt}.`);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await shownNumbers(dashboard)).toEqual(shown);
    expect(await dashboard.locator('.br-panel__error').count()).toBe(0);
    // "Updated at" stays at the time of the data on screen.
    expect(await updated.innerText()).toBe(`Updated at ${loadedAt}`);
    await keepScreenshot(page, 'trust-stale');

    await page.unrouteAll();
    await banner.getByRole('button', { name: 'Retry' }).click();

    await expect.poll(() => banner.count()).toBe(0);
    expect(await shownNumbers(dashboard)).toEqual(shown);
    // Twelve minutes on, and everything reloaded.
    expect([timeOf(now + 12 * 60_000), timeOf(now + 13 * 60_000)]).toContain(
      (await updated.innerText()).replace('Updated at ', ''),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a Latin title in its own order on an Arabic screen, and an e-mail whole between its dots at 375 px', async () => {
    const { context, page, errors } = await openPage(browser(), { now, width: 375 });
    await page.goto(`${backend().origin}${ADMIN_PAGE_PATH}&locale=ar`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);

    await alterReports(page, (body) => {
      body.next_meetings[0]!.title = MIXED_TITLE;
      body.latest_books[0]!.email = LONG_EMAIL;
    });
    await selectRange(page, dashboard, 'last_7_days');
    const title = dashboard.locator('.br-meeting__title bdi').first();
    await expect.poll(() => title.innerText()).toBe(MIXED_TITLE);

    expect(await dashboard.getAttribute('dir')).toBe('rtl');
    // "15" stands left of "Minute", as in the title; unisolated, the RTL line moved it to the far end.
    expect(await leftOf(title, [0, 2], [3, 9])).toBe(true);

    const email = dashboard.locator('.br-booking__email').first();
    expect(await email.innerText()).toBe(LONG_EMAIL);
    const lines = await email.evaluate((node) => {
      const tops = (target: Node) => {
        const range = document.createRange();
        range.selectNodeContents(target);
        return [...new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))];
      };
      return {
        whole: tops(node).length,
        // Each part between the break points ("fatima", ".schmidt-ramadani", "@bookings", …) on one line.
        parts: [...node.childNodes]
          .filter((child) => child.nodeType === Node.TEXT_NODE && child.textContent !== '')
          .map((part) => tops(part).length),
      };
    });
    expect(lines.whole).toBeGreaterThan(1);
    expect(lines.parts.length).toBeGreaterThan(1);
    expect(lines.parts.every((count) => count === 1)).toBe(true);
    await keepScreenshot(page, 'trust-arabic-375');
    expect(errors).toEqual([]);
    await context.close();
  });
});
