// @vitest-environment node
/**
 * The admin page's preloaded first answers: for the range the dashboard asks first ("last 30 days" in the site
 * timezone, resolved as the client resolves it), the page embeds exactly what the three routes answer the page's
 * user for the same query, keyed so that the client's preload cache serves its first requests from them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/api/contract';
import { graphParams, reportsParams } from '../../src/api/endpoints';
import { createPreloadCache } from '../../src/api/preload';
import type { PreloadedAnswers } from '../../src/api/preload';
import type { ReportsResponse } from '../../src/api/types';
import { generateSiteData } from '../../src/data/generate';
import type { SiteData } from '../../src/data/schema';
import { DEFAULT_RANGE, resolveRange } from '../../src/lib/dates';
import { ADMIN_PAGE_PATH, buildServer, PRELOAD_ROOT, REST_ROOT } from '../../server/app';
import { DEFAULT_CONFIG, HELP_TEXT, parseConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { createSchema } from '../../server/db/schema';
import { insertSiteData } from '../../server/db/write';
import { firstRequests, renderAdminPageShell } from '../../server/page';

interface PreloadServer {
  origin: string;
  close(): Promise<void>;
}

const running: PreloadServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A server on 127.0.0.1 over a temporary SQLite file, its clock fixed at `now`. */
async function startPreloadServer(options: {
  data: SiteData;
  timezone: string;
  now: number;
  startOfWeek?: number;
  preload?: boolean;
}): Promise<PreloadServer> {
  const folder = mkdtempSync(join(tmpdir(), 'booking-reports-preload-'));
  const database = openDatabase({ path: join(folder, 'site.sqlite') });
  await createSchema(database);
  await insertSiteData(database, options.data);
  const app = await buildServer({
    site: database,
    timezone: options.timezone,
    startOfWeek: options.startOfWeek ?? 1,
    secret: 'preload-test-secret',
    now: () => options.now,
    quiet: true,
    distDir: join(folder, 'no-dist'),
    ...(options.preload === undefined ? {} : { preload: options.preload }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The server has no port');
  const server = {
    origin: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  running.push(server);
  return server;
}

interface Session {
  cookie: string;
  nonce: string;
  config: Record<string, unknown>;
}

/**
 * The config an admin page printed: the whole line, not up to the first `};`, which a guest's name may hold. The
 * line ends there, since JSON escapes every line break.
 */
function printedConfig(html: string): Record<string, unknown> {
  const json = /^var bookingReportsConfig = (\{.*\});$/m.exec(html)?.[1];
  if (json === undefined) throw new Error('The admin page printed no config');
  return JSON.parse(json) as Record<string, unknown>;
}

/** Opens the admin page as `userId` (the administrator when omitted), as a browser does. */
async function login(server: PreloadServer, userId?: number): Promise<Session> {
  const query = userId === undefined ? '' : `&user=${userId}`;
  const response = await fetch(`${server.origin}${ADMIN_PAGE_PATH}${query}`);
  expect(response.status).toBe(200);
  const config = printedConfig(await response.text());
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return { cookie, nonce: String(config.nonce), config };
}

/** GETs a path under the REST root with the session's cookie and nonce. */
async function getRest(
  server: PreloadServer,
  pathAndQuery: string,
  session: Session,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${server.origin}${REST_ROOT}${pathAndQuery}`, {
    headers: { cookie: session.cookie, 'x-wp-nonce': session.nonce },
  });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

/** Every embedded answer, fetched again from its route with the same query string and the page's login. */
async function expectRoutesAnswerTheSame(server: PreloadServer, session: Session): Promise<PreloadedAnswers> {
  const preloaded = session.config.preloaded as PreloadedAnswers;
  // The three first answers, the heatmap's and the filter choices, and the namespace index under its own route.
  expect(Object.keys(preloaded)).toHaveLength(6);
  for (const [key, answer] of Object.entries(preloaded)) {
    const isIndex = key === PRELOAD_ROOT.replace(/\/$/, '');
    expect(isIndex || key.startsWith(PRELOAD_ROOT)).toBe(true);
    const route = await getRest(server, isIndex ? '' : key.slice(PRELOAD_ROOT.length), session);
    expect(route.status, key).toBe(200);
    // The route's contract header is recorded with the answer, as rest_preload_api_request() records headers.
    expect(answer).toEqual({
      body: route.body,
      headers: { 'X-Booking-Reports-Contract': route.headers.get('X-Booking-Reports-Contract') },
    });
    // The same JSON, key order included, not only equal values.
    expect(JSON.stringify(answer?.body)).toBe(JSON.stringify(route.body));
  }
  return preloaded;
}

/** The client's own first requests, served from the page's answers by the client's own preload cache. */
function takeFirstRequests(
  preloaded: PreloadedAnswers,
  timezone: string,
  now: number,
  startOfWeek = 1,
): Record<'reports' | 'graph' | 'activities' | 'heatmap' | 'filters' | 'index', unknown> {
  const range = resolveRange(DEFAULT_RANGE, { timezone, startOfWeek }, now);
  const cache = createPreloadCache(preloaded);
  return {
    reports: cache.take(ENDPOINTS.reports, reportsParams(range.reportsQuery))?.body,
    graph: cache.take(ENDPOINTS.graph, graphParams({ date_range: range.graphRange }))?.body,
    activities: cache.take(ENDPOINTS.activities, {})?.body,
    heatmap: cache.take(ENDPOINTS.heatmap, reportsParams(range.reportsQuery))?.body,
    filters: cache.take(ENDPOINTS.filters, {})?.body,
    index: cache.take('', {})?.body,
  };
}

// 12:00 UTC: already the next day in Kiritimati (UTC+14), still the same day in Pago Pago (UTC−11).
const NOON_UTC = Date.UTC(2025, 5, 15, 12, 0, 0);
// 00:30 UTC on the day Berlin moves to summer time: 01:30 local, half an hour before the change.
const BERLIN_DST_DAY = Date.UTC(2025, 2, 30, 0, 30, 0);

describe('Admin page: preloaded first answers', () => {
  it.each([
    ['Europe/Berlin', BERLIN_DST_DAY, 1],
    ['Pacific/Kiritimati', NOON_UTC, 1],
    ['Pacific/Pago_Pago', NOON_UTC, 0],
    ['+05:30', NOON_UTC, 6],
  ])(
    'in %s embeds what the routes answer for the client’s first queries',
    async (timezone, now, startOfWeek) => {
      const server = await startPreloadServer({
        data: generateSiteData({ now, timezone }),
        timezone,
        now,
        startOfWeek,
        preload: true,
      });
      const session = await login(server);
      const preloaded = await expectRoutesAnswerTheSame(server, session);

      const taken = takeFirstRequests(preloaded, timezone, now, startOfWeek);
      for (const [endpoint, body] of Object.entries(taken)) expect(body, endpoint).toBeDefined();
      // And the data is there: the generated site has bookings in the last 30 days.
      const reports = taken.reports as ReportsResponse;
      expect(reports.overview[0]?.number).toBeGreaterThan(0);
    },
  );

  it('keys the answers as rest_preload_api_request does, with the days of the site timezone', async () => {
    const server = await startPreloadServer({
      data: generateSiteData({ now: NOON_UTC, timezone: 'Pacific/Kiritimati', bookings: 50 }),
      timezone: 'Pacific/Kiritimati',
      now: NOON_UTC,
      preload: true,
    });
    const preloaded = (await login(server)).config.preloaded as PreloadedAnswers;
    // 2025-06-15 12:00 UTC is 2025-06-16 02:00 in Kiritimati: the 30 days end on the 16th. The graph, graphed by
    // day, asks one day more than it shows (a real site drops the last day asked for; see resolveRange).
    expect(Object.keys(preloaded).map((key) => decodeURIComponent(key.replace(/\+/g, ' ')))).toEqual([
      '/fluent-booking/v2/reports?startTime=2025-05-18 00:00:00&endTime=2025-06-16 23:59:59',
      '/fluent-booking/v2/reports/graph-reports?date_range[0]=2025-05-18&date_range[1]=2025-06-17',
      '/fluent-booking/v2/reports/activities',
      '/fluent-booking/v2/reports/heatmap?startTime=2025-05-18 00:00:00&endTime=2025-06-16 23:59:59',
      '/fluent-booking/v2/reports/filters',
      '/fluent-booking/v2',
    ]);
    expect(firstRequests(PRELOAD_ROOT, { timezone: 'Pacific/Kiritimati', startOfWeek: 1 }, NOON_UTC)).toEqual(
      Object.keys(preloaded)
        .slice(0, 5)
        .map((key) => expect.objectContaining({ key })),
    );
  });

  it("embeds the page user's own answers: a host sees only the bookings they host", async () => {
    const now = NOON_UTC;
    const timezone = 'Europe/Berlin';
    const data = generateSiteData({ now, timezone });
    const server = await startPreloadServer({ data, timezone, now, preload: true });
    const admin = await login(server);
    const adminAnswers = await expectRoutesAnswerTheSame(server, admin);
    const hostId = data.users.find((user) => user.role !== 'administrator')?.ID;
    expect(hostId).toBeDefined();
    const host = await login(server, hostId);
    const hostAnswers = await expectRoutesAnswerTheSame(server, host);

    const [reportsKey] = Object.keys(hostAnswers);
    const hostTotal = (hostAnswers[reportsKey!]?.body as ReportsResponse).overview[0]?.number ?? 0;
    const adminTotal = (adminAnswers[reportsKey!]?.body as ReportsResponse).overview[0]?.number ?? 0;
    expect(hostTotal).toBeLessThan(adminTotal);
  });

  it('prints answers holding markup as JSON that cannot end the script element', async () => {
    const hostile = '</script><script>window.pwned = 1</script><!-- }; \u2028 &';
    const now = NOON_UTC;
    const data = generateSiteData({ now, timezone: 'UTC', bookings: 40 });
    const server = await startPreloadServer({
      data: {
        ...data,
        bookings: data.bookings.map((row) => ({ ...row, first_name: hostile, last_name: hostile })),
      },
      timezone: 'UTC',
      now,
      preload: true,
    });
    const response = await fetch(`${server.origin}${ADMIN_PAGE_PATH}`);
    const html = await response.text();
    expect(html).not.toContain(hostile);
    const session = await login(server);
    const preloaded = await expectRoutesAnswerTheSame(server, session);
    expect(JSON.stringify(preloaded)).toContain(hostile);
  });

  it('sends the page up to the dashboard element first, with the script asked for in its head', async () => {
    const server = await startPreloadServer({
      data: generateSiteData({ now: NOON_UTC, timezone: 'UTC', bookings: 20 }),
      timezone: 'UTC',
      now: NOON_UTC,
      preload: true,
    });
    const html = await (await fetch(`${server.origin}${ADMIN_PAGE_PATH}`)).text();
    const users = generateSiteData({ now: NOON_UTC, timezone: 'UTC', bookings: 0 }).users;
    const shellOf = (dashboardBuilt: boolean) =>
      renderAdminPageShell({
        config: { locale: 'en_US' },
        currentUser: users.find((user) => user.role === 'administrator')!,
        users,
        scriptUrl: '/dist/booking-reports.iife.js',
        dashboardBuilt,
        nonceUrl: '/wp-admin/admin-ajax.php?action=rest-nonce',
      });
    // This server has no built dashboard; a built one is fetched from the head on.
    const shell = shellOf(false);
    expect(shellOf(true)).toContain('<link rel="preload" href="/dist/booking-reports.iife.js" as="script">');
    expect(shell).toContain('<div data-booking-reports></div>');
    expect(shell).not.toContain('bookingReportsConfig');
    expect(html.startsWith(shell)).toBe(true);
    expect(html.slice(shell.length)).toMatch(/^<script>\nvar bookingReportsConfig = \{.*"preloaded":\{/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('embeds nothing when preloading is off', async () => {
    for (const preload of [false, undefined]) {
      const server = await startPreloadServer({
        data: generateSiteData({ now: NOON_UTC, timezone: 'UTC', bookings: 20 }),
        timezone: 'UTC',
        now: NOON_UTC,
        ...(preload === undefined ? {} : { preload }),
      });
      const session = await login(server);
      expect(session.config).not.toHaveProperty('preloaded');
      expect(session.config.nonce).toEqual(expect.any(String));
    }
  });
});

describe('Preloading on the command line', () => {
  it('is on by default and off with --no-preload or BR_PRELOAD=0', () => {
    expect(DEFAULT_CONFIG.preload).toBe(true);
    const preloadOf = (argv: string[], env: Record<string, string> = {}) => {
      const result = parseConfig(argv, env);
      return result.kind === 'run' ? result.config.preload : result.kind;
    };
    expect(preloadOf([])).toBe(true);
    expect(preloadOf(['--no-preload'])).toBe(false);
    expect(preloadOf(['--no-preload'], { BR_PRELOAD: '1' })).toBe(false);
    for (const off of ['0', 'false', 'OFF', 'no']) expect(preloadOf([], { BR_PRELOAD: off })).toBe(false);
    for (const on of ['1', 'true', 'On', 'yes', '']) expect(preloadOf([], { BR_PRELOAD: on })).toBe(true);
    const wrong = parseConfig([], { BR_PRELOAD: 'maybe' });
    expect(wrong).toEqual({ kind: 'error', message: expect.stringContaining('BR_PRELOAD') });
    expect(HELP_TEXT).toContain('--no-preload');
    expect(HELP_TEXT).toContain('BR_PRELOAD');
  });
});
