/**
 * WordPress-style authentication of the REST endpoints: the logged-in cookie plus the `X-WP-Nonce` the admin page
 * hands out, nonces that expire after two 12-hour ticks, and hosts that only ever see their own bookings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivitiesResponse, GraphResponse, ReportsResponse, WpError } from '../../../src/api/types';
import { REST_ROOT } from '../../../server/app';
import { activity, booking, getRest, login, printedConfig, site, startServer } from '../support';
import type { Session, TestDatabaseFactory, TestServer } from '../support';

const HOUR_MS = 3_600_000;
const START = Date.parse('2025-05-01T08:00:00Z');

const DATA = site(
  [
    booking({
      id: 1,
      created_at: '2025-04-30 09:00:00',
      host_user_id: 2,
      start_time: '2025-05-02 09:00:00',
      end_time: '2025-05-02 09:30:00',
    }),
    booking({
      id: 2,
      created_at: '2025-04-30 10:00:00',
      host_user_id: 3,
      start_time: '2025-05-02 10:00:00',
      end_time: '2025-05-02 10:30:00',
    }),
    booking({
      id: 3,
      created_at: '2025-04-30 11:00:00',
      host_user_id: 3,
      status: 'completed',
      end_time: '2025-04-30 12:00:00',
    }),
  ],
  [
    activity({ id: 1, booking_id: 1, created_at: '2025-04-30 09:00:00' }),
    activity({ id: 2, booking_id: 2, created_at: '2025-04-30 10:00:00' }),
  ],
);

const ENDPOINTS = [
  'reports',
  'reports/graph-reports?date_range[0]=2025-04-30&date_range[1]=2025-04-30',
  'reports/activities',
];

/**
 * Registers the suite's tests on one engine's databases.
 * @param databases Where each test server's database lives.
 */
