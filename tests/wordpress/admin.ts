/**
 * What a person does in wp-admin, done in Chromium: log in through wp-login.php, upload a plugin zip through
 * Plugins → Add New → Upload Plugin, activate it with the link WordPress prints (its nonce included), deactivate and
 * delete it from the Plugins screen. Used by the global setup and by the uninstall test.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from './site';
import type { UserLogin } from './site';

/** The plugin's file as WordPress names it (folder/main file). */
export const PLUGIN_FILE = 'booking-reports/booking-reports.php';

/**
 * Logs in as a browser does: GET wp-login.php (which sets the test cookie), then the form's POST of log, pwd and
 * testcookie=1. The context's cookie jar keeps what WordPress sets, each cookie on its own path.
 *
 * When WordPress answers the POST with its form again, the form is sent once more, and a second refusal throws with
 * what WordPress said: two clean-clone runs of 4 December 2026 timed out waiting for wp-admin after one submit (once
 * as a host, once as a subscriber, each logging in after another user), which said nothing about why.
 */
export async function logIn(context: BrowserContext, origin: string, user: UserLogin): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/wp-login.php`);
  for (let attempt = 1; ; attempt += 1) {
    await page.locator('#user_login').fill(user);
    await page.locator('#user_pass').fill(PASSWORD);
    const [answer] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      page.locator('#wp-submit').click(),
    ]);
    if (new URL(page.url()).pathname.startsWith('/wp-admin/')) return page;
    const said = (await page.locator('#login_error').allInnerTexts()).join(' ').trim();
    const why = `HTTP ${answer?.status() ?? '?'} at ${page.url()}: ${said || '(no #login_error)'}`;
    if (attempt === 2) throw new Error(`Logging in as ${user} failed twice; ${why}`);
    process.stderr.write(
      `Logging in as ${user}: WordPress sent its form back (${why}); sending it once more.\n`,
    );
  }
}

/** Uploads a plugin zip through wp-admin's upload form (update.php?action=upload-plugin, nonce from the form). */
export async function uploadPlugin(page: Page, origin: string, zip: string): Promise<void> {
  await page.goto(`${origin}/wp-admin/plugin-install.php?tab=upload`);
  await page.locator('#pluginzip').setInputFiles(zip);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/wp-admin/update.php', { waitUntil: 'domcontentloaded' }),
    page.locator('#install-plugin-submit').click(),
  ]);
  const result = await page.locator('.wrap').innerText();
  if (!/Plugin installed successfully/.test(result)) throw new Error(`Upload failed:\n${result}`);
}

/** Clicks the "Activate" link of the plugin's row on the Plugins screen and waits for "Plugin activated." */
export async function activatePlugin(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/wp-admin/plugins.php`);
  const row = page.locator(`tr[data-plugin="${PLUGIN_FILE}"]`);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/wp-admin/plugins.php' && url.searchParams.has('activate')),
    row.locator('.activate a').click(),
  ]);
}

/** Deactivates the plugin with its row's link, then deletes it with the "Delete" link (and confirms the dialog). */
export async function deletePlugin(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/wp-admin/plugins.php`);
  const row = page.locator(`tr[data-plugin="${PLUGIN_FILE}"]`);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has('deactivate')),
    row.locator('.deactivate a').click(),
  ]);
  page.once('dialog', (dialog) => void dialog.accept());
  // WordPress deletes through admin-ajax (wp.updates.deletePlugin), which runs uninstall.php.
  const deleted = page.waitForResponse(
    (response) =>
      response.url().endsWith('/wp-admin/admin-ajax.php') &&
      response.request().postData()?.includes('action=delete-plugin') === true,
  );
  await page.locator(`tr[data-plugin="${PLUGIN_FILE}"] .delete a`).click();
  const answer = (await (await deleted).json()) as { success: boolean; data?: unknown };
  if (!answer.success) throw new Error(`Deleting the plugin failed: ${JSON.stringify(answer.data)}`);
}

/** Installs and activates the zip as an administrator does it, in a fresh context of the browser. */
export async function installPlugin(
  newContext: () => Promise<BrowserContext>,
  origin: string,
  zip: string,
): Promise<void> {
  const context = await newContext();
  try {
    const page = await logIn(context, origin, 'admin');
    await uploadPlugin(page, origin, zip);
    await activatePlugin(page, origin);
  } finally {
    await context.close();
  }
}
