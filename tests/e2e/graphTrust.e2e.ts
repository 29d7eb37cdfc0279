/**
 * Issue #11, the graph: what a person sees beside the tiles, on the npm start admin page in Chromium, against our
 * backend and against a real site's behaviour (its answers altered on the wire with `page.route`).
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PAGE_PATH } from '../../server/app';
import type { GraphResponse } from '../../src/api/types';
import {
  BACKEND_TILES,
  endpointOf,
  expectDashboardFilled,
  keepScreenshot,
  openPage,
  rangeOf,
  selectRange,
  shownNumbers,
  siteDay,
  useBackend,
  useBrowser,
} from './support';

const TOTALS_NOTE = 'This site counts the graph differently from the totals.';

/** Answers the graph with the server's own answer to the request, altered by `change` (as a real site would). */
async function alterGraph(
  page: Page,
  change: (body: GraphResponse, url: URL) => GraphResponse,
): Promise<void> {
  await page.route(
    (url) => endpointOf(url.href) === 'graph',
    async (route: Route) => {
      const response = await route.fetch();
      const body = (await response.json()) as GraphResponse;
      await route.fulfill({ response, json: change(body, new URL(route.request().url())) });
    },
  );
}

/** The real plugin leaves out the last day it is asked for: the server's answer without its last key. */
function dropLastDay(body: GraphResponse, url: URL): GraphResponse {
  const last = url.searchParams.get('date_range[1]') ?? '';
  const without = (series: Record<string, number>) =>
    Object.fromEntries(Object.entries(series).filter(([key]) => key !== last));
  return {
    booked_stats: without(body.booked_stats),
    completed_stats: without(body.completed_stats),
    cancelled_stats: without(body.cancelled_stats),
  };
}

/**
 * The graph's table as text rows, the toggle clicked first when the chart shows. The toggle is there only once the
 * graph has its answer (a range just chosen may still be loading), so it is waited for before it is read.
 */
async function graphTable(graph: Locator): Promise<string[][]> {
  const toggle = graph.getByRole('button', { name: /^Show (as table|chart)$/ });
  await toggle.waitFor();
  if ((await toggle.innerText()).trim() === 'Show as table') await toggle.click();
  await graph.locator('tbody tr').first().waitFor();
  return graph
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
    );
}

