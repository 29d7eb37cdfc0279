/**
 * Support for the hostile-input suite: a host page on a made-up origin (`http://hostile.test/`) that loads the built
 * `dist/booking-reports.iife.js`, REST answers the test writes itself (valid bodies carrying payloads, or broken
 * ones), and a walk of the app's shadow DOM that lists everything a payload could have left behind.
 *
 * Every payload tries to run `window.__pwned = true`; none may.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { EndpointName } from '../../src/api/contract';
import type { BookingSummary, NextMeeting, OverviewWidget } from '../../src/api/types';
import { REST_ROOT } from '../../server/app';
import { endpointOf, ROOT } from './support';

/** The host page's origin; Playwright answers every request to it, nothing goes to a network. */
export const HOST_ORIGIN = 'http://hostile.test';
/**
 * The same host page over HTTPS, as wp-admin is on most sites: a secure context, which Chromium lets reach a
 * loopback server such as the {@link Canary} once the page has the `local-network-access` permission.
 */
export const SECURE_HOST_ORIGIN = 'https://hostile.test';
/** Where the payloads point their external references; any request to it is a finding. */
export const EVIL_ORIGIN = 'http://evil.test';

const PWN = 'window.__pwned=true';

/**
 * SVG icons that try to run script or reach out: every trick the issue names, plus a few known sanitizer bypasses.
 * Each is sent as a server icon, which the dashboard shows after sanitizing.
 */
export const HOSTILE_SVG_ICONS: readonly string[] = [
  `<svg xmlns="http://www.w3.org/2000/svg"><script>${PWN}</script><circle r="4"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg" onload="${PWN}"><circle r="4" onmouseover="${PWN}"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:${PWN}"><rect width="24" height="24"/></a></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="data:text/html,&lt;script&gt;${PWN}&lt;/script&gt;"><text>x</text></a></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="24" height="24"><img src="x" onerror="${PWN}"/><iframe src="javascript:${PWN}"></iframe></foreignObject></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><use href="${EVIL_ORIGIN}/sprite.svg#icon"/><use xlink:href="${EVIL_ORIGIN}/sprite2.svg#icon" xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" values="javascript:${PWN}" begin="0s"/><text y="12">click</text></a></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:${PWN}" begin="0s"/><rect width="24" height="24"/></a></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><animate onbegin="${PWN}" attributeName="x" dur="1s"/><set onbegin="${PWN}" attributeName="y" to="1"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(${EVIL_ORIGIN}/style.css); rect { fill: url(${EVIL_ORIGIN}/fill.svg#p); }</style><rect width="24" height="24" style="fill: url(${EVIL_ORIGIN}/inline.svg#p); background: url(${EVIL_ORIGIN}/track.png)"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><![CDATA[<img src="x" onerror="${PWN}">]]><script><![CDATA[${PWN}]]></script></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><x:script xmlns:x="http://www.w3.org/2000/svg">${PWN}</x:script><html:img xmlns:html="http://www.w3.org/1999/xhtml" src="x" onerror="${PWN}"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="${PWN}"/><image href="${EVIL_ORIGIN}/pixel.png"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">${PWN}</handler><discard onbegin="${PWN}"/></svg>`,
  `<svg></p><style><a id="</style><img src=1 onerror=${PWN}>"></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}></style></mglyph></table></mtext></math>`,
  `<img src="x" onerror="${PWN}">`,
  `<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:${PWN}"><rect width="9" height="9"/></a><a href=" java&#x09;script:${PWN}"><rect width="9" height="9"/></a></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><use href="data:image/svg+xml;base64,${Buffer.from(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="${PWN}"/></svg>`).toString('base64')}#x"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><feImage href="${EVIL_ORIGIN}/filter.png"/><a href="${EVIL_ORIGIN}/"><rect width="4" height="4"/></a></svg>`,
  // An unclosed `url(` is still a URL to CSS (the end of the value closes it), in every attribute that takes one.
  `<svg xmlns="http://www.w3.org/2000/svg"><rect width="24" height="24" fill="url(${EVIL_ORIGIN}/fill.svg#p"/><circle r="8" stroke="URL( '${EVIL_ORIGIN}/stroke.svg#p'"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><rect width="24" height="24" filter="url(${EVIL_ORIGIN}/filter.svg#f"/><rect width="9" height="9" mask=url(${EVIL_ORIGIN}/mask.svg#m /></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><path d="M2 2L12 12L22 2" stroke="black" marker-start="url(${EVIL_ORIGIN}/marker-start.svg#m" marker-mid="url(\n${EVIL_ORIGIN}/marker-mid.svg#m" marker-end="url(&quot;${EVIL_ORIGIN}/marker-end.svg#m"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg"><rect width="24" height="24" clip-path="url(${EVIL_ORIGIN}/clip.svg#c"/><rect width="24" height="24" cursor="url(${EVIL_ORIGIN}/cursor.png"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg" style="background:url(${EVIL_ORIGIN}/background.png"><rect width="24" height="24" style="fill:url(${EVIL_ORIGIN}/style.svg#p"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg" style="background-image:image-set('${EVIL_ORIGIN}/set.png' 1x)"><defs><linearGradient id="g"/></defs><rect width="24" height="24" fill="url(#g) url(${EVIL_ORIGIN}/second.svg#p"/></svg>`,
  `<svg xmlns="http://www.w3.org/2000/svg" style="background:-webkit-image-set('${EVIL_ORIGIN}/webkit-set.png' 1x)"><rect width="24" height="24" style="fill:\\75 rl(${EVIL_ORIGIN}/escaped.svg#p"/><rect width="4" height="4" style="filter:u/**/rl(${EVIL_ORIGIN}/comment.svg#f"/></svg>`,
];

