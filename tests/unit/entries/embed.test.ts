import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateSiteData } from '../../../src/data/generate';
import { autoMount, mount } from '../../../src/entries/embed';
import type { MountedReports } from '../../../src/entries/embed';
import { localToUtcMs } from '../../../src/lib/siteTime';
import { createReportsHandlers } from '../../../src/mocks/handlers';
import { createMockServer } from '../../../src/mocks/node';

vi.mock('../../../src/styles/index.css?inline', () => ({
  default: '.br-root { color: rebeccapurple; }',
}));

const ROOT_A = 'http://localhost/wp-json/fluent-booking/v2/';
const ROOT_B = 'http://other.test/wp-json/fluent-booking/v2/';
const NOW = localToUtcMs('2025-11-26 10:00:00', 'Europe/Berlin')!;
const data = generateSiteData({ seed: 5, now: NOW, bookings: 120 });
const server = createMockServer({ restUrl: ROOT_A, data, settings: { now: NOW } });
const requested: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => requested.push(request.url));
});
beforeEach(() => {
  server.use(...createReportsHandlers({ restUrl: ROOT_B, data, settings: { now: NOW } }));
  document.body.innerHTML = '';
  requested.length = 0;
  window.localStorage.clear();
});
afterEach(() => {
  for (const handle of handles.splice(0)) handle.unmount();
  delete window.bookingReportsConfig;
  server.resetHandlers();
});
afterAll(() => server.close());

const handles: MountedReports[] = [];
const keep = (handle: MountedReports) => (handles.push(handle), handle);

function host(id: string, attribute?: string): HTMLElement {
  const element = document.createElement('div');
  element.id = id;
  if (attribute !== undefined) element.setAttribute('data-booking-reports', attribute);
  document.body.append(element);
  return element;
}

/** The styles a shadow root carries, by either mechanism. */
function shadowStyles(shadow: ShadowRoot): string {
  const adopted = (shadow.adoptedStyleSheets ?? []).flatMap((sheet) =>
    [...sheet.cssRules].map((rule) => rule.cssText),
  );
  return [...adopted, ...[...shadow.querySelectorAll('style')].map((style) => style.textContent)].join('\n');
}

const requestsTo = (root: string) => requested.filter((url) => url.startsWith(root)).length;

