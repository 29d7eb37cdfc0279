/**
 * Hostile inputs in a real browser: the built host-page module on a host page whose REST answers are written by
 * the test. Payloads in server SVG icons, names, e-mails, titles, activity texts and filter choices must not run (a
 * global flag stays unset) and must leave no trace in the DOM; no icon may make the browser fetch anything (a canary
 * server on 127.0.0.1 counts what reaches it); malformed answers must end in a clean error or a bounded render, never a blank
 * screen or a frozen tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  EVIL_ORIGIN,
  findPayloadTraces,
  HOST_ORIGIN,
  HOSTILE_SVG_ICONS,
  HOSTILE_TEXTS,
  hostileActivities,
  hostileFilterOptions,
  hostileHeatmap,
  hostileReports,
  isAlive,
  json,
  plainGraph,
  SECURE_HOST_ORIGIN,
  serveHostilePage,
  startCanary,
} from './hostileSupport';
import type { Canary, HostileServeOptions, RestAnswer, RestAnswers } from './hostileSupport';
import { namespaceIndex } from '../../src/api/contract';
import { useBrowser } from './support';

const NOW = Date.now();

const browser = useBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
});

/** Opens the host page with these answers; returns the page and the requests that strayed off the host. */
async function openHostile(
  answers: Partial<RestAnswers>,
  options: HostileServeOptions = {},
): Promise<{ page: Page; stray: string[] }> {
  const context = await browser().newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    // Chromium asks before a page on a public name reaches a loopback server such as the canary; an icon's URL
    // may point at any public server instead, so the question is answered yes.
    ...(options.passThrough ? { permissions: ['local-network-access'] } : {}),
  });
  contexts.push(context);
  const stray = await serveHostilePage(
    context,
    {
      reports: answers.reports ?? json(hostileReports(HOSTILE_SVG_ICONS.slice(0, 4), NOW)),
      graph: answers.graph ?? json(plainGraph(NOW)),
      activities: answers.activities ?? json(hostileActivities(20, NOW)),
      // The index declares the heatmap and the filters, so their answers (payloads too) are asked and shown.
      index: answers.index ?? json(namespaceIndex()),
      heatmap: answers.heatmap ?? json(hostileHeatmap()),
      filters: answers.filters ?? json(hostileFilterOptions()),
    },
    options,
  );
  const page = await context.newPage();
  await page.goto(`${options.hostOrigin ?? HOST_ORIGIN}/`);
  return { page, stray };
}

/** The dashboard's root inside the host's shadow root (Playwright's CSS selectors pierce open shadow roots). */
const appRoot = (page: Page) => page.locator('[data-booking-reports] .br-root');

/** Waits until every panel has left its loading state, whatever it ended in. */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('[data-booking-reports] .br-panel').count(), { timeout: 15_000 })
    .toBe(6);
  await expect
    .poll(() => page.locator('[data-booking-reports] .br-panel[aria-busy="true"]').count(), {
      timeout: 15_000,
    })
    .toBe(0);
}

/** The app is there, shows text, and the tab still runs script. */
async function expectAliveAndVisible(page: Page): Promise<void> {
  expect(await isAlive(page)).toBe(true);
  await expect.poll(() => appRoot(page).count()).toBe(1);
  expect((await appRoot(page).innerText()).trim().length).toBeGreaterThan(20);
}

/** Runs every action a user might take on the icons and links, so a payload that waits for one gets it. */
async function poke(page: Page): Promise<void> {
  const targets = page.locator('[data-booking-reports] .br-tile svg, [data-booking-reports] a');
  for (const target of await targets.all()) {
    await target.hover({ force: true, timeout: 2_000 }).catch(() => undefined);
    await target.click({ force: true, timeout: 2_000, noWaitAfter: true }).catch(() => undefined);
  }
  // SMIL animations begin and image errors fire within a few frames; give them some before looking.
  await page.waitForTimeout(300);
}

