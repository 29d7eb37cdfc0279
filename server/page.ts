/**
 * The stand-in host: a page that looks like a wp-admin screen (admin bar, admin menu with Bookings ▸ Reports) and
 * hands the dashboard its config the way `wp_localize_script()` does (with the first answers embedded, as the
 * WordPress plugin embeds them through `rest_preload_api_request()`), then loads the built dashboard script.
 */
import { readFile } from 'node:fs/promises';
import { ENDPOINT_NAMES, ENDPOINTS } from '../src/api/contract';
import type { EndpointName } from '../src/api/contract';
import { graphParams, reportsParams } from '../src/api/endpoints';
import type { ReportsOptions } from '../src/app/options';
import type { UserRow } from '../src/data/schema';
import type { JedLocaleData } from '../src/i18n';
import { isRtlLocale } from '../src/i18n/direction';
import { DEFAULT_RANGE, resolveRange } from '../src/lib/dates';
import type { RangeSelection, SiteCalendar } from '../src/lib/dates';

/**
 * What `wp_localize_script( 'booking-reports', 'bookingReportsConfig', … )` would print: the dashboard's own
 * options, with the ones a WordPress page always hands over made required.
 */
export type LocalizedConfig = ReportsOptions &
  Required<Pick<ReportsOptions, 'nonce' | 'timezone' | 'locale' | 'startOfWeek'>>;

/** Options of {@link renderAdminPage}. */
export interface AdminPageOptions {
  /** The dashboard's config. */
  config: LocalizedConfig;
  /** The logged-in user. */
  currentUser: UserRow;
  /** Everyone the admin bar can switch to. */
  users: readonly UserRow[];
  /** URL of the dashboard script. */
  scriptUrl: string;
  /** Whether the script exists; if not, the page says how to build it instead of failing silently. */
  dashboardBuilt: boolean;
  /** Where a fresh nonce is fetched when the dashboard's one expired (WordPress's `admin-ajax.php?action=rest-nonce`). */
  nonceUrl: string;
}

/** The site's name on the admin page, as WordPress's `blogname`; it heads a printed report too. */
export const SITE_NAME = 'Booking Site';

const SHIPPED_TRANSLATIONS: Record<string, string> = { de: 'de_DE.json', ar: 'ar.json' };

/**
 * The shipped Jed translations for a WordPress locale (`de_DE`, `de_AT`, `ar`), or `undefined` for English and
 * locales we do not ship. WordPress would load `languages/booking-reports-<locale>-<hash>.json` the same way.
 */
export async function loadShippedTranslations(locale: string): Promise<JedLocaleData | undefined> {
  const file = SHIPPED_TRANSLATIONS[locale.split(/[_-]/)[0]?.toLowerCase() ?? ''];
  if (!file) return undefined;
  return JSON.parse(
    await readFile(new URL(`../src/i18n/locales/${file}`, import.meta.url), 'utf8'),
  ) as JedLocaleData;
}

/** One request the page answers in advance: which endpoint, its exact query, and its `preloaded` key. */
export interface PreloadRequest {
  endpoint: EndpointName;
  /** The query string the dashboard sends, parsed as the route parses it. */
  params: URLSearchParams;
  /**
   * The key `rest_preload_api_request()` would give it: the route under the namespace with the query string, e.g.
   * `/fluent-booking/v2/reports?startTime=2025-03-01+00%3A00%3A00&endTime=…`.
   */
  key: string;
}

/**
 * The first requests a freshly mounted dashboard sends, as the client builds them: its first range (`range`, by
 * default "last 30 days") resolved in the site's calendar at `now` by the client's own `resolveRange`, and its query
 * strings by the client's own `reportsParams` / `graphParams`, one for each endpoint.
 *
 * @param namespaceRoot The REST namespace as WordPress keys preloaded answers, e.g. `/fluent-booking/v2/`.
 * @param calendar The site's timezone and start of week, as the page hands them to the dashboard.
 * @param now The instant the page is rendered, epoch ms.
 * @param range The dashboard's first range. @default DEFAULT_RANGE
 */
