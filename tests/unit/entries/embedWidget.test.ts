import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { embedWidget } from '../../../src/entries/embedWidget';
import type { EmbedWidgetOptions, EmbeddedWidget } from '../../../src/entries/embedWidget';

const WIDGET_ORIGIN = 'https://widget.example';
const OPTIONS: EmbedWidgetOptions = {
  src: `${WIDGET_ORIGIN}/booking-reports/widget.html`,
  restUrl: 'https://site.test/wp-json/fluent-booking/v2/',
  nonce: 'secret-nonce',
  timezone: 'Europe/Berlin',
  locale: 'de_DE',
  range: 'last_7_days',
  panels: ['overview', 'graph'],
  title: 'Bookings this week',
  initialHeight: 400,
};

const widgets: EmbeddedWidget[] = [];

beforeEach(() => {
  document.body.innerHTML = '<div id="widget"></div>';
});
afterEach(() => {
  for (const widget of widgets.splice(0)) widget.destroy();
});

/** Embeds the widget and spies on what the host posts into its window. */
function embed(options: Partial<EmbedWidgetOptions> = {}) {
  const widget = embedWidget('#widget', { ...OPTIONS, ...options });
  widgets.push(widget);
  const posted = vi.spyOn(widget.iframe.contentWindow!, 'postMessage').mockImplementation(() => {});
  /** Delivers a message to the host page as if `source` had posted it from `origin`. */
  const receive = (
    data: unknown,
    origin = WIDGET_ORIGIN,
    source: Window | null = widget.iframe.contentWindow,
  ) => window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  return { widget, iframe: widget.iframe, posted, receive };
}

describe('embedWidget', () => {
  it('creates a titled iframe whose URL carries only the panels and the range', () => {
    const { iframe } = embed();

    expect(document.querySelector('#widget iframe')).toBe(iframe);
    const url = new URL(iframe.src);
    expect(`${url.origin}${url.pathname}`).toBe(OPTIONS.src);
    expect([...url.searchParams.keys()].sort()).toEqual(['panels', 'range']);
    expect(url.searchParams.get('panels')).toBe('overview,graph');
    expect(url.searchParams.get('range')).toBe('last_7_days');
    expect(iframe.src).not.toContain('secret-nonce');
    expect(iframe.src).not.toContain('site.test');
    expect(iframe.title).toBe('Bookings this week');
    expect(iframe.style.height).toBe('400px');
  });

  it('answers ready with the config, posted to exactly the widget’s origin', () => {
    const refreshNonce = () => Promise.resolve('fresh');
    const { posted, receive } = embed({ refreshNonce });

    receive({ type: 'booking-reports:ready' });

    expect(posted).toHaveBeenCalledOnce();
    expect(posted).toHaveBeenCalledWith(
      {
        type: 'booking-reports:config',
        config: {
          restUrl: OPTIONS.restUrl,
          nonce: 'secret-nonce',
          timezone: 'Europe/Berlin',
          locale: 'de_DE',
          range: 'last_7_days',
        },
      },
      WIDGET_ORIGIN,
    );
  });

  it('trusts the allowedOrigin option over the origin of src', () => {
    const { posted, receive } = embed({ allowedOrigin: 'https://cdn.example' });

    receive({ type: 'booking-reports:ready' });
    expect(posted).not.toHaveBeenCalled();

    receive({ type: 'booking-reports:ready' }, 'https://cdn.example');
    expect(posted).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'booking-reports:config' }),
      'https://cdn.example',
    );
  });

  it('ignores messages from a foreign origin', () => {
    const { iframe, posted, receive } = embed();

    receive({ type: 'booking-reports:ready' }, 'https://evil.example');
    receive({ type: 'booking-reports:height', height: 900 }, 'https://evil.example');

    expect(posted).not.toHaveBeenCalled();
    expect(iframe.style.height).toBe('400px');
  });

  it('ignores messages from another window, even with the widget’s origin', () => {
    const { iframe, posted, receive } = embed();

    receive({ type: 'booking-reports:ready' }, WIDGET_ORIGIN, window);
    receive({ type: 'booking-reports:height', height: 900 }, WIDGET_ORIGIN, null);

    expect(posted).not.toHaveBeenCalled();
    expect(iframe.style.height).toBe('400px');
  });

  it('applies the height the widget reports, and ignores nonsense', () => {
    const { iframe, receive } = embed();

    receive({ type: 'booking-reports:height', height: 612.3 });
    expect(iframe.style.height).toBe('613px');

    receive({ type: 'booking-reports:height', height: -5 });
    receive({ type: 'booking-reports:height', height: '900' });
    receive({ type: 'booking-reports:height', height: Number.NaN });
    receive({ type: 'something-else', height: 10 });
    expect(iframe.style.height).toBe('613px');

    receive({ type: 'booking-reports:height', height: 1e9 });
    expect(iframe.style.height).toBe('100000px');
  });

  it('answers a nonce request with the host’s fresh nonce, or none when it has none', async () => {
    const refreshNonce = vi.fn<() => Promise<string>>().mockResolvedValueOnce('fresh-nonce');
    refreshNonce.mockRejectedValueOnce(new Error('logged out'));
    const { posted, receive } = embed({ refreshNonce });

    receive({ type: 'booking-reports:nonce-request' });
    await flushPromises();
    receive({ type: 'booking-reports:nonce-request' });
    await flushPromises();

    expect(posted.mock.calls).toEqual([
      [{ type: 'booking-reports:nonce', nonce: 'fresh-nonce' }, WIDGET_ORIGIN],
      [{ type: 'booking-reports:nonce', nonce: null }, WIDGET_ORIGIN],
    ]);
  });

  it('removes the iframe and its message listener on destroy()', () => {
    const addListener = vi.spyOn(window, 'addEventListener');
    const removeListener = vi.spyOn(window, 'removeEventListener');
    const { widget, iframe } = embed();
    const listener = addListener.mock.calls.find(([type]) => type === 'message')?.[1];

    widget.destroy();

    expect(listener).toBeTypeOf('function');
    expect(removeListener).toHaveBeenCalledWith('message', listener);
    expect(document.querySelector('#widget iframe')).toBeNull();
    expect(iframe.isConnected).toBe(false);
  });

  it('throws without a container or a widget origin to trust', () => {
    expect(() => embedWidget('#missing', OPTIONS)).toThrow(/no element matches "#missing"/);
    expect(() => embedWidget('#widget', { ...OPTIONS, src: 'data:text/html,<p>hi</p>' })).toThrow(
      /no origin to trust/,
    );
    expect(document.querySelector('#widget iframe')).toBeNull();
  });
});
