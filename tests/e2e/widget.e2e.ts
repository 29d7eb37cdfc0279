/**
 * The iframe widget across origins: the host page (`examples/widget-host.html`) on one origin embeds
 * `dist/widget.html` from another with `BookingReports.embedWidget`; config and nonce travel by `postMessage` only,
 * the iframe follows the widget's height, and both sides ignore messages from a third, foreign origin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { REST_ROOT } from '../../server/app';
import {
  endpointOf,
  expectDashboardFilled,
  expectedNumbers,
  keepScreenshot,
  lastDaysQuery,
  nextReportsAnswer,
  openPage,
  rangeOf,
  recordApiRequests,
  selectRange,
  seriousAxeViolations,
  shownNumbers,
  useBackend,
  useBrowser,
  useExamples,
} from './support';

/** The widget's iframe element on the host page and the frame inside it. */
async function widgetFrame(page: Page): Promise<{ iframe: Locator; frame: Frame }> {
  const iframe = page.locator('#booking-reports-widget iframe');
  const frame = await (await iframe.elementHandle())!.contentFrame();
  if (!frame) throw new Error('The widget iframe has no frame');
  return { iframe, frame };
}

/** The iframe element's height and the height of the widget document's content, in CSS pixels. */
async function heights(iframe: Locator, frame: Frame): Promise<{ iframe: number; content: number }> {
  return {
    iframe: await iframe.evaluate((element) => element.getBoundingClientRect().height),
    content: await frame.evaluate(() => document.documentElement.getBoundingClientRect().height),
  };
}

/** Waits until the iframe is as tall as the widget's content (±2 px) and returns that height. */
async function settledHeight(iframe: Locator, frame: Frame): Promise<number> {
  let settled = 0;
  await expect
    .poll(async () => {
      const now = await heights(iframe, frame);
      settled = now.iframe;
      return Math.abs(now.iframe - now.content);
    })
    .toBeLessThanOrEqual(2);
  return settled;
}

type HostWindow = Window & { bookingReportsConfig?: Record<string, unknown> };

/** The host page's config without its function (what `embedWidget` posts). */
function postableConfig(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    const { refreshNonce: _refresh, ...config } = (window as HostWindow).bookingReportsConfig!;
    return config;
  });
}

type ProbeWindow = Window & { probeSeen?: Promise<void> };

/** Starts listening for a `probe` message in a window, so a test knows when earlier messages were handled. */
function listenForProbe(scope: Page | Frame): Promise<void> {
  return scope.evaluate(() => {
    (window as ProbeWindow).probeSeen = new Promise<void>((resolve) =>
      window.addEventListener('message', (event) => {
        if (event.data === 'probe') resolve();
      }),
    );
  });
}