describe('mount', () => {
  it('renders the dashboard inside an open shadow root with its styles', async () => {
    const element = host('reports');

    const handle = keep(mount('#reports', { restUrl: ROOT_A, timezone: 'Europe/Berlin' }));

    expect(handle).toEqual({ unmount: expect.any(Function), refresh: expect.any(Function) });
    const shadow = element.shadowRoot!;
    expect(shadow.mode).toBe('open');
    expect(shadow.querySelector('.br-root.br-dashboard')).not.toBeNull();
    expect(element.querySelector('.br-root')).toBeNull();
    const styles = shadowStyles(shadow);
    expect(styles).toContain(':host');
    expect(styles).toContain('rebeccapurple');
    await vi.waitFor(() => expect(shadow.querySelectorAll('.br-tile__value')).toHaveLength(5));
  });

  it('adopts one shared style sheet where the runtime can, and drops it on unmount()', () => {
    // jsdom constructs style sheets but cannot adopt them; this stands in for a browser that can.
    const adopted = new WeakMap<ShadowRoot, CSSStyleSheet[]>();
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', {
      configurable: true,
      get(this: ShadowRoot) {
        return adopted.get(this) ?? [];
      },
      set(this: ShadowRoot, sheets: CSSStyleSheet[]) {
        adopted.set(this, sheets);
      },
    });
    try {
      const first = host('first');
      const second = host('second');

      const a = mount(first, { restUrl: ROOT_A });
      const b = mount(second, { restUrl: ROOT_A });

      const [sheet] = first.shadowRoot!.adoptedStyleSheets;
      expect(first.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
      expect(second.shadowRoot!.adoptedStyleSheets).toEqual([sheet]);
      expect(first.shadowRoot!.querySelector('style')).toBeNull();
      expect(shadowStyles(first.shadowRoot!)).toContain('rebeccapurple');

      a.unmount();

      expect(first.shadowRoot!.adoptedStyleSheets).toEqual([]);
      expect(second.shadowRoot!.adoptedStyleSheets).toEqual([sheet]);
      b.unmount();
    } finally {
      delete (ShadowRoot.prototype as Partial<ShadowRoot>).adoptedStyleSheets;
    }
  });

  it('reloads every panel on refresh()', async () => {
    host('reports');
    const handle = keep(mount('#reports', { restUrl: ROOT_A }));
    // The namespace index, the three endpoints, and the heatmap and filter choices the mock server's index lists.
    await vi.waitFor(() => expect(requestsTo(ROOT_A)).toBe(6));

    await handle.refresh();

    // Every panel again (the heatmap among them); neither the index nor the choices, which are read once.
    expect(requestsTo(ROOT_A)).toBe(10);
  });

  it('says when it was updated after the host’s refresh(), as after its own Refresh', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(NOW);
      const element = host('reports');
      const handle = keep(mount('#reports', { restUrl: ROOT_A, timezone: 'Europe/Berlin', locale: 'en-GB' }));
      const updated = () => element.shadowRoot!.querySelector('.br-root')!.textContent;
      await vi.waitFor(() => expect(updated()).toContain('Updated at 10:00'));

      vi.setSystemTime(NOW + 7 * 60_000);
      await handle.refresh();

      await vi.waitFor(() => expect(updated()).toContain('Updated at 10:07'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the numbers up when a refresh fails, says from when, and brings them back with one Retry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(NOW);
      const element = host('reports');
      const handle = keep(mount('#reports', { restUrl: ROOT_A, timezone: 'Europe/Berlin', locale: 'en-GB' }));
      const shadow = element.shadowRoot!;
      const numbers = () => [...shadow.querySelectorAll('.br-tile__value')].map((value) => value.textContent);
      await vi.waitFor(() => expect(numbers()).toHaveLength(5));
      const shown = numbers();

      server.use(
        http.get(`${ROOT_A}reports`, () =>
          HttpResponse.json(
            { code: 'db_down', message: 'The database is down.', data: { status: 503 } },
            { status: 503 },
          ),
        ),
      );
      vi.setSystemTime(NOW + 12 * 60_000);
      await handle.refresh();

      const banner = () => shadow.querySelector('.br-stale');
      await vi.waitFor(() =>
        expect(banner()?.textContent).toContain('Could not refresh. Showing data from 10:00.'),
      );
      expect(banner()!.getAttribute('role')).toBe('alert');
      expect(numbers()).toEqual(shown);
      expect(shadow.querySelector('.br-panel__error')).toBeNull();
      expect(shadow.querySelector('.br-range-picker')!.textContent).toContain('Updated at 10:00');

      server.resetHandlers();
      vi.setSystemTime(NOW + 13 * 60_000);
      banner()!.querySelector('button')!.click();

      await vi.waitFor(() => expect(banner()).toBeNull());
      expect(shadow.querySelector('.br-range-picker')!.textContent).toContain('Updated at 10:12');
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs two dashboards on one page independently', async () => {
    const first = host('first');
    const second = host('second');

    const a = keep(mount(first, { restUrl: ROOT_A }));
    keep(mount(second, { restUrl: ROOT_B, locale: 'ar' }));
    await vi.waitFor(() => expect([requestsTo(ROOT_A), requestsTo(ROOT_B)]).toEqual([6, 6]));

    expect(first.shadowRoot!.querySelector('.br-root')!.getAttribute('dir')).toBe('ltr');
    expect(second.shadowRoot!.querySelector('.br-root')!.getAttribute('dir')).toBe('rtl');

    a.unmount();
    second.shadowRoot!.querySelector<HTMLElement>('.br-range-picker__refresh-button')!.click();
    await vi.waitFor(() => expect(requestsTo(ROOT_B)).toBe(10));
    expect(requestsTo(ROOT_A)).toBe(6);
    expect(second.shadowRoot!.querySelector('.br-root')).not.toBeNull();
  });

  it('takes its container and styles out again on unmount()', () => {
    const element = host('reports');
    const handle = mount(element, { restUrl: ROOT_A });

    handle.unmount();

    expect(element.shadowRoot!.childNodes).toHaveLength(0);
    expect(shadowStyles(element.shadowRoot!)).toBe('');
    expect(() => handle.unmount()).not.toThrow();
  });

  it('replaces the dashboard when mounted again on the same element', () => {
    const element = host('reports');
    keep(mount(element, { restUrl: ROOT_A }));

    keep(mount(element, { restUrl: ROOT_A, locale: 'ar' }));

    expect(element.shadowRoot!.querySelectorAll('.br-root')).toHaveLength(1);
    expect(element.shadowRoot!.querySelector('.br-root')!.getAttribute('dir')).toBe('rtl');
  });

  it('throws for a selector that matches nothing', () => {
    expect(() => mount('#missing', { restUrl: ROOT_A })).toThrow(/no element matches "#missing"/);
  });
});

