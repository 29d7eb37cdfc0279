import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReportsApp } from '../../../src/app/createReportsApp';
import type { ReportsAppInstance } from '../../../src/app/createReportsApp';
import { OptionsError } from '../../../src/app/options';
import type { ReportsOptions } from '../../../src/app/options';
import { generateSiteData } from '../../../src/data/generate';
import { localToUtcMs } from '../../../src/lib/siteTime';
import { createReportsHandlers } from '../../../src/mocks/handlers';
import { useRangeStore } from '../../../src/stores/range';
import { useReportsStore } from '../../../src/stores/reports';

const ROOT_A = 'http://site-a.test/wp-json/fluent-booking/v2/';
const ROOT_B = 'http://site-b.test/wp-json/fluent-booking/v2/';
/** 26 Nov 2025, 08:00 in Berlin; still 25 Nov in Los Angeles (23:00). */
const NOW = localToUtcMs('2025-11-26 08:00:00', 'Europe/Berlin')!;
const data = generateSiteData({ seed: 3, now: NOW, bookings: 150 });

const server = setupServer(
  ...createReportsHandlers({ restUrl: ROOT_A, data, settings: { now: NOW }, nonce: 'nonce-a' }),
  ...createReportsHandlers({ restUrl: ROOT_B, data, settings: { now: NOW }, nonce: 'nonce-b' }),
);
const requests: { url: string; nonce: string | null }[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) =>
    requests.push({ url: request.url, nonce: request.headers.get('X-WP-Nonce') }),
  );
});
beforeEach(() => {
  requests.length = 0;
  window.localStorage.clear();
});
afterEach(() => window.localStorage.clear());
afterAll(() => server.close());

function create(options: ReportsOptions): ReportsAppInstance {
  return createReportsApp(options, { now: () => NOW });
}

/** The Pinia the app factory installed on the instance's app. */
const piniaOf = (instance: ReportsAppInstance) => instance.app.config.globalProperties.$pinia;