describe('The harness', () => {
  it('returns a finding and a set flag when a payload does reach the app', async () => {
    const { page } = await openHostile({});
    await settled(page);
    await page.evaluate(() => {
      const root = document.querySelector('[data-booking-reports]')?.shadowRoot?.querySelector('.br-root');
      root?.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__pwned=true">');
    });
    await expect.poll(() => page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBe(true);
    expect(await findPayloadTraces(page)).toEqual(
      expect.arrayContaining(['<img> in the app', 'onerror="window.__pwned=true" on <img>']),
    );
  });
});

describe('Hostile payloads', () => {
  const batches = Array.from({ length: Math.ceil(HOSTILE_SVG_ICONS.length / 4) }, (_, index) =>
    HOSTILE_SVG_ICONS.slice(index * 4, index * 4 + 4),
  );

  it.each(batches.map((icons, index) => [index + 1, icons] as const))(
    'renders icon batch %i and every text payload without running script or keeping a trace',
    async (_batch, icons) => {
      const { page, stray } = await openHostile({
        reports: json(hostileReports(icons, NOW)),
        activities: json(hostileActivities(40, NOW)),
      });
      await settled(page);
      await expect.poll(() => page.locator('[data-booking-reports] .br-tile__value').count()).toBe(4);
      await poke(page);

      expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
      expect(await findPayloadTraces(page)).toEqual([]);
      expect(stray.filter((url) => url.startsWith(EVIL_ORIGIN))).toEqual([]);
      // The texts arrive as text: the first payload is shown literally in the latest bookings.
      await expect
        .poll(() => page.locator('[data-booking-reports] .br-dashboard__latest').innerText())
        .toContain('<img src=x onerror=');
      await expectAliveAndVisible(page);
    },
  );

  it('renders every text payload as its literal text in the activity feed', async () => {
    const { page } = await openHostile({ activities: json(hostileActivities(HOSTILE_TEXTS.length, NOW)) });
    await settled(page);
    const feed = await page.locator('[data-booking-reports] .br-dashboard__activities').innerText();
    for (const text of HOSTILE_TEXTS) expect(feed).toContain(text.replace(/\s+/g, ' ').trim());
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await findPayloadTraces(page)).toEqual([]);
  });
});

describe('Hostile icons and the network', () => {
  // A real server the icons point at instead of the unroutable EVIL_ORIGIN: its count is what the browser fetched.
  let canary: Canary | undefined;
  beforeAll(async () => {
    canary = await startCanary();
  });
  afterAll(async () => {
    await canary?.close();
  });
  const canaryOrigin = () => canary?.origin ?? '';
  const canaryRequests = () => canary?.requests ?? [];
  const aimedAtCanary = (icon: string) => icon.replaceAll(EVIL_ORIGIN, canaryOrigin());

  it('renders every hostile icon with no request to the canary server', async () => {
    const tried: string[] = [];
    // The pages stay open until the count is read, so no request is cut short by a closing page.
    for (let index = 0; index < HOSTILE_SVG_ICONS.length; index += 4) {
      const icons = HOSTILE_SVG_ICONS.slice(index, index + 4).map(aimedAtCanary);
      const { page, stray } = await openHostile(
        { reports: json(hostileReports(icons, NOW)) },
        { hostOrigin: SECURE_HOST_ORIGIN, passThrough: canaryOrigin() },
      );
      await settled(page);
      await expect.poll(() => page.locator('[data-booking-reports] .br-tile__value').count()).toBe(4);
      await poke(page);
      tried.push(...stray);
    }
    expect(canaryRequests()).toEqual([]);
    // What the browser tried, even if a request was cut short before the canary read it.
    expect(tried.filter((url) => url.startsWith(canaryOrigin()))).toEqual([]);
  });

  it('counts a request at the canary server when an unsanitized icon reaches the page (the harness)', async () => {
    const { page } = await openHostile({}, { hostOrigin: SECURE_HOST_ORIGIN, passThrough: canaryOrigin() });
    await settled(page);
    await page.evaluate((origin) => {
      const tile = document.querySelector('[data-booking-reports]')?.shadowRoot?.querySelector('.br-tile');
      tile?.insertAdjacentHTML(
        'beforeend',
        `<svg><rect width="24" height="24" fill="url(${origin}/harness.svg#p"/></svg>`,
      );
    }, canaryOrigin());
    await expect.poll(() => canaryRequests()).toContain('GET /harness.svg');
  });
});

/** A panel's error message, when it shows one. */
function panelAlert(page: Page, panel: 'overview' | 'graph' | 'latest' | 'next' | 'activities') {
  return page.locator(`[data-booking-reports] .br-dashboard__${panel} [role="alert"]`);
}

const raw = (body: string, status = 200, contentType = 'application/json; charset=UTF-8'): RestAnswer => ({
  status,
  contentType,
  body,
});

