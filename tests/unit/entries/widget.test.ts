import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { generateSiteData } from '../../../src/data/generate';
import { localToUtcMs } from '../../../src/lib/siteTime';
import { createMockServer } from '../../../src/mocks/node';

const HOST_ORIGIN = 'https://host.example';
const ROOT = 'http://localhost/wp-json/fluent-booking/v2/';
const NOW = localToUtcMs('2025-11-26 10:00:00', 'Europe/Berlin')!;
const data = generateSiteData({ seed: 7, now: NOW, bookings: 120 });
const server = createMockServer({ restUrl: ROOT, data, settings: { now: NOW }, nonce: 'good-nonce' });
const requests: { route: string; query: Record<string, string>; nonce: string | null }[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    requests.push({
      route: url.pathname.slice(new URL(ROOT).pathname.length),
      query: Object.fromEntries(url.searchParams),
      nonce: request.headers.get('X-WP-Nonce'),
    });
  });
});
afterAll(() => server.close());

const ownParent = Object.getOwnPropertyDescriptor(window, 'parent');
let listener: EventListener | undefined;
let parentWindow: Window;
let posted: MockInstance<Window['postMessage']>;

beforeEach(() => {
  // The widget runs on the browser's clock: fake only Date, so timers and vi.waitFor still run.
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  requests.length = 0;
  document.head.innerHTML = `<meta name="booking-reports-allowed-origins" content="${HOST_ORIGIN}">`;
  document.body.innerHTML = '<div id="app"></div>';
});
afterEach(() => {
  vi.useRealTimers();
  if (listener) window.removeEventListener('message', listener);
  listener = undefined;
  if (ownParent) Object.defineProperty(window, 'parent', ownParent);
  window.history.replaceState(null, '', '/');
});

/**
 * Loads `widget.html`'s module afresh, as if framed by a host page: `window.parent` is another window, whose
 * `postMessage` is spied on.
 */
async function loadFramedWidget(search = '') {
  window.history.replaceState(null, '', `/widget.html${search}`);
  const frame = document.createElement('iframe');
  document.body.append(frame);
  parentWindow = frame.contentWindow!;
  posted = vi.spyOn(parentWindow, 'postMessage').mockImplementation(() => {});
  Object.defineProperty(window, 'parent', { configurable: true, value: parentWindow });
  const addListener = vi.spyOn(window, 'addEventListener');
  vi.resetModules();
  await import('../../../src/entries/widget');
  listener = addListener.mock.calls.find(([type]) => type === 'message')?.[1] as EventListener;
}

/** Delivers a message to the widget as if `source` had posted it from `origin`. */
function receive(data: unknown, origin = HOST_ORIGIN, source: Window = parentWindow) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

const app = () => document.querySelector('#app')!;
const CONFIG = { restUrl: ROOT, nonce: 'good-nonce', timezone: 'Europe/Berlin' };

describe('widget entry', () => {
  it('says it must be embedded when opened on its own', async () => {
    vi.resetModules();
    const addListener = vi.spyOn(window, 'addEventListener');
    await import('../../../src/entries/widget');
    listener = addListener.mock.calls.find(([type]) => type === 'message')?.[1] as EventListener;

    expect(app().textContent).toMatch(/meant to be embedded/);
  });

  it('tells each allowed parent origin it is ready, and nothing else', async () => {
    await loadFramedWidget();

    expect(posted.mock.calls).toEqual([
      [{ type: 'booking-reports:ready' }, window.location.origin],
      [{ type: 'booking-reports:ready' }, HOST_ORIGIN],
    ]);
    expect(app().children).toHaveLength(0);
  });

  it('ignores a config from a foreign origin or another window', async () => {
    await loadFramedWidget();

    receive({ type: 'booking-reports:config', config: CONFIG }, 'https://evil.example');
    receive({ type: 'booking-reports:config', config: CONFIG }, HOST_ORIGIN, window);

    expect(app().querySelector('.br-root')).toBeNull();
    expect(requests).toEqual([]);
  });

  it('mounts the panels and range of its URL from the parent’s config, and reports its height', async () => {
    await loadFramedWidget('?panels=overview,nonsense&range=last_7_days');

    receive({ type: 'booking-reports:config', config: { ...CONFIG, range: 'this_year' } });

    await vi.waitFor(() => expect(app().querySelectorAll('.br-tile__value')).toHaveLength(5));
    expect(app().querySelector('.br-dashboard__graph')).toBeNull();
    expect(app().querySelector('.br-dashboard__activities')).toBeNull();
    // Besides its one panel's request: the namespace index, and the filters' choices it lists.
    expect(requests).toEqual([
      { route: '', query: {}, nonce: 'good-nonce' },
      {
        route: 'reports',
        query: { startTime: '2025-11-20 00:00:00', endTime: '2025-11-26 23:59:59' },
        nonce: 'good-nonce',
      },
      { route: 'reports/filters', query: {}, nonce: 'good-nonce' },
    ]);
    expect(posted).toHaveBeenCalledWith(
      { type: 'booking-reports:height', height: expect.any(Number) },
      HOST_ORIGIN,
    );
  });

  it('asks its parent for a fresh nonce when the server refuses the one it has', async () => {
    await loadFramedWidget('?panels=overview');
    receive({ type: 'booking-reports:config', config: { ...CONFIG, nonce: 'stale-nonce' } });

    await vi.waitFor(() =>
      expect(posted).toHaveBeenCalledWith({ type: 'booking-reports:nonce-request' }, HOST_ORIGIN),
    );
    receive({ type: 'booking-reports:nonce', nonce: 'good-nonce' }, 'https://evil.example');
    receive({ type: 'booking-reports:nonce', nonce: 'good-nonce' });

    await vi.waitFor(() => expect(app().querySelectorAll('.br-tile__value')).toHaveLength(5));
    // The overview's request, refused once, then sent again with the parent's nonce (the index went the same way).
    expect(requests.filter((request) => request.route === 'reports').map((request) => request.nonce)).toEqual(
      ['stale-nonce', 'good-nonce'],
    );
    expect(
      requests.filter((request) => request.nonce === 'good-nonce').map((request) => request.route),
    ).toEqual(expect.arrayContaining(['', 'reports']));
  });
});
