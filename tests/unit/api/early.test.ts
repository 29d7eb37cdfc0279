/**
 * Issue #10: the requests a host page sends itself before the dashboard's script ran (the plugin's pages, when they
 * preload nothing) serve the client's first requests once, with every check a sent request gets.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../../src/api/client';
import type { EarlyAnswer } from '../../../src/api/preload';
import { isApiError } from '../../../src/api/errors';
import reportsExample from './fixtures/examples/reports.json';

const REST_ROOT = '/wp-json/fluent-booking/v2/';
const RANGE = { startTime: '2026-11-03 00:00:00', endTime: '2026-12-02 23:59:59' };
// As the plugin's inline script keys them: the path from the REST root and the query the client sends, encoded.
const REPORTS_KEY =
  '/fluent-booking/v2/reports?startTime=2026-11-03%2000%3A00%3A00&endTime=2026-12-02%2023%3A59%3A59';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves `/reports` and counts the requests that reached the wire, with the nonce each carried. */
function serveReports(): string[] {
  const seen: string[] = [];
  server.use(
    http.get(`${REST_ROOT}reports`, ({ request }) => {
      seen.push(request.headers.get('X-WP-Nonce') ?? '');
      return HttpResponse.json(reportsExample, { headers: { 'X-WP-Nonce': 'from-server' } });
    }),
  );
  return seen;
}

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Promise<EarlyAnswer> =>
  Promise.resolve({ status, headers, body: JSON.stringify(body) });

describe('early requests of the host page', () => {
  it('serves the first matching request from the page’s answer, adopting its nonce, and sends the next', async () => {
    const seen = serveReports();
    const changes: string[] = [];
    const client = createApiClient({
      restUrl: REST_ROOT,
      nonce: 'page-nonce',
      onNonceChange: (nonce) => changes.push(nonce),
      early: { [REPORTS_KEY]: answer(200, reportsExample, { 'X-WP-Nonce': 'early-nonce' }) },
    });

    const first = await client.getReports(RANGE);
    expect(seen).toEqual([]);
    expect(first.overview).toHaveLength(reportsExample.overview.length);
    expect(changes).toEqual(['early-nonce']);

    await client.getReports(RANGE);
    expect(seen).toEqual(['early-nonce']);
  });

  it('checks an early answer as a sent one: a WP_Error is the error, an expired nonce is refreshed and sent again', async () => {
    const seen = serveReports();
    const rejected = {
      code: 'rest_cookie_invalid_nonce',
      message: 'Cookie check failed',
      data: { status: 403 },
    };
    const client = createApiClient({
      restUrl: REST_ROOT,
      nonce: 'page-nonce',
      refreshNonce: () => Promise.resolve('fresh-nonce'),
      early: { [REPORTS_KEY]: answer(403, rejected) },
    });
    await client.getReports(RANGE);
    expect(seen).toEqual(['fresh-nonce']);

    const failing = createApiClient({
      restUrl: REST_ROOT,
      early: {
        [REPORTS_KEY]: answer(500, { code: 'internal_error', message: 'Boom', data: { status: 500 } }),
      },
    });
    const error = await failing.getReports(RANGE).catch((caught: unknown) => caught);
    expect(isApiError(error) && error.code).toBe('internal_error');
  });

  it('sends its own request when the page’s failed on the way, or was for another query', async () => {
    const seen = serveReports();
    const client = createApiClient({
      restUrl: REST_ROOT,
      nonce: 'page-nonce',
      early: {
        [REPORTS_KEY]: Promise.reject(new Error('offline')),
        '/fluent-booking/v2/reports': answer(200, {}),
      },
    });
    await client.getReports(RANGE);
    expect(seen).toEqual(['page-nonce']);
  });
});
