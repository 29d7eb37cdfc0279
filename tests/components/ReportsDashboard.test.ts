import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportsResponse } from '../../src/api/types';
import { createReportsApp } from '../../src/app/createReportsApp';
import type { ReportsOptions } from '../../src/app/options';
import { generateSiteData } from '../../src/data/generate';
import { handleReportsRequest } from '../../src/engine';
import type { ReportSettings } from '../../src/engine';
import { noShowRate, percentChange } from '../../src/api/contract';
import { formatNumber, formatPercent } from '../../src/lib/format';
import { localToUtcMs } from '../../src/lib/siteTime';
import { createMockServer } from '../../src/mocks/node';

const ROOT = 'http://localhost/wp-json/fluent-booking/v2/';
/** 26 Nov 2025, 10:00 in Berlin. */
const FIXED = localToUtcMs('2025-11-26 10:00:00', 'Europe/Berlin')!;
const settings: ReportSettings = { timezone: 'Europe/Berlin', startOfWeek: 1, now: FIXED };
const data = generateSiteData({ seed: 1, now: FIXED, timezone: 'Europe/Berlin', bookings: 400 });
const server = createMockServer({ restUrl: ROOT, data, settings });

/** Every request the dashboard sent: route under the REST root and decoded query. */
const requests: { route: string; query: Record<string, string> }[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    requests.push({
      route: url.pathname.slice(new URL(ROOT).pathname.length),
      query: Object.fromEntries(url.searchParams),
    });
  });
});
beforeEach(() => {
  requests.length = 0;
});
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  server.resetHandlers();
});
afterAll(() => server.close());

const mounted: (() => void)[] = [];

/** Mounts the dashboard the way the entries do: the app factory, then `app.mount` on a div. */
function mountDashboard(options: Partial<ReportsOptions> = {}, persistence: 'none' | 'storage' = 'none') {
  const instance = createReportsApp(
    { restUrl: ROOT, timezone: 'Europe/Berlin', nonce: 'n', ...options },
    { persistence, now: () => FIXED },
  );
  const element = document.createElement('div');
  document.body.append(element);
  instance.app.mount(element);
  const unmount = () => {
    instance.app.unmount();
    element.remove();
  };
  mounted.push(unmount);
  const panel = (name: string) => element.querySelector<HTMLElement>(`.br-dashboard__${name}`)!;
  return { instance, element, panel, unmount };
}

/** What the engine answers `/reports` for the range, as the wire carries it. */
function engineReports(startTime: string, endTime: string): ReportsResponse {
  const { body } = handleReportsRequest(
    data,
    'reports',
    new URLSearchParams({ startTime, endTime }),
    settings,
    { userId: 1, role: 'administrator' },
  );
  return JSON.parse(JSON.stringify(body)) as ReportsResponse;
}

const count = (route: string) => requests.filter((request) => request.route === route).length;
const texts = (root: Element, selector: string) =>
  [...root.querySelectorAll(selector)].map((node) => node.textContent?.trim() ?? '');

async function waitForTiles(element: Element) {
  await vi.waitFor(() => expect(element.querySelectorAll('.br-tile__value')).toHaveLength(5));
}

