/**
 * The iframe widget (`widget.html`): waits for its config from the parent page by `postMessage`, shows the panels
 * and range its query string names, and reports its content height whenever it changes.
 *
 * Which parents may configure it: this page's own origin, plus the origins listed in
 * `<meta name="booking-reports-allowed-origins" content="https://a.example https://b.example">` of `widget.html`.
 */
import { createReportsApp } from '../app/createReportsApp';
import { pickPanels } from '../components/panelNames';
import { RANGE_PRESETS } from '../lib/dates';
import type { RangePresetId } from '../lib/dates';
import '../styles/index.css';
import { readMessage } from './widgetProtocol';
import type { WidgetMessage } from './widgetProtocol';

const allowedOrigins = new Set([
  window.location.origin,
  ...(document.querySelector('meta[name="booking-reports-allowed-origins"]')?.getAttribute('content') ?? '')
    .split(/\s+/)
    .filter(Boolean),
]);

const query = new URLSearchParams(window.location.search);
const panels = pickPanels(query.get('panels')?.split(','));
const rangeParam = query.get('range');
// A custom range has days the URL does not carry: it comes whole in the config message instead.
const range =
  rangeParam !== 'custom' && (RANGE_PRESETS as readonly string[]).includes(rangeParam ?? '')
    ? (rangeParam as RangePresetId)
    : undefined;
const appElement = document.getElementById('app')!;

let parentOrigin: string | undefined;
let pendingNonce: ((nonce: string) => void) | undefined;
let pendingNonceFailure: ((reason: Error) => void) | undefined;

function postToParent(message: WidgetMessage, origin: string): void {
  window.parent.postMessage(message, origin);
}

function requestNonce(): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!parentOrigin) return reject(new Error('not configured'));
    pendingNonce = resolve;
    pendingNonceFailure = reject;
    postToParent({ type: 'booking-reports:nonce-request' }, parentOrigin);
  });
}

function reportHeight(): void {
  let lastHeight = -1;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight && parentOrigin) {
      lastHeight = height;
      postToParent({ type: 'booking-reports:height', height }, parentOrigin);
    }
  };
  new ResizeObserver(send).observe(document.body);
  send();
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent || !allowedOrigins.has(event.origin)) return;
  const configMessage = readMessage(event.data, 'booking-reports:config');
  if (configMessage && !parentOrigin) {
    parentOrigin = event.origin;
    const instance = createReportsApp(
      {
        // A compact view inside another page offers no "Print report" unless that page asks for it.
        print: false,
        ...configMessage.config,
        range: range ?? configMessage.config.range,
        refreshNonce: requestNonce,
      },
      { persistence: 'none', panels },
    );
    // The first requests go out before the first render, which they would otherwise wait for.
    void instance.open();
    instance.app.mount(appElement);
    reportHeight();
    return;
  }
  const nonceMessage = readMessage(event.data, 'booking-reports:nonce');
  if (nonceMessage && event.origin === parentOrigin) {
    if (typeof nonceMessage.nonce === 'string' && nonceMessage.nonce) pendingNonce?.(nonceMessage.nonce);
    else pendingNonceFailure?.(new Error('the host page had no fresh nonce'));
    pendingNonce = undefined;
    pendingNonceFailure = undefined;
  }
});

if (window.parent === window) {
  appElement.textContent =
    'This booking reports widget is meant to be embedded in a page (BookingReports.embedWidget).';
} else {
  for (const origin of allowedOrigins) postToParent({ type: 'booking-reports:ready' }, origin);
}
