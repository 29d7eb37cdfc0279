/**
 * The reference backend with WordPress's own logins (`--auth wordpress`), on this real WordPress's database: users
 * log in through wp-login.php, and the cookie and nonce WordPress issued are what the backend accepts, exactly as a
 * browser sends them to a `/wp-json/` path (only the `wordpress_logged_in_*` cookie). Everything WordPress would
 * refuse, the backend refuses: a logged-out session, a changed byte, an expired cookie, another user's nonce, a user
 * who may not read the reports.
 */
import type { RowDataPacket } from 'mysql2/promise';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportsResponse, WpError } from '../../src/api/types';
import { openMysqlDatabase } from '../../server/db/mysql';
import { createSchema } from '../../server/db/schema';
import { insertSiteData } from '../../server/db/write';
import { booking, site as siteRows, startCli, stopStartedClis } from '../server/support';
import type { RunningCli } from '../server/support';
import { logIn } from './admin';
import type { UserLogin } from './site';
import { site, sql, useBrowser, wpEval } from './support';

const PLUGIN_TABLES = ['fcal_bookings', 'fcal_calendar_events', 'fcal_calendars', 'fcal_booking_activity'];

/** The overview's four numbers. */
const numbers = (body: ReportsResponse): number[] => body.overview.map((widget) => widget.number);

/** The booking plugin's tables in the site's database: 3 bookings the admin hosts, 2 the host does. */
async function addBookingTables(ids: Record<UserLogin, number>): Promise<void> {
  const owner = openMysqlDatabase({ url: site.databaseUrl, prefix: site.prefix });
  try {
    await createSchema(owner);
    const hosted = (id: number, host: number) =>
      booking({
        id,
        created_at: `2025-04-0${id} 09:00:00`,
        host_user_id: host,
        calendar_id: host === ids.host ? 1 : 2,
      });
    await insertSiteData(owner, {
      ...siteRows([
        hosted(1, ids.admin),
        hosted(2, ids.admin),
        hosted(3, ids.admin),
        hosted(4, ids.host),
        hosted(5, ids.host),
      ]),
      users: [],
      calendars: [
        { id: 1, user_id: ids.host, title: 'Host', author_timezone: 'Europe/Berlin' },
        { id: 2, user_id: ids.admin, title: 'Admin', author_timezone: 'Europe/Berlin' },
      ],
    });
  } finally {
    await owner.close();
  }
}

/** A user logged in through wp-login.php, with a REST nonce from core's own endpoint. */
interface WordPressLogin {
  context: BrowserContext;
  page: Page;
  nonce: string;
  /** The `Cookie` header the browser sends to a `/wp-json/` path. */
  cookieHeader: string;
  /** The `wordpress_logged_in_<hash>` cookie among them. */
  loggedIn: { name: string; value: string };
}

