/**
 * What a host page passes to the dashboard (`mount(target, options)`, `window.bookingReportsConfig`, the widget's
 * config message). Everything but `restUrl` is optional, and every value is checked, since it may come from JSON a
 * plugin printed into the page.
 */
import type { EarlyRequests, PreloadedAnswers } from '../api/preload';
import { pickPanels } from '../components/panelNames';
import type { DashboardPanel } from '../components/panelNames';
import type { JedLocaleData } from '../i18n';
import { RANGE_PRESETS } from '../lib/dates';
import type { RangePresetId, RangeSelection } from '../lib/dates';
import { safeHref } from '../lib/links';
import { isValidTimezone } from '../lib/siteTime';

/** Light, dark, or following the operating system. */
export type ColorMode = 'light' | 'dark' | 'auto';

/** Colour tokens a host may override, e.g. with the user's wp-admin colour scheme. Each maps to `--br-color-<token>`. */
const THEME_TOKENS = [
  'primary',
  'primary-strong',
  'on-primary',
  'focus',
  'text',
  'text-muted',
  'surface',
  'background',
  'border',
  'series-booked',
  'series-completed',
  'series-cancelled',
] as const;

/** A colour token name. */
export type ThemeToken = (typeof THEME_TOKENS)[number];

/** A colour scheme: a mode, or a mode with colours (e.g. `{ colors: { primary: '#e14d43' } }` for "Sunrise"). */
export type ColorScheme = ColorMode | { mode?: ColorMode; colors?: Partial<Record<ThemeToken, string>> };

/** Options of one dashboard instance. */
export interface ReportsOptions {
  /** REST root of the reports API, e.g. `rest_url('fluent-booking/v2/')`. Required. */
  restUrl: string;
  /** `wp_create_nonce('wp_rest')`, sent as `X-WP-Nonce`. */
  nonce?: string;
  /** Asked once for a fresh nonce when the server says the nonce expired (`rest_cookie_invalid_nonce`). */
  refreshNonce?: () => Promise<string>;
  /**
   * Where a fresh nonce can be fetched when no `refreshNonce` is given: the answer's text is the nonce, as
   * WordPress's `admin-ajax.php?action=rest-nonce` gives it to the logged-in cookie.
   */
  refreshNonceUrl?: string;
  /** Which panels to show, in page order (`overview`, `graph`, `latest`, `next`, `activities`). @default all */
  panels?: readonly string[];
  /** First answers the page embedded (`rest_preload_api_request()`), used once each instead of a request. */
  preloaded?: PreloadedAnswers;
  /**
   * Requests the page sent itself before the script ran (the plugin's pages do when they preload nothing), keyed as
   * `preloaded` is: each answer is used once instead of a request.
   */
  early?: EarlyRequests;
  /** Site timezone: IANA name or `±HH:MM` (`wp_timezone_string()`). @default 'UTC' */
  timezone?: string;
  /** User locale, WordPress (`de_DE`) or BCP 47 (`de-DE`) (`get_user_locale()`). @default 'en' */
  locale?: string;
  /** WordPress `start_of_week`: 0 Sunday … 6 Saturday; a numeric string as `get_option()` gives it is fine. @default 1 */
  startOfWeek?: number | string;
  /** Jed 1.x translations for `locale` (what `wp_set_script_translations` produces). */
  translations?: JedLocaleData;
  /** Link template for an activity's booking, `{id}` replaced by the booking id. */
  bookingUrl?: string;
  /**
   * The booking plugin's bookings list, e.g. `admin.php?page=fluent-booking#/scheduled-events`: each overview tile
   * links there (absolute `http(s)` or relative to the page). Without it the tiles are plain, not interactive.
   * Following a tile's link first dispatches the cancelable `booking-reports:tile` event.
   */
  bookingsUrl?: string;
  /**
   * Colours and dark mode. @default 'light': the host's page is light unless it says otherwise, so a dark operating
   * system never turns the dashboard into a dark slab inside a light wp-admin; `'auto'` follows the system.
   */
  colorScheme?: ColorScheme;
  /** The first range when none was remembered. @default 'last_30_days' */
  range?: RangeSelection | RangePresetId;
  /** The site's name (`get_bloginfo( 'name' )`), at the top of a printed report. @default none */
  siteName?: string;
  /** Offer "Print report" (off where the dashboard is part of a bigger page, as the wp-admin Dashboard widget). @default true */
  print?: boolean;
}

/** Options after checking: what the app factory works with. */
export interface ResolvedOptions {
  restUrl: string;
  nonce: string | undefined;
  refreshNonce: (() => Promise<string>) | undefined;
  panels: DashboardPanel[];
  preloaded: PreloadedAnswers | undefined;
  early: EarlyRequests | undefined;
  timezone: string;
  locale: string | undefined;
  startOfWeek: number;
  translations: JedLocaleData | undefined;
  bookingUrl: string | undefined;
  bookingsUrl: string | undefined;
  colorMode: ColorMode;
  colors: Partial<Record<ThemeToken, string>>;
  range: RangeSelection | undefined;
  siteName: string | undefined;
  print: boolean;
}

