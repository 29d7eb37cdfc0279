/**
 * WordPress's own logins (`--auth wordpress`): the `wordpress_logged_in_<hash>` cookie and the `wp_rest` nonce a real
 * WordPress issued, checked the way WordPress checks them, so the dashboard inside wp-admin can call this backend
 * with the very cookie and nonce it already has.
 *
 * - The cookie is `login|expiration|token|hmac`. Its key is an md5 HMAC (salt `LOGGED_IN_KEY . LOGGED_IN_SALT`) of
 *   the login, four characters of the user's password hash, the expiration and the token; its hmac a sha256 HMAC of
 *   `login|expiration|token` with that key. So a password change logs every cookie out, as in WordPress.
 * - The token must name a live session in the user's `session_tokens` user meta (sha256 of the token, with an
 *   expiration): logging out in WordPress ends the session, and the cookie with it.
 * - The nonce is ten characters of an md5 HMAC (salt `NONCE_KEY . NONCE_SALT`) of `tick|wp_rest|user id|token`,
 *   valid in the current and the previous half-day tick.
 *
 * Keys come from `wp-config.php` (`--wp-config`) or `WORDPRESS_*` environment variables; a key that is missing, left
 * at the sample's "put your unique phrase here" or shared by two constants is taken, as `wp_salt()` takes it, from
 * the options table (`logged_in_key`, `nonce_salt`, …).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { unserialize } from 'php-serialize';

/** The salts of the two hash schemes WordPress's REST cookie auth uses. */
export interface WordPressKeys {
  /** `wp_salt( 'logged_in' )`: `LOGGED_IN_KEY . LOGGED_IN_SALT`. */
  loggedIn: string;
  /** `wp_salt( 'nonce' )`: `NONCE_KEY . NONCE_SALT`. */
  nonce: string;
}

/** The constants of `wp-config.php` this module reads. */
export type WordPressConstants = Readonly<Record<string, string>>;

/** Every constant `wp_salt()` looks at when it decides which of them are duplicated. */
const SALT_CONSTANTS = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE', 'SECRET'].flatMap((scheme) => [
  `${scheme}_KEY`,
  `${scheme}_SALT`,
]);
/** The other constants read: where the cookie's name and the site URL may be set. */
const OTHER_CONSTANTS = ['COOKIEHASH', 'LOGGED_IN_COOKIE', 'WP_SITEURL'];
/** The sample configuration's placeholder, never a key. */
const SAMPLE_PHRASE = 'put your unique phrase here';
/** WordPress's nonce tick: half of `nonce_life` (a day). */
const NONCE_TICK_S = 12 * 60 * 60;