describe('ReportsDashboard', () => {
  it('renders the engine’s five numbers for the last 30 days, and fills the lists', async () => {
    const { element, panel } = mountDashboard();
    const expected = engineReports('2025-10-28 00:00:00', '2025-11-26 23:59:59');

    await waitForTiles(element);
    await vi.waitFor(() => expect(panel('activities').querySelectorAll('li')).toHaveLength(100));

    expect(texts(element, '.br-tile__value')).toEqual(
      expected.overview.map((widget) => formatNumber(widget.number, 'en')),
    );
    expect(expected.overview[0]!.number).toBeGreaterThan(0);
    // The no-show tile's rate is of the meetings the Completed and No-shows tiles count (issue #15, point 3).
    const [, completed, , , noShows] = expected.overview.map((widget) => widget.number);
    expect(noShows).toBeGreaterThan(0);
    expect(texts(element, '.br-tile--no_show .br-tile__label')).toEqual(['No-shows']);
    expect(texts(element, '.br-tile--no_show .br-tile__rate')).toEqual([
      `${formatPercent(noShowRate(noShows!, completed!), 'en')} of the meetings that ended`,
    ]);
    expect(expected.latest_books.length).toBeGreaterThan(0);
    expect(expected.next_meetings.length).toBeGreaterThan(0);
    expect(texts(panel('latest'), '.br-booking__email')).toEqual(
      expected.latest_books.map((booking) => booking.email),
    );
    expect(panel('next').querySelectorAll('.br-meeting')).toHaveLength(expected.next_meetings.length);
    expect(panel('graph').querySelector('[role="alert"]')).toBeNull();
    expect(panel('graph').getAttribute('aria-busy')).toBe('false');
    expect(requests).toContainEqual({
      route: 'reports',
      query: { startTime: '2025-10-28 00:00:00', endTime: '2025-11-26 23:59:59' },
    });
  });

  it('sends the new range to the endpoints that follow it when the range select changes', async () => {
    const { element } = mountDashboard();
    await waitForTiles(element);
    // The heatmap comes once the namespace index listed it; the range change must find it loaded.
    await vi.waitFor(() =>
      expect(element.querySelector('.br-dashboard__heatmap[aria-busy="false"]')).not.toBeNull(),
    );
    requests.length = 0;

    const preset = element.querySelector<HTMLSelectElement>('.br-range-picker select')!;
    preset.value = 'last_7_days';
    preset.dispatchEvent(new Event('change'));

    // The mock server's index lists the heatmap, which follows the range as the overview does.
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    expect(requests).toEqual(
      expect.arrayContaining([
        { route: 'reports', query: { startTime: '2025-11-20 00:00:00', endTime: '2025-11-26 23:59:59' } },
        {
          route: 'reports/graph-reports',
          // One day more than shown: a real site drops the last day asked for.
          query: { 'date_range[0]': '2025-11-20', 'date_range[1]': '2025-11-27' },
        },
        {
          route: 'reports/heatmap',
          query: { startTime: '2025-11-20 00:00:00', endTime: '2025-11-26 23:59:59' },
        },
      ]),
    );
    const expected = engineReports('2025-11-20 00:00:00', '2025-11-26 23:59:59');
    await vi.waitFor(() =>
      expect(texts(element, '.br-tile__value')).toEqual(
        expected.overview.map((widget) => formatNumber(widget.number, 'en')),
      ),
    );
  });

  it('shows a /reports failure with Retry in the overview, and Retry reloads only /reports', async () => {
    server.use(
      http.get(
        `${ROOT}reports`,
        () =>
          HttpResponse.json(
            { code: 'db_error', message: 'The database went away.', data: { status: 500 } },
            { status: 500 },
          ),
        { once: true },
      ),
    );
    const { element, panel } = mountDashboard();

    await vi.waitFor(() =>
      expect(panel('overview').querySelector('[role="alert"]')?.textContent).toContain(
        'The database went away.',
      ),
    );
    await vi.waitFor(() => expect(panel('activities').querySelectorAll('li').length).toBeGreaterThan(0));
    expect([count('reports'), count('reports/graph-reports'), count('reports/activities')]).toEqual([
      1, 1, 1,
    ]);

    const retry = [...panel('overview').querySelectorAll('button')].find((button) =>
      button.textContent?.includes('Retry'),
    );
    retry!.click();

    await waitForTiles(element);
    expect(panel('overview').querySelector('[role="alert"]')).toBeNull();
    expect([count('reports'), count('reports/graph-reports'), count('reports/activities')]).toEqual([
      2, 1, 1,
    ]);
  });

  it('links each tile to the bookingsUrl and tells the host page which one was followed', async () => {
    const bookingsUrl = 'admin.php?page=fluent-booking#/scheduled-events';
    const { element } = mountDashboard({ bookingsUrl });
    await waitForTiles(element);
    const details: unknown[] = [];
    const onTile = (event: Event) => details.push((event as CustomEvent).detail);
    document.body.addEventListener('booking-reports:tile', onTile);
    const links = [...element.querySelectorAll<HTMLAnchorElement>('.br-tile__link')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(Array(5).fill(bookingsUrl));

    // What the dashboard left of the click when it reached the document (then jsdom is kept from navigating).
    let navigates: boolean | undefined;
    const afterDashboard = (event: Event) => {
      navigates = !event.defaultPrevented;
      event.preventDefault();
    };
    document.addEventListener('click', afterDashboard);
    links[2]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    document.removeEventListener('click', afterDashboard);
    document.body.removeEventListener('booking-reports:tile', onTile);

    expect(details).toEqual([{ key: 'cancelled', range: { preset: 'last_30_days' } }]);
    // Nobody cancelled the event: the link goes to the bookings list.
    expect(navigates).toBe(true);
  });

  it('keeps the page where it is when the host cancels the tile event, and has no links without a bookingsUrl', async () => {
    const { element } = mountDashboard({ bookingsUrl: 'https://wp.example.com/wp-admin/admin.php?page=x' });
    await waitForTiles(element);
    const cancel = (event: Event) => event.preventDefault();
    document.body.addEventListener('booking-reports:tile', cancel);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    element.querySelector('.br-tile__link')!.dispatchEvent(click);
    document.body.removeEventListener('booking-reports:tile', cancel);
    expect(click.defaultPrevented).toBe(true);

    const plain = mountDashboard({ bookingsUrl: 'javascript:alert(1)' });
    await waitForTiles(plain.element);
    expect(plain.element.querySelector('.br-tile a, .br-tile [role="button"], .br-tile__button')).toBeNull();
  });

  it('computes the changes itself from the comparison window when the server does not say it follows the contract', async () => {
    // A real site: right numbers, a stat against a window that starts in 1970, and no X-Booking-Reports-Contract.
    server.use(
      http.get(`${ROOT}reports`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const body = engineReports(query.get('startTime')!, query.get('endTime')!);
        return HttpResponse.json({
          ...body,
          overview: body.overview.map((widget) => ({ ...widget, stat: 5800 })),
        });
      }),
    );
    const { element } = mountDashboard();
    await waitForTiles(element);
    await vi.waitFor(() => expect(element.querySelector('.br-badge--pending')).toBeNull());

    expect(requests.filter((request) => request.route === 'reports').map((request) => request.query)).toEqual(
      [
        { startTime: '2025-10-28 00:00:00', endTime: '2025-11-26 23:59:59' },
        // The 720 hours before, across the 25-hour 26 October.
        { startTime: '2025-09-28 01:00:00', endTime: '2025-10-27 23:59:59' },
      ],
    );
    const current = engineReports('2025-10-28 00:00:00', '2025-11-26 23:59:59').overview;
    const previous = engineReports('2025-09-28 01:00:00', '2025-10-27 23:59:59').overview;
    const expected = current.map((widget, index) => {
      const before = previous[index]!.number;
      if (before === 0) return widget.number > 0 ? 'New' : formatPercent(0, 'en');
      return formatPercent(percentChange(widget.number, before), 'en');
    });
    expect(texts(element, '.br-badge__percent')).toEqual(expected);
    expect(texts(element, '.br-badge__percent')).not.toContain('5,800%');
  });

  it('says that "Today" at 10:00 compares part of today with all of yesterday', async () => {
    const { element } = mountDashboard({ range: 'today' });
    await waitForTiles(element);
    expect(texts(element, '.br-tile__comparison')).toEqual(Array(5).fill('so far today vs all of yesterday'));

    // Yesterday is a whole day: compared with the whole day before it.
    const past = mountDashboard({ range: 'yesterday' });
    await waitForTiles(past.element);
    expect(texts(past.element, '.br-tile__comparison')).toEqual(Array(5).fill('vs previous day'));
  });

  it('asks for the comparison window after a preloaded first view without the contract header, unless the page embedded it', async () => {
    const range = { startTime: '2025-10-28 00:00:00', endTime: '2025-11-26 23:59:59' };
    const window = { startTime: '2025-09-28 01:00:00', endTime: '2025-10-27 23:59:59' };
    const key = (query: typeof range) =>
      `/fluent-booking/v2/reports?${new URLSearchParams(query).toString()}`;
    // As rest_preload_api_request records a real site's answer: the body, and headers without ours.
    const preloadedRange = {
      body: engineReports(range.startTime, range.endTime),
      headers: { 'X-WP-Total': '1' },
    };

    const first = mountDashboard({ preloaded: { [key(range)]: preloadedRange } });
    await waitForTiles(first.element);
    await vi.waitFor(() => expect(first.element.querySelector('.br-badge--pending')).toBeNull());
    expect(requests.filter((request) => request.route === 'reports').map((request) => request.query)).toEqual(
      [window],
    );
    first.unmount();

    requests.length = 0;
    const embedded = mountDashboard({
      preloaded: {
        [key(range)]: preloadedRange,
        [key(window)]: { body: engineReports(window.startTime, window.endTime), headers: {} },
      },
    });
    await waitForTiles(embedded.element);
    await vi.waitFor(() => expect(embedded.element.querySelector('.br-badge--pending')).toBeNull());
    expect(count('reports')).toBe(0);
  });

  it('renders right to left for Arabic', () => {
    const { element } = mountDashboard({ locale: 'ar' });

    const root = element.querySelector('.br-root')!;
    expect(root.getAttribute('dir')).toBe('rtl');
    expect(root.getAttribute('lang')).toBe('ar');
  });

  it('renders the colour scheme the host asked for, and light when the system cannot say', () => {
    const dark = mountDashboard({ colorScheme: 'dark' });
    const auto = mountDashboard();

    expect(dark.element.querySelector('.br-root')!.getAttribute('data-color-scheme')).toBe('dark');
    expect(auto.element.querySelector('.br-root')!.getAttribute('data-color-scheme')).toBe('light');
  });

  it('stays light on a dark system unless the host asks for dark or auto', async () => {
    vi.stubGlobal('matchMedia', (media: string) => ({
      matches: media === '(prefers-color-scheme: dark)',
      addEventListener() {},
      removeEventListener() {},
    }));
    const byDefault = mountDashboard();
    const auto = mountDashboard({ colorScheme: 'auto' });

    await vi.waitFor(() =>
      expect(auto.element.querySelector('.br-root')!.getAttribute('data-color-scheme')).toBe('dark'),
    );
    expect(byDefault.element.querySelector('.br-root')!.getAttribute('data-color-scheme')).toBe('light');
  });

  it('follows the system’s dark mode live under auto, and stops listening when unmounted', async () => {
    let onChange: ((event: MediaQueryListEvent) => void) | undefined;
    const query = {
      matches: true,
      addEventListener: vi.fn((_type: string, listener: (event: MediaQueryListEvent) => void) => {
        onChange = listener;
      }),
      removeEventListener: vi.fn(),
    };
    const otherQuery = { matches: false, addEventListener() {}, removeEventListener() {} };
    vi.stubGlobal('matchMedia', (media: string) =>
      media === '(prefers-color-scheme: dark)' ? query : otherQuery,
    );
    const { element, unmount } = mountDashboard({ colorScheme: 'auto' });
    const root = element.querySelector('.br-root')!;
    await vi.waitFor(() => expect(root.getAttribute('data-color-scheme')).toBe('dark'));

    onChange?.({ matches: false } as MediaQueryListEvent);
    await vi.waitFor(() => expect(root.getAttribute('data-color-scheme')).toBe('light'));
    unmount();

    expect(query.removeEventListener).toHaveBeenCalledWith('change', onChange);
  });

  it('applies the host’s colours as --br-color-* on its root', () => {
    const { element } = mountDashboard({
      colorScheme: { colors: { primary: '#e14d43', 'series-booked': 'rgb(1, 2, 3)' } },
    });

    const root = element.querySelector<HTMLElement>('.br-root')!;
    expect(root.style.getPropertyValue('--br-color-primary')).toBe('#e14d43');
    expect(root.style.getPropertyValue('--br-color-series-booked')).toBe('rgb(1, 2, 3)');
  });

  it('leaves no timer and no document listener behind when unmounted', async () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const clearIntervalSpy = vi.spyOn(globalThis, 'clearInterval');
    const addListener = vi.spyOn(document, 'addEventListener');
    const removeListener = vi.spyOn(document, 'removeEventListener');
    const { element, unmount } = mountDashboard();
    await waitForTiles(element);
    const autoRefresh = element.querySelectorAll<HTMLSelectElement>('.br-range-picker select')[1]!;
    autoRefresh.value = '5';
    autoRefresh.dispatchEvent(new Event('change'));
    // vi.waitFor polls with intervals of its own; the dashboard's are the minute clock and the auto-refresh.
    const dashboardDelays = () =>
      setIntervalSpy.mock.calls.map(([, delay]) => delay).filter((delay) => Number(delay) >= 60_000);
    await vi.waitFor(() => expect(dashboardDelays()).toEqual([60_000, 300_000]));

    unmount();

    // jsdom's requestAnimationFrame (the chart is drawn after a frame) runs on a 1000 / 60 ms interval of its own.
    const started = setIntervalSpy.mock.results
      .filter((_, index) => setIntervalSpy.mock.calls[index]?.[1] !== 1000 / 60)
      .map((result) => result.value as unknown);
    const cleared = clearIntervalSpy.mock.calls.map(([id]) => id as unknown);
    for (const id of started) expect(cleared).toContain(id);
    const added = addListener.mock.calls.filter(([type]) => type === 'visibilitychange');
    const removed = removeListener.mock.calls.filter(([type]) => type === 'visibilitychange');
    expect(added).toHaveLength(1);
    expect(removed.map(([, listener]) => listener)).toEqual([added[0]![1]]);
  });

  it('names two different windows for "last 30 days" on All time and on the Last 30 days preset (issue #11, point 7)', async () => {
    const windowsOf = async (range: 'all_time' | 'last_30_days') => {
      const { panel } = mountDashboard({ range, locale: 'en-GB' });
      const comparison = () => panel('overview').querySelector('.br-tile--all .br-tile__comparison');
      await vi.waitFor(() => expect(comparison()?.getAttribute('title')).toBeTruthy());
      return comparison()!.getAttribute('title');
    };

    // Whole site days, the 30 before them.
    expect(await windowsOf('last_30_days')).toBe(
      '28 Oct 2025 – 26 Nov 2025 compared with 28 Sept 2025 – 27 Oct 2025',
    );
    // A rolling window up to now (10:00 in Berlin), and the 30 × 24 hours before it: across the end of summer time,
    // which starts at 11:00 by the clock.
    expect(await windowsOf('all_time')).toBe(
      '27 Oct 2025, 10:00 – 26 Nov 2025, 10:00 compared with 27 Sept 2025, 11:00 – 27 Oct 2025, 10:00',
    );
  });

  it('prints a report headed by the site, the range, the timezone and when, with the graph as chart and table (issue #15, point 5)', async () => {
    const { element, panel } = mountDashboard({ siteName: 'Tom & Jerry <Bookings>', locale: 'en-GB' });
    await waitForTiles(element);
    await vi.waitFor(() => expect(panel('graph').querySelector('.br-graph__legend')).not.toBeNull());
    // On screen the graph is a chart; its table is a click away.
    expect(panel('graph').querySelector('.br-graph__table')).toBeNull();

    const header = element.querySelector('.br-print-header')!;
    expect(header.querySelector('.br-print-header__site')?.textContent?.trim()).toBe(
      'Tom & Jerry <Bookings>',
    );
    expect(header.querySelector('.br-print-header__site b, .br-print-header__site script')).toBeNull();
    expect(texts(header, '.br-print-header__facts dt')).toEqual(['Range', 'Timezone', 'Generated']);
    expect(texts(header, '.br-print-header__facts dd')).toEqual([
      'Last 30 days (28 Oct 2025 – 26 Nov 2025)',
      'Europe/Berlin',
      '26 November 2025 at 10:00',
    ]);

    // What the page holds when the browser lays it out: the chart and the table both.
    const laidOut: { chart: boolean; table: number }[] = [];
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      laidOut.push({
        chart: panel('graph').querySelector('canvas') !== null,
        table: panel('graph').querySelectorAll('.br-graph__table tbody tr').length,
      });
    });
    const button = [...element.querySelectorAll('button')].find(
      (node) => node.textContent?.trim() === 'Print report',
    )!;
    button.click();
    await vi.waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(laidOut).toEqual([{ chart: true, table: 30 }]);
    // Afterwards the screen is as it was.
    await vi.waitFor(() => expect(panel('graph').querySelector('.br-graph__table')).toBeNull());
    expect(button.disabled).toBe(false);
    print.mockRestore();
  });

  it('compares the graph with the 30 days before when asked, from a second request, and remembers it (issue #15, point 1)', async () => {
    window.localStorage.clear();
    const first = mountDashboard({}, 'storage');
    const graph = () => first.panel('graph');
    await vi.waitFor(() => expect(graph().querySelector('.br-graph__legend')).not.toBeNull());
    requests.length = 0;
    const box = () => graph().querySelector<HTMLInputElement>('.br-graph__compare input');
    box()!.click();

    // 28 Sep – 27 Oct, the 30 days before 28 Oct – 26 Nov, asked a day longer as every daily graph is.
    const asked = { 'date_range[0]': '2025-09-28', 'date_range[1]': '2025-10-28' };
    await vi.waitFor(() => expect(graph().querySelector('.br-graph__periods')).not.toBeNull());
    expect(requests).toEqual([{ route: 'reports/graph-reports', query: asked }]);
    const { body } = handleReportsRequest(
      data,
      'reports/graph-reports',
      new URLSearchParams(asked),
      settings,
      { userId: 1, role: 'administrator' },
    );
    const sum = (series: Record<string, number>) =>
      Object.entries(series)
        .filter(([day]) => day <= '2025-10-27')
        .reduce((total, [, count]) => total + count, 0);
    const previous = body as unknown as Record<string, Record<string, number>>;
    const expected = ['booked_stats', 'completed_stats', 'cancelled_stats'].map(
      (name) => `previous ${formatNumber(sum(previous[name]!), 'en')}`,
    );
    expect(expected[0]).not.toBe('previous 0');
    expect(texts(graph(), '.br-graph__legend-previous')).toEqual(expected);
    expect(texts(graph(), '.br-graph__periods li')).toEqual([
      'Oct 28, 2025 – Nov 26, 2025',
      'Previous period: Sep 28, 2025 – Oct 27, 2025',
    ]);
    first.unmount();

    // The next visit starts compared: both graphs are asked at once.
    requests.length = 0;
    const second = mountDashboard({}, 'storage');
    await vi.waitFor(() =>
      expect(texts(second.panel('graph'), '.br-graph__legend-previous')).toEqual(expected),
    );
    expect(requests.filter((request) => request.route === 'reports/graph-reports')).toHaveLength(2);
    expect(second.panel('graph').querySelector<HTMLInputElement>('.br-graph__compare input')?.checked).toBe(
      true,
    );

    // All time has no period before it: nothing is offered, nothing more is asked.
    requests.length = 0;
    const preset = second.element.querySelector<HTMLSelectElement>('.br-range-picker select')!;
    preset.value = 'all_time';
    preset.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(count('reports/graph-reports')).toBe(1));
    await vi.waitFor(() => expect(second.panel('graph').querySelector('.br-graph__legend')).not.toBeNull());
    expect(second.panel('graph').querySelector('.br-graph__compare')).toBeNull();
    expect(second.panel('graph').querySelector('.br-graph__periods')).toBeNull();
    window.localStorage.clear();
  });

  it('filters every panel by the host chosen, shows the engine’s numbers for that host, and names it on paper', async () => {
    const { element } = mountDashboard();
    await waitForTiles(element);
    const host = element.querySelector<HTMLSelectElement>('.br-filters select')!;
    await vi.waitFor(() => expect(host.options.length).toBeGreaterThan(1));
    const [id, name] = [host.options[1]!.value, host.options[1]!.textContent!.trim()];
    requests.length = 0;

    host.value = id;
    host.dispatchEvent(new Event('change'));

    await vi.waitFor(() =>
      expect(requests.map((request) => [request.route, request.query.host_id]).sort()).toEqual([
        ['reports', id],
        ['reports/activities', id],
        ['reports/graph-reports', id],
        ['reports/heatmap', id],
      ]),
    );
    const { body } = handleReportsRequest(
      data,
      'reports',
      new URLSearchParams({ startTime: '2025-10-28 00:00:00', endTime: '2025-11-26 23:59:59', host_id: id }),
      settings,
      { userId: 1, role: 'administrator' },
    );
    const expected = (body as ReportsResponse).overview.map((widget) => formatNumber(widget.number, 'en'));
    await vi.waitFor(() => expect(texts(element, '.br-tile__value')).toEqual(expected));
    expect(expected).not.toEqual(
      engineReports('2025-10-28 00:00:00', '2025-11-26 23:59:59').overview.map((widget) =>
        formatNumber(widget.number, 'en'),
      ),
    );
    expect(element.querySelector('.br-print-header')!.textContent).toContain(`Filters${`Host: ${name}`}`);
  });

  it('offers no "Print report" where the host turns it off (the wp-admin Dashboard widget)', async () => {
    const { element } = mountDashboard({ print: false });
    await waitForTiles(element);
    expect(texts(element, 'button')).not.toContain('Print report');
  });
});
