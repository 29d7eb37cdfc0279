import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../../src/api/client';
import { resolveOptions } from '../../../src/app/options';
import reportsExample from './fixtures/examples/reports.json';

const REST_ROOT = '/wp-json/fluent-booking/v2/';
const RANGE = { startTime: '2026-11-03 00:00:00', endTime: '2026-12-02 23:59:59' };
const GRAPH = { booked_stats: { '2026-12-01': 2 }, completed_stats: {}, cancelled_stats: {} };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves the three routes with a marker answer and counts the requests that reached the wire. */
function serveAll(): string[] {
  const seen: string[] = [];
  server.use(
    http.get(`${REST_ROOT}*`, ({ request }) => {
      seen.push(request.url);
      if (request.url.includes('graph-reports')) return HttpResponse.json(GRAPH);
      if (request.url.includes('activities')) return HttpResponse.json({ activities: [] });
      return HttpResponse.json({ ...reportsExample, latest_books: [], next_meetings: [] });
    }),
  );
  return seen;
}

// What `rest_preload_api_request` keys look like after `wp_json_encode`: the path as requested, query unencoded.
const PRELOADED = {
  '/fluent-booking/v2/reports?startTime=2026-11-03 00:00:00&endTime=2026-12-02 23:59:59': {
    body: reportsExample,
    headers: { 'X-WP-Total': '1' },
  },
  '/fluent-booking/v2/reports/graph-reports?date_range%5B1%5D=2026-12-02&date_range%5B0%5D=2026-11-03': {
    body: GRAPH,
  },
  '/fluent-booking/v2/reports/activities': { body: { activities: [] } },
};

describe('preloaded answers', () => {
  it('serves each matching request once from the page, without sending it', async () => {
    const seen = serveAll();
    const client = createApiClient({ restUrl: REST_ROOT, nonce: 'n', preloaded: PRELOADED });

    const reports = await client.getReports(RANGE);
    const graph = await client.getGraph({ date_range: ['2026-11-03', '2026-12-02'] });
    await client.getActivities();

    expect(seen).toEqual([]);
    expect(reports.overview.map((widget) => widget.number)).toEqual(
      reportsExample.overview.map((widget) => Number(widget.number)),
    );
    expect(graph.booked_stats).toEqual({ '2026-12-01': 2 });

    await client.getReports(RANGE);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('/reports?startTime=2026-11-03');
  });

  it('sends a request whose range the page did not preload', async () => {
    const seen = serveAll();
    const client = createApiClient({ restUrl: REST_ROOT, nonce: 'n', preloaded: PRELOADED });

    await client.getReports({ startTime: '2026-11-26 00:00:00', endTime: '2026-12-02 23:59:59' });
    await client.getGraph({ date_range: ['2026-11-03', '2026-12-01'] });

    expect(seen).toHaveLength(2);
  });

  it('trusts a preloaded /reports only when its recorded headers carry X-Booking-Reports-Contract: 1', async () => {
    serveAll();
    const key = Object.keys(PRELOADED)[0]!;
    const withHeader = (headers: unknown) =>
      createApiClient({ restUrl: REST_ROOT, preloaded: { [key]: { body: reportsExample, headers } } });

    expect((await withHeader({ 'x-booking-reports-contract': '1' }).getReports(RANGE)).followsContract).toBe(
      true,
    );
    // A real site's plugin records headers of its own, never ours; nothing recorded is no promise either.
    for (const headers of [
      { 'X-WP-Total': '1' },
      undefined,
      ['X-Booking-Reports-Contract'],
      { 'X-Booking-Reports-Contract': '2' },
    ]) {
      expect(await withHeader(headers).getReports(RANGE)).not.toHaveProperty('followsContract');
    }
  });

  it('asks the server again when the preloaded answer was an error', async () => {
    const seen = serveAll();
    const client = createApiClient({
      restUrl: REST_ROOT,
      nonce: 'n',
      preloaded: {
        '/fluent-booking/v2/reports/activities': {
          body: { code: 'rest_forbidden', message: 'No.', data: { status: 401 } },
        },
      },
    });

    await client.getActivities();

    expect(seen).toHaveLength(1);
  });
});

describe('refreshNonceUrl', () => {
  it('fetches a fresh nonce from the URL when the server rejects the old one', async () => {
    const sent: (string | null)[] = [];
    server.use(
      http.get('/wp-admin/admin-ajax.php', ({ request }) =>
        new URL(request.url).searchParams.get('action') === 'rest-nonce'
          ? HttpResponse.text('fresh-nonce')
          : HttpResponse.text('0', { status: 400 }),
      ),
      http.get(`${REST_ROOT}reports/activities`, ({ request }) => {
        const nonce = request.headers.get('X-WP-Nonce');
        sent.push(nonce);
        return nonce === 'fresh-nonce'
          ? HttpResponse.json({ activities: [] })
          : HttpResponse.json(
              { code: 'rest_cookie_invalid_nonce', message: 'Cookie check failed', data: { status: 403 } },
              { status: 403 },
            );
      }),
    );
    const options = resolveOptions({
      restUrl: REST_ROOT,
      nonce: 'expired',
      refreshNonceUrl: '/wp-admin/admin-ajax.php?action=rest-nonce',
    });
    const client = createApiClient(options);

    await expect(client.getActivities()).resolves.toEqual({ activities: [] });
    expect(sent).toEqual(['expired', 'fresh-nonce']);
  });
});