/** A PHP string literal's value: single quotes know `\\` and `\'`; double quotes the common escapes. */
function phpStringValue(quote: string, body: string): string {
  if (quote === "'") return body.replace(/\\([\\'])/g, '$1');
  return body.replace(
    /\\(u\{[0-9A-Fa-f]+\}|x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|[\\$"nrtvef])/g,
    (_all, escape: string) => {
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', e: '\x1b', f: '\f' };
      if (escape in simple) return simple[escape] ?? '';
      if (escape.startsWith('u{')) return String.fromCodePoint(Number.parseInt(escape.slice(2, -1), 16));
      if (escape.startsWith('x')) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
      if (/^[0-7]/.test(escape)) return String.fromCharCode(Number.parseInt(escape, 8) & 0xff);
      return escape;
    },
  );
}

/** PHP source without its comments (`//`, `#`, `/* … *\/`), strings left whole, so a commented-out define is not read. */
function withoutComments(source: string): string {
  let code = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === "'" || char === '"') {
      let end = index + 1;
      while (end < source.length && source[end] !== char) end += source[end] === '\\' ? 2 : 1;
      code += source.slice(index, end + 1);
      index = end + 1;
    } else if (source.startsWith('/*', index)) {
      const end = source.indexOf('*/', index + 2);
      index = end < 0 ? source.length : end + 2;
      code += ' ';
    } else if (char === '#' || source.startsWith('//', index)) {
      const end = source.indexOf('\n', index);
      index = end < 0 ? source.length : end;
    } else {
      code += char;
      index += 1;
    }
  }
  return code;
}

/**
 * The string constants a `wp-config.php` defines with `define( 'NAME', 'value' )` (single or double quotes, any
 * spacing, not in a comment), of the names this module reads. Nothing is executed: a value made by PHP code is not
 * seen.
 */
export function parseWpConfig(text: string): WordPressConstants {
  const wanted = new Set([...SALT_CONSTANTS, ...OTHER_CONSTANTS]);
  const found: Record<string, string> = {};
  const define = /define\s*\(\s*(['"])([A-Z_]+)\1\s*,\s*(['"])((?:\\[\s\S]|(?!\3)[^\\])*)\3\s*\)/g;
  for (const match of withoutComments(text).matchAll(define)) {
    const [, , name = '', quote = "'", body = ''] = match;
    if (wanted.has(name)) found[name] = phpStringValue(quote, body);
  }
  return found;
}

/** The constants from `WORDPRESS_<NAME>` environment variables (as the official WordPress image names them). */
export function constantsFromEnv(env: Readonly<Record<string, string | undefined>>): WordPressConstants {
  const found: Record<string, string> = {};
  for (const name of [...SALT_CONSTANTS, ...OTHER_CONSTANTS]) {
    const value = env[`WORDPRESS_${name}`];
    if (value) found[name] = value;
  }
  return found;
}

/** Reads `wp-config.php`; throws with the path when it cannot be read. */
export async function readWpConfig(path: string): Promise<WordPressConstants> {
  try {
    return parseWpConfig(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the WordPress configuration ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * `wp_salt( scheme )` for `logged_in` and `nonce`: each of key and salt from its constant unless that is missing,
 * the sample phrase or the value of another salt constant too; then (a key) from `SECRET_KEY`; then from the option
 * of the same name.
 * @param constants From `wp-config.php` or the environment.
 * @param option Reads a site option (`logged_in_key`, …), `undefined` when it is not set.
 * @throws Error naming what is missing when neither the constant nor the option holds a key.
 */
export async function wordPressKeys(
  constants: WordPressConstants,
  option: (name: string) => Promise<string | undefined>,
): Promise<WordPressKeys> {
  const seen = new Map<string, number>([[SAMPLE_PHRASE, 2]]);
  for (const name of SALT_CONSTANTS) {
    const value = constants[name];
    if (value !== undefined) seen.set(value, (seen.get(value) ?? 0) + 1);
  }
  const usable = (value: string | undefined): value is string =>
    value !== undefined && value !== '' && (seen.get(value) ?? 0) < 2;
  const part = async (scheme: string, type: 'key' | 'salt'): Promise<string> => {
    const constant = constants[`${scheme.toUpperCase()}_${type.toUpperCase()}`];
    if (usable(constant)) return constant;
    // The old single SECRET_KEY still stands in for any scheme's key.
    if (type === 'key' && usable(constants.SECRET_KEY)) return constants.SECRET_KEY;
    const stored = await option(`${scheme}_${type}`);
    if (stored) return stored;
    throw new Error(
      `WordPress's ${scheme.toUpperCase()}_${type.toUpperCase()} was not found: pass --wp-config with the site's ` +
        `wp-config.php, or set WORDPRESS_${scheme.toUpperCase()}_${type.toUpperCase()}.`,
    );
  };
  return {
    loggedIn: (await part('logged_in', 'key')) + (await part('logged_in', 'salt')),
    nonce: (await part('nonce', 'key')) + (await part('nonce', 'salt')),
  };
}

/**
 * The logged-in cookie's name: `LOGGED_IN_COOKIE`, or `wordpress_logged_in_` and `COOKIEHASH`, which is the md5 of
 * the site URL (`WP_SITEURL` when defined, as WordPress's option filter gives it, otherwise the `siteurl` option).
 */
export function loggedInCookieName(constants: WordPressConstants, siteUrl: string | undefined): string {
  if (constants.LOGGED_IN_COOKIE) return constants.LOGGED_IN_COOKIE;
  const url = constants.WP_SITEURL?.replace(/\/+$/, '') ?? siteUrl;
  const hash = constants.COOKIEHASH ?? (url ? createHash('md5').update(url).digest('hex') : '');
  return `wordpress_logged_in_${hash}`;
}

function hmacHex(algorithm: 'md5' | 'sha256', key: string, data: string): string {
  return createHmac(algorithm, key).update(data).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What the cookie check needs of a user: WordPress's `wp_users` and the `session_tokens` user meta. */
export interface WordPressUser {
  ID: number;
  /** `user_pass`: the password hash, four characters of which sign the cookie. */
  passwordHash: string;
  /** The `session_tokens` user meta as stored (PHP-serialized), `undefined` when there is none. */
  sessionTokens: string | undefined;
}

/** A WordPress login proven by its cookie. */
export interface WordPressSession {
  userId: number;
  /** The session token, which REST nonces are bound to. */
  token: string;
}

/**
 * The session a `wordpress_logged_in_*` cookie value proves, checked as `wp_validate_auth_cookie()` does for a GET
 * request; `undefined` when it is malformed, forged, expired, signed with an old password or its session has ended.
 * @param keys The site's salts.
 * @param value The cookie's (URL-decoded) value.
 * @param nowS Unix seconds.
 * @param findUser The user of a login name, `undefined` when there is none.
 */
export async function verifyWordPressCookie(
  keys: WordPressKeys,
  value: string | undefined,
  nowS: number,
  findUser: (login: string) => Promise<WordPressUser | undefined>,
): Promise<WordPressSession | undefined> {
  const parts = (value ?? '').split('|');
  if (parts.length !== 4) return undefined;
  const [login = '', expiration = '', token = '', hmac = ''] = parts;
  if (login === '' || !/^\d{1,12}$/.test(expiration) || token === '' || !/^[0-9a-f]{64}$/.test(hmac)) {
    return undefined;
  }
  if (Number(expiration) < nowS) return undefined;
  const user = await findUser(login);
  if (!user) return undefined;
  const fragment = user.passwordHash.slice(8, 12);
  const key = hmacHex('md5', keys.loggedIn, `${login}|${fragment}|${expiration}|${token}`);
  if (!sameText(hmacHex('sha256', key, `${login}|${expiration}|${token}`), hmac)) return undefined;
  if (!sessionIsLive(user.sessionTokens, token, nowS)) return undefined;
  return { userId: user.ID, token };
}

/** Whether `session_tokens` holds the token's session (keyed by its sha256) and that session has not expired. */
function sessionIsLive(serialized: string | undefined, token: string, nowS: number): boolean {
  if (!serialized) return false;
  let sessions: unknown;
  try {
    sessions = unserialize(serialized);
  } catch {
    return false;
  }
  if (typeof sessions !== 'object' || sessions === null) return false;
  const verifier = createHash('sha256').update(token).digest('hex');
  const session: unknown = Object.hasOwn(sessions, verifier)
    ? (sessions as Record<string, unknown>)[verifier]
    : undefined;
  // Old WordPress versions stored a session as its bare expiration.
  const expiration = Number(
    typeof session === 'object' && session !== null
      ? (session as { expiration?: unknown }).expiration
      : session,
  );
  return Number.isFinite(expiration) && expiration >= nowS;
}

function nonceForTick(keys: WordPressKeys, session: WordPressSession, tick: number): string {
  // `substr( wp_hash( … ), -12, 10 )` of a 32-character md5.
  return hmacHex('md5', keys.nonce, `${tick}|wp_rest|${session.userId}|${session.token}`).slice(-12, -2);
}

/** `wp_create_nonce( 'wp_rest' )` for the session at `nowS`. */
export function createWordPressNonce(keys: WordPressKeys, session: WordPressSession, nowS: number): string {
  return nonceForTick(keys, session, Math.ceil(nowS / NONCE_TICK_S));
}

/** `wp_verify_nonce( nonce, 'wp_rest' )`: made for this session in the current or the previous tick. */
export function verifyWordPressNonce(
  keys: WordPressKeys,
  session: WordPressSession,
  nonce: string,
  nowS: number,
): boolean {
  const tick = Math.ceil(nowS / NONCE_TICK_S);
  return [tick, tick - 1].some((candidate) => sameText(nonce, nonceForTick(keys, session, candidate)));
}
