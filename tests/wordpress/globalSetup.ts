/**
 * One WordPress for the whole WordPress suite: builds the plugin zip (`npm run plugin`, which builds `dist/` when it
 * is stale), starts the site (`site.ts`), and installs and activates the zip through wp-admin's upload form, logged
 * in as the admin. The test files read the site with `inject('wordpress')`; the teardown stops everything by PID
 * and deletes the folders.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { launchChromium } from '../../scripts/chromium';
import { installPlugin } from './admin';
import { ROOT, sql, startWordPress } from './site';
import type { SiteInfo } from './site';

/** What the test files get. */
export interface WordPressSuite {
  site: SiteInfo;
  /** The zip that was installed. */
  zip: string;
  /** Every option name the site had before the plugin was installed. */
  optionsBefore: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The suite's WordPress. */
    wordpress: WordPressSuite;
  }
}

/**
 * `dist/plugin/booking-reports-<version>.zip`, freshly built; or the zip `BOOKING_REPORTS_ZIP` names (one built
 * elsewhere, or a changed one to check that the suite notices).
 */
function buildZip(): string {
  const given = process.env.BOOKING_REPORTS_ZIP;
  if (given) {
    if (!existsSync(given)) throw new Error(`BOOKING_REPORTS_ZIP=${given} does not exist`);
    return given;
  }
  execSync('npm run plugin', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const zip = join(ROOT, 'dist', 'plugin', `booking-reports-${version}.zip`);
  if (!existsSync(zip)) throw new Error(`npm run plugin did not write ${zip}`);
  return zip;
}

/** Starts the site and installs the plugin; the returned teardown stops and deletes it all. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const zip = buildZip();
  const wordpress = await startWordPress();
  try {
    const optionsBefore = (
      await sql<{ option_name: string } & RowDataPacket>(
        wordpress.info,
        `SELECT option_name FROM ${wordpress.info.prefix}options`,
      )
    ).map((row) => row.option_name);
    const browser = await launchChromium();
    try {
      await installPlugin(() => browser.newContext(), wordpress.info.origin, zip);
    } finally {
      await browser.close();
    }
    project.provide('wordpress', { site: wordpress.info, zip, optionsBefore });
  } catch (error) {
    await wordpress.stop();
    throw error;
  }
  return () => wordpress.stop();
}
