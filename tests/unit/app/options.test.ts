import { describe, expect, it, vi } from 'vitest';
import { OptionsError, resolveOptions } from '../../../src/app/options';
import type { ReportsOptions } from '../../../src/app/options';

const REST_URL = 'https://site.test/wp-json/fluent-booking/v2/';

describe('resolveOptions', () => {
  it('fills in the defaults around restUrl', () => {
    expect(resolveOptions({ restUrl: ` ${REST_URL} ` })).toEqual({
      restUrl: REST_URL,
      nonce: undefined,
      refreshNonce: undefined,
      panels: ['overview', 'graph', 'heatmap', 'latest', 'next', 'activities'],
      preloaded: undefined,
      timezone: 'UTC',
      locale: undefined,
      startOfWeek: 1,
      translations: undefined,
      bookingUrl: undefined,
      colorMode: 'light',
      colors: {},
      range: undefined,
      siteName: undefined,
      print: true,
    });
  });

  it('keeps the known panels a page asks for, in page order', () => {
    expect(resolveOptions({ restUrl: REST_URL, panels: ['graph', 'bogus', 'overview'] }).panels).toEqual([
      'overview',
      'graph',
    ]);
  });

  it.each([{}, { restUrl: '' }, { restUrl: '   ' }, { restUrl: 42 }, null])(
    'throws an OptionsError without a usable restUrl (%j)',
    (input) => {
      expect(() => resolveOptions(input as unknown as ReportsOptions)).toThrow(OptionsError);
      expect(() => resolveOptions(input as unknown as ReportsOptions)).toThrow(
        /"restUrl" option is required/,
      );
    },
  );

  it('keeps an IANA timezone and a fixed offset', () => {
    expect(resolveOptions({ restUrl: REST_URL, timezone: 'America/Los_Angeles' }).timezone).toBe(
      'America/Los_Angeles',
    );
    expect(resolveOptions({ restUrl: REST_URL, timezone: '+05:30' }).timezone).toBe('+05:30');
  });

  it('falls back to UTC with a warning for an unknown timezone', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const options = resolveOptions({ restUrl: REST_URL, timezone: 'Mars/Olympus_Mons' });

    expect(options.timezone).toBe('UTC');
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toContain('Mars/Olympus_Mons');
  });

  it.each([
    [0, 0],
    [6, 6],
    ['3', 3],
    [7, 1],
    [-1, 1],
    [2.5, 1],
    ['monday', 1],
    [undefined, 1],
  ])('reads startOfWeek %j as %d', (startOfWeek, expected) => {
    expect(resolveOptions({ restUrl: REST_URL, startOfWeek: startOfWeek as number }).startOfWeek).toBe(
      expected,
    );
  });

  it.each([
    ['dark', 'dark'],
    ['light', 'light'],
    ['auto', 'auto'],
    ['purple', 'light'],
  ])('reads the colour scheme %j as mode %j', (colorScheme, mode) => {
    const options = resolveOptions({ restUrl: REST_URL, colorScheme: colorScheme as 'dark' });
    expect(options.colorMode).toBe(mode);
    expect(options.colors).toEqual({});
  });

  it('reads a colour scheme object’s mode and known colour tokens', () => {
    const options = resolveOptions({
      restUrl: REST_URL,
      colorScheme: {
        mode: 'dark',
        colors: {
          primary: '#e14d43',
          'series-booked': 'rgb(34, 113, 177)',
          focus: 'var(--wp-admin-theme-color)',
          unknownToken: '#000',
        } as Record<string, string>,
      },
    });

    expect(options.colorMode).toBe('dark');
    expect(options.colors).toEqual({
      primary: '#e14d43',
      'series-booked': 'rgb(34, 113, 177)',
      focus: 'var(--wp-admin-theme-color)',
    });
  });

  it.each([
    'red; background: url(https://evil.example/x.png)',
    'url(//evil.example/pixel.png)',
    'image-set(//evil.example/pixel.png 1x)',
    '</style><script>alert(1)</script>',
    'expression(alert(1))',
    '"quoted"',
    '',
    `#${'0'.repeat(80)}`,
  ])('drops the unsafe colour %j', (color) => {
    const options = resolveOptions({
      restUrl: REST_URL,
      colorScheme: { colors: { primary: color, text: '#111' } },
    });

    expect(options.colors).toEqual({ text: '#111' });
  });

  it('ignores colours that are not strings', () => {
    const options = resolveOptions({
      restUrl: REST_URL,
      colorScheme: { colors: { primary: 12, text: { r: 1 } } as unknown as Record<string, string> },
    });

    expect(options.colors).toEqual({});
  });

  it.each([
    ['last_7_days', { preset: 'last_7_days' }],
    ['all_time', { preset: 'all_time' }],
    ['custom', undefined],
    ['next_week', undefined],
  ])('reads the range preset string %j', (range, expected) => {
    expect(resolveOptions({ restUrl: REST_URL, range: range as 'today' }).range).toEqual(expected);
  });

  it('passes a range object through for the range store to check', () => {
    const range = { preset: 'custom' as const, from: '2025-10-01', to: '2025-10-15' };
    expect(resolveOptions({ restUrl: REST_URL, range }).range).toEqual(range);
  });

  it('keeps the nonce, its refresher, the locale and the booking link', () => {
    const refreshNonce = () => Promise.resolve('fresh');

    const options = resolveOptions({
      restUrl: REST_URL,
      nonce: 'abc123',
      refreshNonce,
      locale: 'de_DE',
      bookingUrl: 'https://site.test/wp-admin/admin.php?page=fluent-booking#/scheduled-events?booking={id}',
    });

    expect(options).toMatchObject({
      nonce: 'abc123',
      refreshNonce,
      locale: 'de_DE',
      bookingUrl: 'https://site.test/wp-admin/admin.php?page=fluent-booking#/scheduled-events?booking={id}',
    });
  });

  it('keeps an http(s) or relative bookingsUrl for the tiles, and drops any other with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bookingsUrl = (url: string) => resolveOptions({ restUrl: '/r/', bookingsUrl: url }).bookingsUrl;
    expect(bookingsUrl('admin.php?page=fluent-booking#/scheduled-events')).toBe(
      'admin.php?page=fluent-booking#/scheduled-events',
    );
    expect(bookingsUrl('https://wp.example.com/wp-admin/admin.php?page=fluent-booking')).toBe(
      'https://wp.example.com/wp-admin/admin.php?page=fluent-booking',
    );
    // A tab inside the scheme is stripped by the URL parser: still `javascript:`.
    expect(bookingsUrl('java\tscript:alert(1)')).toBeUndefined();
    expect(bookingsUrl('data:text/html,<b>x</b>')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(resolveOptions({ restUrl: '/r/' }).bookingsUrl).toBeUndefined();
    warn.mockRestore();
  });
});