export function firstRequests(
  namespaceRoot: string,
  calendar: SiteCalendar,
  now: number,
  range: RangeSelection = DEFAULT_RANGE,
): PreloadRequest[] {
  const resolved = resolveRange(range, calendar, now);
  const queries: Record<EndpointName, Record<string, string>> = {
    reports: reportsParams(resolved.reportsQuery),
    graph: graphParams({ date_range: resolved.graphRange }),
    activities: {},
    // Our own two, which a dashboard on this server asks once the index lists them.
    heatmap: reportsParams(resolved.reportsQuery),
    filters: {},
  };
  return ENDPOINT_NAMES.map((endpoint) => {
    const params = new URLSearchParams(queries[endpoint]);
    const query = params.toString();
    return { endpoint, params, key: `${namespaceRoot}${ENDPOINTS[endpoint]}${query ? `?${query}` : ''}` };
  });
}

/** HTML text and attribute escaping. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>`, `&` and the JS line separators are escaped, so a value
 * like `</script>` cannot end the element (what `wp_json_encode` with `JSON_HEX_TAG` guarantees).
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A WordPress locale (`de_DE`, `ar`, `pt_BR_formal`) or `undefined`. */
export function parseLocale(text: string | null | undefined): string | undefined {
  return text && /^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,2}$/.test(text) ? text : undefined;
}

const MENU = [
  ['Dashboard', false],
  ['Posts', false],
  ['Media', false],
  ['Pages', false],
  ['Bookings', true],
  ['Appearance', false],
  ['Plugins', false],
  ['Users', false],
  ['Settings', false],
] as const;