describe('Iframe widget', () => {
  const now = Date.now();
  const widgetAllows: string[] = [];
  const browser = useBrowser();
  const backend = useBackend(now);
  const widgetSite = useExamples(() => ({ backend: backend().origin, allowedOrigins: widgetAllows }));
  const host = useExamples(() => ({ backend: backend().origin, widgetOrigin: widgetSite().origin }));
  const foreign = useExamples(() => ({ backend: backend().origin, widgetOrigin: widgetSite().origin }));
  beforeAll(() => {
    widgetAllows.push(host().origin);
  });

  it('renders the server numbers and a chart from a config that came by postMessage, not by URL', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    const answer = nextReportsAnswer(page);
    const graphRequest = page.waitForRequest((request) => endpointOf(request.url()) === 'graph');
    await page.goto(`${host().origin}/examples/widget-host.html`);
    const { iframe, frame } = await widgetFrame(page);
    const dashboard = frame.locator('.br-dashboard');
    const { response, body } = await answer;

    await expectDashboardFilled(dashboard, []);
    expect(await shownNumbers(dashboard)).toEqual(expectedNumbers(body));
    await expect(dashboard.locator('.br-dashboard__latest, .br-dashboard__activities').count()).resolves.toBe(
      0,
    );
    expect(rangeOf(response.request())).toEqual(lastDaysQuery(now, 7).reports);
    expect(rangeOf(await graphRequest)).toEqual(lastDaysQuery(now, 7).graph);

    // The REST calls go to the widget's own origin, with the nonce the host page posted; the URL carries neither.
    const { nonce, restUrl } = await postableConfig(page);
    expect(new URL(response.url()).origin).toBe(widgetSite().origin);
    expect(response.request().headers()['x-wp-nonce']).toBe(nonce);
    const src = (await iframe.getAttribute('src')) ?? '';
    expect(new URL(src).origin).toBe(widgetSite().origin);
    expect(src).not.toContain(String(nonce));
    expect(src).not.toContain(encodeURIComponent(String(restUrl)));
    expect([...new URL(src).searchParams.keys()].sort()).toEqual(['panels', 'range']);
    await keepScreenshot(page, 'widget');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sizes the iframe to the widget content as it grows, and sends a new range on both requests', async () => {
    const { context, page } = await openPage(browser(), { now });
    await page.goto(`${host().origin}/examples/widget-host.html`);
    const { iframe, frame } = await widgetFrame(page);
    const dashboard = frame.locator('.br-dashboard');
    await expectDashboardFilled(dashboard, []);
    // A compact view inside another page: no "Print report" unless the host asks for it.
    expect(await dashboard.getByRole('button', { name: 'Print report' }).count()).toBe(0);
    const before = await settledHeight(iframe, frame);

    await dashboard.getByRole('button', { name: 'Show as table' }).click();
    const { reports, graph } = await selectRange(page, dashboard, 'last_30_days');
    expect(rangeOf(reports)).toEqual(lastDaysQuery(now, 30).reports);
    expect(rangeOf(graph)).toEqual(lastDaysQuery(now, 30).graph);
    await expect.poll(() => dashboard.locator('.br-graph table tbody tr').count()).toBe(30);

    const withTable = await settledHeight(iframe, frame);
    // The content changed height (by how much depends on the chart's and the tiles' rows), and the iframe followed.
    expect(Math.abs(withTable - before)).toBeGreaterThan(10);

    // A narrow host column stacks the tiles: the widget grows a lot, and the iframe with it.
    await page.setViewportSize({ width: 420, height: 900 });
    const narrow = await settledHeight(iframe, frame);
    expect(narrow).toBeGreaterThan(withTable + 150);
    // No scroll bar inside the iframe: the page shows all of it.
    const inner = await frame.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      client: document.documentElement.clientHeight,
    }));
    expect(inner.scroll).toBeLessThanOrEqual(inner.client + 2);
    await keepScreenshot(page, 'widget-table-420px');
    await context.close();
  });

  it('ignores a height message from a foreign origin in the widget iframe', async () => {
    const { context, page } = await openPage(browser(), { now });
    await page.goto(`${host().origin}/examples/widget-host.html`);
    const { iframe, frame } = await widgetFrame(page);
    await expectDashboardFilled(frame.locator('.br-dashboard'), []);
    const height = await settledHeight(iframe, frame);

    // The iframe is navigated away to another origin, whose page then speaks the protocol to the host.
    await frame.goto(`${foreign().origin}/examples/index.html`);
    await listenForProbe(page);
    await frame.evaluate(() => {
      window.parent.postMessage({ type: 'booking-reports:height', height: 40 }, '*');
      window.parent.postMessage('probe', '*');
    });
    await page.evaluate(() => (window as ProbeWindow).probeSeen);
    expect(await iframe.evaluate((element) => element.getBoundingClientRect().height)).toBe(height);
    await context.close();
  });

  it('ignores a config posted by a host page of an origin it does not allow', async () => {
    const { context, page } = await openPage(browser(), { now });
    const requests = recordApiRequests(page);
    await page.goto(`${foreign().origin}/examples/widget-host.html`);
    const { iframe, frame } = await widgetFrame(page);
    await frame.waitForLoadState('load');
    await listenForProbe(frame);

    const config = await postableConfig(page);
    await iframe.evaluate(
      (element: HTMLIFrameElement, posted) => {
        element.contentWindow!.postMessage({ type: 'booking-reports:config', config: posted }, '*');
        element.contentWindow!.postMessage('probe', '*');
      },
      { ...config, restUrl: `${widgetSite().origin}${REST_ROOT}` },
    );
    await frame.evaluate(() => (window as ProbeWindow).probeSeen);
    await expect(frame.locator('#app').evaluate((app) => app.childElementCount)).resolves.toBe(0);
    expect(requests).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe-core violations inside the widget', async () => {
    const { context, page } = await openPage(browser(), { now });
    await page.goto(`${host().origin}/examples/widget-host.html`);
    const { frame } = await widgetFrame(page);
    await expectDashboardFilled(frame.locator('.br-dashboard'), []);

    expect(await seriousAxeViolations(frame, '#app')).toEqual([]);
    await context.close();
  });
});
