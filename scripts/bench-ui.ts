/**
 * `npm run bench:ui`: how fast the dashboard shows its numbers in a real browser, against the floor of a bare page.
 *
 * The reference backend runs in this process on loopback over temporary SQLite files holding the demo generator's
 * site (what `npm start` creates on a first run), twice: as `npm start` runs it, its admin page embedding the first
 * answers (`preloaded`), and with `--no-preload`, where the dashboard asks for them. Headless Chromium then opens,
 * each run in a fresh context (cold cache, like a first visit):
 * - the preloaded admin page, which loads the built `dist/booking-reports.iife.js` and mounts the dashboard in a
 *   shadow root; it must show its numbers without any request to `/reports*` (there is no response to wait for);
 * - the same page not preloaded, which fetches its three answers after mounting;
 * - the floor: a bare page on the same origin that fetches `/reports` (same range, same nonce) and prints the
 *   overview's numbers, nothing else.
 * Each page marks, in a `requestAnimationFrame` loop started before any of its scripts, the first frame in which the
 * overview's numbers are in the DOM (and for the dashboard, the first frame with the chart's ink on its canvas); times are
 * milliseconds since navigation start, beside the page's first byte (`responseStart`: the preloaded page's HTML
 * carries the answers, so the server's work moves there). The median of the runs is printed beside the floor's,
 * with their ratio.
 *
 * Then the leak check, on the preloaded page: JS heap after forced garbage collection once the dashboard first shows
 * its data, and again after 50 range switches (each waits for both answers and the numbers).
 *
 * Figures only; the run fails (exit 1) only when a page shows wrong numbers or none, or the preloaded page asks for
 * its first answers all the same.
 *
 * `npx tsx scripts/bench-ui.ts [--runs N] [--short] [--switches N]`; `--short` makes 5 runs the default. */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ReportsResponse } from '../src/api/types';
import { ENDPOINTS } from '../src/api/contract';
import { reportsParams } from '../src/api/endpoints';
import { DEFAULT_RANGE, RANGE_PRESETS, resolveRange } from '../src/lib/dates';
import { ADMIN_PAGE_PATH, buildServer, REST_ROOT } from '../server/app';
import type { SiteDatabase } from '../server/db/connection';
import {
  BENCH_TIMEZONE,
  flagValue,
  formatColumns,
  formatMs,
  median,
  openSeededDatabase,
  startBenchServer,
} from './benchSupport';
import type { BenchServer } from './benchSupport';
import { listenOnLoopback, login } from './localBackend';
import type { Session } from './localBackend';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BARE_PAGE_PATH = '/bench/bare';
/** Painted canvas pixels that count as a drawn chart (axes and labels alone are several thousand). */
const CHART_INK_PIXELS = 2000;

/** When a page first showed what it shows, ms since navigation start; `null` if never. */
interface Marks {
  numbers: number | null;
  chart: number | null;
  /** The first byte of the page's HTML (`responseStart`). */
  firstByte: number | null;
}

/** The pages measured: the dashboard as `npm start` serves it, the same with `--no-preload`, and the floor. */
type PageKind = 'preloaded' | 'requested' | 'bare';

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * The bare page: one fetch of `/reports` with the nonce, its numbers printed as the dashboard prints them (English
 * grouping). No framework, no styles, no other request.
 */
function barePage(session: Session, reportsQuery: string): string {
  const url = `${session.restUrl}${ENDPOINTS.reports}${reportsQuery ? `?${reportsQuery}` : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Four numbers</title></head>
<body><ul id="numbers"></ul>
<script>
fetch(${JSON.stringify(url)}, { headers: { 'X-WP-Nonce': ${JSON.stringify(session.nonce)} }, credentials: 'same-origin' })
  .then((response) => response.json())
  .then((body) => {
    const format = new Intl.NumberFormat('en-US');
    const list = document.getElementById('numbers');
    for (const widget of body.overview) {
      const item = document.createElement('li');
      item.className = 'bench-number';
      item.textContent = format.format(widget.number);
      list.append(item);
    }
  });
</script>
</body></html>`;
}

