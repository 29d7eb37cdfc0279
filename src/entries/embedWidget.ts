/**
 * The host side of the iframe widget: creates the iframe, sends it its config once it says it is ready, answers
 * its nonce requests, and applies the height it reports. Every message from anywhere else is ignored.
 */
import type { ReportsOptions } from '../app/options';
import type { DashboardPanel } from '../components/panelNames';
import type { RangePresetId } from '../lib/dates';
import { originOf, readMessage } from './widgetProtocol';
import type { WidgetMessage } from './widgetProtocol';

/** Options of `embedWidget`: the dashboard's options plus where the widget lives. */
export interface EmbedWidgetOptions extends ReportsOptions {
  /** URL of `widget.html`. */
  src: string;
  /** The widget's origin; messages from any other origin are ignored. @default the origin of `src` */
  allowedOrigin?: string;
  /** Panels to show. @default every panel */
  panels?: readonly DashboardPanel[];
  /** Accessible name of the iframe. @default 'Booking reports' */
  title?: string;
  /** Height before the widget reports its own, in pixels. @default 320 */
  initialHeight?: number;
}

/** An embedded widget. */
export interface EmbeddedWidget {
  /** The iframe element. */
  iframe: HTMLIFrameElement;
  /** Removes the iframe and the message listener. */
  destroy(): void;
}

/**
 * Embeds the widget in `container`.
 *
 * @throws Error when the container is missing or the widget URL has no usable origin.
 */
export function embedWidget(container: Element | string, options: EmbedWidgetOptions): EmbeddedWidget {
  const parent = typeof container === 'string' ? document.querySelector(container) : container;
  if (!parent) throw new Error(`booking-reports: no element matches "${String(container)}"`);
  const widgetOrigin = options.allowedOrigin ?? originOf(options.src);
  if (!widgetOrigin) throw new Error('booking-reports: the widget URL has no origin to trust');

  const { src, allowedOrigin: _origin, panels, title, initialHeight, refreshNonce, ...config } = options;
  const url = new URL(src, window.location.href);
  if (panels?.length) url.searchParams.set('panels', panels.join(','));
  if (typeof config.range === 'string') url.searchParams.set('range', config.range satisfies RangePresetId);

  const iframe = document.createElement('iframe');
  iframe.src = url.href;
  iframe.title = title ?? 'Booking reports';
  iframe.style.cssText = `display:block;width:100%;border:0;height:${initialHeight ?? 320}px`;
  iframe.setAttribute('loading', 'lazy');

  const post = (message: WidgetMessage) => iframe.contentWindow?.postMessage(message, widgetOrigin);

  async function onMessage(event: MessageEvent): Promise<void> {
    if (event.source !== iframe.contentWindow || event.origin !== widgetOrigin) return;
    if (readMessage(event.data, 'booking-reports:ready')) {
      post({ type: 'booking-reports:config', config });
      return;
    }
    const height = readMessage(event.data, 'booking-reports:height')?.height;
    if (typeof height === 'number' && Number.isFinite(height) && height >= 0) {
      iframe.style.height = `${Math.ceil(Math.min(height, 100_000))}px`;
      return;
    }
    if (readMessage(event.data, 'booking-reports:nonce-request')) {
      let nonce: string | null;
      try {
        nonce = refreshNonce ? await refreshNonce() : null;
      } catch {
        nonce = null;
      }
      post({ type: 'booking-reports:nonce', nonce });
    }
  }

  const listener = (event: MessageEvent) => void onMessage(event);
  window.addEventListener('message', listener);
  parent.append(iframe);

  return {
    iframe,
    destroy() {
      window.removeEventListener('message', listener);
      iframe.remove();
    },
  };
}
