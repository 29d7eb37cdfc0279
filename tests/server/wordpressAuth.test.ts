// @vitest-environment node
/**
 * Where `--auth wordpress` finds the site's keys, as WordPress finds them: `wp-config.php`'s defines (read, never
 * run), `WORDPRESS_*` variables, and the options table for a key that is missing, the sample phrase or shared. That
 * the cookies and nonces match WordPress's own is proven against a real WordPress (`tests/wordpress/backendLogins`).
 */
import { describe, expect, it } from 'vitest';
import {
  constantsFromEnv,
  loggedInCookieName,
  parseWpConfig,
  wordPressKeys,
} from '../../server/wordpressAuth';

const noOptions = async (): Promise<string | undefined> => undefined;

describe('WordPress keys for --auth wordpress', () => {
  it('reads defines in either quote style with PHP’s escapes, and nothing else', () => {
    const config = String.raw`<?php
define( 'LOGGED_IN_KEY', 'it\'s a \\ key $x' );
define("LOGGED_IN_SALT","dq \"quoted\" \$dollar \x41\101\u{1F600} \n");
  define ( 'NONCE_KEY' , 'spaced' ) ;
// define( 'NONCE_SALT', 'commented out' );
/* define( 'NONCE_SALT', 'commented out' ); */ # define( 'NONCE_SALT', 'commented out' );
define( 'NONCE_SALT', 'salt with // and # and /* inside' );
define( 'DB_PASSWORD', 'not read' );
define( 'WP_SITEURL', 'https://site.example/' );
$table_prefix = 'wp_';`;
    const constants = parseWpConfig(config);
    expect(constants).toEqual({
      LOGGED_IN_KEY: "it's a \\ key $x",
      LOGGED_IN_SALT: 'dq "quoted" $dollar AA\u{1F600} \n',
      NONCE_KEY: 'spaced',
      NONCE_SALT: 'salt with // and # and /* inside',
      WP_SITEURL: 'https://site.example/',
    });
  });

  it('takes a key from the options table when its constant is missing, the sample phrase or duplicated', async () => {
    const options: Record<string, string> = {
      logged_in_key: 'option key',
      logged_in_salt: 'option salt',
      nonce_key: 'option nonce key',
      nonce_salt: 'option nonce salt',
    };
    const option = async (name: string): Promise<string | undefined> => options[name];
    const keys = await wordPressKeys(
      {
        LOGGED_IN_KEY: 'put your unique phrase here',
        LOGGED_IN_SALT: 'unique salt',
        NONCE_KEY: 'same twice',
        AUTH_KEY: 'same twice',
      },
      option,
    );
    expect(keys).toEqual({
      loggedIn: 'option key' + 'unique salt',
      nonce: 'option nonce key' + 'option nonce salt',
    });
  });

  it('falls back to SECRET_KEY for a key, and names what is missing', async () => {
    const keys = await wordPressKeys(
      { SECRET_KEY: 'old secret', LOGGED_IN_SALT: 'a', NONCE_SALT: 'b' },
      noOptions,
    );
    expect(keys).toEqual({ loggedIn: 'old secreta', nonce: 'old secretb' });
    await expect(wordPressKeys({ LOGGED_IN_KEY: 'k', LOGGED_IN_SALT: 's' }, noOptions)).rejects.toThrow(
      "WordPress's NONCE_KEY was not found: pass --wp-config with the site's wp-config.php, or set WORDPRESS_NONCE_KEY.",
    );
  });

  it('reads WORDPRESS_* variables', () => {
    expect(
      constantsFromEnv({ WORDPRESS_NONCE_SALT: 'n', WORDPRESS_DB_PASSWORD: 'x', NONCE_KEY: 'y' }),
    ).toEqual({
      NONCE_SALT: 'n',
    });
  });

  it('names the logged-in cookie as WordPress does', () => {
    // md5('https://site.example'): WP_SITEURL wins over the option, without its trailing slash.
    expect(loggedInCookieName({ WP_SITEURL: 'https://site.example/' }, 'https://other.example')).toBe(
      'wordpress_logged_in_1b9e9baeb02313fafc80cc611e5755f6',
    );
    expect(loggedInCookieName({}, 'https://site.example')).toBe(
      'wordpress_logged_in_1b9e9baeb02313fafc80cc611e5755f6',
    );
    expect(loggedInCookieName({ COOKIEHASH: 'abc' }, 'https://site.example')).toBe('wordpress_logged_in_abc');
    expect(loggedInCookieName({ LOGGED_IN_COOKIE: 'custom' }, undefined)).toBe('custom');
  });
});