const HTML_ERROR_PAGE = raw(
  '<!DOCTYPE html><html><head><title>WordPress &rsaquo; Error</title></head><body id="error-page">' +
    '<p>There has been a critical error on this website.</p></body></html>',
  500,
  'text/html; charset=UTF-8',
);

describe('Malformed answers', () => {
  const reportsCases: [string, RestAnswer][] = [
    ['an HTML error page', HTML_ERROR_PAGE],
    ['an HTML page with status 200', { ...HTML_ERROR_PAGE, status: 200 }],
    ['truncated JSON', raw('{"overview":[{"title":"Total Bookings","period":"all","number":15')],
    ['wrong types', json({ overview: 'four', latest_books: { id: 1 }, next_meetings: 7 })],
    ['null', raw('null')],
    [
      'nulls for every widget and row',
      json({ overview: [null, null, null, null], latest_books: [null], next_meetings: [null] }),
    ],
    ['an empty body', raw('')],
  ];

  it.each(reportsCases)('shows a clean error in the overview for %s from /reports', async (_name, answer) => {
    const { page } = await openHostile({ reports: answer });
    await settled(page);
    await expect.poll(() => panelAlert(page, 'overview').count()).toBe(1);
    expect((await panelAlert(page, 'overview').innerText()).trim()).not.toBe('');
    await expect(page.locator('[data-booking-reports] .br-tile__value').count()).resolves.toBe(0);
    await expectAliveAndVisible(page);
  });

  it('shows a clean error or the numbers, never a blank screen, for numbers beyond 2^53', async () => {
    const widgets = ['Total Bookings', 'Completed Bookings', 'Cancelled Bookings', 'Total Guests'].map(
      (title, index) =>
        `{"title":"${title}",${index < 3 ? `"period":"${['all', 'completed', 'cancelled'][index]}",` : ''}` +
        `"number":123456789012345678901234567890,"content":"More than last month","icon":"","stat":1e400}`,
    );
    const { page } = await openHostile({
      reports: raw(`{"overview":[${widgets.join(',')}],"latest_books":[],"next_meetings":[]}`),
    });
    await settled(page);
    const alerts = await panelAlert(page, 'overview').count();
    const values = await page.locator('[data-booking-reports] .br-tile__value').allInnerTexts();
    // Either outcome is clean; what may not happen is neither (a blank panel) or a half-drawn overview.
    expect(
      alerts === 1 ? values.length === 0 : values.length === 4 && values.every((value) => /\d/.test(value)),
    ).toBe(true);
    await expectAliveAndVisible(page);
  });

  it('renders at most 100 entries of 10,000 activities', async () => {
    const { page } = await openHostile({ activities: json(hostileActivities(10_000, NOW)) });
    await settled(page);
    const items = page.locator('[data-booking-reports] .br-dashboard__activities .br-activity__item');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    expect(await items.count()).toBeLessThanOrEqual(100);
    await expectAliveAndVisible(page);
  });

  it.each([
    ['an HTML error page', HTML_ERROR_PAGE],
    ['wrong types', json({ activities: 'none' })],
    ['a list of nulls', json({ activities: [null, null, null] })],
  ] as [string, RestAnswer][])(
    'shows a clean error or an empty feed for %s from /activities',
    async (_name, answer) => {
      const { page } = await openHostile({ activities: answer });
      await settled(page);
      const feed = page.locator('[data-booking-reports] .br-dashboard__activities');
      const alert = await panelAlert(page, 'activities').count();
      const items = await feed.locator('.br-activity__item').count();
      expect(alert === 1 || items === 0).toBe(true);
      expect((await feed.innerText()).trim()).not.toBe('');
      await expectAliveAndVisible(page);
    },
  );

  it.each([
    ['an HTML error page', HTML_ERROR_PAGE],
    ['truncated JSON', raw('{"booked_stats":{"2025-01-01":')],
    ['wrong types', json({ booked_stats: [1, 2, 3], completed_stats: 'none', cancelled_stats: null })],
  ] as [string, RestAnswer][])(
    'shows a clean error in the graph for %s from /graph-reports',
    async (_name, answer) => {
      const { page } = await openHostile({ graph: answer });
      await settled(page);
      await expect.poll(() => panelAlert(page, 'graph').count()).toBe(1);
      // The rest of the dashboard still shows its data.
      await expect.poll(() => page.locator('[data-booking-reports] .br-tile__value').count()).toBe(4);
      await expectAliveAndVisible(page);
    },
  );
});