/** Text payloads for names, e-mails, titles and activity texts: shown as text, never as markup. */
export const HOSTILE_TEXTS: readonly string[] = [
  `<img src=x onerror="${PWN}">`,
  `"><script>${PWN}</script>`,
  `<svg onload=${PWN}>`,
  `javascript:${PWN}`,
  `{{ constructor.constructor('${PWN}')() }}`,
  `<a href="javascript:${PWN}">mail</a>@example.com`,
  `</span><iframe src="javascript:${PWN}"></iframe>`,
  `\u202e<b onmouseover=${PWN}>x</b>`,
];

/** A text payload by index, wrapping around. */
function hostileText(index: number): string {
  return HOSTILE_TEXTS[index % HOSTILE_TEXTS.length] ?? '';
}

const TITLES = ['Total Bookings', 'Completed Bookings', 'Cancelled Bookings', 'Total Guests'] as const;
const PERIODS = ['all', 'completed', 'cancelled', undefined] as const;

/** A valid `/reports` body whose four icons are `icons` and whose every text is a payload. */
export function hostileReports(icons: readonly string[], now: number): Record<string, unknown> {
  const overview: OverviewWidget[] = TITLES.map((title, index) => ({
    title: `${title} ${hostileText(index)}`,
    ...(PERIODS[index] === undefined ? {} : { period: PERIODS[index] }),
    number: 10 + index,
    content: hostileText(index + 1),
    icon: icons[index] ?? '',
    stat: 12.5,
  }));
  const start = new Date(now + 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
  const end = new Date(now + 86_400_000 + 1_800_000).toISOString().slice(0, 19).replace('T', ' ');
  const latest: BookingSummary[] = [0, 1, 2].map((index) => ({
    id: index + 1,
    status: 'scheduled',
    first_name: hostileText(index),
    last_name: hostileText(index + 3),
    email: hostileText(index + 5),
    start_time: start,
    end_time: end,
  }));
  const next: NextMeeting[] = [0, 1, 2].map((index) => ({
    id: index + 10,
    status: 'scheduled',
    first_name: hostileText(index + 2),
    last_name: hostileText(index + 4),
    email: hostileText(index + 6),
    start_time: start,
    end_time: end,
    title: hostileText(index + 1),
    author: { name: hostileText(index + 7), avatar: `javascript:${PWN}` },
    slot: { id: index + 1, title: hostileText(index) },
    booked_count: 2,
  }));
  return { overview, latest_books: latest, next_meetings: next };
}

/** A valid `/reports/graph-reports` body over the last three days before `now`. */
export function plainGraph(now: number): Record<string, Record<string, number>> {
  const days = [2, 1, 0].map((back) => new Date(now - back * 86_400_000).toISOString().slice(0, 10));
  const series = (values: number[]): Record<string, number> =>
    Object.fromEntries(days.map((day, index) => [day, values[index] ?? 0]));
  return {
    booked_stats: series([5, 3, 8]),
    completed_stats: series([3, 2, 6]),
    cancelled_stats: series([1, 0, 0]),
  };
}

/**
 * A `/reports/activities` body of `count` entries, every text a payload, `booking_id` a number or a numeric string
 * as a real site sends it.
 */
export function hostileActivities(count: number, now: number): { activities: Record<string, unknown>[] } {
  return {
    activities: Array.from({ length: count }, (_, index) => {
      const at = new Date(now - index * 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
      return {
        id: index + 1,
        booking_id: index % 3 === 0 ? `${index + 1}` : index + 1,
        parent_id: null,
        created_by: null,
        status: 'closed',
        type: ['success', 'info', 'error', 'activity'][index % 4] ?? 'info',
        title: hostileText(index),
        description: hostileText(index + 1),
        created_at: at,
        updated_at: at,
      };
    }),
  };
}

/** One REST answer: a status, a content type and the exact body text. */
export interface RestAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A JSON answer with status 200 (or `status`). */
export function json(body: unknown, status = 200): RestAnswer {
  return { status, contentType: 'application/json; charset=UTF-8', body: JSON.stringify(body) };
}

/**
 * Answers for every endpoint and for the namespace index (`index`), which may declare our backend's own two: a
 * host that declares them gets its heatmap and filter choices asked, payloads and all.
 */
export interface RestAnswers extends Record<EndpointName, RestAnswer> {
  index: RestAnswer;
}

/** A heatmap body of numbers as a real server should not send them: numeric strings, negatives, huge, not numbers. */
export function hostileHeatmap(): { weekday_hours: unknown[][] } {
  const odd = ['3', -5, 1e300, 'x', null, 2.5];
  return {
    weekday_hours: Array.from({ length: 7 }, (_, day) =>
      Array.from({ length: 24 }, (_, hour) => odd[(day * 24 + hour) % odd.length]),
    ),
  };
}

/** Filter choices whose every name is a payload, some with ids as strings, one without a usable id. */
export function hostileFilterOptions(): Record<string, unknown[]> {
  const choices = (offset: number) =>
    HOSTILE_TEXTS.map((name, index) => ({
      id: index % 2 ? String(index + 1) : index + 1,
      name: hostileText(index + offset),
    }));
  return {
    hosts: [...choices(0), { id: '1 OR 1=1', name: 'no id' }],
    calendars: choices(1),
    events: choices(2).map((event) => ({ ...event, calendar_id: 1 })),
  };
}

/** The host page: config as `wp_localize_script` prints it (with a hostile booking link template), then the module. */
function hostPage(hostOrigin: string): string {
  const config = {
    restUrl: `${hostOrigin}${REST_ROOT}`,
    nonce: 'hostile-nonce',
    timezone: 'Europe/Berlin',
    locale: 'en_US',
    startOfWeek: 1,
    bookingUrl: `javascript:${PWN}//{id}`,
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile host</title></head>
<body>
<h1>Reports</h1>
<div data-booking-reports></div>
<script>var bookingReportsConfig = ${JSON.stringify(config)};</script>
<script src="/booking-reports.iife.js"></script>
</body></html>`;
}

/** A real HTTP server on 127.0.0.1 that counts what reaches it; see {@link startCanary}. */
export interface Canary {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Method and path of every request it received, in order. */
  requests: string[];
  /** Stops it, closing any connection still open. */
  close(): Promise<void>;
}

/**
 * Starts a canary server on 127.0.0.1 and an ephemeral port: it records every request it receives and answers it
 * with an empty 404. Payloads pointed at its origin show, by its count, whether the browser really fetched them.
 */
export async function startCanary(): Promise<Canary> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    response.writeHead(404, { 'content-length': '0' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The canary has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Options of {@link serveHostilePage}. */
export interface HostileServeOptions {
  /** The host page's origin. @default HOST_ORIGIN */
  hostOrigin?: string;
  /** An origin whose requests go out to the network (a {@link Canary}) instead of failing; still recorded. */
  passThrough?: string;
}

/**
 * Answers every request of `context`: the host page and the built module on `options.hostOrigin`, the REST paths
 * with `answers`, and nothing else (other requests fail and are recorded, e.g. a payload reaching for
 * {@link EVIL_ORIGIN}; those to `options.passThrough` are recorded and sent on).
 *
 * @returns The URLs of the requests that went anywhere but the host page, the module and the three endpoints.
 */
export async function serveHostilePage(
  context: BrowserContext,
  answers: RestAnswers,
  options: HostileServeOptions = {},
): Promise<string[]> {
  const script = readFileSync(join(ROOT, 'dist', 'booking-reports.iife.js'));
  const hostOrigin = options.hostOrigin ?? HOST_ORIGIN;
  const strayRequests: string[] = [];
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.origin === hostOrigin && url.pathname === '/') {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: hostPage(hostOrigin),
      });
    }
    if (url.origin === hostOrigin && url.pathname === '/booking-reports.iife.js') {
      return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script });
    }
    const endpoint = url.origin === hostOrigin ? endpointOf(url.href) : undefined;
    const isIndex = url.origin === hostOrigin && url.pathname === REST_ROOT;
    if (endpoint || isIndex) {
      const answer = endpoint ? answers[endpoint] : answers.index;
      return route.fulfill({
        status: answer.status,
        headers: { 'content-type': answer.contentType, 'x-wp-nonce': 'hostile-nonce' },
        body: answer.body,
      });
    }
    if (url.pathname !== '/favicon.ico') strayRequests.push(url.href);
    if (url.origin === options.passThrough) return route.continue();
    return route.abort('blockedbyclient');
  });
  return strayRequests;
}

/**
 * Everything in the app's shadow DOM (and the host document) a payload could have left: script-capable or
 * embedding elements, `on*` attributes, `javascript:`/`data:` URLs, external `<use>`/`<image>` references,
 * animations of `href`, and `url()` in inline styles. One line per finding; none is the only good answer.
 */
export function findPayloadTraces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const findings: string[] = [];
    const forbiddenTags = new Set([
      'script',
      'iframe',
      'img',
      'image',
      'foreignobject',
      'object',
      'embed',
      'handler',
      'animate',
      'set',
      'animatemotion',
      'animatetransform',
      'discard',
      'feimage',
      'style',
      'math',
    ]);
    const roots: (Document | ShadowRoot)[] = [document];
    for (let index = 0; index < roots.length; index += 1) {
      const root = roots[index];
      if (!root) continue;
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
        const inApp = root !== document;
        const tag = element.localName.toLowerCase();
        // The host document's own <script> tags are the page's, not a payload's.
        if (inApp && forbiddenTags.has(tag)) findings.push(`<${tag}> in the app`);
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          // The URL parser ignores controls and spaces inside a scheme; so does this check.
          const value = [...attribute.value]
            .filter((character) => character.charCodeAt(0) > 0x20)
            .join('')
            .toLowerCase();
          if (name.startsWith('on')) findings.push(`${name}="${attribute.value}" on <${tag}>`);
          if (/^(javascript|data|vbscript):/.test(value))
            findings.push(`${name}="${attribute.value}" on <${tag}>`);
          if (name === 'style' && value.includes('url(')) findings.push(`style with url() on <${tag}>`);
          // Any other `url(` in the app must be a closed local one (`url(#gradient)`).
          if (
            inApp &&
            name !== 'style' &&
            /url\(|image-set\(/.test(value.replace(/url\((['"]?)#[\w.:-]*\1\)/g, ''))
          )
            findings.push(`${name}="${attribute.value}" on <${tag}>`);
          if (inApp && (name === 'href' || name === 'xlink:href') && /^(https?:)?\/\//.test(value)) {
            if (tag === 'use' || tag === 'image' || tag === 'feimage')
              findings.push(`external ${name} on <${tag}>`);
          }
        }
      }
    }
    return findings;
  });
}

/** Whether the page still runs script: a liveness check (a frozen tab never answers), not a timing. */
export async function isAlive(page: Page, patienceMs = 10_000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), patienceMs);
  });
  try {
    return await Promise.race([page.evaluate(() => 1 + 1 === 2), silence]);
  } finally {
    clearTimeout(timer);
  }
}