/** The requests that went to `root`: route, decoded query parameters and nonce, by route. */
function requestsTo(root: string) {
  return requests
    .filter((request) => request.url.startsWith(root))
    .map((request) => {
      const url = new URL(request.url);
      return {
        route: url.pathname.slice(new URL(root).pathname.length),
        query: Object.fromEntries(url.searchParams),
        nonce: request.nonce,
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

describe('createReportsApp', () => {
  it('throws an OptionsError without restUrl, before building anything', () => {
    expect(() => createReportsApp({} as ReportsOptions)).toThrow(OptionsError);
  });

  it('returns an unmounted app with its checked options and i18n', () => {
    const instance = create({ restUrl: ROOT_A, locale: 'ar', colorScheme: 'dark' });

    expect(instance.options).toMatchObject({ restUrl: ROOT_A, colorMode: 'dark', timezone: 'UTC' });
    expect(instance.i18n.dir).toBe('rtl');
    expect(instance.app._container).toBeNull();
    expect(requests).toEqual([]);
  });

  it('builds instances that send to their own REST root, nonce and site timezone', async () => {
    const a = create({ restUrl: ROOT_A, nonce: 'nonce-a', timezone: 'Europe/Berlin' });
    const b = create({ restUrl: ROOT_B, nonce: 'nonce-b', timezone: 'America/Los_Angeles' });

    await Promise.all([a.refresh(), b.refresh()]);

    expect(requestsTo(ROOT_A)).toEqual([
      {
        route: 'reports',
        query: { startTime: '2025-10-28 00:00:00', endTime: '2025-11-26 23:59:59' },
        nonce: 'nonce-a',
      },
      { route: 'reports/activities', query: {}, nonce: 'nonce-a' },
      {
        route: 'reports/graph-reports',
        // One day past the range: a real site drops the last day the graph is asked for.
        query: { 'date_range[0]': '2025-10-28', 'date_range[1]': '2025-11-27' },
        nonce: 'nonce-a',
      },
    ]);
    expect(requestsTo(ROOT_B)).toEqual([
      {
        route: 'reports',
        query: { startTime: '2025-10-27 00:00:00', endTime: '2025-11-25 23:59:59' },
        nonce: 'nonce-b',
      },
      { route: 'reports/activities', query: {}, nonce: 'nonce-b' },
      {
        route: 'reports/graph-reports',
        query: { 'date_range[0]': '2025-10-27', 'date_range[1]': '2025-11-26' },
        nonce: 'nonce-b',
      },
    ]);
    expect(requests).toHaveLength(6);
    expect(useReportsStore(piniaOf(a)).status).toBe('success');
    expect(useReportsStore(piniaOf(b)).status).toBe('success');
  });

  it('sends the first view’s requests once: from open() before the mount, and none again from the mount', async () => {
    const instance = create({ restUrl: ROOT_A, nonce: 'nonce-a', timezone: 'Europe/Berlin' });
    const opened = instance.open();
    const element = document.createElement('div');
    document.body.append(element);
    try {
      instance.app.mount(element);
      await opened;
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The namespace index (the root, '') says the mock server offers the heatmap and the filters' choices.
      expect(requestsTo(ROOT_A).map((request) => request.route)).toEqual([
        '',
        'reports',
        'reports/activities',
        'reports/filters',
        'reports/graph-reports',
        'reports/heatmap',
      ]);
      // The tiles show the answers of those requests.
      expect(useReportsStore(piniaOf(instance)).status).toBe('success');
    } finally {
      instance.app.unmount();
      element.remove();
    }
  });

  it('sends the first view’s requests from the mount when nobody opened the app before', async () => {
    const instance = create({ restUrl: ROOT_A, nonce: 'nonce-a', timezone: 'Europe/Berlin' });
    const element = document.createElement('div');
    document.body.append(element);
    try {
      expect(requests).toEqual([]);
      instance.app.mount(element);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requestsTo(ROOT_A)).toHaveLength(6);
    } finally {
      instance.app.unmount();
      element.remove();
    }
  });

  it('gives each instance its own stores: a range picked in one leaves the other alone', async () => {
    const a = create({ restUrl: ROOT_A, nonce: 'nonce-a', timezone: 'Europe/Berlin' });
    const b = create({ restUrl: ROOT_B, nonce: 'nonce-b', timezone: 'Europe/Berlin' });

    useRangeStore(piniaOf(a)).select({ preset: 'last_7_days' });
    await Promise.all([a.refresh(), b.refresh()]);

    expect(useRangeStore(piniaOf(b)).selection).toEqual({ preset: 'last_30_days' });
    expect(useReportsStore(piniaOf(a)).overview).not.toEqual(useReportsStore(piniaOf(b)).overview);
    expect(requestsTo(ROOT_A)[0]?.query).toEqual({
      startTime: '2025-11-20 00:00:00',
      endTime: '2025-11-26 23:59:59',
    });
    expect(requestsTo(ROOT_B)[0]?.query).toEqual({
      startTime: '2025-10-28 00:00:00',
      endTime: '2025-11-26 23:59:59',
    });
  });

  it('remembers the range in localStorage per REST root, over the host’s range option', () => {
    const a = create({ restUrl: ROOT_A, range: 'this_month' });
    useRangeStore(piniaOf(a)).select({ preset: 'last_year' });

    const againA = create({ restUrl: ROOT_A, range: 'this_month' });
    const b = create({ restUrl: ROOT_B, range: 'this_month' });

    expect(useRangeStore(piniaOf(againA)).selection).toEqual({ preset: 'last_year' });
    expect(useRangeStore(piniaOf(b)).selection).toEqual({ preset: 'this_month' });
  });

  it('keeps one range for the compact widget and another for the full screen of the same site', () => {
    const widget = create({ restUrl: ROOT_A, panels: ['overview', 'graph'] });
    useRangeStore(piniaOf(widget)).select({ preset: 'last_7_days' });

    const screen = create({ restUrl: ROOT_A });
    const widgetAgain = create({ restUrl: ROOT_A, panels: ['graph', 'overview'] });
    const allNamed = create({
      restUrl: ROOT_A,
      panels: ['overview', 'graph', 'latest', 'next', 'activities'],
    });

    expect(useRangeStore(piniaOf(screen)).selection).toEqual({ preset: 'last_30_days' });
    expect(useRangeStore(piniaOf(widgetAgain)).selection).toEqual({ preset: 'last_7_days' });
    expect(useRangeStore(piniaOf(allNamed)).selection).toEqual({ preset: 'last_30_days' });
  });
});