/**
 * Runs in the page before its own scripts: a `requestAnimationFrame` loop that notes the first frame showing the
 * overview's numbers (dashboard tiles inside the shadow root, or the bare page's list) and the first with ink on the chart.
 * Plain JavaScript in a string: a function handed over from here would carry the TypeScript runner's helpers.
 */
const MARKS_SCRIPT = `(() => {
  const marks = { numbers: null, chart: null, firstByte: null };
  window.__benchMarks = marks;
  const painted = (canvas) => {
    if (canvas.width === 0 || canvas.height === 0) return 0;
    const context = canvas.getContext('2d');
    if (!context) return 0;
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let index = 3; index < data.length; index += 4) if (data[index] > 0) count += 1;
    return count;
  };
  const check = () => {
    const host = document.querySelector('[data-booking-reports]');
    const root = (host && host.shadowRoot) || document;
    if (marks.numbers === null) {
      const values = [...root.querySelectorAll('.br-tile__value, .bench-number')];
      // Every widget the server sends (five on our backend), all at once: they come in one answer.
      if (values.length >= 4 && values.every((value) => /\\d/.test(value.textContent || ''))) {
        marks.numbers = performance.now();
      }
    }
    if (marks.chart === null) {
      const canvas = root.querySelector('.br-graph__canvas canvas');
      if (canvas && painted(canvas) > ${CHART_INK_PIXELS}) marks.chart = performance.now();
    }
    if (marks.firstByte === null) {
      const [navigation] = performance.getEntriesByType('navigation');
      if (navigation && navigation.responseStart > 0) marks.firstByte = navigation.responseStart;
    }
    const isBare = document.getElementById('numbers') !== null;
    if (marks.numbers === null || marks.firstByte === null || (!isBare && marks.chart === null)) {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();`;

async function waitForMarks(page: Page, needChart: boolean): Promise<Marks> {
  await page.waitForFunction(
    (chart) => {
      const marks = (window as unknown as { __benchMarks?: Marks }).__benchMarks;
      return (
        marks !== undefined &&
        marks.numbers !== null &&
        marks.firstByte !== null &&
        (!chart || marks.chart !== null)
      );
    },
    needChart,
    { timeout: 30_000 },
  );
  return page.evaluate(() => (window as unknown as { __benchMarks: Marks }).__benchMarks);
}

/** The overview numbers a page shows, in order. */
function shownNumbers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root: ParentNode = document.querySelector('[data-booking-reports]')?.shadowRoot ?? document;
    return [...root.querySelectorAll('.br-tile__value, .bench-number')].map((value) =>
      (value.textContent ?? '').trim(),
    );
  });
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
}

/** A wrong page: the benchmark's one way to fail. */
class WrongPage extends Error {}

/** The requests to `/reports*` a page sends from now on. */
function recordReportRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith(`${REST_ROOT}${ENDPOINTS.reports}`))
      urls.push(request.url());
  });
  return urls;
}

async function measurePage(
  browser: Browser,
  url: string,
  session: Session,
  expected: readonly string[],
  kind: PageKind,
): Promise<Marks> {
  const context = await newContext(browser);
  try {
    if (kind === 'bare') {
      const [name = '', ...value] = session.cookie.split('=');
      await context.addCookies([{ name, value: value.join('='), url: `${new URL(url).origin}/` }]);
    }
    const page = await context.newPage();
    await page.addInitScript({ content: MARKS_SCRIPT });
    const asked = recordReportRequests(page);
    await page.goto(url, { waitUntil: 'commit' });
    const marks = await waitForMarks(page, kind !== 'bare');
    const shown = await shownNumbers(page);
    if (shown.join(' ') !== expected.join(' ')) {
      throw new WrongPage(`The ${kind} page shows ${shown.join(', ')}; /reports says ${expected.join(', ')}`);
    }
    if (kind === 'preloaded' && asked.length > 0) {
      throw new WrongPage(`The preloaded page asked for its first answers all the same: ${asked.join(', ')}`);
    }
    if (kind !== 'preloaded' && asked.length === 0) {
      throw new WrongPage(`The ${kind} page showed its numbers without asking /reports`);
    }
    return marks;
  } finally {
    await context.close();
  }
}

