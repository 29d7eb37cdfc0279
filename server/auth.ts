/**
 * WordPress-style cookie + nonce authentication, stateless.
 *
 * The admin page logs the viewer in with a `wordpress_logged_in_br` cookie (`userId|expires|hmac`) and hands the
 * page a REST nonce. A REST request is authenticated only with both: the cookie names the user, the `X-WP-Nonce`
 * header proves the request comes from a page we served to that user's session. As in WordPress, a nonce lives for
 * the current and the previous 12-hour tick (12 to 24 hours), and every success hands out a fresh one.
 *
 * Everything is an HMAC of one secret, so any instance on the same database verifies any other's cookies and nonces.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WpError } from '../src/api/types';
import { wpError } from '../src/engine/errors';

/** Name of the logged-in cookie (WordPress appends a site hash; ours is fixed). */
export const LOGGED_IN_COOKIE = 'wordpress_logged_in_br';
/** How long a login lasts: WordPress's default without "remember me". */
export const LOGIN_LIFETIME_MS = 2 * 24 * 60 * 60 * 1000;
/** WordPress's nonce tick: half a day. */
const NONCE_TICK_MS = 12 * 60 * 60 * 1000;
/** The nonce action of the REST API. */
const REST_NONCE_ACTION = 'wp_rest';

/** A verified login. */
export interface LoginSession {
  /** The logged-in user's id. */
  userId: number;
  /** The session token nonces are bound to (the cookie's own signature). */
  token: string;
}

function sign(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Logs a user in: the logged-in cookie's value and the session it proves.
 * @param secret The site secret.
 * @param userId Who logs in.
 * @param now Epoch ms of the login.
 */
export function createLogin(
  secret: string,
  userId: number,
  now: number,
): { cookie: string; session: LoginSession } {
  const expires = Math.floor((now + LOGIN_LIFETIME_MS) / 1000);
  const signature = sign(secret, `logged_in|${userId}|${expires}`);
  return { cookie: `${userId}|${expires}|${signature}`, session: { userId, token: signature } };
}

/** The session a logged-in cookie value proves, or `undefined` when it is malformed, forged or expired. */
export function verifyLoginCookie(
  secret: string,
  value: string | undefined,
  now: number,
): LoginSession | undefined {
  const match = /^(\d{1,15})\|(\d{1,15})\|([0-9a-f]{64})$/.exec(value ?? '');
  if (!match) return undefined;
  const [, userId = '', expires = '', signature = ''] = match;
  if (!sameText(signature, sign(secret, `logged_in|${userId}|${expires}`))) return undefined;
  if (Number(expires) * 1000 < now) return undefined;
  return { userId: Number(userId), token: signature };
}

/** WordPress's `wp_nonce_tick()`: which half-day `now` falls in. */
function nonceTick(now: number): number {
  return Math.ceil(now / NONCE_TICK_MS);
}

function nonceForTick(secret: string, session: LoginSession, tick: number): string {
  return sign(secret, `${tick}|${REST_NONCE_ACTION}|${session.userId}|${session.token}`).slice(0, 10);
}

/** The REST nonce for a session at `now`, as `wp_create_nonce('wp_rest')` makes it. */
export function createNonce(secret: string, session: LoginSession, now: number): string {
  return nonceForTick(secret, session, nonceTick(now));
}

/** Whether the nonce was made for this session in the current or the previous tick. */
function verifyNonce(secret: string, session: LoginSession, nonce: string, now: number): boolean {
  const tick = nonceTick(now);
  return [tick, tick - 1].some((candidate) => sameText(nonce, nonceForTick(secret, session, candidate)));
}

/** The value of one cookie in a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** 401 `rest_forbidden`: not logged in, or no nonce. */
export function forbidden(status = 401): WpError {
  return wpError('rest_forbidden', 'Sorry, you are not allowed to do that.', status);
}

/** 403 `rest_cookie_invalid_nonce`: logged in, but the nonce is wrong or expired (WordPress's words). */
export function invalidNonce(): WpError {
  return wpError('rest_cookie_invalid_nonce', 'Cookie check failed', 403);
}

/**
 * Checks a REST request's cookie and nonce.
 * @param secret The site secret.
 * @param cookieHeader The request's `Cookie` header.
 * @param nonceHeader The request's `X-WP-Nonce` header.
 * @param now Epoch ms.
 * @returns The session, or the `WP_Error` to answer with.
 */
export function authenticate(
  secret: string,
  cookieHeader: string | undefined,
  nonceHeader: string | string[] | undefined,
  now: number,
): { ok: true; session: LoginSession } | { ok: false; error: WpError } {
  const session = verifyLoginCookie(secret, readCookie(cookieHeader, LOGGED_IN_COOKIE), now);
  if (!session) return { ok: false, error: forbidden() };
  const nonce = Array.isArray(nonceHeader) ? nonceHeader[0] : nonceHeader;
  if (nonce === undefined || nonce === '') return { ok: false, error: forbidden() };
  if (!verifyNonce(secret, session, nonce, now)) return { ok: false, error: invalidNonce() };
  return { ok: true, session };
}