export function defineAuthTests(databases: TestDatabaseFactory): void {
  describe(`Reference backend auth${databases.label}`, () => {
    let server: TestServer;
    let admin: Session;

    beforeAll(async () => {
      server = await startServer({
        databases,
        data: DATA,
        timezone: 'UTC',
        now: START,
      });
      admin = await login(server);
    });
    afterAll(() => server.close());

    it('returns 401 rest_forbidden without a cookie, even with a valid nonce', async () => {
      for (const path of ENDPOINTS) {
        const { status, body } = await getRest<WpError>(server, path, undefined, {
          'x-wp-nonce': admin.nonce,
        });
        expect(status).toBe(401);
        expect(body).toEqual({
          code: 'rest_forbidden',
          message: 'Sorry, you are not allowed to do that.',
          data: { status: 401 },
        });
      }
    });

    it('returns 401 rest_forbidden with a cookie but no nonce', async () => {
      const { status, body } = await getRest<WpError>(server, 'reports', undefined, { cookie: admin.cookie });
      expect(status).toBe(401);
      expect(body.code).toBe('rest_forbidden');
    });

    it('returns 401 rest_forbidden for a forged cookie', async () => {
      const forged = admin.cookie.replace(/wordpress_logged_in_br=1%7C/, 'wordpress_logged_in_br=3%7C');
      expect(forged).not.toBe(admin.cookie);
      const { status } = await getRest(server, 'reports', undefined, {
        cookie: forged,
        'x-wp-nonce': admin.nonce,
      });
      expect(status).toBe(401);
    });

    it('returns 403 rest_cookie_invalid_nonce for a wrong nonce', async () => {
      for (const path of ENDPOINTS) {
        const { status, body } = await getRest<WpError>(server, path, undefined, {
          cookie: admin.cookie,
          'x-wp-nonce': '0123456789',
        });
        expect(status).toBe(403);
        expect(body).toEqual({
          code: 'rest_cookie_invalid_nonce',
          message: 'Cookie check failed',
          data: { status: 403 },
        });
      }
    });

    it('rejects another user’s nonce with this user’s cookie', async () => {
      const host = await login(server, 2);
      const { status } = await getRest(server, 'reports', undefined, {
        cookie: admin.cookie,
        'x-wp-nonce': host.nonce,
      });
      expect(status).toBe(403);
    });

    it('accepts a nonce for 12 to 24 hours, then answers 403 rest_cookie_invalid_nonce', async () => {
      const session = await login(server);
      try {
        server.clock.now = START + 12 * HOUR_MS;
        expect((await getRest(server, 'reports', session)).status).toBe(200);
        server.clock.now = START + 25 * HOUR_MS;
        const expired = await getRest<WpError>(server, 'reports', session);
        expect(expired.status).toBe(403);
        expect(expired.body.code).toBe('rest_cookie_invalid_nonce');
        // The refresh the page wires into `refreshNonce` gets a nonce that works again.
        const refreshed = await fetch(`${server.origin}/wp-admin/admin-ajax.php?action=rest-nonce`, {
          headers: { cookie: session.cookie },
        });
        expect(refreshed.status).toBe(200);
        const nonce = await refreshed.text();
        expect((await getRest(server, 'reports', { ...session, nonce })).status).toBe(200);
      } finally {
        server.clock.now = START;
      }
    });

    it('returns 401 once the login cookie has expired', async () => {
      const session = await login(server);
      try {
        server.clock.now = START + 49 * HOUR_MS;
        expect((await getRest(server, 'reports', session)).status).toBe(401);
      } finally {
        server.clock.now = START;
      }
    });

    it('sends a fresh X-WP-Nonce with every success', async () => {
      const response = await getRest(server, 'reports/activities', admin);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-wp-nonce')).toMatch(/^[0-9a-f]{10}$/);
      server.clock.now = START + 13 * HOUR_MS;
      try {
        const later = await getRest(server, 'reports/activities', admin);
        // A new tick gives a new nonce, and the new one is accepted.
        const fresh = later.headers.get('x-wp-nonce') ?? '';
        expect(fresh).not.toBe(admin.nonce);
        expect((await getRest(server, 'reports', { ...admin, nonce: fresh })).status).toBe(200);
      } finally {
        server.clock.now = START;
      }
    });

    it('shows a host only their own bookings and activities on every endpoint, whatever the query asks', async () => {
      const hanna = await login(server, 2);
      const asOtto = '?host_user_id=3&user=3&author=3';
      const reports = await getRest<ReportsResponse>(server, `reports${asOtto}`, hanna);
      expect(reports.status).toBe(200);
      expect(reports.body.overview[0]?.number).toBe(1);
      expect(reports.body.latest_books.map((row) => row.id)).toEqual([1]);
      expect(reports.body.next_meetings.map((row) => row.id)).toEqual([1]);

      const graph = await getRest<GraphResponse>(server, `${ENDPOINTS[1]}&host_user_id=3`, hanna);
      expect(graph.body.booked_stats).toEqual({ '2025-04-30': 1 });
      expect(graph.body.completed_stats).toEqual({ '2025-04-30': 0 });

      const feed = await getRest<ActivitiesResponse>(server, `reports/activities${asOtto}`, hanna);
      expect(feed.body.activities.map((entry) => entry.booking_id)).toEqual([1]);

      const everything = await getRest<ReportsResponse>(server, 'reports', admin);
      expect(everything.body.overview[0]?.number).toBe(3);
    });

    it('does not let a host reuse their nonce with a cookie for another user', async () => {
      const hanna = await login(server, 2);
      const otto = await login(server, 3);
      const { status } = await getRest(server, 'reports', undefined, {
        cookie: otto.cookie,
        'x-wp-nonce': hanna.nonce,
      });
      expect(status).toBe(403);
    });

    it('hands the admin page a config like wp_localize_script, with the nonce for its user', async () => {
      const page = await fetch(`${server.origin}/wp-admin/admin.php?page=booking-reports&locale=de_DE`);
      const html = await page.text();
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html).toContain('<h1>Reports</h1>');
      expect(html).toContain('<div data-booking-reports></div>');
      expect(printedConfig(html) ?? {}).toMatchObject({
        restUrl: `${server.origin}${REST_ROOT}`,
        timezone: 'UTC',
        locale: 'de_DE',
        startOfWeek: 1,
      });
      const redirect = await fetch(`${server.origin}/`, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('location')).toBe('/wp-admin/admin.php?page=booking-reports');
    });
  });
}