describe('The reference backend with --auth wordpress on a real WordPress', () => {
  const browser = useBrowser();
  let backend: RunningCli;
  let ids: Record<UserLogin, number>;

  beforeAll(async () => {
    const rows = await sql<{ ID: number; user_login: UserLogin } & RowDataPacket>(
      site,
      `SELECT ID, user_login FROM ${site.prefix}users`,
    );
    ids = Object.fromEntries(rows.map((row) => [row.user_login, Number(row.ID)])) as Record<
      UserLogin,
      number
    >;
    await addBookingTables(ids);
    // No --auth: a WordPress database means WordPress's logins.
    backend = await startCli([
      '--db',
      site.databaseUrl,
      '--prefix',
      site.prefix,
      '--wp-config',
      `${site.folder}/wp-config.php`,
      '--port',
      '0',
      '--quiet',
    ]);
  });
  afterAll(async () => {
    await stopStartedClis();
    for (const table of PLUGIN_TABLES) await sql(site, `DROP TABLE IF EXISTS ${site.prefix}${table}`);
  });

  async function wordpressLogin(user: UserLogin): Promise<WordPressLogin> {
    const context = await browser().newContext();
    const page = await logIn(context, site.origin, user);
    const response = await page.request.get(`${site.origin}/wp-admin/admin-ajax.php?action=rest-nonce`);
    expect(response.status()).toBe(200);
    const nonce = (await response.text()).trim();
    const cookies = await context.cookies(`${backend.origin}/wp-json/fluent-booking/v2/reports`);
    const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const loggedIn = cookies.find((cookie) => /^wordpress_logged_in_[0-9a-f]{32}$/.test(cookie.name));
    // WordPress's auth cookie (`wordpress_<hash>`) is for wp-admin's paths: a jar that sent it here proves nothing.
    expect(cookies.map((cookie) => cookie.name)).not.toContainEqual(
      expect.stringMatching(/^wordpress_[0-9a-f]{32}$/),
    );
    if (!loggedIn) throw new Error(`No logged-in cookie for /wp-json/ after logging in as ${user}`);
    return { context, page, nonce, cookieHeader, loggedIn };
  }

  /** GET /reports from the backend with a cookie header and a nonce. */
  async function reports(cookieHeader: string, nonce: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${backend.origin}/wp-json/fluent-booking/v2/reports`, {
      headers: { cookie: cookieHeader, 'x-wp-nonce': nonce },
    });
    return { status: response.status, body: await response.json() };
  }

  it('serves no login page, and says so', async () => {
    expect(backend.stderr()).toContain('(WordPress logins; no login page)');
    const page = await fetch(`${backend.origin}/wp-admin/admin.php?page=booking-reports`);
    expect(page.status).toBe(404);
    const ajax = await fetch(`${backend.origin}/wp-admin/admin-ajax.php?action=rest-nonce`);
    expect(ajax.status).toBe(404);
  });

  it('answers an administrator and a booking host with the cookie and nonce WordPress gave them', async () => {
    const admin = await wordpressLogin('admin');
    const host = await wordpressLogin('host');
    try {
      // The browser's own request: its cookie jar, the nonce WordPress made.
      const fromBrowser = await admin.page.request.get(
        `${backend.origin}/wp-json/fluent-booking/v2/reports`,
        {
          headers: { 'X-WP-Nonce': admin.nonce },
        },
      );
      expect(fromBrowser.status()).toBe(200);
      const all = (await fromBrowser.json()) as ReportsResponse;
      expect(numbers(all)[0]).toBe(5);
      // A fresh nonce comes back, one WordPress itself accepts.
      const fresh = fromBrowser.headers()['x-wp-nonce'] ?? '';
      expect(fresh).toMatch(/^[0-9a-f]{10}$/);
      const core = await admin.page.request.get(`${site.origin}/wp-json/wp/v2/users/me`, {
        headers: { 'X-WP-Nonce': fresh },
      });
      expect(core.status()).toBe(200);

      const hosted = await reports(host.cookieHeader, host.nonce);
      expect(hosted.status).toBe(200);
      expect(numbers(hosted.body as ReportsResponse)[0]).toBe(2);
    } finally {
      await admin.context.close();
      await host.context.close();
    }
  });

  it('refuses a changed byte, an expired cookie and another user’s nonce', async () => {
    const admin = await wordpressLogin('admin');
    const host = await wordpressLogin('host');
    try {
      expect((await reports(admin.cookieHeader, admin.nonce)).status).toBe(200);

      const { name, value } = admin.loggedIn;
      const decoded = decodeURIComponent(value);
      expect(decoded.split('|')).toHaveLength(4);
      // One byte of each part: the login, the expiration, the token, the hmac.
      for (const index of [0, decoded.indexOf('|') + 1, decoded.lastIndexOf('|') - 1, decoded.length - 1]) {
        const byte = decoded[index] === 'a' ? 'b' : 'a';
        const changed = `${decoded.slice(0, index)}${byte}${decoded.slice(index + 1)}`;
        const answer = await reports(`${name}=${encodeURIComponent(changed)}`, admin.nonce);
        expect(answer.status, `byte ${index} changed`).toBe(401);
        expect((answer.body as WpError).code).toBe('rest_forbidden');
      }

      // WordPress's own cookies for the same live session: one valid for an hour more, one expired a minute ago.
      const [, , token = ''] = decoded.split('|');
      const cookieFor = (offset: string): string =>
        wpEval<string>(
          site,
          `return wp_generate_auth_cookie( ${ids.admin}, time() ${offset}, 'logged_in', ${JSON.stringify(token)} );`,
        );
      const valid = cookieFor('+ 3600');
      expect((await reports(`${name}=${encodeURIComponent(valid)}`, admin.nonce)).status).toBe(200);
      const expired = cookieFor('- 60');
      expect(expired.split('|')[2]).toBe(token);
      expect((await reports(`${name}=${encodeURIComponent(expired)}`, admin.nonce)).status).toBe(401);

      // The host's nonce with the admin's cookie.
      const mixed = await reports(admin.cookieHeader, host.nonce);
      expect(mixed.status).toBe(403);
      expect((mixed.body as WpError).code).toBe('rest_cookie_invalid_nonce');
      // No nonce at all: not logged in, as WordPress treats it.
      expect((await reports(admin.cookieHeader, '')).status).toBe(401);
    } finally {
      await admin.context.close();
      await host.context.close();
    }
  });

  it('refuses a subscriber with 403', async () => {
    const subscriber = await wordpressLogin('subscriber');
    try {
      const answer = await reports(subscriber.cookieHeader, subscriber.nonce);
      expect(answer.status).toBe(403);
      expect((answer.body as WpError).code).toBe('rest_forbidden');
    } finally {
      await subscriber.context.close();
    }
  });

  it('refuses the same cookie once the user logged out of WordPress', async () => {
    const admin = await wordpressLogin('admin');
    try {
      expect((await reports(admin.cookieHeader, admin.nonce)).status).toBe(200);
      // Log out as a user does: the admin bar's link, with its nonce.
      await admin.page.goto(`${site.origin}/wp-admin/`);
      const logout = await admin.page.locator('#wp-admin-bar-logout a').getAttribute('href');
      expect(logout).toContain('action=logout');
      await admin.page.goto(logout ?? '');
      expect(admin.page.url()).toContain('loggedout=true');

      const after = await reports(admin.cookieHeader, admin.nonce);
      expect(after.status).toBe(401);
      expect((after.body as WpError).code).toBe('rest_forbidden');
    } finally {
      await admin.context.close();
    }
  });
});
