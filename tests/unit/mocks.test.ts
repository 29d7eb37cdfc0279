// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { namespaceIndex } from '../../src/api/contract';
import type { GraphResponse, HeatmapResponse, ReportsResponse, WpError } from '../../src/api/types';
import { generateSiteData } from '../../src/data/generate';
import { handleReportsRequest } from '../../src/engine';
import type { ReportSettings, Viewer } from '../../src/engine';
import { createReportsHandlers } from '../../src/mocks/handlers';
import { createMockServer } from '../../src/mocks/node';

const NOW = Date.UTC(2025, 5, 15, 10, 30, 0);
const ROOT = 'http://localhost/wp-json/fluent-booking/v2/';
const data = generateSiteData({ seed: 2, now: NOW, bookings: 800 });
const settings: ReportSettings = { timezone: 'Europe/Berlin', startOfWeek: 1, now: NOW };
const administrator: Viewer = { userId: 1, role: 'administrator' };

const server = createMockServer({ restUrl: ROOT, data, settings: { now: NOW } });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** What the engine answers for the route and query string, as the wire would carry it. */
function engineAnswer(route: string, query = '', viewer: Viewer = administrator) {
  const { status, body } = handleReportsRequest(data, route, new URLSearchParams(query), settings, viewer);
  return { status, body: JSON.parse(JSON.stringify(body)) as unknown };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

describe('createReportsHandlers', () => {
  it('answers GET /reports with the engine’s overview for the fixed now', async () => {
    const answer = await get(`${ROOT}reports`);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(engineAnswer('reports').body);
    expect(answer.body).toMatchObject({
      overview: [{ title: 'Total Bookings', number: 800 }, {}, {}, {}, { title: 'No-shows' }],
    });
  });

  it('serves the namespace index at the REST root, as the reference backend does (the demo declares what it has)', async () => {
    const answer = await get(ROOT);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(namespaceIndex());
  });

  it('says that it follows the contract, as the reference backend does (X-Booking-Reports-Contract: 1)', async () => {
    for (const route of ['reports', 'reports/graph-reports', 'reports/activities']) {
      expect((await get(`${ROOT}${route}`)).headers.get('X-Booking-Reports-Contract'), route).toBe('1');
    }
  });

  it('passes startTime and endTime through to the engine', async () => {
    const query = 'startTime=2025-05-01%2000%3A00%3A00&endTime=2025-05-31%2023%3A59%3A59';

    const answer = await get(`${ROOT}reports?${query}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(engineAnswer('reports', query).body);
    expect(answer.body).not.toEqual(engineAnswer('reports').body);
  });

  it('reads date_range[0] and date_range[1] with explicit, encoded indexes', async () => {
    const query = 'date_range%5B0%5D=2025-06-01&date_range%5B1%5D=2025-06-10';

    const answer = await get(`${ROOT}reports/graph-reports?${query}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(engineAnswer('reports/graph-reports', query).body);
    const days = Array.from({ length: 10 }, (_, index) => `2025-06-${String(index + 1).padStart(2, '0')}`);
    expect(Object.keys((answer.body as GraphResponse).booked_stats)).toEqual(days);
  });

  it('answers GET /reports/heatmap with the engine’s heatmap of the range, adding up to its Total Bookings', async () => {
    const query = 'startTime=2025-05-01%2000%3A00%3A00&endTime=2025-05-31%2023%3A59%3A59&host_id=2';

    const answer = await get(`${ROOT}reports/heatmap?${query}`);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('X-Booking-Reports-Contract')).toBe('1');
    expect(answer.body).toEqual(engineAnswer('reports/heatmap', query).body);
    const cells = (answer.body as HeatmapResponse).weekday_hours.flat();
    expect(cells).toHaveLength(7 * 24);
    const reports = (await get(`${ROOT}reports?${query}`)).body as ReportsResponse;
    expect(cells.reduce((sum, count) => sum + count, 0)).toBe(reports.overview[0]?.number);
    expect(reports.overview[0]?.number).toBeGreaterThan(0);
    expect((await get(`${ROOT}reports/heatmap?host_id=0`)).status).toBe(400);
  });

  it('answers GET /reports/activities with the engine’s 100 newest entries', async () => {
    const answer = await get(`${ROOT}reports/activities`);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(engineAnswer('reports/activities').body);
    expect((answer.body as { activities: unknown[] }).activities).toHaveLength(100);
  });

  it('answers a bad parameter with 400 rest_invalid_param as WP_Error JSON', async () => {
    const response = await fetch(
      `${ROOT}reports?startTime=2025-02-30%2000%3A00%3A00&endTime=2025-03-01%2000%3A00%3A00`,
    );
    const body = (await response.json()) as WpError;

    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toMatch(/application\/json/);
    expect(body).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } });
    expect(Object.keys(body.data?.params ?? {})).toContain('startTime');
  });

  it('answers a reversed graph range with 400 rest_invalid_param naming date_range', async () => {
    const answer = await get(
      `${ROOT}reports/graph-reports?date_range%5B0%5D=2025-06-10&date_range%5B1%5D=2025-06-01`,
    );

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'rest_invalid_param',
      data: { params: { date_range: expect.any(String) } },
    });
  });

  it('answers an unknown route under the root with 404 rest_no_route', async () => {
    const answer = await get(`${ROOT}reports/nothing-here`);

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'rest_no_route', data: { status: 404 } });
  });

  it('answers as the viewer: a host sees only their own activity', async () => {
    const host: Viewer = { userId: 3, role: 'host' };
    server.use(...createReportsHandlers({ restUrl: ROOT, data, settings: { now: NOW }, viewer: host }));

    const answer = await get(`${ROOT}reports/activities`);

    expect(answer.body).toEqual(engineAnswer('reports/activities', '', host).body);
    expect(answer.body).not.toEqual(engineAnswer('reports/activities').body);
  });

  it('serves the default root on any origin and a plain-permalink root', async () => {
    server.use(
      ...createReportsHandlers({ data, settings: { now: NOW } }),
      ...createReportsHandlers({
        restUrl: 'http://localhost/index.php?rest_route=/fluent-booking/v2',
        data,
        settings,
      }),
    );
    const query = 'date_range%5B0%5D=2025-06-01&date_range%5B1%5D=2025-06-03';
    const expected = engineAnswer('reports/graph-reports', query).body;

    const pretty = await get(`http://site.example/wp-json/fluent-booking/v2/reports/graph-reports?${query}`);
    const plain = await get(
      `http://localhost/index.php?rest_route=%2Ffluent-booking%2Fv2%2Freports%2Fgraph-reports&${query}`,
    );

    expect(pretty.body).toEqual(expected);
    expect(plain.body).toEqual(expected);
  });

  describe('with a nonce', () => {
    const NONCE = '72c574c735';
    const withNonce = () =>
      server.use(...createReportsHandlers({ restUrl: ROOT, data, settings, nonce: NONCE }));

    it('answers a request without X-WP-Nonce with 401 rest_forbidden', async () => {
      withNonce();

      const answer = await get(`${ROOT}reports`);

      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'rest_forbidden', data: { status: 401 } });
      expect(answer.headers.get('X-WP-Nonce')).toBeNull();
    });

    it('answers a wrong nonce with 403 rest_cookie_invalid_nonce', async () => {
      withNonce();

      const answer = await get(`${ROOT}reports/graph-reports`, { 'X-WP-Nonce': '0123456789' });

      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({
        code: 'rest_cookie_invalid_nonce',
        message: 'Cookie check failed',
        data: { status: 403 },
      });
    });

    it('answers the right nonce with 200 and the nonce in the X-WP-Nonce header', async () => {
      withNonce();

      const answer = await get(`${ROOT}reports/activities`, { 'X-WP-Nonce': NONCE });

      expect(answer.status).toBe(200);
      expect(answer.headers.get('X-WP-Nonce')).toBe(NONCE);
      expect(answer.body).toEqual(engineAnswer('reports/activities').body);
    });

    it('answers an unknown route without a nonce with 404, as WordPress routes before it checks permissions', async () => {
      withNonce();

      const answer = await get(`${ROOT}unknown`);

      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'rest_no_route' });
    });
  });
});