/** JS heap in use after forced garbage collection, bytes. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    for (let pass = 0; pass < 3; pass += 1) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

const isApi = (url: string, endpoint: string): boolean =>
  new URL(url).pathname.replace(/\/$/, '') === `${REST_ROOT}${endpoint}`;

/** Heap after the first render and after `switches` range switches through the picker. */
async function leakCheck(
  browser: Browser,
  origin: string,
  switches: number,
): Promise<{ first: number; after: number }> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: MARKS_SCRIPT });
    await page.goto(`${origin}${ADMIN_PAGE_PATH}`);
    await waitForMarks(page, true);
    const first = await heapAfterGc(page);
    const presets = RANGE_PRESETS.filter((preset) => preset !== 'custom' && preset !== DEFAULT_RANGE.preset);
    const picker = page.locator('[data-booking-reports] .br-range-picker select').first();
    for (let index = 0; index < switches; index += 1) {
      // Every switch changes the range: the presets in turn, then back to the default.
      const preset =
        index % (presets.length + 1) === presets.length
          ? DEFAULT_RANGE.preset
          : presets[index % (presets.length + 1)];
      await Promise.all([
        page.waitForResponse((response) => isApi(response.url(), ENDPOINTS.reports) && response.ok()),
        page.waitForResponse((response) => isApi(response.url(), ENDPOINTS.graph) && response.ok()),
        picker.selectOption(preset ?? DEFAULT_RANGE.preset),
      ]);
      // Two frames: the answers are rendered and painted before the next switch.
      await page.evaluate(
        () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
      );
    }
    return { first, after: await heapAfterGc(page) };
  } finally {
    await context.close();
  }
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MB`;

/** The reference backend as `npm start` runs it: its admin page embeds the first answers. */
async function startPreloadingServer(site: SiteDatabase): Promise<BenchServer> {
  const app = await buildServer({
    site,
    timezone: BENCH_TIMEZONE,
    startOfWeek: 1,
    secret: 'benchmark-secret',
    quiet: true,
    preload: true,
  });
  return { origin: await listenOnLoopback(app), app, close: () => app.close() };
}

/** The overview numbers of the `/reports` answer for the first range, as an English page prints them. */
async function expectedNumbers(session: Session, reportsQuery: string): Promise<string[]> {
  const answer = await fetch(`${session.restUrl}${ENDPOINTS.reports}?${reportsQuery}`, {
    headers: { cookie: session.cookie, 'x-wp-nonce': session.nonce },
  });
  const body = (await answer.json()) as ReportsResponse;
  const format = new Intl.NumberFormat('en-US');
  return body.overview.map((widget) => format.format(widget.number));
}

async function main(argv: readonly string[]): Promise<number> {
  const runs = Math.max(1, Number(flagValue(argv, '--runs') ?? (argv.includes('--short') ? 5 : 10)));
  const switches = Math.max(1, Number(flagValue(argv, '--switches') ?? 50));
  if (!existsSync(join(ROOT, 'dist', 'booking-reports.iife.js'))) {
    say('Building the dashboard (npm run build)…');
    execSync('npm run build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const now = Date.now();
  const reportsQuery = new URLSearchParams(
    reportsParams(
      resolveRange(DEFAULT_RANGE, { timezone: BENCH_TIMEZONE, startOfWeek: 1 }, now).reportsQuery,
    ),
  ).toString();
  // The same generated site twice (the generator is deterministic for a `now`): one server each.
  const preloadedDatabase = await openSeededDatabase({ now });
  const requestedDatabase = await openSeededDatabase({ now });
  let session: Session | undefined;
  const preloadedServer = await startPreloadingServer(preloadedDatabase.site);
  const requestedServer = await startBenchServer(requestedDatabase.site, (app) => {
    app.get(BARE_PAGE_PATH, async (_request, reply) => {
      if (!session) return reply.code(503).send('Not logged in yet');
      return reply.header('content-type', 'text/html; charset=utf-8').send(barePage(session, reportsQuery));
    });
  });
  const browser = await launchChromium();
  try {
    session = await login(requestedServer);
    const expected = await expectedNumbers(session, reportsQuery);
    const preloadedExpected = await expectedNumbers(await login(preloadedServer), reportsQuery);
    if (preloadedExpected.join(' ') !== expected.join(' ')) {
      throw new WrongPage(
        `The two servers answer ${preloadedExpected.join(', ')} and ${expected.join(', ')}`,
      );
    }

    const urls: Record<PageKind, string> = {
      preloaded: `${preloadedServer.origin}${ADMIN_PAGE_PATH}`,
      requested: `${requestedServer.origin}${ADMIN_PAGE_PATH}`,
      bare: `${requestedServer.origin}${BARE_PAGE_PATH}`,
    };
    const kinds: readonly PageKind[] = ['preloaded', 'requested', 'bare'];
    const measured: Record<PageKind, Marks[]> = { preloaded: [], requested: [], bare: [] };
    // One throwaway round warms the servers and the browser process; then each run starts with the next page.
    for (const kind of kinds) await measurePage(browser, urls[kind], session, expected, kind);
    for (let run = 0; run < runs; run += 1) {
      say(`Run ${run + 1}/${runs}…`);
      for (let index = 0; index < kinds.length; index += 1) {
        const kind = kinds[(run + index) % kinds.length]!;
        measured[kind].push(await measurePage(browser, urls[kind], session, expected, kind));
      }
    }
    say(`Leak check: ${switches} range switches…`);
    const heap = await leakCheck(browser, preloadedServer.origin, switches);

    const values = (kind: PageKind, mark: keyof Marks): number[] =>
      measured[kind].map((marks) => marks[mark] ?? Number.NaN);
    const floor = median(values('bare', 'numbers'));
    const spread = (samples: number[]): string =>
      `${formatMs(Math.min(...samples))} – ${formatMs(Math.max(...samples))}`;
    const row = (label: string, kind: PageKind, mark: 'numbers' | 'chart'): string[] => {
      const samples = values(kind, mark);
      return [
        label,
        formatMs(median(values(kind, 'firstByte'))),
        formatMs(median(samples)),
        spread(samples),
        `${(median(samples) / floor).toFixed(2)}×`,
      ];
    };
    const lines = [
      `== bench:ui — headless Chromium ${browser.version()}, reference backend on loopback, demo site, cold cache`,
      `   median of ${runs} runs, ms from navigation start to the first frame showing it (first byte: the HTML's)`,
      '',
      formatColumns([
        ['Page', 'First byte', 'Median', 'Range', '× floor'],
        row('Dashboard, preloaded: the numbers', 'preloaded', 'numbers'),
        row('Dashboard, preloaded: chart drawn', 'preloaded', 'chart'),
        row('Dashboard, not preloaded: the numbers', 'requested', 'numbers'),
        row('Dashboard, not preloaded: chart drawn', 'requested', 'chart'),
        row('Floor: bare fetch-and-print page', 'bare', 'numbers'),
      ]),
      '',
      `== Leak check (preloaded page): JS heap after forced GC`,
      `   after the first render ${mb(heap.first)}, after ${switches} range switches ${mb(heap.after)} ` +
        `(${heap.after >= heap.first ? '+' : '−'}${mb(Math.abs(heap.after - heap.first))}, ` +
        `${(heap.after / heap.first).toFixed(2)}×)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await browser.close();
    await preloadedServer.close();
    await requestedServer.close();
    await preloadedDatabase.dispose();
    await requestedDatabase.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(
      error instanceof WrongPage
        ? `Wrong page: ${error.message}`
        : String(error instanceof Error ? error.stack : error),
    );
    process.exitCode = 1;
  },
);
