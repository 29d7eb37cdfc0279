/**
 * The reference backend's HTTP server: the three report endpoints under `/wp-json/fluent-booking/v2/`, the
 * wp-admin-like page that hosts the dashboard, the built dashboard files, and `/health`.
 *
 * Every answer that is not a success is WordPress `WP_Error` JSON; no query string can produce a 500.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PreloadedAnswers } from '../src/api/preload';
import type { WpError } from '../src/api/types';
import {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  ENDPOINT_NAMES,
  ENDPOINTS,
  REST_NAMESPACE,
  namespaceIndex,
} from '../src/api/contract';
import type { EndpointName } from '../src/api/contract';
import type { UserRow } from '../src/data/schema';
import { noRoute, wpError } from '../src/engine';
import type { ReportSettings, Viewer } from '../src/engine';
import {
  createLogin,
  createNonce,
  LOGGED_IN_COOKIE,
  LOGIN_LIFETIME_MS,
  readCookie,
  verifyLoginCookie,
} from './auth';
import { answerClientError, createHttpServer } from './clientErrors';
import type { SiteDatabase } from './db/connection';
import { isDatabaseUnavailable } from './db/errors';
import { findUser, listUsers, loadNonceSecret } from './db/site';
import { hostAllowed, LOOPBACK_HOST_NAMES } from './hosts';
import { demoLogins, wordpressLogins } from './logins';
import type { AuthMode } from './logins';
import {
  firstRequests,
  loadShippedTranslations,
  parseLocale,
  renderAdminPage,
  renderAdminPageScripts,
  renderAdminPageShell,
  SITE_NAME,
} from './page';
import type { LocalizedConfig } from './page';
import {
  answerActivities,
  answerFilterOptions,
  answerGraph,
  answerHeatmap,
  answerReportsTimed,
  nowKeyOf,
  timeless,
} from './reports/answers';
import type { TimedResult } from './reports/answers';
import { answerKey, dataVersionOf, ResponseCache } from './reports/cache';
import type { CachedAnswer, ResponseCacheOptions } from './reports/cache';
import type { WordPressConstants } from './wordpressAuth';

/** The REST root, as `rest_url( 'fluent-booking/v2/' )` gives it on a WordPress site. */
export const REST_ROOT = `/wp-json/${REST_NAMESPACE}/`;
/** What the admin page's `preloaded` keys start with: the route, as `rest_preload_api_request()` keys it. */
export const PRELOAD_ROOT = `/${REST_NAMESPACE}/`;
/** The admin page's path and query. */
export const ADMIN_PAGE_PATH = '/wp-admin/admin.php?page=booking-reports';
/** Longest request URL accepted; longer ones get 414 as WP_Error JSON before any parsing. */
export const MAX_URL_LENGTH = 16_384;
/** Seconds a client is asked to wait (`Retry-After`) before retrying when the database is unavailable. */
const DB_RETRY_AFTER_S = 5;
/** Seconds a client is asked to wait before retrying when the server is busy. */
const BUSY_RETRY_AFTER_S = 1;
/** Requests answered at once, by default, before new ones get 503 `server_busy` (the command line's default too). */
export const DEFAULT_MAX_PENDING = 100;
/** The dashboard script the admin page loads, relative to the dist folder. */
const DASHBOARD_SCRIPT = 'booking-reports.iife.js';
const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Options of {@link buildServer}. */
export interface BuildServerOptions {
  /** An open database with its schema; the server closes it when it closes. */
  site: SiteDatabase;
  /** Site timezone, IANA or `±HH:MM`. */
  timezone: string;
  /** WordPress `start_of_week`, 0 Sunday … 6 Saturday. @default 1 */
  startOfWeek?: number;
  /**
   * How REST requests are logged in (see `logins.ts`): `demo` serves a login-free admin page and the demo's own
   * cookies; `wordpress` serves no page and accepts WordPress's cookies and nonces, with the keys of `wordpress`.
   * @default 'demo'
   */
  auth?: AuthMode;
  /** `--auth wordpress`: the site's `wp-config.php` constants (its keys and salts, cookie settings). */
  wordpress?: WordPressConstants;
  /** `--auth demo`: secret for cookies and nonces. @default the one kept in the database's options table */
  secret?: string;
  /**
   * The names the server answers for (the `Host` header, port aside); any other gets 421, so a page on a rebound DNS
   * name reaches nothing. `/health` answers every name.
   * @default the loopback names (`localhost`, `127.0.0.1`, `::1`)
   */
  allowedHosts?: readonly string[];
  /**
   * Most requests being answered at once (`/health` and the dashboard's files aside); a request beyond gets 503
   * `server_busy` with `Retry-After` at once, instead of queueing until its client gives up.
   * @default DEFAULT_MAX_PENDING
   */
  maxPending?: number;
  /** The clock (epoch ms): injectable so tests can expire nonces. @default Date.now */
  now?: () => number;
  /** Where each request's log line goes. @default a line on stdout */
  log?: (line: string) => void;
  /** No request log lines. @default false */
  quiet?: boolean;
  /** Folder of the built dashboard, served under `/dist/`. @default the repository's `dist/` */
  distDir?: string;
  /**
   * Whether the admin page embeds the dashboard's first answers (`preloaded`: `/reports`, `/reports/graph-reports`
   * and `/reports/activities` for "last 30 days" in the site timezone, as the page's user), computed in-process by
   * the routes' own code, so that the dashboard shows its numbers without a first request. The command line turns it
   * on unless `--no-preload` / `BR_PRELOAD=0`.
   * @default false
   */
  preload?: boolean;
  /**
   * Keep the report answers (`reports/cache.ts`), per viewer scope, query, site settings and data version, for the
   * instants they hold for: identical requests cost one set of queries until the data changes. The command line
   * turns it on; the benchmarks' per-request figures are measured without it.
   * @default false
   */
  responseCache?: boolean | ResponseCacheOptions;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function sendError(reply: FastifyReply, error: WpError): FastifyReply {
  return reply
    .code(error.data?.status ?? 500)
    .header('content-type', 'application/json; charset=UTF-8')
    .send(error);
}

/** The raw query string of a request, read by the engine as WordPress reads `$_GET`, with no framework parsing. */
function rawQuery(request: FastifyRequest): URLSearchParams {
  const url = request.raw.url ?? '';
  const mark = url.indexOf('?');
  return new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
}

function pathOf(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Builds the server; `listen` is the caller's. Tests start it on `127.0.0.1` with port 0.
 * @param options The database, site settings and clock; see {@link BuildServerOptions}.
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { site } = options;
  const now = options.now ?? Date.now;
  const demo = (options.auth ?? 'demo') === 'demo';
  const secret = demo ? (options.secret ?? (await loadNonceSecret(site))) : '';
  const logins = demo ? demoLogins(site, secret) : await wordpressLogins(site, options.wordpress ?? {});
  const allowedHosts = options.allowedHosts ?? LOOPBACK_HOST_NAMES;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  /** Requests being answered now (see `maxPending`). */
  let pending = 0;
  const distDir = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const log = options.quiet
    ? undefined
    : (options.log ?? ((line: string) => process.stdout.write(`${line}\n`)));
  const settings = (): ReportSettings => ({
    timezone: options.timezone,
    startOfWeek: options.startOfWeek ?? 1,
    now: now(),
  });

  const app = Fastify({
    logger: false,
    // The engine reads the raw query (`date_range[0]` must stay as written), so the framework parses none.
    routerOptions: { ignoreTrailingSlash: true, querystringParser: () => ({}) },
    // Room for a 16 KB URL plus headers, so the length check below answers, not Node's bare 431.
    http: { maxHeaderSize: 65_536 },
    // What Node's HTTP layer refuses before routing (huge headers, a bad method or URL byte, no Host) gets
    // WP_Error JSON too, not Fastify's own `{"error":…}` or Node's empty 400.
    serverFactory: createHttpServer,
    clientErrorHandler: answerClientError,
    return503OnClosing: true,
    frameworkErrors: (error, _request, reply) => {
      sendError(
        reply,
        wpError('rest_invalid_request', `The request URL cannot be read: ${error.message}`, 400),
      );
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    if ((request.raw.url ?? '').length > MAX_URL_LENGTH) {
      return sendError(
        reply,
        wpError('rest_uri_too_long', `The request URL is longer than ${MAX_URL_LENGTH} characters.`, 414),
      );
    }
    const path = pathOf(request);
    if (path === '/health' || path.startsWith('/dist/')) return;
    if (!hostAllowed(request.headers.host, allowedHosts)) {
      return sendError(
        reply,
        wpError('rest_misdirected_request', 'This server does not answer for that host name.', 421),
      );
    }
    // Fail fast: a full house answers at once, and the requests already waiting are not slowed down further.
    if (pending >= maxPending) {
      return sendError(
        reply.header('retry-after', String(BUSY_RETRY_AFTER_S)),
        wpError('server_busy', 'The server is busy right now. Try again in a moment.', 503),
      );
    }
    pending += 1;
    reply.raw.once('close', () => {
      pending -= 1;
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    log?.(`${request.method} ${pathOf(request)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
  });
  app.addHook('onClose', async () => {
    await site.close();
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, noRoute()));
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      process.stderr.write(
        `Database unavailable on ${request.method} ${pathOf(request)}: ${String(error.message)}\n`,
      );
      // Nothing is lost: the pool reconnects on a later request once the database answers again.
      return sendError(
        reply.header('retry-after', String(DB_RETRY_AFTER_S)),
        wpError('db_unavailable', 'The database is not available right now. Try again in a moment.', 503),
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, wpError('rest_invalid_request', error.message ?? 'Bad request.', status));
    }
    process.stderr.write(`Error on ${request.method} ${pathOf(request)}: ${String(error.message)}\n`);
    return sendError(reply, wpError('internal_error', 'An internal error occurred.', 500));
  });

  const cache = options.responseCache
    ? new ResponseCache(options.responseCache === true ? {} : options.responseCache)
    : undefined;
  const dataVersion = cache ? dataVersionOf(site) : undefined;

  const answers: Record<
    EndpointName,
    (params: URLSearchParams, settings: ReportSettings, viewer: Viewer) => Promise<TimedResult<unknown>>
  > = {
    reports: (params, at, viewer) => answerReportsTimed(site.reads, params, at, viewer),
    graph: async (params, at, viewer) => timeless(await answerGraph(site.reads, params, at, viewer)),
    activities: async (params, _at, viewer) => timeless(await answerActivities(site.reads, params, viewer)),
    // A range's heatmap, and all time's (every booking), do not depend on now.
    heatmap: async (params, at, viewer) => timeless(await answerHeatmap(site.reads, params, at, viewer)),
    // The filter options take no parameters: any given are ignored.
    filters: async (_params, _at, viewer) =>
      timeless({ ok: true, value: await answerFilterOptions(site.reads, viewer) }),
  };

  /** An endpoint's answer as the JSON text to send, from the cache when one is kept and holds. */
  async function answerOf(
    endpoint: EndpointName,
    params: URLSearchParams,
    viewer: Viewer,
  ): Promise<CachedAnswer> {
    // The version first: whatever is computed after it reads rows at least as new (see `reports/cache.ts`).
    const version = dataVersion ? await dataVersion() : null;
    const at = settings();
    const compute = () => answers[endpoint](params, at, viewer);
    if (!cache) {
      const { result } = await compute();
      return result.ok ? { ok: true, value: JSON.stringify(result.value) } : result;
    }
    const key = answerKey({
      endpoint,
      viewer,
      params,
      timezone: at.timezone,
      startOfWeek: at.startOfWeek,
      nowKey: nowKeyOf(endpoint, at),
    });
    return cache.answer(key, version, at.now, compute);
  }

  function restRoute(endpoint: EndpointName): void {
    app.get(`${REST_ROOT}${ENDPOINTS[endpoint]}`, async (request, reply) => {
      // Every REST answer says that this server follows docs/api-contract.md, so the dashboard trusts its `stat`.
      reply.header(CONTRACT_HEADER, CONTRACT_VERSION);
      const who = await logins.check(request.headers.cookie, request.headers['x-wp-nonce'], now());
      if (!who.ok) return sendError(reply, who.error);
      const result = await answerOf(endpoint, rawQuery(request), {
        userId: who.user.ID,
        role: who.user.role,
      });
      reply.header('X-WP-Nonce', who.nonce).header('cache-control', 'no-cache, must-revalidate, max-age=0');
      if (!result.ok) return sendError(reply, result.error);
      return reply.header('content-type', 'application/json; charset=UTF-8').send(result.value);
    });
  }
  for (const endpoint of ENDPOINT_NAMES) restRoute(endpoint);

  // The namespace index, public as WordPress core serves it: the routes and the parameters they take, no data.
  app.get(REST_ROOT, async (_request, reply) => {
    reply.header(CONTRACT_HEADER, CONTRACT_VERSION);
    return reply
      .header('content-type', 'application/json; charset=UTF-8')
      .send(JSON.stringify(namespaceIndex()));
  });

  /**
   * The admin page's `preloaded`: what the routes would answer `viewer` for the dashboard's first requests, by the
   * routes' own code (and cache), keyed as `rest_preload_api_request()` keys them. As there, an answer that is not a
   * success is left out (the dashboard then asks for it), and so is everything when the database fails: the page
   * still loads.
   */
  async function preloadAnswers(viewer: Viewer, at: number): Promise<PreloadedAnswers | undefined> {
    const calendar = { timezone: options.timezone, startOfWeek: options.startOfWeek ?? 1 };
    try {
      const requests = firstRequests(PRELOAD_ROOT, calendar, at);
      const results = await Promise.all(
        requests.map((request) => answerOf(request.endpoint, request.params, viewer)),
      );
      const preloaded: PreloadedAnswers = {};
      requests.forEach((request, index) => {
        const result = results[index];
        // The headers as `rest_preload_api_request()` keeps the response's: the contract's among them.
        if (result?.ok) {
          preloaded[request.key] = {
            body: JSON.parse(result.value) as unknown,
            headers: { [CONTRACT_HEADER]: CONTRACT_VERSION },
          };
        }
      });
      // The namespace index too, keyed as WordPress keys the namespace's route: what this server offers beyond the
      // three endpoints (the heatmap, the filters) is known without a request, as in the plugin's wp-admin pages.
      preloaded[`/${REST_NAMESPACE}`] = {
        body: namespaceIndex(),
        headers: { [CONTRACT_HEADER]: CONTRACT_VERSION },
      };
      return preloaded;
    } catch (error) {
      process.stderr.write(`Preloading the admin page failed: ${String((error as Error).message)}\n`);
      return undefined;
    }
  }

  // The database's state, for load balancers: a 503 takes this instance out of rotation while its database is down.
  // It is checked on a connection of its own, so a busy pool never makes a healthy instance look dead.
  app.get('/health', async (_request, reply) => {
    try {
      await site.ping();
      return { status: 'ok', db: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'error', db: 'down' });
    }
  });

  // With WordPress's logins, WordPress itself serves the admin pages and the nonce refresh: nothing more here.
  if (demo) {
    app.get('/', async (_request, reply) => reply.redirect(ADMIN_PAGE_PATH));

    app.get('/wp-admin/admin.php', async (request, reply) => {
      const params = rawQuery(request);
      if (params.get('page') !== 'booking-reports') return reply.redirect(ADMIN_PAGE_PATH);
      const users = await listUsers(site);
      const wanted = Number(params.get('user'));
      const currentUser: UserRow | undefined =
        users.find((user) => user.ID === wanted) ?? users.find((user) => user.role === 'administrator');
      if (!currentUser) {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('No administrator in the database: import users with an "administrator" role.');
      }
      const at = now();
      const { cookie, session } = createLogin(secret, currentUser.ID, at);
      const locale = parseLocale(params.get('locale')) ?? 'en_US';
      // The page is served from the REST host itself; a Host header that is no host name gets a root-relative URL.
      const host = request.headers.host ?? '';
      const restUrl = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host)
        ? `${request.protocol}://${host}${REST_ROOT}`
        : REST_ROOT;
      const page = {
        currentUser,
        users,
        scriptUrl: `/dist/${DASHBOARD_SCRIPT}`,
        dashboardBuilt: await isFile(resolve(distDir, DASHBOARD_SCRIPT)),
        nonceUrl: '/wp-admin/admin-ajax.php?action=rest-nonce',
      };
      const configOf = async (preloaded: PreloadedAnswers | undefined): Promise<LocalizedConfig> => ({
        restUrl,
        nonce: createNonce(secret, session, at),
        timezone: options.timezone,
        locale,
        startOfWeek: options.startOfWeek ?? 1,
        siteName: SITE_NAME,
        translations: await loadShippedTranslations(locale),
        ...(preloaded ? { preloaded } : {}),
      });
      reply
        .header(
          'set-cookie',
          `${LOGGED_IN_COOKIE}=${encodeURIComponent(cookie)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${LOGIN_LIFETIME_MS / 1000}`,
        )
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8');
      if (!options.preload)
        return reply.send(renderAdminPage({ ...page, config: await configOf(undefined) }));

      // The answers take a database round: the page up to the dashboard's element goes out first, so the browser
      // paints the admin chrome and fetches the dashboard script meanwhile; the config and the script follow.
      const body = new PassThrough();
      body.on('error', () => {}); // A browser that left early: nothing to finish.
      body.write(renderAdminPageShell({ ...page, config: { locale } }));
      // After this turn, in which the shell is written to the socket: SQLite answers synchronously, and a database
      // round started now would run to its end before any byte left.
      void new Promise((next) => setImmediate(next))
        .then(() => preloadAnswers({ userId: currentUser.ID, role: currentUser.role }, at))
        .then(configOf)
        .then(
          (config) => body.end(renderAdminPageScripts({ ...page, config })),
          (error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))),
        );
      return reply.send(body);
    });

    // WordPress's nonce refresh: the logged-in cookie alone gets a fresh REST nonce, as plain text.
    app.get('/wp-admin/admin-ajax.php', async (request, reply) => {
      const at = now();
      const session = verifyLoginCookie(secret, readCookie(request.headers.cookie, LOGGED_IN_COOKIE), at);
      if (
        rawQuery(request).get('action') !== 'rest-nonce' ||
        !session ||
        !(await findUser(site, session.userId))
      ) {
        return reply.code(400).type('text/plain; charset=utf-8').send('0');
      }
      return reply
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(createNonce(secret, session, at));
    });
  }

  app.get<{ Params: { '*': string } }>('/dist/*', async (request, reply) => {
    const file = resolve(distDir, request.params['*']);
    if (!file.startsWith(distDir + sep) || !(await isFile(file))) return sendError(reply, noRoute());
    return reply
      .type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(await readFile(file));
  });

  return app;
}