/** The legend's totals by series, e.g. `{ Booked: '3,000', … }`. */
async function legendTotals(graph: Locator): Promise<Record<string, string>> {
  const buttons = await graph.locator('.br-graph__legend button').all();
  const totals: Record<string, string> = {};
  for (const button of buttons) {
    totals[(await button.locator('.br-graph__legend-label').innerText()).trim()] = (
      await button.locator('.br-graph__legend-total').innerText()
    ).trim();
  }
  return totals;
}

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('Graph a site admin can trust (issue #11)', () => {
  const now = Date.now();
  const browser = useBrowser();
  const backend = useBackend(now);

  async function openDashboard(width?: number) {
    const opened = await openPage(browser(), { now, ...(width ? { width } : {}) });
    await opened.page.goto(`${backend().origin}${ADMIN_PAGE_PATH}`);
    const dashboard = opened.page.locator('[data-booking-reports] .br-dashboard');
    await expectDashboardFilled(dashboard);
    return { ...opened, dashboard, graph: dashboard.locator('.br-graph') };
  }

  it('shows today, "so far", on our backend and on a site that drops the last day asked for', async () => {
    const { context, page, dashboard, graph, errors } = await openDashboard();
    const today = siteDay(now);
    const { graph: request } = await selectRange(page, dashboard, 'today');
    expect(rangeOf(request)).toEqual({ start: today, end: siteDay(now, 1) });
    const ours = await graphTable(graph);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.[0]).toMatch(/\(so far\)$/);
    await expect.poll(() => graph.locator('.br-graph__range').innerText()).toMatch(/\d{4}$/);
    expect(await graph.innerText()).not.toContain(TOTALS_NOTE);

    // The same day from a server that leaves out the last day asked for: the same row.
    await alterGraph(page, dropLastDay);
    await selectRange(page, dashboard, 'yesterday');
    await selectRange(page, dashboard, 'today');
    await expect.poll(() => graphTable(graph)).toEqual(ours);
    expect(await graph.innerText()).not.toMatch(/no bookings|no graph figures/i);
    await keepScreenshot(page, 'graph-today-real-site');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says a site that sends no figures for one day sent none, beside tiles that count its bookings', async () => {
    const { context, page, dashboard, graph } = await openDashboard();
    const capture = JSON.parse(
      readFileSync(new URL('../unit/api/fixtures/real-site/graph_one_day.json', import.meta.url), 'utf8'),
    ) as { body: unknown };
    await page.route(
      (url) => endpointOf(url.href) === 'graph',
      (route) => route.fulfill({ json: capture.body }),
    );
    await selectRange(page, dashboard, 'today');
    await expect
      .poll(() => graph.innerText())
      .toContain('This site sends no graph figures for a single day; the totals above still count it.');
    expect(await graph.innerText()).not.toMatch(/no bookings/i);
    expect(Object.keys(await shownNumbers(dashboard))).toHaveLength(BACKEND_TILES);
    await context.close();
  });

  it('says in one line when the graph does not add up to the tiles, and never on our backend', async () => {
    const { context, page, dashboard, graph } = await openDashboard();
    await selectRange(page, dashboard, 'last_7_days');
    await graph.locator('.br-graph__legend').waitFor();
    expect(await graph.innerText()).not.toContain(TOTALS_NOTE);

    // A real site: booked_stats counts only scheduled bookings.
    await alterGraph(page, (body) => ({
      ...body,
      booked_stats: Object.fromEntries(
        Object.entries(body.booked_stats).map(([key, count]) => [key, Math.floor(count / 2)]),
      ),
    }));
    await selectRange(page, dashboard, 'last_30_days');
    await expect.poll(() => graph.locator('.br-graph__note--totals').innerText()).toBe(TOTALS_NOTE);
    await keepScreenshot(page, 'graph-totals-differ');
    await context.close();
  });

  it('graphs all time over the whole history, its legend equal to the tiles, the months named on the chart', async () => {
    const { context, page, dashboard, graph } = await openDashboard();
    const { graph: request } = await selectRange(page, dashboard, 'all_time');
    expect(new URL(request.url()).searchParams.get('history')).toBe('all');
    await expect
      .poll(() => graph.locator('.br-graph__range').innerText())
      .toMatch(/^All time: \w{3} \d{4} – /);
    const tiles = await shownNumbers(dashboard);
    await expect
      .poll(() => legendTotals(graph))
      .toEqual({ Booked: tiles.all, Completed: tiles.completed, Cancelled: tiles.cancelled });
    expect(await graph.innerText()).not.toContain(TOTALS_NOTE);

    // A server that does not know `history`: 12 months, named on the chart itself.
    await page.route(
      (url) => endpointOf(url.href) === 'graph',
      async (route: Route) => {
        const url = new URL(route.request().url());
        url.searchParams.delete('history');
        await route.fulfill({ response: await route.fetch({ url: url.href }) });
      },
    );
    await selectRange(page, dashboard, 'last_7_days');
    await selectRange(page, dashboard, 'all_time');
    await expect
      .poll(() => graph.locator('.br-graph__range').innerText())
      .toMatch(/^Last 12 months: \w{3} \d{4} – \w{3} \d{4}$/);
    expect(await graph.locator('canvas').count()).toBe(1);
    await context.close();
  });

  it('toggles chart and table by what the button says, and downloads a dated CSV and a titled PNG', async () => {
    const { context, page, dashboard, graph } = await openDashboard();
    await selectRange(page, dashboard, 'last_7_days');
    await graph.locator('.br-graph__legend').waitFor();

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      graph.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    const canvasSize = await graph
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => [canvas.width, canvas.height]);
    const [width, height] = pngSize(readFileSync((await png.path())!));
    expect(width).toBe(canvasSize[0]);
    expect(height).toBeGreaterThan(canvasSize[1]! + 40);

    const toggle = graph.getByRole('button', { name: 'Show as table' });
    expect(await toggle.getAttribute('aria-pressed')).toBeNull();
    await toggle.click();
    await expect.poll(() => graph.getByRole('button', { name: 'Show chart' }).count()).toBe(1);
    expect(await graph.locator('table').count()).toBe(1);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      graph.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toMatch(/^"Bookings over time, \w{3} \d{1,2}, \d{4} – \w{3} \d{1,2}, \d{4}"$/);
    expect(lines[1]).toBe('Day,Booked,Completed,Cancelled');
    expect(lines[2]).toMatch(new RegExp(`^${siteDay(now, -6)},\\d+,\\d+,\\d+$`));
    expect(lines[8]).toMatch(new RegExp(`^${siteDay(now)},\\d+,\\d+,\\d+,so far$`));

    await graph.getByRole('button', { name: 'Show chart' }).click();
    await expect.poll(() => graph.locator('canvas').count()).toBe(1);
    await context.close();
  });
});