const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html,body{margin:0;min-block-size:100%}
body{background:#f0f0f1;color:#3c434a;font:13px/1.4 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Oxygen-Sans,Ubuntu,Cantarell,"Helvetica Neue",sans-serif}
a{color:#2271b1}
#wpadminbar{position:fixed;inset-block-start:0;inset-inline:0;block-size:32px;background:#1d2327;color:#f0f0f1;display:flex;align-items:center;gap:16px;padding-inline:8px;z-index:10}
#wpadminbar a{color:#f0f0f1;text-decoration:none}
#wpadminbar .ab-logo{inline-size:20px;block-size:20px;border-radius:50%;border:2px solid #a7aaad;display:grid;place-items:center;font:bold 12px/1 Georgia,serif;color:#a7aaad}
#wpadminbar .ab-right{margin-inline-start:auto;display:flex;align-items:center;gap:8px}
#wpadminbar select,#wpadminbar button{font:inherit;font-size:12px;block-size:24px;border-radius:3px;border:1px solid #50575e;background:#2c3338;color:#f0f0f1;padding-inline:6px}
#wpadminbar button{cursor:pointer}
#adminmenuwrap{position:fixed;inset-block:32px 0;inset-inline-start:0;inline-size:160px;background:#1d2327;overflow-y:auto}
#adminmenu{list-style:none;margin:12px 0 0;padding:0}
#adminmenu>li>a{display:block;padding:8px 12px;color:#f0f0f1;text-decoration:none;font-size:14px}
#adminmenu>li.current>a{background:#2271b1;color:#fff}
#adminmenu .wp-submenu{list-style:none;margin:0;padding:6px 0;background:#2c3338}
#adminmenu .wp-submenu a{display:block;padding:5px 12px;color:#c3c4c7;text-decoration:none}
#adminmenu .wp-submenu .current a{color:#fff;font-weight:600}
#wpcontent{margin-inline-start:160px;padding-block-start:32px}
@media print{#wpadminbar,#adminmenuwrap,.wrap>h1{display:none}#wpcontent{margin:0;padding:0}body{background:#fff}}
.wrap{margin:10px 20px 0 2px;padding-inline:20px 0}
.wrap h1{font-size:23px;font-weight:400;margin:0;padding:9px 0 4px;line-height:1.3}
.notice{background:#fff;border:1px solid #c3c4c7;border-inline-start:4px solid #dba617;margin:12px 0;padding:8px 12px}
.screen-reader-text{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip:rect(1px,1px,1px,1px);white-space:nowrap}
@media (max-width:782px){#adminmenuwrap{display:none}#wpcontent{margin-inline-start:0}}
`;

/** What {@link renderAdminPageShell} needs: the page's options, of the config only the locale. */
export type AdminPageShellOptions = Omit<AdminPageOptions, 'config'> & {
  config: Pick<LocalizedConfig, 'locale'>;
};

/**
 * The page up to the dashboard's element: head, admin bar, menu and heading, everything but the config and the
 * script. A server may send it before the config is ready (the preloaded answers take a database round): the
 * browser paints the admin chrome and, told by the head's `<link rel="preload">`, fetches the dashboard script
 * meanwhile. {@link renderAdminPageScripts} is the rest.
 */
export function renderAdminPageShell(options: AdminPageShellOptions): string {
  const { config, currentUser, users } = options;
  const dir = isRtlLocale(config.locale) ? 'rtl' : 'ltr';
  const userOptions = users
    .map(
      (user) =>
        `<option value="${user.ID}"${user.ID === currentUser.ID ? ' selected' : ''}>` +
        `${escapeHtml(user.display_name)} (${user.role === 'administrator' ? 'Administrator' : 'Host'})</option>`,
    )
    .join('');
  const menu = MENU.map(([label, current]) => {
    if (!current) return `<li><a href="#">${label}</a></li>`;
    return (
      `<li class="current"><a href="#" aria-current="true">${label}</a><ul class="wp-submenu">` +
      '<li><a href="#">Calendars</a></li><li><a href="#">Bookings</a></li>' +
      '<li class="current"><a href="" aria-current="page">Reports</a></li></ul></li>'
    );
  }).join('');
  const notBuilt = options.dashboardBuilt
    ? ''
    : '<div class="notice" role="status"><p>The dashboard is not built yet: run <code>npm run build</code>, ' +
      'then reload this page.</p></div>';
  const preloadScript = options.dashboardBuilt
    ? `<link rel="preload" href="${escapeHtml(options.scriptUrl)}" as="script">\n`
    : '';

  return `<!doctype html>
<html lang="${escapeHtml(config.locale.replace('_', '-'))}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports ‹ ${SITE_NAME} — WordPress</title>
${preloadScript}<style>${PAGE_CSS}</style>
</head>
<body class="wp-admin">
<div id="wpadminbar" role="navigation" aria-label="Toolbar">
<span class="ab-logo" aria-hidden="true">W</span>
<a href="#">${SITE_NAME}</a>
<form class="ab-right" method="get" action="">
<input type="hidden" name="page" value="booking-reports">
<input type="hidden" name="locale" value="${escapeHtml(config.locale)}">
<span>Howdy, ${escapeHtml(currentUser.display_name)}</span>
<label class="screen-reader-text" for="br-switch-user">Switch user</label>
<select id="br-switch-user" name="user">${userOptions}</select>
<button type="submit">Switch user</button>
</form>
</div>
<div id="adminmenuwrap"><ul id="adminmenu" role="navigation" aria-label="Main menu">${menu}</ul></div>
<div id="wpcontent">
<main class="wrap">
<h1>Reports</h1>
${notBuilt}
<div data-booking-reports></div>
</main>
</div>
`;
}

/**
 * The end of the page: the config as `wp_localize_script()` prints it (one line, so it can be read back by line),
 * the nonce refresh, and the dashboard script, which mounts from that config.
 */
export function renderAdminPageScripts(
  options: Pick<AdminPageOptions, 'config' | 'scriptUrl' | 'dashboardBuilt' | 'nonceUrl'>,
): string {
  const refresh =
    `window.bookingReportsConfig.refreshNonce = function () {` +
    ` return fetch(${scriptJson(options.nonceUrl)}, { credentials: 'same-origin' }).then(function (response) {` +
    ` if (!response.ok) throw new Error('Could not refresh the nonce'); return response.text(); }); };`;
  return `<script>
var bookingReportsConfig = ${scriptJson(options.config)};
${refresh}
</script>
${options.dashboardBuilt ? `<script src="${escapeHtml(options.scriptUrl)}"></script>` : ''}
</body>
</html>
`;
}

/** The whole admin page. */
export function renderAdminPage(options: AdminPageOptions): string {
  return renderAdminPageShell(options) + renderAdminPageScripts(options);
}
