import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { delay, http, HttpResponse } from 'msw';
import { createApiClient } from '../../../src/api/client';
import type { ApiClientOptions } from '../../../src/api/client';
import { ApiError, isAbortError, isApiError, SESSION_EXPIRED_MESSAGE } from '../../../src/api/errors';
import reportsExample from './fixtures/examples/reports.json';
import activitiesCapture from './fixtures/real-site/activities.json';
import wrongNonceCapture from './fixtures/real-site/reports_wrong_nonce.json';

const REST_ROOT = '/wp-json/fluent-booking/v2/';
const REPORTS_PATH = `${REST_ROOT}reports`;
const GRAPH_PATH = `${REST_ROOT}reports/graph-reports`;
const ACTIVITIES_PATH = `${REST_ROOT}reports/activities`;
const EMPTY_GRAPH = { booked_stats: {}, completed_stats: {}, cancelled_stats: {} };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function createClient(options: Partial<ApiClientOptions> = {}) {
  return createApiClient({ restUrl: REST_ROOT, nonce: 'nonce-1', ...options });
}

interface SeenRequest {
  url: string;
  nonce: string | null;
  request: Request;
}

/** Serves `path` with `respond` and records every request that reached the server. */
function serve(path: string, respond: (request: Request) => Response | Promise<Response>): SeenRequest[] {
  const seen: SeenRequest[] = [];
  server.use(
    http.get(path, ({ request }) => {
      seen.push({ url: request.url, nonce: request.headers.get('X-WP-Nonce'), request });
      return respond(request);
    }),
  );
  return seen;
}

/** The ApiError a request failed with; fails the test when it succeeds or throws anything else. */
async function failureOf(pending: Promise<unknown>): Promise<ApiError> {
  const outcome = await pending.then(
    () => new Error('expected the request to fail'),
    (error: unknown) => error,
  );
  if (!isApiError(outcome)) throw outcome;
  // A message is shown to a site admin as text: raw HTML must never reach it.
  expect(outcome.message).not.toContain('<');
  expect(outcome.message.length).toBeGreaterThan(10);
  return outcome;
}

const invalidNonce = () => HttpResponse.json(wrongNonceCapture.body, { status: 403 });

