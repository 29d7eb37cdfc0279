/**
 * `npm run bench:wp`: how fast the Reports screen shows its numbers inside a real wp-admin, against the floor of a
 * wp-admin page that only fetches `/reports` and prints the four numbers.
 *
 * Sets up the WordPress of the WordPress suite (`tests/wordpress/site.ts`: Debian's WordPress on PHP's built-in
 * server with 4 workers, a private MariaDB, the booking plugin's stand-in), builds the plugin zip and installs it
 * through wp-admin's upload form. Then, logged in as the admin, for each of "preloaded" (the plugin's default) and
 * "not preloaded" (`booking_reports_preload` returning false), `--runs` cold loads (a fresh browser context each,
 * so no cache; the login's cookies carried over) of:
 * - the Reports screen (wp-admin/admin.php?page=booking-reports), and
 * - the floor: the stand-in's "Bench floor" admin page, the same wp-admin chrome, whose inline script fetches
 *   `/reports` for the same range with the nonce and prints the four numbers.
 * Each page marks, in a `requestAnimationFrame` loop started before any of its scripts, the first frame in which
 * four numbers are in the DOM (the dashboard's inside its shadow root); times are from navigation start. Prints the
 * median and range of each, and their ratio.
 *
 * Figures only: the run fails (exit 1) only when a page shows other numbers than the stand-in answers, or none.
 *
 * `npx tsx scripts/bench-wp.ts [--runs N]` (default 10)
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium';
import { flagValue, formatMs, median } from './benchSupport';
import { installPlugin, logIn } from '../tests/wordpress/admin';
import { ROOT, setOptions, startWordPress } from '../tests/wordpress/site';
import type { SiteInfo } from '../tests/wordpress/site';
import { asShown, siteDay, standinNumbers } from '../tests/wordpress/standin';

const REPORTS_SCREEN = '/wp-admin/admin.php?page=booking-reports';
const FLOOR_PAGE = '/wp-admin/admin.php?page=booking-standin-floor';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Runs in the page before its own scripts: notes the first animation frame showing four numbers (the dashboard's
 * tiles inside its shadow root, or the floor's list). Plain JavaScript in a string: a function handed over from here
 * would carry the TypeScript runner's helpers.
 */
