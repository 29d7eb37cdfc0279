/**
 * A user whose profile language is German (user meta `locale` = de_DE) on an English site: wp-admin speaks German
 * (core's own de_DE files), and the dashboard shows the German strings WordPress itself found for the plugin's
 * script (load_script_textdomain(), the zip's languages/ file) and German number formats.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import {
  asShown,
  expectShown,
  launchBrowser,
  ourLogLines,
  printedConfig,
  REPORTS_SCREEN,
  reportsDashboard,
  session,
  site,
  siteDay,
  standinNumbers,
  suite,
} from './support';

/** The German messages of the zip's translation file for the script, as `wp i18n make-json` names it. */
function zipTranslations(): Record<string, string[]> {
  const md5 = createHash('md5').update('assets/booking-reports.js').digest('hex');
  const json = execFileSync(
    'unzip',
    ['-p', suite.zip, `booking-reports/languages/booking-reports-de_DE-${md5}.json`],
    { encoding: 'utf8' },
  );
  return (JSON.parse(json) as { locale_data: { messages: Record<string, string[]> } }).locale_data.messages;
}

/** The panel headings and the range picker's options a dashboard shows. */
async function labels(dashboard: Locator): Promise<string[]> {
  await expect.poll(() => dashboard.locator('.br-panel__title').count()).toBeGreaterThan(2);
  const headings = await dashboard.locator('.br-panel__title').allInnerTexts();
  const options = await dashboard
    .locator('.br-range-picker select')
    .first()
    .locator('option')
    .allInnerTexts();
  return [...headings, ...options].map((text) => text.trim());
}

describe('Reports screen for a German-speaking user', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the plugin's German strings as WordPress loaded them, and German numbers", async () => {
    const english = await session(browser, 'admin');
    await english.page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const englishLabels = await labels(reportsDashboard(english.page));
    await english.context.close();

    const { context, page, errors } = await session(browser, 'german');
    await page.goto(`${site.origin}${REPORTS_SCREEN}`);
    const dashboard = reportsDashboard(page);
    await expectShown(dashboard, asShown(standinNumbers(siteDay(-29), siteDay()), 'de-DE'));

    // wp-admin itself is German: core's language files, the user's locale.
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de-DE');
    await expect(page.locator('#menu-settings .wp-menu-name').innerText()).resolves.toBe('Einstellungen');
    // The plugin's PHP strings come from the zip's languages/booking-reports-de_DE.mo (load_plugin_textdomain()).
    await expect(page.locator('.wrap > h1').first().innerText()).resolves.toBe('Berichte');
    await expect(
      page.locator('#toplevel_page_fluent-booking a[href$="page=booking-reports"]').innerText(),
    ).resolves.toBe('Berichte');

    // The page hands the dashboard what load_script_textdomain() read: the zip's de_DE file for the script.
    const messages = zipTranslations();
    const config = await printedConfig(page);
    expect(config.locale).toBe('de_DE');
    expect(config.translations?.locale_data?.messages).toEqual(messages);

    // Every heading and range name the English dashboard shows is shown in German, as that file translates it.
    // A message with a context (Jed's `context\u0004message` key) counts as a translation of its message.
    const german = (label: string): string | undefined =>
      (messages[label] ?? Object.entries(messages).find(([key]) => key.endsWith(`\u0004${label}`))?.[1])?.[0];
    const expected = englishLabels.map((label) => german(label) ?? `(no German for "${label}")`);
    expect(expected.filter((label) => label.startsWith('(no German'))).toEqual([]);
    expect(await labels(dashboard)).toEqual(expected);
    expect(expected).toContain('Buchungen im Zeitverlauf');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('titles the Dashboard widget in German and links to the Reports screen in German', async () => {
    const { context, page } = await session(browser, 'german');
    await page.goto(`${site.origin}/wp-admin/index.php`);
    const widget = page.locator('#booking_reports_dashboard_widget');
    await expect(widget.locator('h2').first().innerText()).resolves.toBe('Buchungsberichte');
    await expect(widget.locator('a[href$="page=booking-reports"]').innerText()).resolves.toBe(
      'Alle Berichte ansehen',
    );
    await context.close();
  });

  it('leaves no PHP warning or error of the plugin in the debug log', () => {
    expect(ourLogLines()).toEqual([]);
  });
});
