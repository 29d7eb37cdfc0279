/**
 * Two dashboards on one host page (`examples/two-instances.html`, ES module build): each keeps its own range and
 * requests, and `unmount()` takes everything of one away (elements, styles, listeners, timers) while the other
 * keeps working.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { ReportsResponse } from '../../src/api/types';
import {
  endpointOf,
  expectDashboardFilled,
  expectedNumbers,
  lastDaysQuery,
  openPage,
  rangeOf,
  recordApiRequests,
  selectRange,
  shownNumbers,
  siteDay,
  siteNoon,
  useBackend,
  useBrowser,
  useExamples,
} from './support';

/** Event listeners on `window` and `document`, counted by the browser's debugger. */
async function documentListeners(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  let count = 0;
  for (const expression of ['window', 'document']) {
    const { result } = await session.send('Runtime.evaluate', { expression });
    const { listeners } = await session.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    count += listeners.length;
  }
  await session.detach();
  return count;
}

/** What is left in a host element's shadow root: child nodes and adopted style sheets. */
function shadowContents(page: Page, hostSelector: string): Promise<{ nodes: number; sheets: number }> {
  return page.evaluate((selector) => {
    const shadow = document.querySelector(selector)?.shadowRoot;
    return { nodes: shadow?.childNodes.length ?? -1, sheets: shadow?.adoptedStyleSheets.length ?? -1 };
  }, hostSelector);
}

function selectedPreset(dashboard: Locator): Promise<string> {
  return dashboard.locator('.br-range-picker select').first().inputValue();
}

describe('Two dashboards on one host page', () => {
  const now = Date.now();
  const browser = useBrowser();
  const backend = useBackend(now);
  const examples = useExamples(() => ({ backend: backend().origin }));

  it('changes the range of one dashboard only, on its requests only', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    await page.goto(`${examples().origin}/examples/two-instances.html`);
    const first = page.locator('#first-reports .br-dashboard');
    const second = page.locator('#second-reports .br-dashboard');
    await Promise.all([expectDashboardFilled(first), expectDashboardFilled(second)]);
    await expect(selectedPreset(first)).resolves.toBe('last_7_days');
    await expect(selectedPreset(second)).resolves.toBe('last_30_days');
    const secondNumbers = await shownNumbers(second);
    const secondRangeText = await second.locator('.br-range-picker__resolved').innerText();

    const requests = recordApiRequests(page);
    const { reports, graph } = await selectRange(page, first, 'this_year');
    const yearStart = `${siteDay(now).slice(0, 4)}-01-01`;
    expect(rangeOf(reports)).toEqual({ start: `${yearStart} 00:00:00`, end: `${siteDay(now)} 23:59:59` });
    expect(rangeOf(graph)).toEqual({ start: yearStart, end: siteDay(now) });
    const body = (await (await reports.response())!.json()) as ReportsResponse;
    await expect.poll(() => shownNumbers(first)).toEqual(expectedNumbers(body));

    // The one change sent one request per ranged endpoint (the heatmap is one on our backend), all the first's.
    expect(requests.map((request) => endpointOf(request.url())).sort()).toEqual([
      'graph',
      'heatmap',
      'reports',
    ]);
    await expect(selectedPreset(second)).resolves.toBe('last_30_days');
    await expect(second.locator('.br-range-picker__resolved').innerText()).resolves.toBe(secondRangeText);
    expect(await shownNumbers(second)).toEqual(secondNumbers);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('leaves no element, style, listener or timer behind when one is unmounted', async () => {
    // A fake clock from noon: the auto-refresh timer can be run on demand, and no day ends meanwhile.
    const start = siteNoon(now);
    const { context, page, errors } = await openPage(browser(), { now: start, clock: 'fake' });
    await page.goto(`${examples().origin}/examples/two-instances.html`);
    const first = page.locator('#first-reports .br-dashboard');
    const second = page.locator('#second-reports .br-dashboard');
    await Promise.all([expectDashboardFilled(first), expectDashboardFilled(second)]);
    const listenersWithBoth = await documentListeners(page);

    // The first dashboard refreshes every minute: running the clock a minute sends its requests.
    await first.locator('.br-range-picker__refresh select').selectOption('1');
    const timedRefresh = page.waitForRequest((request) => endpointOf(request.url()) === 'reports');
    await page.clock.runFor(60_000);
    expect(rangeOf(await timedRefresh)).toEqual(lastDaysQuery(start, 7).reports);
    await expect.poll(() => first.locator('[aria-busy="true"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Unmount the first' }).click();
    expect(await shadowContents(page, '#first-reports')).toEqual({ nodes: 0, sheets: 0 });
    const listenersWithSecond = await documentListeners(page);
    expect(listenersWithSecond).toBeLessThan(listenersWithBoth);

    // Sixteen minutes on the clock: the first dashboard's timers would have fired many times; nothing is sent.
    const requests = recordApiRequests(page);
    await page.clock.runFor(16 * 60_000);
    // A request the page sends after the clock ran: once it is seen, any request a timer sent has been seen too.
    const sentinel = page.waitForRequest((request) => request.url().endsWith('?after-the-clock'));
    await page.evaluate(() => void fetch('/examples/index.html?after-the-clock'));
    await sentinel;
    expect(requests.map((request) => request.url())).toEqual([]);

    // The second dashboard still works.
    const secondRefresh = page.waitForRequest((request) => endpointOf(request.url()) === 'reports');
    await second.getByRole('button', { name: 'Refresh' }).click();
    expect(rangeOf(await secondRefresh)).toEqual(lastDaysQuery(start, 30).reports);

    // Mounting and unmounting again leaves the same listeners as before: nothing piles up.
    await page.getByRole('button', { name: 'Mount the first again' }).click();
    await expectDashboardFilled(first);
    await page.getByRole('button', { name: 'Unmount the first' }).click();
    expect(await shadowContents(page, '#first-reports')).toEqual({ nodes: 0, sheets: 0 });
    expect(await documentListeners(page)).toBe(listenersWithSecond);

    await page.getByRole('button', { name: 'Unmount the second' }).click();
    expect(await shadowContents(page, '#second-reports')).toEqual({ nodes: 0, sheets: 0 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
