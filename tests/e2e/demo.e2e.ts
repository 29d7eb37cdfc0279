/**
 * The standalone demo as built (`dist/demo/`), from a plain static server with no backend and no network beyond it:
 * the msw service worker answers from data generated in the page, and the page says the data is generated.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { ReportsResponse } from '../../src/api/types';
import {
  expectDashboardFilled,
  expectedNumbers,
  keepScreenshot,
  lastDaysQuery,
  nextReportsAnswer,
  openPage,
  rangeOf,
  selectRange,
  seriousAxeViolations,
  shownNumbers,
  useBrowser,
  useExamples,
} from './support';

/** Cuts the context off from everything but the static server; returns the URLs it tried to reach anyway. */
async function offline(context: BrowserContext, origin: string): Promise<string[]> {
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  return blocked;
}

describe('Standalone demo (dist/demo/)', () => {
  const now = Date.now();
  const browser = useBrowser();
  // No backend: nothing but the static files answers on this origin.
  const staticHost = useExamples(() => ({}));

  it('renders generated data from the service worker, offline, and says it is generated', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    const blocked = await offline(context, staticHost().origin);
    const answer = nextReportsAnswer(page);
    await page.goto(`${staticHost().origin}/dist/demo/`);
    const dashboard = page.locator('#app .br-dashboard');
    const { response, body } = await answer;

    expect(response.fromServiceWorker()).toBe(true);
    await expectDashboardFilled(dashboard);
    expect(await shownNumbers(dashboard)).toEqual(expectedNumbers(body));
    expect(rangeOf(response.request())).toEqual(lastDaysQuery(now, 30).reports);
    const note = page.getByRole('note');
    await expect(note.isVisible()).resolves.toBe(true);
    await expect(note.innerText()).resolves.toMatch(/generated/i);
    expect(blocked).toEqual([]);
    await keepScreenshot(page, 'demo');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends the new range on both requests to the service worker', async () => {
    const { context, page } = await openPage(browser(), { now });
    await offline(context, staticHost().origin);
    await page.goto(`${staticHost().origin}/dist/demo/`);
    const dashboard = page.locator('#app .br-dashboard');
    await expectDashboardFilled(dashboard);

    const { reports, graph } = await selectRange(page, dashboard, 'last_7_days');
    expect(rangeOf(reports)).toEqual(lastDaysQuery(now, 7).reports);
    expect(rangeOf(graph)).toEqual(lastDaysQuery(now, 7).graph);
    const answered = (await reports.response())!;
    expect(answered.fromServiceWorker()).toBe(true);
    const body = (await answered.json()) as ReportsResponse;
    await expect.poll(() => shownNumbers(dashboard)).toEqual(expectedNumbers(body));
    await context.close();
  });

  it('shows issue #15’s features on generated data: the no-show tile, the previous period on the graph, the heatmap and the filters, remembered in its URL', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    await offline(context, staticHost().origin);
    await page.goto(`${staticHost().origin}/dist/demo/`);
    const dashboard = page.locator('#app .br-dashboard');
    await expectDashboardFilled(dashboard);
    await expect(dashboard.locator('.br-tile--no_show .br-tile__rate').innerText()).resolves.toMatch(
      /^\d+(\.\d+)?% of the meetings that ended$/,
    );

    const graph = dashboard.locator('.br-dashboard__graph');
    await graph.getByLabel('Compare with previous period').check();
    await expect.poll(() => graph.locator('.br-graph__legend-previous').count()).toBe(3);
    await expect(graph.locator('.br-graph__periods li').nth(1).innerText()).resolves.toMatch(
      /^Previous period: /,
    );
    expect(new URL(page.url()).searchParams.get('compare')).toBe('previous');

    // The demand heatmap of the range: its cells add up to Total Bookings.
    const heatmap = dashboard.locator('.br-dashboard__heatmap');
    await heatmap.getByRole('button', { name: 'Show as table' }).click();
    const rowTotals = await heatmap.locator('tbody tr td:last-child').allInnerTexts();
    const total = await dashboard.locator('.br-tile--all .br-tile__value').innerText();
    expect(
      rowTotals.map((text) => Number(text.replace(/\D/g, ''))).reduce((sum, count) => sum + count, 0),
    ).toBe(Number(total.replace(/\D/g, '')));

    // A calendar chosen: the numbers are the calendar's, fewer than the site's, and the URL says which.
    const calendar = dashboard.getByLabel('Calendar', { exact: true });
    await expect.poll(() => calendar.locator('option').count()).toBeGreaterThan(1);
    const chosen = (await calendar.locator('option').nth(1).getAttribute('value'))!;
    await calendar.selectOption(chosen);
    await expect
      .poll(async () =>
        Number((await dashboard.locator('.br-tile--all .br-tile__value').innerText()).replace(/\D/g, '')),
      )
      .toBeLessThan(Number(total.replace(/\D/g, '')));
    expect(new URL(page.url()).searchParams.get('calendar_id')).toBe(chosen);

    await page.reload();
    await expectDashboardFilled(dashboard);
    await expect.poll(() => graph.locator('.br-graph__legend-previous').count()).toBe(3);
    await expect.poll(() => dashboard.getByLabel('Calendar', { exact: true }).inputValue()).toBe(chosen);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe-core violations', async () => {
    const { context, page } = await openPage(browser(), { now });
    await offline(context, staticHost().origin);
    await page.goto(`${staticHost().origin}/dist/demo/`);
    await expectDashboardFilled(page.locator('#app .br-dashboard'));

    expect(await seriousAxeViolations(page, 'body')).toEqual([]);
    await context.close();
  });
});
