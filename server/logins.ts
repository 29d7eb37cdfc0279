/**
 * The two ways the backend logs REST requests in, chosen with `--auth`:
 *
 * - `demo`: its own signed cookie, handed out by the demo admin page to whichever user the page is asked for. It
 *   logs anyone in without a password, so the command line allows it on a loopback address only.
 * - `wordpress`: no login page; WordPress's own `wordpress_logged_in_*` cookie and `wp_rest` nonce
 *   (`wordpressAuth.ts`), so the dashboard in a real wp-admin calls this backend with what WordPress issued.
 *
 * Either way a REST request needs the cookie and the `X-WP-Nonce`, answers as WordPress does (401 `rest_forbidden`
 * without a login or a nonce, 403 `rest_cookie_invalid_nonce` for a wrong one, 403 `rest_forbidden` for a user who
 * may not read the reports), and a success brings a fresh nonce.
 */
import type { WpError } from '../src/api/types';
import type { UserRow } from '../src/data/schema';
import { wpError } from '../src/engine/errors';
import { authenticate, createNonce, forbidden, invalidNonce, readCookie } from './auth';
import type { SiteDatabase } from './db/connection';
import { findUser, findWordPressUser, readOption } from './db/site';
import {
  createWordPressNonce,
  loggedInCookieName,
  verifyWordPressCookie,
  verifyWordPressNonce,
  wordPressKeys,
} from './wordpressAuth';
import type { WordPressConstants } from './wordpressAuth';

/** How the backend logs people in. */
export type AuthMode = 'demo' | 'wordpress';

/** What a REST request's headers prove: the viewer and a fresh nonce, or the `WP_Error` to answer with. */
export type LoginCheck = { ok: true; user: UserRow; nonce: string } | { ok: false; error: WpError };

/** Checks REST requests' logins. */
export interface RestLogins {
  readonly mode: AuthMode;
  /**
   * @param cookieHeader The request's `Cookie` header.
   * @param nonceHeader The request's `X-WP-Nonce` header.
   * @param now Epoch ms.
   */
  check(
    cookieHeader: string | undefined,
    nonceHeader: string | string[] | undefined,
    now: number,
  ): Promise<LoginCheck>;
}

/** 403 `rest_forbidden`: logged in, but not someone who may read the reports. */
function notAllowed(): WpError {
  return wpError('rest_forbidden', 'Sorry, you are not allowed to do that.', 403);
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/** `--auth demo`: the backend's own cookies and nonces, signed with `secret`. */
export function demoLogins(site: SiteDatabase, secret: string): RestLogins {
  return {
    mode: 'demo',
    async check(cookieHeader, nonceHeader, now) {
      const auth = authenticate(secret, cookieHeader, nonceHeader, now);
      if (!auth.ok) return auth;
      const user = await findUser(site, auth.session.userId);
      // A deleted user, or one who lost their role, is not logged in any more.
      if (!user) return { ok: false, error: forbidden() };
      return { ok: true, user, nonce: createNonce(secret, auth.session, now) };
    },
  };
}

/**
 * `--auth wordpress`: WordPress's cookies and nonces, with the site's keys from `constants` (`wp-config.php`) or
 * its options table.
 * @throws Error naming the key that is missing.
 */
export async function wordpressLogins(
  site: SiteDatabase,
  constants: WordPressConstants,
): Promise<RestLogins> {
  const keys = await wordPressKeys(constants, (name) => readOption(site, name));
  const cookieName = loggedInCookieName(constants, await readOption(site, 'siteurl'));
  return {
    mode: 'wordpress',
    async check(cookieHeader, nonceHeader, now) {
      const nowS = Math.floor(now / 1000);
      const session = await verifyWordPressCookie(keys, readCookie(cookieHeader, cookieName), nowS, (login) =>
        findWordPressUser(site, login),
      );
      if (!session) return { ok: false, error: forbidden() };
      // As `rest_cookie_check_errors()`: a cookie without a nonce is no login at all.
      const nonce = firstValue(nonceHeader);
      if (nonce === undefined || nonce === '') return { ok: false, error: forbidden() };
      if (!verifyWordPressNonce(keys, session, nonce, nowS)) return { ok: false, error: invalidNonce() };
      const user = await findUser(site, session.userId);
      if (!user) return { ok: false, error: notAllowed() };
      return { ok: true, user, nonce: createWordPressNonce(keys, session, nowS) };
    },
  };
}