const MARKS_SCRIPT = `(() => {
  window.__benchNumbers = null;
  const check = () => {
    const host = document.querySelector('[data-booking-reports]');
    const root = (host && host.shadowRoot) || document;
    const values = [...root.querySelectorAll('.br-tile__value, .bench-number')];
    if (values.length === 4 && values.every((value) => /\\d/.test(value.textContent || ''))) {
      window.__benchNumbers = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/** A wrong page: the benchmark's one way to fail. */
class WrongPage extends Error {}

/** One cold load's times, ms from navigation start. */
interface Load {
  /** The first frame with the four numbers. */
  numbers: number;
  /** The page's first byte (PHP's time to start answering). */
  firstByte: number;
  /** The page's last byte. */
  htmlDone: number;
}

/** One cold load of `url`, its numbers checked against `expected`. */
async function measure(
  browser: Browser,
  state: StorageState,
  url: string,
  expected: string[],
): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    storageState: state,
  });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: MARKS_SCRIPT });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __benchNumbers: number | null }).__benchNumbers !== null,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const shown = await page.evaluate(() => {
      const root: ParentNode = document.querySelector('[data-booking-reports]')?.shadowRoot ?? document;
      return [...root.querySelectorAll('.br-tile__value, .bench-number')].map((value) =>
        (value.textContent ?? '').trim(),
      );
    });
    if (shown.join(' ') !== expected.join(' ')) {
      throw new WrongPage(`${url} shows ${shown.join(', ')}; the stand-in answers ${expected.join(', ')}`);
    }
    // Awaited here: the context closes in `finally`, which a returned promise would not wait for.
    return await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        numbers: (window as unknown as { __benchNumbers: number }).__benchNumbers,
        firstByte: navigation.responseStart,
        htmlDone: navigation.responseEnd,
      };
    });
  } finally {
    await context.close();
  }
}

function summary(loads: Load[]): string {
  const times = loads.map((load) => load.numbers);
  return (
    `median ${formatMs(median(times))} (${formatMs(Math.min(...times))} – ${formatMs(Math.max(...times))}), ` +
    `HTML first byte ${formatMs(median(loads.map((load) => load.firstByte)))}, ` +
    `last byte ${formatMs(median(loads.map((load) => load.htmlDone)))}`
  );
}

async function runMode(
  browser: Browser,
  site: SiteInfo,
  state: StorageState,
  runs: number,
  expected: string[],
): Promise<{ screen: Load[]; floor: Load[] }> {
  const screen: Load[] = [];
  const floor: Load[] = [];
  // Warm PHP's OPcache and the site's rewrite rules once, outside the figures.
  await measure(browser, state, `${site.origin}${REPORTS_SCREEN}`, expected);
  await measure(browser, state, `${site.origin}${FLOOR_PAGE}`, expected);
  for (let run = 0; run < runs; run += 1) {
    // Interleaved, so a slow moment of the shared machine hits both alike.
    screen.push(await measure(browser, state, `${site.origin}${REPORTS_SCREEN}`, expected));
    floor.push(await measure(browser, state, `${site.origin}${FLOOR_PAGE}`, expected));
  }
  return { screen, floor };
}

async function main(argv: readonly string[]): Promise<number> {
  const runs = Math.max(1, Number(flagValue(argv, '--runs') ?? 10));
  say('Building the plugin zip (npm run plugin)…');
  execSync('npm run plugin', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const zip = join(ROOT, 'dist', 'plugin', `booking-reports-${version}.zip`);
  if (!existsSync(zip)) throw new Error(`npm run plugin did not write ${zip}`);

  say('Starting WordPress…');
  const wordpress = await startWordPress();
  const browser = await launchChromium();
  try {
    const site = wordpress.info;
    await installPlugin(() => browser.newContext(), site.origin, zip);
    const login = await browser.newContext();
    await logIn(login, site.origin, 'admin');
    const state = await login.storageState();
    await login.close();

    // The default range, the last 30 days, in the site's timezone; the tiles' order is the answer's.
    const numbers = standinNumbers(siteDay(-29), siteDay());
    const shown = asShown(numbers);
    const expected = [shown.all, shown.completed, shown.cancelled, shown.guests].map(String);

    const results: Record<string, { screen: Load[]; floor: Load[] }> = {};
    for (const [mode, preloadOff] of [
      ['preloaded', null],
      ['not preloaded', 1],
    ] as const) {
      await setOptions(site, { br_test_preload_off: preloadOff });
      say(`${mode}: ${runs} cold loads of each page…`);
      results[mode] = await runMode(browser, site, state, runs, expected);
    }

    process.stdout.write(
      `WordPress ${readFileSync(join(site.folder, 'wp-includes', 'version.php'), 'utf8').match(/\$wp_version = '([^']+)'/)?.[1] ?? '?'}, ` +
        `PHP built-in server (4 workers), Chromium headless; median of ${runs} cold loads, ms from navigation start\n`,
    );
    for (const [mode, loads] of Object.entries(results)) {
      const screen = loads.screen.map((load) => load.numbers);
      const floor = loads.floor.map((load) => load.numbers);
      process.stdout.write(
        `Reports screen, ${mode}: numbers visible after ${Math.round(median(screen))} ms, ` +
          `floor page ${Math.round(median(floor))} ms (${(median(screen) / median(floor)).toFixed(2)}× the floor)\n` +
          `  screen ${summary(loads.screen)}\n  floor  ${summary(loads.floor)}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof WrongPage) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await browser.close();
    await wordpress.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
