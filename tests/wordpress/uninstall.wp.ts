/**
 * Deleting the plugin from wp-admin's Plugins screen (which runs its uninstall.php) leaves nothing of it in the
 * database, checked with SQL: no option or transient of ours, and no trace of its Dashboard widget in the users'
 * Dashboard layouts, which core wrote when the admin moved, collapsed and hid the widget. Then the zip installs and
 * activates again, so the suite's other files find the site as they expect in any order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { deletePlugin, installPlugin, PLUGIN_FILE } from './admin';
import {
  asShown,
  DASHBOARD,
  expectShown,
  launchBrowser,
  ourLogLines,
  REPORTS_SCREEN,
  reportsDashboard,
  session,
  site,
  siteDay,
  sql,
  standinNumbers,
  suite,
} from './support';

const WIDGET_ID = 'booking_reports_dashboard_widget';

type Row = RowDataPacket & { name: string; value: string };

/**
 * Options the site did not have before the plugin whose name says booking, or whose value names the plugin's prefix
 * (its widget id among them). `\_`: a literal underscore, not LIKE's any-character. Core's own record of the
 * deactivation (`recently_activated`, which names the plugin's file) is core's, and does not match.
 */
async function ourOptions(): Promise<Row[]> {
  const rows = await sql<Row>(
    site,
    `SELECT option_name AS name, option_value AS value FROM ${site.prefix}options
      WHERE option_name LIKE '%booking%' OR option_value LIKE '%booking\\_reports%'`,
  );
  return rows.filter((row) => !suite.optionsBefore.includes(row.name));
}

/** User meta whose key or value names the plugin's prefix (its widget id among them). */
function ourUserMeta(): Promise<Row[]> {
  return sql<Row>(
    site,
    `SELECT meta_key AS name, meta_value AS value FROM ${site.prefix}usermeta
      WHERE meta_key LIKE '%booking\\_reports%' OR meta_value LIKE '%booking\\_reports%'`,
  );
}

/** Waits for the admin-ajax call a Dashboard action makes. */
function ajax(page: Page, action: string): Promise<unknown> {
  return page.waitForResponse(
    (response) =>
      response.url().endsWith('/wp-admin/admin-ajax.php') &&
      response.request().postData()?.includes(`action=${action}`) === true,
  );
}

describe('Uninstall', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('deletes every option and user meta of the plugin when it is deleted from the Plugins screen', async () => {
    const { context, page } = await session(browser, 'admin');
    await page.goto(`${site.origin}${DASHBOARD}`);
    const widget = page.locator(`#${WIDGET_ID}`);
    // What a person does with a Dashboard box; core keeps each in the user's meta.
    await Promise.all([ajax(page, 'meta-box-order'), widget.locator('.handle-order-lower').click()]);
    await Promise.all([ajax(page, 'closed-postboxes'), widget.locator('.handlediv').click()]);
    await page.locator('#show-settings-link').click();
    await Promise.all([ajax(page, 'closed-postboxes'), page.locator(`#${WIDGET_ID}-hide`).uncheck()]);
    expect((await ourUserMeta()).map((row) => row.name).sort()).toEqual([
      'closedpostboxes_dashboard',
      'meta-box-order_dashboard',
      'metaboxhidden_dashboard',
    ]);

    await deletePlugin(page, site.origin);
    expect(existsSync(join(site.folder, 'wp-content', 'plugins', 'booking-reports'))).toBe(false);
    await page.goto(`${site.origin}/wp-admin/plugins.php`);
    await expect(page.locator(`tr[data-plugin="${PLUGIN_FILE}"]`).count()).resolves.toBe(0);

    expect(await ourOptions()).toEqual([]);
    expect(await ourUserMeta()).toEqual([]);
    // The layouts themselves stay, as core keeps them for the other boxes.
    const [hidden] = await sql<Row>(
      site,
      `SELECT meta_value AS value FROM ${site.prefix}usermeta WHERE meta_key = 'metaboxhidden_dashboard'`,
    );
    expect(hidden?.value).toMatch(/^a:\d+:\{/);
    await context.close();
  });

  it('installs and activates again from the zip, and shows its numbers', async () => {
    await installPlugin(() => browser.newContext(), site.origin, suite.zip);
    const { context, page } = await session(browser, 'admin');
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    await expectShown(reportsDashboard(page), asShown(standinNumbers(siteDay(-29), siteDay())));
    await context.close();
  });

  it('leaves no PHP warning or error of the plugin in the debug log', () => {
    expect(ourLogLines()).toEqual([]);
  });
});