describe('createApiClient', () => {
  describe('requests on the wire', () => {
    it('sends the nonce in X-WP-Nonce, asks for JSON and includes the session cookie', async () => {
      document.cookie = 'wordpress_logged_in_test=admin';
      const seen = serve(ACTIVITIES_PATH, () => HttpResponse.json({ activities: [] }));

      await createClient().getActivities();

      expect(seen).toHaveLength(1);
      expect(seen[0]?.nonce).toBe('nonce-1');
      expect(seen[0]?.request.headers.get('Accept')).toContain('application/json');
      expect(seen[0]?.request.credentials).toBe('include');
      expect(seen[0]?.request.headers.get('Cookie')).toContain('wordpress_logged_in_test=admin');
      document.cookie = 'wordpress_logged_in_test=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    });

    it('sends no X-WP-Nonce header when the host gave no nonce', async () => {
      const seen = serve(ACTIVITIES_PATH, () => HttpResponse.json({ activities: [] }));

      await createClient({ nonce: undefined }).getActivities();

      expect(seen[0]?.request.headers.has('X-WP-Nonce')).toBe(false);
    });

    it('sends no query string for an all-time report', async () => {
      const seen = serve(REPORTS_PATH, () => HttpResponse.json(reportsExample));

      await createClient().getReports({});

      expect(seen[0]?.url).toBe(`${location.origin}${REPORTS_PATH}`);
    });

    it('sends startTime and endTime with their spaces and colons encoded', async () => {
      const seen = serve(REPORTS_PATH, () => HttpResponse.json(reportsExample));

      await createClient().getReports({ startTime: '2025-01-01 00:00:00', endTime: '2025-01-31 23:59:59' });

      const url = new URL(seen[0]?.url ?? '');
      expect(url.search).toBe('?startTime=2025-01-01+00%3A00%3A00&endTime=2025-01-31+23%3A59%3A59');
      expect(url.searchParams.get('startTime')).toBe('2025-01-01 00:00:00');
      expect(url.searchParams.get('endTime')).toBe('2025-01-31 23:59:59');
    });

    it('encodes the graph range as date_range[0] and date_range[1] with explicit indexes', async () => {
      const seen = serve(GRAPH_PATH, () => HttpResponse.json(EMPTY_GRAPH));

      await createClient().getGraph({ date_range: ['2025-01-01', '2025-01-31'] });

      expect(seen[0]?.url).toBe(
        `${location.origin}${GRAPH_PATH}?date_range%5B0%5D=2025-01-01&date_range%5B1%5D=2025-01-31`,
      );
    });

    it('sends no date_range when the graph query has no range', async () => {
      const seen = serve(GRAPH_PATH, () => HttpResponse.json(EMPTY_GRAPH));

      await createClient().getGraph({});

      expect(new URL(seen[0]?.url ?? '').search).toBe('');
    });

    it('joins paths onto a REST root without a trailing slash and onto a plain-permalink root', async () => {
      const seen = serve(GRAPH_PATH, () => HttpResponse.json(EMPTY_GRAPH));
      await createClient({ restUrl: '/wp-json/fluent-booking/v2' }).getGraph({});
      expect(seen[0]?.url).toBe(`${location.origin}${GRAPH_PATH}`);

      const plain = serve('/index.php', () => HttpResponse.json(EMPTY_GRAPH));
      await createClient({ restUrl: '/index.php?rest_route=/fluent-booking/v2/' }).getGraph({
        date_range: ['2025-01-01', '2025-01-31'],
      });
      const url = new URL(plain[0]?.url ?? '');
      expect(url.searchParams.get('rest_route')).toBe('/fluent-booking/v2/reports/graph-reports');
      expect(url.searchParams.get('date_range[0]')).toBe('2025-01-01');
      expect(url.searchParams.get('date_range[1]')).toBe('2025-01-31');
    });

    it('returns the validated body, with the numeric strings of a real site as numbers', async () => {
      serve(ACTIVITIES_PATH, () => HttpResponse.json(activitiesCapture.body));

      const { activities } = await createClient().getActivities();

      expect(activities).toHaveLength(activitiesCapture.body.activities.length);
      expect(activities[0]).toMatchObject({ id: 207, booking_id: 141, title: 'Meeting Cancelled' });
    });
  });

  describe('nonce', () => {
    it('adopts a refreshed nonce from the X-WP-Nonce response header and sends it next time', async () => {
      const seen = serve(ACTIVITIES_PATH, () =>
        HttpResponse.json({ activities: [] }, { headers: { 'X-WP-Nonce': 'nonce-2' } }),
      );
      const onNonceChange = vi.fn();
      const client = createClient({ onNonceChange });

      await client.getActivities();
      await client.getActivities();

      expect(client.nonce).toBe('nonce-2');
      expect(onNonceChange).toHaveBeenCalledTimes(1);
      expect(onNonceChange).toHaveBeenCalledWith('nonce-2');
      expect(seen.map((request) => request.nonce)).toEqual(['nonce-1', 'nonce-2']);
    });

    it('adopts a nonce from the header of an error response too', async () => {
      serve(ACTIVITIES_PATH, () =>
        HttpResponse.json(
          {
            code: 'rest_forbidden',
            message: 'Sorry, you are not allowed to do that.',
            data: { status: 401 },
          },
          { status: 401, headers: { 'X-WP-Nonce': 'nonce-2' } },
        ),
      );
      const client = createClient();

      await failureOf(client.getActivities());

      expect(client.nonce).toBe('nonce-2');
    });

    it('asks the host for a fresh nonce once after rest_cookie_invalid_nonce and retries once with it', async () => {
      const seen = serve(REPORTS_PATH, (request) =>
        request.headers.get('X-WP-Nonce') === 'fresh' ? HttpResponse.json(reportsExample) : invalidNonce(),
      );
      const refreshNonce = vi.fn(async () => 'fresh');
      const onNonceChange = vi.fn();
      const client = createClient({ refreshNonce, onNonceChange });

      const reports = await client.getReports({});

      expect(reports.overview.map((widget) => widget.title)).toEqual([
        'Total Bookings',
        'Completed Bookings',
        'Cancelled Bookings',
        'Total Guests',
      ]);
      expect(refreshNonce).toHaveBeenCalledTimes(1);
      expect(seen.map((request) => request.nonce)).toEqual(['nonce-1', 'fresh']);
      expect(client.nonce).toBe('fresh');
      expect(onNonceChange).toHaveBeenCalledWith('fresh');
    });

    it('fails with the expired-session message when the fresh nonce is refused too, after exactly 2 requests', async () => {
      const seen = serve(REPORTS_PATH, invalidNonce);
      const refreshNonce = vi.fn(async () => 'fresh');

      const error = await failureOf(createClient({ refreshNonce }).getReports({}));

      expect(error).toMatchObject({
        kind: 'wp_error',
        code: 'rest_cookie_invalid_nonce',
        status: 403,
        message: SESSION_EXPIRED_MESSAGE,
      });
      expect(error.message).toBe('Your session has expired. Reload the page and log in again.');
      expect(refreshNonce).toHaveBeenCalledTimes(1);
      expect(seen.map((request) => request.nonce)).toEqual(['nonce-1', 'fresh']);
    });

    it('fails with the expired-session message without retrying when the host has no refreshNonce', async () => {
      const seen = serve(REPORTS_PATH, invalidNonce);

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({
        code: 'rest_cookie_invalid_nonce',
        status: 403,
        message: SESSION_EXPIRED_MESSAGE,
      });
      expect(seen).toHaveLength(1);
    });

    it('fails with the expired-session message without retrying when refreshNonce throws', async () => {
      const seen = serve(REPORTS_PATH, invalidNonce);
      const refreshNonce = vi.fn(async (): Promise<string> => {
        throw new Error('host could not refresh');
      });

      const error = await failureOf(createClient({ refreshNonce }).getReports({}));

      expect(error).toMatchObject({
        code: 'rest_cookie_invalid_nonce',
        status: 403,
        message: SESSION_EXPIRED_MESSAGE,
      });
      expect(refreshNonce).toHaveBeenCalledTimes(1);
      expect(seen).toHaveLength(1);
    });

    it('shares one refreshNonce call between requests rejected at the same time', async () => {
      let releaseRejections!: () => void;
      const bothArrived = new Promise<void>((resolve) => (releaseRejections = resolve));
      let stale = 0;
      const respond = async (request: Request) => {
        if (request.headers.get('X-WP-Nonce') === 'fresh') {
          return request.url.includes('activities')
            ? HttpResponse.json({ activities: [] })
            : HttpResponse.json(reportsExample);
        }
        // Hold both rejections until both requests have arrived, so that they come back together.
        stale += 1;
        if (stale === 2) releaseRejections();
        await bothArrived;
        return invalidNonce();
      };
      const seenReports = serve(REPORTS_PATH, respond);
      const seenActivities = serve(ACTIVITIES_PATH, respond);
      const pendingRefreshes: Array<(nonce: string) => void> = [];
      const refreshNonce = vi.fn(() => new Promise<string>((resolve) => pendingRefreshes.push(resolve)));
      const client = createClient({ refreshNonce });

      const reports = client.getReports({});
      const activities = client.getActivities();
      await vi.waitFor(() => expect(refreshNonce).toHaveBeenCalled());
      // Let the second rejection be handled while the refresh is still pending.
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const finishRefresh of pendingRefreshes) finishRefresh('fresh');

      await expect(reports).resolves.toMatchObject({ overview: expect.any(Array) });
      await expect(activities).resolves.toEqual({ activities: [] });
      expect(refreshNonce).toHaveBeenCalledTimes(1);
      expect(seenReports.map((request) => request.nonce)).toEqual(['nonce-1', 'fresh']);
      expect(seenActivities.map((request) => request.nonce)).toEqual(['nonce-1', 'fresh']);
    });
  });

  describe('errors', () => {
    it('fails with the WP_Error of a 401 rest_forbidden, without asking for a new nonce', async () => {
      const seen = serve(REPORTS_PATH, () =>
        HttpResponse.json(
          {
            code: 'rest_forbidden',
            message: 'Sorry, you are not allowed to do that.',
            data: { status: 401 },
          },
          { status: 401 },
        ),
      );
      const refreshNonce = vi.fn(async () => 'fresh');

      const error = await failureOf(createClient({ refreshNonce }).getReports({}));

      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        kind: 'wp_error',
        code: 'rest_forbidden',
        status: 401,
        message: 'Sorry, you are not allowed to do that.',
      });
      expect(refreshNonce).not.toHaveBeenCalled();
      expect(seen).toHaveLength(1);
    });

    it('fails with the WP_Error of a 400 rest_invalid_param and its parameter details', async () => {
      serve(REPORTS_PATH, () =>
        HttpResponse.json(
          {
            code: 'rest_invalid_param',
            message: 'Invalid parameter(s): startTime',
            data: { status: 400, params: { startTime: 'startTime is not a valid date.' } },
          },
          { status: 400 },
        ),
      );

      const error = await failureOf(createClient().getReports({ startTime: '2025-02-30 00:00:00' }));

      expect(error).toMatchObject({
        kind: 'wp_error',
        code: 'rest_invalid_param',
        status: 400,
        message: 'Invalid parameter(s): startTime',
        details: { startTime: 'startTime is not a valid date.' },
      });
    });

    it('shows a WP_Error message that carries markup as plain text', async () => {
      serve(REPORTS_PATH, () =>
        HttpResponse.json(
          { code: 'db_error', message: '<strong>Error:</strong> Could not read &amp; count the bookings.' },
          { status: 500 },
        ),
      );

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({ kind: 'wp_error', code: 'db_error', status: 500 });
      expect(error.message).toBe('Error: Could not read & count the bookings.');
    });

    it('falls back to a sentence for the code when a WP_Error has no message', async () => {
      serve(REPORTS_PATH, () => HttpResponse.json({ code: 'rest_no_route', message: '' }, { status: 404 }));

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({ kind: 'wp_error', code: 'rest_no_route', status: 404 });
      expect(error.message).toMatch(/endpoint was not found/);
    });

    it('fails with not_json for a PHP fatal error page with status 500', async () => {
      serve(REPORTS_PATH, () =>
        HttpResponse.html(
          '<html><body><p>There has been a critical error on this website.</p><b>Fatal error</b></body></html>',
          { status: 500 },
        ),
      );

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({ kind: 'not_json', code: 'not_json', status: 500 });
      expect(error.message).toBe(
        "The server answered with a web page instead of data (status 500). This usually means a PHP error or a login page; check the site's error log.",
      );
    });

    it('fails with not_json for a login page that answers with status 200', async () => {
      serve(REPORTS_PATH, () =>
        HttpResponse.html(
          '<!DOCTYPE html><html><head><title>Log In</title></head><body><form id="loginform">',
        ),
      );

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({ kind: 'not_json', code: 'not_json', status: 200 });
      expect(error.message).toContain('web page instead of data (status 200)');
    });

    it('fails with not_json for a maintenance page with status 503', async () => {
      serve(GRAPH_PATH, () =>
        HttpResponse.html('<h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1>', {
          status: 503,
        }),
      );

      const error = await failureOf(createClient().getGraph({}));

      expect(error).toMatchObject({ kind: 'not_json', code: 'not_json', status: 503 });
    });

    it('fails with not_json for a PHP notice printed before the JSON under a JSON content type', async () => {
      serve(REPORTS_PATH, () =>
        HttpResponse.text('<br />\n<b>Warning</b>: Undefined index in plugin.php<br />\n{"overview":[]}', {
          headers: { 'Content-Type': 'application/json; charset=UTF-8' },
        }),
      );

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({ kind: 'not_json', code: 'not_json', status: 200 });
      expect(error.message).toContain('web page instead of data');
    });

    it('fails with not_json for JSON cut off on the way', async () => {
      serve(REPORTS_PATH, () =>
        HttpResponse.text('{"overview":[{"title":"Total Bookings","number":29', {
          headers: { 'Content-Type': 'application/json; charset=UTF-8' },
        }),
      );

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({ kind: 'not_json', code: 'not_json', status: 200 });
      expect(error.message).toContain('could not be read as data (status 200)');
    });

    it('fails with http for an error status whose JSON is not a WP_Error', async () => {
      serve(ACTIVITIES_PATH, () => HttpResponse.json({ error: 'Bad gateway' }, { status: 502 }));

      const error = await failureOf(createClient().getActivities());

      expect(error).toMatchObject({ kind: 'http', code: 'http_error', status: 502 });
      expect(error.message).toContain('status 502');
    });

    it('fails with invalid_response naming what a 200 body lacks', async () => {
      serve(REPORTS_PATH, () => HttpResponse.json({ latest_books: [], next_meetings: [] }));

      const error = await failureOf(createClient().getReports({}));

      expect(error).toMatchObject({ kind: 'invalid_response', code: 'invalid_response', status: 200 });
      expect(error.message).toContain('overview is missing');
    });

    it('fails with network when no answer comes back', async () => {
      serve(ACTIVITIES_PATH, () => HttpResponse.error());

      const error = await failureOf(createClient().getActivities());

      expect(error).toMatchObject({
        kind: 'network',
        code: 'network_error',
        status: 0,
        message: 'Could not reach the server. Check your connection and try again.',
      });
      expect(isAbortError(error)).toBe(false);
    });

    it('fails with timeout when the server does not answer within timeoutMs', async () => {
      serve(GRAPH_PATH, async () => {
        await delay('infinite');
        return HttpResponse.json(EMPTY_GRAPH);
      });

      const error = await failureOf(createClient({ timeoutMs: 50 }).getGraph({}));

      expect(error).toMatchObject({
        kind: 'timeout',
        code: 'timeout',
        status: 0,
        message: 'The server took too long to answer (0.05 s).',
      });
      expect(isAbortError(error)).toBe(false);
    });

    it('fails with aborted when the caller aborts a request in flight', async () => {
      const seen = serve(REPORTS_PATH, async () => {
        await delay('infinite');
        return HttpResponse.json(reportsExample);
      });
      const controller = new AbortController();

      const pending = createClient().getReports({}, controller.signal);
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      controller.abort();
      const error = await failureOf(pending);

      expect(error).toMatchObject({ kind: 'aborted', code: 'aborted', status: 0 });
      expect(isAbortError(error)).toBe(true);
    });

    it('fails with aborted without a request when the signal is already aborted', async () => {
      const seen = serve(ACTIVITIES_PATH, () => HttpResponse.json({ activities: [] }));

      const error = await failureOf(createClient().getActivities({}, AbortSignal.abort()));

      expect(error).toMatchObject({ kind: 'aborted', code: 'aborted', status: 0 });
      expect(seen).toHaveLength(0);
    });
  });

  describe('whose contract the server follows', () => {
    it('marks a /reports answer with X-Booking-Reports-Contract: 1 as following the contract', async () => {
      serve(REPORTS_PATH, () =>
        HttpResponse.json(reportsExample, { headers: { 'X-Booking-Reports-Contract': '1' } }),
      );
      expect((await createClient().getReports({})).followsContract).toBe(true);
    });

    it('does not for a real site’s answer (no header), another version, or a body that claims it', async () => {
      const answers = [
        HttpResponse.json(reportsExample),
        HttpResponse.json(reportsExample, { headers: { 'X-Booking-Reports-Contract': '2' } }),
        HttpResponse.json({ ...reportsExample, followsContract: true }),
      ];
      serve(REPORTS_PATH, () => answers.shift()!);
      const client = createClient();
      for (let i = 0; i < 3; i++) expect(await client.getReports({})).not.toHaveProperty('followsContract');
    });
  });
});