describe('autoMount', () => {
  it('mounts every [data-booking-reports] element with its JSON, over window.bookingReportsConfig', () => {
    window.bookingReportsConfig = { restUrl: ROOT_A, locale: 'ar' };
    const configured = host('configured', JSON.stringify({ restUrl: ROOT_B, colorScheme: 'dark' }));
    const global = host('global', '');
    host('unrelated');

    handles.push(...autoMount());

    expect(handles).toHaveLength(2);
    const configuredRoot = configured.shadowRoot!.querySelector('.br-root')!;
    expect(configuredRoot.getAttribute('data-color-scheme')).toBe('dark');
    expect(configuredRoot.getAttribute('dir')).toBe('rtl');
    expect(global.shadowRoot!.querySelector('.br-root')!.getAttribute('dir')).toBe('rtl');
    expect(document.querySelector('#unrelated')!.shadowRoot).toBeNull();
  });

  it('shows only the panels the attribute names, and loads only their data, also on refresh()', async () => {
    window.bookingReportsConfig = { restUrl: ROOT_A, timezone: 'Europe/Berlin' };
    const element = host('compact', JSON.stringify({ panels: ['overview', 'graph'] }));

    handles.push(...autoMount());

    const shadow = element.shadowRoot!;
    await vi.waitFor(() => expect(shadow.querySelectorAll('.br-tile__value')).toHaveLength(5));
    expect(shadow.querySelector('.br-dashboard__graph')).not.toBeNull();
    expect(shadow.querySelector('.br-dashboard__activities')).toBeNull();
    expect(shadow.querySelector('.br-dashboard__latest')).toBeNull();
    await handles[0]!.refresh();
    expect(requested.filter((url) => url.includes('/reports/activities'))).toEqual([]);
    expect(requested.filter((url) => url.includes('/reports/graph-reports'))).toHaveLength(2);
  });

  it('mounts from window.bookingReportsConfig alone', () => {
    window.bookingReportsConfig = { restUrl: ROOT_A };
    const element = host('reports', '');

    handles.push(...autoMount());

    expect(handles).toHaveLength(1);
    expect(element.shadowRoot!.querySelector('.br-root')).not.toBeNull();
  });

  it('skips elements it mounted before', () => {
    host('reports', JSON.stringify({ restUrl: ROOT_A }));
    handles.push(...autoMount());
    expect(handles).toHaveLength(1);

    expect(autoMount()).toEqual([]);
    expect(document.querySelector('#reports')!.shadowRoot!.querySelectorAll('.br-root')).toHaveLength(1);
  });

  it('logs invalid JSON and mounts nothing there', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = host('broken', '{restUrl: nope');
    const fine = host('fine', JSON.stringify({ restUrl: ROOT_A }));

    handles.push(...autoMount());

    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/not valid JSON/);
    expect(broken.shadowRoot).toBeNull();
    expect(fine.shadowRoot!.querySelector('.br-root')).not.toBeNull();
  });

  it('logs a config without restUrl and mounts nothing there', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const element = host('reports', JSON.stringify({ timezone: 'Europe/Berlin' }));

    expect(autoMount()).toEqual([]);

    expect(error).toHaveBeenCalledOnce();
    expect(element.shadowRoot?.querySelector('.br-root') ?? null).toBeNull();
  });
});
