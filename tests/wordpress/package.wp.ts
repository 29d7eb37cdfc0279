/**
 * The plugin's zip as WordPress gets it: every PHP file passes `php -l`, the layout WordPress and
 * load_script_textdomain() expect, the uploaded copy on the site is the zip's byte for byte and active, and none of
 * its PHP files does anything when a visitor requests it directly.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PLUGIN_FILE } from './admin';
import { launchBrowser, ourLogLines, session, site, sql, suite } from './support';

/** Every file under a folder, relative to it, sorted. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

describe('The plugin zip', () => {
  let unpacked: string;
  let files: string[];
  let browser: Browser;

  beforeAll(async () => {
    unpacked = mkdtempSync(join(tmpdir(), 'br-plugin-zip-'));
    execFileSync('unzip', ['-q', suite.zip, '-d', unpacked]);
    files = filesUnder(unpacked);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    rmSync(unpacked, { recursive: true, force: true });
    await browser?.close();
  });

  it('passes php -l on every PHP file', () => {
    const php = files.filter((file) => file.endsWith('.php'));
    expect(php).toEqual(
      expect.arrayContaining(['booking-reports/booking-reports.php', 'booking-reports/uninstall.php']),
    );
    for (const file of php) {
      const output = execFileSync('php', ['-l', join(unpacked, file)], { encoding: 'utf8' });
      expect(output).toContain('No syntax errors detected');
    }
  });

  it('holds one folder with the main file, the script and its translations named for load_script_textdomain()', () => {
    expect(new Set(files.map((file) => file.split('/')[0]))).toEqual(new Set(['booking-reports']));
    const md5 = createHash('md5').update('assets/booking-reports.js').digest('hex');
    expect(files).toEqual(
      expect.arrayContaining([
        'booking-reports/booking-reports.php',
        'booking-reports/uninstall.php',
        'booking-reports/readme.txt',
        'booking-reports/assets/booking-reports.js',
        `booking-reports/languages/booking-reports-de_DE-${md5}.json`,
      ]),
    );
    const header = readFileSync(join(unpacked, 'booking-reports/booking-reports.php'), 'utf8');
    expect(header).toMatch(/^\s*\*\s*Plugin Name:\s*Booking Reports$/m);
    expect(header).toMatch(/^\s*\*\s*Text Domain:\s*booking-reports$/m);
  });

  it('is installed on the site as the zip holds it, and active', async () => {
    const installed = join(site.folder, 'wp-content', 'plugins');
    expect(filesUnder(join(installed, 'booking-reports'))).toEqual(
      files.map((file) => file.slice('booking-reports/'.length)),
    );
    for (const file of files) {
      expect(readFileSync(join(installed, file)).equals(readFileSync(join(unpacked, file))), file).toBe(true);
    }
    const [active] = await sql<{ option_value: string } & RowDataPacket>(
      site,
      `SELECT option_value FROM ${site.prefix}options WHERE option_name = 'active_plugins'`,
    );
    expect(active?.option_value).toContain(`"${PLUGIN_FILE}"`);

    const { context, page } = await session(browser, 'admin');
    await page.goto(`${site.origin}/wp-admin/plugins.php`);
    const row = page.locator(`tr[data-plugin="${PLUGIN_FILE}"]`);
    await expect(row.getAttribute('class')).resolves.toMatch(/\bactive\b/);
    await expect(row.locator('.plugin-title strong').innerText()).resolves.toBe('Booking Reports');
    await context.close();
  });

  it('does nothing when a visitor requests one of its PHP files directly', async () => {
    const before = ourLogLines().length;
    for (const file of files.filter((name) => name.endsWith('.php'))) {
      const response = await fetch(`${site.origin}/wp-content/plugins/${file}`);
      expect([response.status, await response.text()], file).toEqual([200, '']);
    }
    expect(ourLogLines().slice(before)).toEqual([]);
  });

  it('leaves no PHP warning or error of the plugin in the debug log', () => {
    expect(ourLogLines()).toEqual([]);
  });
});
