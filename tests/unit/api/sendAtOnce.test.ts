/**
 * When a request leaves: within the call that asks for it, not a turn of the event loop later. The dashboard's first
 * requests are asked for just before its first render (`open()`); a later send waits for that render to end.
 * (No mock server here: it would replace the XMLHttpRequest whose `send` is watched.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../src/api/client';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('createApiClient: when a request leaves', () => {
  it('sends each request synchronously within the call, in a browser with the asynchronous Cookie Store', () => {
    // Chromium has `cookieStore`, where axios would look up an XSRF cookie first, asynchronously (jsdom has none).
    vi.stubGlobal('cookieStore', { get: () => Promise.resolve(null) });
    const sent: string[] = [];
    vi.spyOn(XMLHttpRequest.prototype, 'open').mockImplementation(function (
      _method: string,
      url: string | URL,
    ) {
      sent.push(`open ${String(url)}`);
    });
    vi.spyOn(XMLHttpRequest.prototype, 'send').mockImplementation(() => sent.push('send'));
    vi.spyOn(XMLHttpRequest.prototype, 'setRequestHeader').mockImplementation(() => undefined);
    // Same origin as the page, as in wp-admin: where axios looks for the cookie.
    const root = `${window.location.origin}/wp-json/fluent-booking/v2/`;
    const client = createApiClient({ restUrl: root, nonce: 'n' });

    void client
      .getReports({ startTime: '2025-01-01 00:00:00', endTime: '2025-01-31 23:59:59' })
      .catch(() => undefined);
    void client.getActivities().catch(() => undefined);

    expect(sent).toEqual([
      `open ${root}reports?startTime=2025-01-01+00%3A00%3A00&endTime=2025-01-31+23%3A59%3A59`,
      'send',
      `open ${root}reports/activities`,
      'send',
    ]);
  });
});