/** An option a host passed that cannot work; thrown by {@link resolveOptions}. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

// Colours end up in `style.setProperty`, which cannot break out of the value; this only keeps out obvious junk.
const SAFE_COLOR = /^[#\w\s.,%()/+-]{1,64}$/;
// The tokens paint backgrounds, where `url()` or `image-set()` would fetch from anywhere: only colour functions pass.
const COLOR_FUNCTIONS = new Set([
  'rgb',
  'rgba',
  'hsl',
  'hsla',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'color',
  'color-mix',
  'var',
]);

function isSafeColor(color: string): boolean {
  return (
    SAFE_COLOR.test(color) &&
    [...color.matchAll(/([\w-]*)\(/g)].every(([, name = '']) => COLOR_FUNCTIONS.has(name.toLowerCase()))
  );
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A `refreshNonce` that asks `url` with the login cookie, or `undefined` without a URL. */
function nonceFetcher(url: string | undefined): (() => Promise<string>) | undefined {
  if (!url) return undefined;
  return async () => {
    const answer = await fetch(url, { credentials: 'same-origin' });
    const text = (await answer.text()).trim();
    // WordPress answers `0` (HTTP 400) when the cookie is no longer logged in.
    if (!answer.ok || text === '' || text === '0')
      throw new Error(`no fresh nonce from ${url} (${answer.status})`);
    return text;
  };
}

/**
 * Checks a host's options and fills in the defaults. Unusable optional values fall back to their defaults with a
 * console warning (a host page's typo must not blank the screen); a missing `restUrl` throws.
 */
export function resolveOptions(input: ReportsOptions): ResolvedOptions {
  const restUrl = stringOption(input?.restUrl);
  if (!restUrl) throw new OptionsError('booking-reports: the "restUrl" option is required');

  let timezone = stringOption(input.timezone) ?? 'UTC';
  if (!isValidTimezone(timezone)) {
    console.warn(`booking-reports: unknown timezone "${timezone}", using UTC`);
    timezone = 'UTC';
  }

  // WordPress prints `start_of_week` as a string ("1"); an empty or odd value must not silently mean Sunday.
  const weekStart =
    typeof input.startOfWeek === 'string' && input.startOfWeek.trim() === ''
      ? NaN
      : Number(input.startOfWeek ?? 1);
  const startOfWeek = Number.isInteger(weekStart) && weekStart >= 0 && weekStart <= 6 ? weekStart : 1;
  if (startOfWeek !== weekStart)
    console.warn(`booking-reports: start of week "${String(input.startOfWeek)}" is not 0–6, using 1`);

  const scheme = input.colorScheme;
  const mode = typeof scheme === 'string' ? scheme : scheme?.mode;
  const colors: Partial<Record<ThemeToken, string>> = {};
  if (scheme && typeof scheme === 'object' && scheme.colors) {
    for (const token of THEME_TOKENS) {
      const color = stringOption(scheme.colors[token]);
      if (color && isSafeColor(color)) colors[token] = color;
    }
  }

  const range =
    typeof input.range === 'string'
      ? (RANGE_PRESETS as readonly string[]).includes(input.range) && input.range !== 'custom'
        ? { preset: input.range }
        : undefined
      : input.range;

  const bookingsUrl = stringOption(input.bookingsUrl);
  if (bookingsUrl && !safeHref(bookingsUrl)) {
    console.warn(
      `booking-reports: the bookingsUrl "${bookingsUrl}" is no http(s) URL, the tiles get no link`,
    );
  }

  return {
    restUrl,
    nonce: stringOption(input.nonce),
    refreshNonce:
      typeof input.refreshNonce === 'function'
        ? input.refreshNonce
        : nonceFetcher(stringOption(input.refreshNonceUrl)),
    panels: pickPanels(Array.isArray(input.panels) ? input.panels : undefined),
    preloaded: input.preloaded && typeof input.preloaded === 'object' ? input.preloaded : undefined,
    early: input.early && typeof input.early === 'object' ? input.early : undefined,
    timezone,
    locale: stringOption(input.locale),
    startOfWeek,
    translations:
      input.translations && typeof input.translations === 'object' ? input.translations : undefined,
    bookingUrl: stringOption(input.bookingUrl),
    bookingsUrl: safeHref(bookingsUrl) ?? undefined,
    colorMode: mode === 'light' || mode === 'dark' || mode === 'auto' ? mode : 'light',
    colors,
    range,
    siteName: stringOption(input.siteName),
    print: input.print !== false,
  };
}
