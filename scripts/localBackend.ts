/**
 * The reference backend on this machine, as the benchmarks and the tests drive it: listening on 127.0.0.1 and an
 * ephemeral port, and logged into through its admin page exactly as a browser is (the cookie it sets, the nonce and
 * config it prints as `wp_localize_script` would). Written once here; `scripts/benchSupport.ts`,
 * `tests/server/support.ts` and `tests/e2e/support.ts` import it.
 */
import type { FastifyInstance } from 'fastify';
import { ADMIN_PAGE_PATH, REST_ROOT } from '../server/app';

/**
 * Starts a built server listening on 127.0.0.1 and a port the system picks.
 * @returns its origin, `http://127.0.0.1:<port>`.
 */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The server has no port');
  return `http://127.0.0.1:${address.port}`;
}

/** What the admin page hands a logged-in browser. */
export interface Session {
  /** `Cookie` header value. */
  cookie: string;
  /** The `X-WP-Nonce` from `bookingReportsConfig`. */
  nonce: string;
  /** The REST root URL from `bookingReportsConfig` (the server's own when the page printed none). */
  restUrl: string;
  /** The whole config the page printed. */
  config: Record<string, unknown>;
}

/** The `bookingReportsConfig` an admin page printed, or `undefined` when it printed none. */
export function printedConfig(html: string): Record<string, unknown> | undefined {
  // The whole line: the config is printed on one, and a `};` may stand inside its strings (a guest's name).
  const json = /^var bookingReportsConfig = (\{.*\});$/m.exec(html)?.[1];
  return json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>);
}

/**
 * Opens the admin page as `userId` (the administrator when omitted) and keeps the login cookie and the nonce it
 * prints.
 * @param server The server's origin, `http://127.0.0.1:<port>`.
 */
export async function login(server: { origin: string }, userId?: number): Promise<Session> {
  const query = userId === undefined ? '' : `&user=${userId}`;
  const response = await fetch(`${server.origin}${ADMIN_PAGE_PATH}${query}`);
  const html = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const config = printedConfig(html);
  if (!config) throw new Error('The admin page printed no bookingReportsConfig');
  return {
    cookie,
    nonce: String(config.nonce),
    restUrl: typeof config.restUrl === 'string' ? config.restUrl : `${server.origin}${REST_ROOT}`,
    config,
  };
}
